/** Several corpus folders read as one corpus: names, ids, problems, excludes. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusFolders } from '../../src/corpus/folders.ts';
import { type CorpusRead, readCorpus } from '../../src/corpus/read.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { makeTemp, removeTemp, writeBytes } from '../helpers/temp-corpus.ts';

describe('naming corpus folders', () => {
  it.each([
    { roots: ['corpus'], expected: [{ root: 'corpus', prefix: '' }] },
    { roots: ['/data/bbc/'], expected: [{ root: '/data/bbc/', prefix: '' }] },
    {
      roots: ['../shared/corpora/reuters21578', '../shared/corpora/bbc'],
      expected: [
        { root: '../shared/corpora/bbc', prefix: 'bbc/' },
        { root: '../shared/corpora/reuters21578', prefix: 'reuters21578/' },
      ],
    },
    {
      roots: ['/data/wires/', 'archive', '/data/BBC'],
      expected: [
        { root: '/data/BBC', prefix: 'BBC/' },
        { root: 'archive', prefix: 'archive/' },
        { root: '/data/wires/', prefix: 'wires/' },
      ],
    },
  ])('gives $roots the prefixes $expected', ({ roots, expected }) => {
    expect(corpusFolders(roots)).toEqual(expected);
  });

  it.each([
    { roots: ['/a/bbc', '/b/bbc'], named: ['/a/bbc', '/b/bbc', '"bbc"'] },
    { roots: ['news', '/x', 'news/'], named: ['news', 'news/', '"news"'] },
    { roots: ['/a/wire', '/b/c', '/c/wire'], named: ['/a/wire', '/c/wire', '"wire"'] },
  ])('refuses two folders with one base name, naming both: $roots', ({ roots, named }) => {
    let error: unknown;
    try {
      corpusFolders(roots);
    } catch (caught) {
      error = caught;
    }
    expect(isNewsdeskError(error, 'USAGE')).toBe(true);
    expect((error as { parameter?: string }).parameter).toBe('corpus');
    for (const part of named) expect(String(error)).toContain(part);
  });

  it('refuses an empty list of folders', () => {
    expect(() => corpusFolders([])).toThrow(/no corpus folder given/);
  });
});

describe('reading two corpus folders as one', () => {
  let dir: string;
  let read: CorpusRead;
  /**
   * The same relative paths in both folders: their ids would collide without the
   * prefix. `wire.txt` is the same article in both.
   */
  const layout = async (root: string, desk: string) => {
    for (const n of [1, 2, 3]) {
      await writeBytes(join(root, `sport/00${n}.txt`), `${desk} match ${n}\n\n${desk} won ${n}.\n`);
    }
    await writeBytes(join(root, 'wire.txt'), 'Markets close higher\n\nShares rose everywhere.\n');
    await writeBytes(join(root, 'notes.txt'), `${desk} notes\n\nNotes from the ${desk} desk.\n`);
    await writeBytes(join(root, 'feed.jsonl'), `{"id":"1","title":"${desk} brief"}\n{oops\n`);
    await writeBytes(join(root, 'drafts/wip.txt'), `Draft\n\nNot for ${desk} readers.\n`);
  };

  beforeAll(async () => {
    dir = await makeTemp();
    await layout(join(dir, 'left'), 'left');
    await layout(join(dir, 'right'), 'right');
    read = await readCorpus([join(dir, 'right'), join(dir, 'left')], {
      exclude: ['drafts/**'],
    });
  });
  afterAll(() => removeTemp(dir));

  it('starts every id with its folder name, so equal paths in two folders do not collide', () => {
    const ids = read.articles.map((article) => article.id);
    expect(ids).toEqual([
      'left/feed:1',
      'left/notes',
      'left/sport/001',
      'left/sport/002',
      'left/sport/003',
      'left/wire',
      'right/feed:1',
      'right/notes',
      'right/sport/001',
      'right/sport/002',
      'right/sport/003',
    ]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps an article found in both folders once, from the first folder by name', () => {
    expect(read.duplicates).toBe(1);
    expect(read.problems.some((problem) => problem.kind === 'duplicate-id')).toBe(false);
  });

  it('lets parsers see the path inside each folder: categories come from that', () => {
    const sport = read.articles.filter((article) => article.id.includes('/sport/'));
    expect(sport.map((article) => article.category)).toEqual(Array(6).fill(['sport']));
    expect(read.articles.find((a) => a.id === 'right/notes')?.category).toBeUndefined();
  });

  it('names files with their folder in problems and origins', () => {
    expect(read.problems.map(({ file, kind, line }) => ({ file, kind, line }))).toEqual([
      { file: 'left/feed.jsonl', kind: 'invalid-json', line: 2 },
      { file: 'right/feed.jsonl', kind: 'invalid-json', line: 2 },
    ]);
    expect(read.articles.find((a) => a.id === 'left/sport/002')?.origin).toEqual({
      file: 'left/sport/002.txt',
      line: 1,
    });
  });

  it('applies exclude patterns with a slash inside each folder', () => {
    expect(read.files).toBe(12);
    expect(read.articles.some((article) => article.title === 'Draft')).toBe(false);
  });

  it('reads the same index whatever the order the folders are given in', async () => {
    const other = await readCorpus([join(dir, 'left'), join(dir, 'right')], {
      exclude: ['drafts/**'],
    });
    expect(other.articles.map((article) => article.id)).toEqual(
      read.articles.map((article) => article.id),
    );
    expect(other.fingerprint).toBe(read.fingerprint);
  });

  it('keeps ids without a prefix for a single folder', async () => {
    const single = await readCorpus([join(dir, 'left')], { exclude: ['drafts/**'] });
    expect(single.articles.map((article) => article.id)).toContain('sport/001');
    expect(single.problems[0]?.file).toBe('feed.jsonl');
  });

  it('names every folder when none holds an article', async () => {
    const empty = [join(dir, 'empty-a'), join(dir, 'empty-b')];
    for (const root of empty) await writeBytes(join(root, 'data.bin'), 'nothing');
    const error = await readCorpus(empty).catch((caught: unknown) => caught);
    expect(isNewsdeskError(error, 'CORPUS_EMPTY')).toBe(true);
    expect(String(error)).toContain(`${empty[0]}, ${empty[1]}`);
  });

  it('is a clear error naming the folder when one of them is missing', async () => {
    const error = await readCorpus([join(dir, 'left'), join(dir, 'gone')]).catch(
      (caught: unknown) => caught,
    );
    expect(isNewsdeskError(error, 'CORPUS_MISSING')).toBe(true);
    expect(String(error)).toContain(join(dir, 'gone'));
  });
});
