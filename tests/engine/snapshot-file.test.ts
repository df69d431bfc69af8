/**
 * Search workers read a loaded snapshot's stored text through the descriptor
 * the main thread opened, keep reading the file they were given after a
 * rebuild renames a new one over the path, and the engine closes a replaced
 * snapshot's file only once every worker has moved to the next.
 */
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import { type LoadedSnapshot, readSnapshot, writeSnapshot } from '../../src/index/snapshot.ts';
import type { Article } from '../../src/types.ts';
import { article, loadedFrom, newsArticles } from '../helpers/engine.ts';
import { makeTemp, removeTemp } from '../helpers/temp-corpus.ts';

const ZEPPELIN = article(
  'air/zeppelin',
  'Zeppelin returns',
  'A zeppelin flew over the port at dawn.',
);

describe('an engine serving a snapshot file', () => {
  let dir: string;
  let path: string;
  let engine: Engine | undefined;

  beforeEach(async () => {
    dir = await makeTemp();
    path = join(dir, 'index.snapshot');
  });
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
    await removeTemp(dir);
  });

  /** `articles` written as a snapshot at `path` (through a temporary file renamed over it). */
  async function written(articles: readonly Article[]): Promise<void> {
    const { index, info } = loadedFrom(articles);
    const temporary = join(dir, 'next.snapshot');
    await writeSnapshot(temporary, index, info);
    await rename(temporary, path);
  }

  /** `loaded` with its file's `close` watched. */
  function watched(loaded: LoadedSnapshot): { loaded: LoadedSnapshot; close: () => number } {
    const file = loaded.file;
    if (!file) throw new Error('the loaded snapshot has no file');
    const close = vi.fn(() => file.close());
    return {
      loaded: { ...loaded, file: { fd: file.fd, bytes: file.bytes, close } },
      close: () => close.mock.calls.length,
    };
  }

  it('answers articles read by its workers through the shared descriptor', async () => {
    await written(newsArticles());
    const loaded = await readSnapshot(path);
    expect(loaded.index.store.text.file).toBeDefined();
    engine = createEngine(loaded, { workers: { size: 2 } });
    await engine.ready();
    for (const expected of newsArticles()) {
      expect((await engine.article(expected.id, '')).article).toEqual(expected);
    }
  });

  it('keeps answering from the old file after a rebuild renames a new one over it, then from the new one', async () => {
    await written(newsArticles());
    const first = watched(await readSnapshot(path));
    engine = createEngine(first.loaded, { workers: { size: 2 } });
    await engine.ready();
    await written([ZEPPELIN]);
    const [some] = newsArticles();
    if (!some) throw new Error('no articles');
    expect((await engine.article(some.id, '')).article).toEqual(some);
    engine.replace(await readSnapshot(path));
    await engine.ready();
    expect((await engine.article(ZEPPELIN.id, '')).article).toEqual(ZEPPELIN);
    await vi.waitFor(() => expect(first.close()).toBe(1));
  });

  it('closes a replaced snapshot’s file only after every worker has loaded the next', async () => {
    await written(newsArticles());
    const first = watched(await readSnapshot(path));
    engine = createEngine(first.loaded, { workers: { size: 2 } });
    await engine.ready();
    await written([ZEPPELIN]);
    engine.replace(await readSnapshot(path));
    // The workers answer the load in turn: the file cannot have been closed before this turn.
    expect(first.close()).toBe(0);
    await engine.ready();
    await vi.waitFor(() => expect(first.close()).toBe(1));
  });

  it('without workers, closes the replaced file at once and the served one when closed', async () => {
    await written(newsArticles());
    const first = watched(await readSnapshot(path));
    engine = createEngine(first.loaded);
    await written([ZEPPELIN]);
    const second = watched(await readSnapshot(path));
    engine.replace(second.loaded);
    expect(first.close()).toBe(1);
    expect((await engine.article(ZEPPELIN.id, '')).article).toEqual(ZEPPELIN);
    await engine.close();
    engine = undefined;
    expect(second.close()).toBe(1);
  });
});
