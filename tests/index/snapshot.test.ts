import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { readCorpus } from '../../src/corpus/read.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { buildIndex, type NewsIndex } from '../../src/index/build.ts';
import {
  readFileShared,
  readSnapshot,
  readSnapshotHeader,
  writeSnapshot,
} from '../../src/index/snapshot.ts';
import { SNAPSHOT_FORMAT_VERSION, SNAPSHOT_MAGIC } from '../../src/index/snapshot-format.ts';
import { entitiesOf } from '../../src/index/store.ts';
import { snapshotInfo } from '../helpers/engine.ts';
import { makeTemp, mixedCorpus, removeTemp } from '../helpers/temp-corpus.ts';

const analyzer = createAnalyzer();

const infoFor = (index: NewsIndex) => snapshotInfo(index);

describe('snapshots', () => {
  let corpus: string;
  let dir: string;
  let index: NewsIndex;
  let path: string;

  beforeAll(async () => {
    corpus = await mixedCorpus();
    dir = await makeTemp();
    index = buildIndex((await readCorpus(corpus)).articles, analyzer);
    path = join(dir, 'index.snapshot');
    await writeSnapshot(path, index, infoFor(index));
  });
  afterAll(async () => {
    await removeTemp(corpus);
    await removeTemp(dir);
  });

  it('load back the same articles, terms and search results', async () => {
    const loaded = await readSnapshot(path, analyzer);
    const all = (i: NewsIndex) => i.store.ids.map((_, n) => i.store.article(n));
    expect(all(loaded.index)).toEqual(all(index));
    expect(loaded.index.postings).toEqual(index.postings);
    // The stored text stays in the file: its tables load, its blocks are read on demand.
    const columns = (i: NewsIndex) => ({
      ...i.store,
      text: { ...i.store.text, blocks: null, file: null },
      article: null,
      docOf: null,
      months: [...i.store.months()],
    });
    expect(columns(loaded.index)).toEqual(columns(index));
    expect(loaded.index.store.text.blocks).toHaveLength(0);
    expect(loaded.index.store.text.file?.length).toBe(index.store.text.blocks.length);
    const keywords = (i: NewsIndex) => i.store.ids.map((_, doc) => i.keywords.of(doc));
    expect(keywords(loaded.index)).toEqual(keywords(index));
    expect(loaded.info).toEqual(infoFor(index));
    expect(loaded.bytes).toBe((await stat(path)).size);
  });

  it('keep the people, places and organisations columns', async () => {
    const loaded = await readSnapshot(path, analyzer);
    const entities = (i: NewsIndex) => i.store.ids.map((_, n) => entitiesOf(i.store, n));
    const named = entities(index).filter((e) => e.people.length + e.places.length + e.orgs.length);
    expect(named.length).toBeGreaterThan(0);
    expect(entities(loaded.index)).toEqual(entities(index));
  });

  it('leave no temporary file behind', async () => {
    expect(await readdir(dir)).toEqual(['index.snapshot']);
  });

  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, bytes.length - 100), /truncated/],
    [
      'cut inside the header',
      (bytes: Buffer) => bytes.subarray(0, SNAPSHOT_MAGIC.length + 10),
      /truncated inside the header/,
    ],
    ['bit-flipped', (bytes: Buffer) => flip(bytes, bytes.length - 50), /checksum mismatch/],
    ['not a snapshot', () => Buffer.from('hello world\n'), /not a newsdesk snapshot/],
    ['empty', () => Buffer.alloc(0), /not a newsdesk snapshot/],
  ])('are refused when %s, with a message naming the file', async (_name, damage, message) => {
    const damaged = join(dir, 'damaged.snapshot');
    await writeFile(damaged, damage(await readFile(path)));
    const error = await readSnapshot(damaged, analyzer).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'SNAPSHOT_CORRUPT')).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toContain(damaged);
  });

  it('from another format version are refused as incompatible', async () => {
    const old = join(dir, 'old.snapshot');
    const text = (await readFile(path)).toString('latin1');
    await writeFile(
      old,
      Buffer.from(
        text.replace(`"formatVersion":${SNAPSHOT_FORMAT_VERSION}`, '"formatVersion":0'),
        'latin1',
      ),
    );
    const error = await readSnapshot(old, analyzer).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'SNAPSHOT_INCOMPATIBLE')).toBe(true);
    expect((error as Error).message).toMatch(/version 0.*rebuild/);
  });

  it('built with other analyzer settings are refused as incompatible', async () => {
    const error = await readSnapshot(path, createAnalyzer({ stemming: 'porter' })).catch(
      (e: unknown) => e,
    );
    expect(isNewsdeskError(error, 'SNAPSHOT_INCOMPATIBLE')).toBe(true);
  });

  it('read in pieces give the same bytes as read whole, in shared memory', async () => {
    const pieces = await readFileShared(path, 4093);
    expect(pieces.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(pieces.equals(await readFile(path))).toBe(true);
  });

  it('give their header without reading the whole file', async () => {
    const header = await readSnapshotHeader(path);
    expect(header.corpora).toEqual(infoFor(index).corpora);
    expect(header.sections.map((section) => section.name)).toContain('articleBlocks');
  });

  it('that are missing give a clear error', async () => {
    const error = await readSnapshot(join(dir, 'nope.snapshot'), analyzer).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'SNAPSHOT_MISSING')).toBe(true);
  });

  it('that cannot be written leave the previous snapshot intact and no partial file', async () => {
    const before = await readFile(path);
    const blocked = join(dir, 'index.snapshot', 'inside-a-file.snapshot');
    const error = await writeSnapshot(blocked, index, infoFor(index)).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'SNAPSHOT_WRITE_FAILED')).toBe(true);
    expect(await readFile(path)).toEqual(before);
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });
});

function flip(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
}
