import { execFile } from 'node:child_process';
import type { Server } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.ts';
import { watchSnapshot } from '../../src/engine/reload.ts';
import { rebuild } from '../../src/index/rebuild.ts';
import { readSnapshot } from '../../src/index/snapshot.ts';
import type { LogEntry } from '../../src/logger.ts';
import { createApp } from '../../src/server/app.ts';
import { listen, serverUrl, shutdown } from '../../src/server/listen.ts';
import { BIN } from '../helpers/serve-process.ts';
import { makeTemp, removeTemp, writeTextArticles } from '../helpers/temp-corpus.ts';

const PATHS = [
  '/api/search?q=oil',
  '/search?q=election&sort=newest',
  '/api/stats',
  '/',
  '/api/suggest?q=oi',
];

describe('rebuilding while the server answers', () => {
  let dir: string;
  let server: Server;
  let url: string;
  const log: LogEntry[] = [];
  let watcher: { close(): void };

  beforeAll(async () => {
    dir = await makeTemp();
    await writeTextArticles(join(dir, 'corpus'), 'wire', 40);
    const snapshot = join(dir, 'index.snapshot');
    await rebuild({ corpus: join(dir, 'corpus'), out: snapshot });
    const engine = createEngine(await readSnapshot(snapshot));
    server = await listen(createApp(engine), { port: 0, host: '127.0.0.1' });
    url = serverUrl(server).replace(/\/$/, '');
    watcher = watchSnapshot(engine, snapshot, { log: (entry) => log.push(entry), debounceMs: 50 });
  });
  afterAll(async () => {
    watcher.close();
    await shutdown(server, 1000);
    await removeTemp(dir);
  });

  it('fails no request and serves the new article count afterwards', async () => {
    const failures: string[] = [];
    let requests = 0;
    let running = true;
    const worker = async (offset: number) => {
      for (let i = offset; running; i++) {
        const path = PATHS[i % PATHS.length] ?? '/';
        try {
          const response = await fetch(`${url}${path}`);
          await response.arrayBuffer();
          if (response.status !== 200) failures.push(`${path}: ${response.status}`);
        } catch (error) {
          failures.push(`${path}: ${String(error)}`);
        }
        requests++;
      }
    };
    const workers = [0, 1, 2, 3].map(worker);
    await writeTextArticles(join(dir, 'corpus'), 'late', 25);
    await promisify(execFile)(process.execPath, [
      BIN,
      'index',
      '--corpus',
      join(dir, 'corpus'),
      '--out',
      join(dir, 'index.snapshot'),
      '--quiet',
    ]);
    const deadline = Date.now() + 20_000;
    let articles = 0;
    while (Date.now() < deadline) {
      articles = ((await (await fetch(`${url}/api/stats`)).json()) as { articles: number })
        .articles;
      if (articles === 65) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const settle = requests + 40;
    while (requests < settle) await new Promise((resolve) => setTimeout(resolve, 10));
    running = false;
    await Promise.all(workers);
    expect(articles).toBe(65);
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(100);
    expect(log.filter((entry) => entry.event === 'snapshot-reloaded').length).toBeGreaterThan(0);
    const found = (await (await fetch(`${url}/api/search?q=late`)).json()) as { total: number };
    expect(found.total).toBe(25);
  });
});
