import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CorpusRead, readCorpus } from '../../src/corpus/read.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { makeTemp, mixedCorpus, removeTemp, writeBytes } from '../helpers/temp-corpus.ts';

describe('reading a corpus of mixed formats', () => {
  let root: string;
  let read: CorpusRead;

  beforeAll(async () => {
    root = await mixedCorpus();
    read = await readCorpus(root);
  });
  afterAll(() => removeTemp(root));

  it('indexes every good article from every format, once', () => {
    expect(read.articles.map((article) => article.id).sort()).toEqual([
      'archive/old',
      'budget',
      'feeds/world:world-1',
      'page',
      'sport/001',
      'sport/003',
      'wire/briefs:w1',
      'wire/briefs:w4',
      'wire/desk:c1',
      'wire/desk:c3',
    ]);
  });

  it('drops an exact duplicate and counts it', () => {
    expect(read.duplicates).toBe(1);
    expect(read.articles.some((article) => article.id === 'sport/002')).toBe(false);
  });

  it('reports each bad file or record with its file, line or record, and goes on', () => {
    const problems = read.problems.map(({ file, kind, line, record }) => ({
      file,
      kind,
      line,
      record,
    }));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'wire/briefs.jsonl', kind: 'invalid-json', line: 2 }),
        expect.objectContaining({ file: 'wire/briefs.jsonl', kind: 'empty-record', record: 'w3' }),
        expect.objectContaining({ file: 'wire/desk.csv', kind: 'invalid-csv', line: 3 }),
        expect.objectContaining({ file: 'feeds/broken.rss', kind: 'invalid-feed' }),
        expect.objectContaining({ file: 'empty.txt', kind: 'empty-record' }),
        expect.objectContaining({ file: 'blob.txt', kind: 'binary' }),
        expect.objectContaining({ file: 'bad.txt.gz', kind: 'unreadable' }),
      ]),
    );
    expect(read.problems).toHaveLength(7);
    for (const problem of read.problems) expect(problem.reason.length).toBeGreaterThan(5);
  });

  it('leaves out README files, hidden files and types it has no parser for', () => {
    expect(read.files).toBe(13);
    expect(read.skipped).toBe(1);
    expect(read.articles.some((article) => article.title.includes('Hidden'))).toBe(false);
  });

  it('keeps the metadata each format carries', () => {
    const byId = new Map(read.articles.map((article) => [article.id, article]));
    expect(byId.get('sport/001')?.category).toEqual(['sport']);
    expect(byId.get('budget')).toMatchObject({
      title: 'Council approves budget',
      date: '2024-03-05',
      source: 'Borough Gazette',
      author: 'Jo Smith',
      category: ['politics'],
    });
    expect(byId.get('wire/briefs:w4')?.date).toBe('2024-04-02T10:00:00.000Z');
    expect(byId.get('feeds/world:world-1')).toMatchObject({
      source: 'World Desk',
      url: 'https://example.org/drone',
      body: 'A drone struck a vehicle near Baghdad.\n\nOfficials said three were injured.',
    });
    expect(byId.get('page')).toMatchObject({
      title: 'Library hours extended',
      source: 'Borough Gazette',
    });
    expect(byId.get('page')?.body).not.toContain('Home');
    expect(byId.get('archive/old')?.origin).toEqual({ file: 'archive/old.txt.gz', line: 1 });
  });

  it('gives the same fingerprint for the same files and a new one when a file changes', async () => {
    const again = await readCorpus(root);
    expect(again.fingerprint).toBe(read.fingerprint);
    await writeBytes(`${root}/sport/003.txt`, 'Coach stays\n\nThe coach will stay after all.\n');
    const changed = await readCorpus(root);
    expect(changed.fingerprint).not.toBe(read.fingerprint);
  });
});

describe('a corpus that cannot be read', () => {
  it('is a clear error when the folder is missing', async () => {
    const error = await readCorpus('/nonexistent/newsdesk-corpus').catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'CORPUS_MISSING')).toBe(true);
    expect(String(error)).toContain('/nonexistent/newsdesk-corpus');
  });

  it('is a clear error, naming a problem, when no file holds an article', async () => {
    const root = await makeTemp();
    try {
      await writeBytes(`${root}/empty.txt`, '\n\n');
      const error = await readCorpus(root).catch((e: unknown) => e);
      expect(isNewsdeskError(error, 'CORPUS_EMPTY')).toBe(true);
      expect(String(error)).toContain('empty.txt');
    } finally {
      await removeTemp(root);
    }
  });

  it('refuses a folder holding no files at all', async () => {
    const root = await makeTemp();
    try {
      const error = await readCorpus(root).catch((e: unknown) => e);
      expect(isNewsdeskError(error, 'CORPUS_EMPTY')).toBe(true);
    } finally {
      await removeTemp(root);
    }
  });
});
