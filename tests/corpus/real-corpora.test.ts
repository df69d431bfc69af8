/** The reader and the index over the real corpora in ../shared/corpora (read-only). */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CorpusRead, readCorpus } from '../../src/corpus/read.ts';
import { rebuild } from '../../src/index/rebuild.ts';
import { readSnapshot } from '../../src/index/snapshot.ts';
import { CORPORA, makeTemp, removeTemp } from '../helpers/temp-corpus.ts';

const BBC = join(CORPORA, 'bbc');
const REUTERS = join(CORPORA, 'reuters21578');

describe('the BBC News corpus', () => {
  let read: CorpusRead;
  beforeAll(async () => {
    read = await readCorpus(BBC);
  });

  it('reads all 2,225 files and indexes each distinct article once, with no problems', () => {
    expect(read.files).toBe(2225);
    expect(read.problems).toEqual([]);
    expect(read.duplicates).toBe(98);
    expect(read.articles).toHaveLength(2127);
  });

  it('gives every article its folder as category and a headline that is not in its body', () => {
    const categories = new Set(read.articles.flatMap((article) => article.category ?? []));
    expect([...categories].sort()).toEqual([
      'business',
      'entertainment',
      'politics',
      'sport',
      'tech',
    ]);
    for (const article of read.articles) {
      expect(article.category).toHaveLength(1);
      expect(article.title.length).toBeGreaterThan(0);
      expect(article.body.startsWith(article.title)).toBe(false);
    }
  });

  it('decodes the one Windows-1252 file instead of garbling its pound sign', () => {
    const article = read.articles.find((candidate) => candidate.id === 'sport/199');
    expect(article?.body).toContain('£15.8m');
    expect(read.articles.every((candidate) => !candidate.body.includes('\ufffd'))).toBe(true);
  });
});

describe('the Reuters-21578 corpus', () => {
  let read: CorpusRead;
  let records: CorpusRead['articles'];
  beforeAll(async () => {
    read = await readCorpus(REUTERS);
    records = read.articles.filter((article) => article.origin.file.endsWith('.sgm.gz'));
  });

  it('reads all 21,578 records: each is an article, a duplicate or a named problem', () => {
    const sgmProblems = read.problems.filter((problem) => problem.file.endsWith('.sgm.gz'));
    expect(records.length + read.duplicates + sgmProblems.length).toBe(21578);
    expect(records.length).toBeGreaterThan(21200);
    expect(records.length).toBeLessThan(21300);
    expect(sgmProblems.map((problem) => problem.kind)).toEqual(['empty-record']);
  });

  it('names records by file and NEWID, as the relevance judgments expect', () => {
    const article = records.find((candidate) => candidate.id === 'reut2-000:127');
    expect(article?.origin).toMatchObject({ file: 'reut2-000.sgm.gz', record: '127' });
    expect(records.find((candidate) => candidate.id === 'reut2-000:1')?.title).toBe(
      'BAHIA COCOA REVIEW',
    );
  });

  it('gives every record its date and source, and topics where the editors filed any', () => {
    for (const article of records) {
      expect(article.date).toMatch(/^1987-(0[2-9]|10)-\d\dT/);
      expect(article.source).toBe('Reuters');
    }
    const cocoa = records.find((candidate) => candidate.id === 'reut2-000:1');
    expect(cocoa).toMatchObject({ date: '1987-02-26T15:01:01.790Z', category: ['cocoa'] });
    expect(cocoa?.places).toEqual(['el-salvador', 'usa', 'uruguay']);
    expect(records.filter((article) => article.category).length).toBeGreaterThan(10000);
  });

  it('keeps wire control codes and the sign-off out of the text, and paragraphs in', () => {
    const cocoa = records.find((candidate) => candidate.id === 'reut2-000:1');
    expect(cocoa?.body.startsWith('Showers continued throughout the week')).toBe(true);
    expect(cocoa?.body).toContain('\n\nThe dry period means');
    expect(cocoa?.body.endsWith('Reuter')).toBe(false);
    const hasControl = (text: string) => [...text].some((char) => char.charCodeAt(0) < 9);
    for (const article of records) {
      expect(article.body).not.toMatch(/&#\d+;/);
      expect(hasControl(article.body)).toBe(false);
    }
  });

  it('counts the raw text of UNPROC records as body', () => {
    const untitled = records.filter((article) => article.body !== '' && !article.title);
    expect(untitled).toEqual([]);
    expect(records.filter((article) => article.body === '').length).toBeLessThan(2000);
  });
});

describe('the seed corpus shipped in corpus/', () => {
  it('gives one article whose headline is not repeated and whose body has no footer', async () => {
    const read = await readCorpus(resolve(import.meta.dirname, '../../corpus'));
    expect(read.articles).toHaveLength(1);
    const [article] = read.articles;
    expect(article?.title).toBe('US drone attack hits pro-Iranian forces in Iraq');
    expect(article?.body.startsWith('The United States admitted this Tuesday')).toBe(true);
    expect(article?.body).not.toMatch(/translated|original source/i);
    expect(article?.body.endsWith('Islamic State (IS).')).toBe(true);
  });
});

describe('a BBC snapshot', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTemp();
  });
  afterAll(() => removeTemp(dir));

  it('round-trips through the disk with every article and the same answers', async () => {
    const out = join(dir, 'bbc.snapshot');
    const { summary, index } = await rebuild({ corpus: BBC, out });
    expect(summary).toMatchObject({ files: 2225, articles: 2127, duplicates: 98, problems: [] });
    const loaded = await readSnapshot(out);
    expect(loaded.info.counts).toMatchObject({
      files: 2225,
      articles: 2127,
      duplicates: 98,
      problems: 0,
    });
    expect(loaded.index.store.count).toBe(2127);
    expect(loaded.index.postings.terms).toEqual(index.postings.terms);
    expect(loaded.index.postings.docs).toEqual(index.postings.docs);
    expect(loaded.index.postings.positions).toEqual(index.postings.positions);
    expect(loaded.index.store.article(2126)).toEqual(index.store.article(2126));
  });
});
