import MiniSearch from 'minisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { readCorpus } from '../../src/corpus/read.ts';
import { buildIndex, type IndexedRef, miniSearchOptions } from '../../src/index/build.ts';
import type { Article } from '../../src/types.ts';
import { mixedCorpus, removeTemp } from '../helpers/temp-corpus.ts';

describe('filling MiniSearch from compact postings', () => {
  let root: string;
  let articles: Article[];

  beforeAll(async () => {
    root = await mixedCorpus();
    articles = (await readCorpus(root)).articles;
  });
  afterAll(() => removeTemp(root));

  it('gives exactly the index MiniSearch builds with its own add()', () => {
    const analyzer = createAnalyzer();
    const ours = buildIndex(articles, analyzer).search;
    const theirs = new MiniSearch<IndexedRef>(miniSearchOptions(articles, analyzer));
    theirs.addAll(articles.map((_, n) => ({ n })));
    const normalize = (search: MiniSearch<IndexedRef>) => {
      const json = search.toJSON();
      return { ...json, index: [...json.index].sort(([a], [b]) => (a < b ? -1 : 1)) };
    };
    expect(normalize(ours)).toEqual(normalize(theirs));
  });

  it('answers searches the same way as an index built with add()', () => {
    const analyzer = createAnalyzer();
    const ours = buildIndex(articles, analyzer).search;
    const theirs = new MiniSearch<IndexedRef>(miniSearchOptions(articles, analyzer));
    theirs.addAll(articles.map((_, n) => ({ n })));
    for (const query of ['drone', 'strike', 'library hours', 'cup fin', 'coppr']) {
      const options = { prefix: true, fuzzy: 0.2 };
      expect(ours.search(query, options)).toEqual(theirs.search(query, options));
    }
  });
});
