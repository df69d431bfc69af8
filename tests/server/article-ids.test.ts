/**
 * Article ids that look like paths: each is looked up in the in-memory index
 * and nowhere else. Every function of node:fs and node:fs/promises that takes
 * a path is spied on, and the ES module bindings are re-synced to the spies, so
 * a read from anywhere (the app's code, Express's sendFile, EJS) is recorded;
 * the test proves that by catching the reads it expects (templates, assets).
 */
import fs from 'node:fs';
import { readFile } from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { engineOver, newsArticles } from '../helpers/engine.ts';
import { listenRaw, type RawServer } from '../helpers/raw-http.ts';

const VIEWS = resolve(import.meta.dirname, '../../views');

/** fs functions that open, read, list or look at a path. */
const PATH_FUNCTIONS =
  /^(open|read|stat|lstat|access|exists|createReadStream|realpath|opendir|readlink|copyFile|cp|watch|glob)/;

type Spy = MockInstance<(...args: unknown[]) => unknown>;

/** Spies on every path-taking function of `fs` and `fs.promises`, named imports included. */
function spyOnFileSystem(): { take(): string[]; restore(): void } {
  const spies: Spy[] = [];
  for (const target of [fs, fs.promises]) {
    const functions = target as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of Object.keys(target)) {
      if (PATH_FUNCTIONS.test(name) && typeof functions[name] === 'function') {
        spies.push(vi.spyOn(functions, name));
      }
    }
  }
  syncBuiltinESMExports();
  return {
    take: () => {
      const paths = spies.flatMap((spy) => spy.mock.calls.map((call) => call[0]));
      for (const spy of spies) spy.mockClear();
      return paths.filter((path) => typeof path !== 'number').map(String);
    },
    restore: () => {
      for (const spy of spies) spy.mockRestore();
      syncBuiltinESMExports();
    },
  };
}

/** Ids that name files outside any index, percent-encoded or raw as a browser would never send. */
const PATH_LIKE_IDS = [
  '..',
  '../..',
  '%2e%2e',
  '%2E%2E%2F',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '../../../../../../etc/passwd',
  '..%2F..%2F..%2Fetc%2Fpasswd',
  '....//',
  '....//....//etc/passwd',
  '%00',
  'wire/001%00',
  '%00../../etc/passwd',
  '/etc/passwd',
  '%2Fetc%2Fpasswd',
  '%2F%2Fetc%2Fpasswd',
  '..\\..\\windows\\win.ini',
  '..%5C..%5Cwindows%5Cwin.ini',
  'C:\\',
  'C:%5CWindows%5Csystem.ini',
  'file:%2F%2F%2Fetc%2Fpasswd',
  '~%2F.ssh%2Fid_rsa',
  '.newsdesk/index.snapshot',
  'package.json',
  '../package.json',
  '..%2Fpackage.json',
  '%252e%252e%252fpackage.json',
  `${'a'.repeat(3900)}`,
  `${'../'.repeat(1300)}etc/passwd`,
];

let server: RawServer;
let files: ReturnType<typeof spyOnFileSystem>;

beforeAll(async () => {
  server = await listenRaw(createApp(engineOver(newsArticles())));
  files = spyOnFileSystem();
});
afterAll(async () => {
  files.restore();
  await server.close();
});

describe('article ids that look like paths', () => {
  it.each(PATH_LIKE_IDS)('%s answers 404 from the API without touching a file', async (id) => {
    files.take();
    const response = await server.send(`/api/articles/${id}`);
    expect(response.status).toBe(404);
    expect(JSON.parse(response.body)).toMatchObject({
      error: { code: 'NOT_FOUND', parameter: 'id' },
    });
    expect(files.take()).toEqual([]);
  });

  it.each(PATH_LIKE_IDS)('%s answers the 404 page, reading only its templates', async (id) => {
    files.take();
    const response = await server.send(`/article/${id}?q=oil`);
    expect(response.status).toBe(404);
    expect(response.body).toContain('class="error-page"');
    expect(response.body).not.toMatch(/root:x:0:0|"name": "newsdesk"/);
    // Templates are read once, when first rendered: here, by the first of these requests.
    for (const path of files.take()) expect(path.startsWith(`${VIEWS}/`), path).toBe(true);
  });

  it('answers 414 for an id that makes the URL too long, before any lookup', async () => {
    files.take();
    for (const prefix of ['/article/', '/api/articles/']) {
      expect((await server.send(`${prefix}${'a'.repeat(5000)}`)).status).toBe(414);
    }
  });

  it('has a spy that would catch a read: assets, templates and direct reads are recorded', async () => {
    files.take();
    expect((await server.send('/assets/style.css')).status).toBe(200);
    expect(files.take()).toContain(resolve(VIEWS, 'assets/style.css'));
    expect((await server.send('/api/articles/wire/001')).status).toBe(200);
    expect(files.take()).toEqual([]);
    expect((await server.send('/article/wire/001')).status).toBe(200);
    expect(files.take()).toContain(resolve(VIEWS, 'article.ejs'));
    await readFile(resolve(VIEWS, 'home.ejs'));
    fs.statSync(VIEWS);
    expect(files.take().sort()).toEqual([VIEWS, resolve(VIEWS, 'home.ejs')]);
  });
});
