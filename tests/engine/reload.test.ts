import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.ts';
import { watchSnapshot } from '../../src/engine/reload.ts';
import { writeSnapshot } from '../../src/index/snapshot.ts';
import type { LogEntry } from '../../src/logger.ts';
import { article, loadedFrom, newsArticles } from '../helpers/engine.ts';
import { makeTemp, removeTemp } from '../helpers/temp-corpus.ts';

describe('live snapshot reloads', () => {
  let dir: string;
  let path: string;
  const closers: (() => void)[] = [];

  beforeEach(async () => {
    dir = await makeTemp();
    path = join(dir, 'index.snapshot');
    const first = loadedFrom(newsArticles());
    await writeSnapshot(path, first.index, first.info);
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) close();
    await removeTemp(dir);
  });

  /** An engine on the snapshot with a watcher; resolves each reload outcome in turn. */
  async function watched() {
    const engine = createEngine(loadedFrom(newsArticles()));
    const log: LogEntry[] = [];
    const outcomes: { ok: boolean; message?: string }[] = [];
    let wake = () => {};
    const watcher = watchSnapshot(engine, path, {
      log: (entry) => log.push(entry),
      debounceMs: 20,
      onReload: (outcome) => {
        outcomes.push(outcome);
        wake();
      },
    });
    closers.push(() => watcher.close());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = () =>
      new Promise<{ ok: boolean; message?: string }>((resolve) => {
        wake = () => resolve(outcomes[outcomes.length - 1] ?? { ok: false });
      });
    return { engine, log, next };
  }

  it('swaps in a snapshot that `newsdesk index` rewrites', async () => {
    const { engine, log, next } = await watched();
    const reloaded = next();
    const smaller = loadedFrom([article('a/1', 'Only one', 'Just one article now.')]);
    await writeSnapshot(path, smaller.index, smaller.info);
    expect(await reloaded).toMatchObject({ ok: true, ms: expect.any(Number) });
    expect(engine.current().index.store.count).toBe(1);
    expect(log.find((entry) => entry.event === 'snapshot-reloaded')).toMatchObject({ articles: 1 });
  });

  it('keeps the serving index when the new snapshot is corrupt, and says so', async () => {
    const { engine, log, next } = await watched();
    const rejected = next();
    await writeFile(path, 'NEWSDESK-SNAPSHOT\n{"formatVersion": 2, truncated');
    const outcome = await rejected;
    expect(outcome.ok).toBe(false);
    expect(engine.current().index.store.count).toBe(25);
    const entry = log.find((e) => e.event === 'snapshot-rejected');
    expect(entry?.message).toMatch(/index.snapshot: truncated inside the header/);
    expect(entry?.kept).toBe('the serving index');
  });

  it('ignores other files in the folder', async () => {
    const { engine, log } = await watched();
    await writeFile(join(dir, 'other.txt'), 'unrelated');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(log).toEqual([]);
    expect(engine.current().index.store.count).toBe(25);
  });
});
