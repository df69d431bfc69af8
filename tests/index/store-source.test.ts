/**
 * The stored text read from a file (`store-source.ts`) against the same text
 * in memory, each block checked against its CRC-32 when read, and a snapshot's
 * descriptor reading the file it opened after another is renamed over it.
 */
import { closeSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNewsdeskError } from '../../src/errors.ts';
import { readSnapshot, writeSnapshot } from '../../src/index/snapshot.ts';
import { createStore, type StoreParts, storeParts } from '../../src/index/store.ts';
import { blockOf } from '../../src/index/store-blocks.ts';
import { blockCrcs } from '../../src/index/store-source.ts';
import type { Article } from '../../src/types.ts';
import { article, loadedFrom, newsArticles } from '../helpers/engine.ts';
import { flipBit } from '../helpers/snapshot-damage.ts';
import { makeTemp, removeTemp } from '../helpers/temp-corpus.ts';
import { anyText } from '../helpers/text-arbitraries.ts';

const SEED = 20_261_202;

const anyArticle: fc.Arbitrary<Article> = fc
  .record({
    id: anyText,
    title: anyText,
    body: fc.oneof(
      { weight: 3, arbitrary: anyText },
      { weight: 1, arbitrary: anyText.map((text) => `${text} ünïcödé 😀`.repeat(300)) },
    ),
  })
  .map((fields) => article(fields.id, fields.title, fields.body));

/** `parts` with their text blocks written to `path` after `lead` bytes of other data, read from there. */
function fromFile(parts: StoreParts, path: string, lead: number): StoreParts {
  const { blocks } = parts.text;
  writeFileSync(path, Buffer.concat([Buffer.alloc(lead, 7), blocks]));
  const fd = openSync(path, 'r');
  const file = {
    fd,
    position: lead,
    length: blocks.length,
    crcs: blockCrcs(parts.text),
    source: path,
  };
  return { ...parts, text: { ...parts.text, blocks: new Uint8Array(0), file } };
}

/** What `read` threw (undefined when it returned). */
function thrown(read: () => unknown): unknown {
  try {
    read();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('stored text read from a file', () => {
  let dir: string;
  const opened: number[] = [];

  beforeAll(async () => {
    dir = await makeTemp();
  });
  afterAll(async () => {
    for (const fd of opened) closeSync(fd);
    await removeTemp(dir);
  });

  it('reads every article as the same text in memory does, whatever the articles and block size', () => {
    fc.assert(
      fc.property(
        fc.array(anyArticle, { maxLength: 30 }),
        fc.constantFrom(1, 100, 2000, 16 * 1024),
        fc.nat({ max: 4096 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (articles, blockBytes, lead, order) => {
          const parts = storeParts(articles, { blockBytes });
          const lazy = fromFile(parts, join(dir, 'blocks.bin'), lead);
          if (lazy.text.file) opened.push(lazy.text.file.fd);
          const memory = createStore(parts);
          const file = createStore(lazy, { cachedBlocks: 1, cachedTexts: 0 });
          expect(articles.map((_, n) => file.article(n))).toEqual(articles);
          for (const pick of order) {
            if (articles.length === 0) break;
            const n = pick % articles.length;
            expect(file.article(n)).toEqual(memory.article(n));
          }
        },
      ),
      { seed: SEED, numRuns: 40 },
    );
  });

  it('refuses a damaged block when it is read, naming the file and the block, and reads the others', () => {
    const articles = newsArticles();
    const parts = storeParts(articles, { blockBytes: 256 });
    const path = join(dir, 'damaged.bin');
    const lazy = fromFile(parts, path, 16);
    const blocks = parts.text.blockFirst.length - 1;
    expect(blocks).toBeGreaterThan(2);
    const damaged = 1;
    const at = 16 + (parts.text.blockOffsets[damaged] ?? 0) + 3;
    writeFileSync(path, flipBit(readFileSync(path), at, 2));
    const store = createStore(lazy, { cachedBlocks: 0, cachedTexts: 0 });
    articles.forEach((expected, n) => {
      const error = thrown(() => store.article(n));
      if (blockOf(parts.text.blockFirst, n) !== damaged) {
        expect(error).toBeUndefined();
        expect(store.article(n)).toEqual(expected);
        return;
      }
      expect(isNewsdeskError(error, 'SNAPSHOT_CORRUPT')).toBe(true);
      expect((error as Error).message).toContain(path);
      expect((error as Error).message).toMatch(/stored text block 1 fails its checksum/);
    });
    if (lazy.text.file) opened.push(lazy.text.file.fd);
  });

  it('refuses a block past the end of a file cut short, as truncated', () => {
    const parts = storeParts(newsArticles(), { blockBytes: 256 });
    const path = join(dir, 'cut.bin');
    const lazy = fromFile(parts, path, 0);
    if (lazy.text.file) opened.push(lazy.text.file.fd);
    writeFileSync(path, parts.text.blocks.subarray(0, parts.text.blockOffsets[1]));
    const store = createStore(lazy, { cachedBlocks: 0, cachedTexts: 0 });
    const last = store.count - 1;
    expect(store.article(0)).toEqual(newsArticles()[0]);
    expect(thrown(() => store.article(last))).toMatchObject({
      code: 'SNAPSHOT_CORRUPT',
      message: expect.stringMatching(
        /stored text block \d+ lies past the end of the file \(truncated\)/,
      ),
    });
  });
});

describe('a loaded snapshot’s stored text', () => {
  let dir: string;
  let path: string;

  beforeAll(async () => {
    dir = await makeTemp();
    path = join(dir, 'index.snapshot');
    const { index, info } = loadedFrom(newsArticles());
    await writeSnapshot(path, index, info);
  });
  afterAll(() => removeTemp(dir));

  it('stays in the file until read, and is refused there when damaged, while the rest still loads', async () => {
    const good = await readFile(path);
    const damagedPath = join(dir, 'text-damaged.snapshot');
    // The last bytes of the file are the last text block's.
    await writeFile(damagedPath, flipBit(good, good.length - 3));
    const loaded = await readSnapshot(damagedPath);
    expect(loaded.shared?.length).toBeLessThan(good.length);
    const { store } = loaded.index;
    const last = store.count - 1;
    expect(store.ids).toEqual(newsArticles().map((a) => a.id));
    expect(thrown(() => store.article(last))).toMatchObject({
      code: 'SNAPSHOT_CORRUPT',
      message: expect.stringMatching(
        new RegExp(
          `${damagedPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: stored text block \\d+ fails its checksum`,
        ),
      ),
    });
    loaded.file?.close();
  });

  it('is refused at load when the file is cut short inside it (the sections no longer fit)', async () => {
    const good = await readFile(path);
    const cutPath = join(dir, 'cut.snapshot');
    await writeFile(cutPath, good.subarray(0, good.length - 5));
    await expect(readSnapshot(cutPath)).rejects.toThrow(/truncated or padded/);
  });

  it('is read from the file it was loaded from after a new snapshot is renamed over the path', async () => {
    const renamed = join(dir, 'renamed.snapshot');
    await writeFile(renamed, await readFile(path));
    const loaded = await readSnapshot(renamed);
    const others = [article('other/1', 'Zeppelin returns', 'A zeppelin flew over the port.')];
    const next = loadedFrom(others);
    await writeSnapshot(join(dir, 'next.snapshot'), next.index, next.info);
    await rename(join(dir, 'next.snapshot'), renamed);
    const { store } = loaded.index;
    expect(store.ids.map((_, n) => store.article(n))).toEqual(newsArticles());
    const reloaded = await readSnapshot(renamed);
    expect(reloaded.index.store.article(0)).toEqual(others[0]);
    loaded.file?.close();
    reloaded.file?.close();
  });

  it('reports a read through a closed descriptor as an error naming the file', async () => {
    const loaded = await readSnapshot(path);
    loaded.file?.close();
    const error = thrown(() => loaded.index.store.article(0));
    expect(isNewsdeskError(error, 'SNAPSHOT_CORRUPT')).toBe(true);
    expect((error as Error).message).toContain(path);
  });
});
