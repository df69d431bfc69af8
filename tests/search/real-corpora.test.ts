/** The search engine over the real corpora in ../shared/corpora (read-only). */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { readCorpus } from '../../src/corpus/read.ts';
import { buildIndex, type NewsIndex } from '../../src/index/build.ts';
import { search } from '../../src/search/search.ts';
import type { Article, SearchHit, SearchRequest } from '../../src/types.ts';
import { CORPORA } from '../helpers/temp-corpus.ts';

/** Every hit of a search, page by page. */
function allHits(index: NewsIndex, request: SearchRequest): SearchHit[] {
  const hits: SearchHit[] = [];
  for (let page = 1; ; page++) {
    const response = search(index, { ...request, page, size: 100 });
    hits.push(...response.hits);
    if (hits.length >= response.total || response.hits.length === 0) return hits;
  }
}

/** Where the analyzer puts `first` right before `second` in the headline or body (an oracle independent of the index). */
function adjacency(index: NewsIndex, article: Article, first: string, second: string) {
  let adjacent = false;
  let both = false;
  for (const text of [article.title, article.body]) {
    const tokens = index.analyzer.analyze(text).filter((token) => !token.compound);
    const a = tokens.filter((token) => token.term === first).map((token) => token.position);
    const b = new Set(
      tokens.filter((token) => token.term === second).map((token) => token.position),
    );
    if (a.length > 0 && b.size > 0) both = true;
    if (a.some((position) => b.has(position + 1))) adjacent = true;
  }
  return { adjacent, both };
}

describe('searching the BBC News corpus', () => {
  let articles: Article[];
  let index: NewsIndex;
  beforeAll(async () => {
    articles = (await readCorpus(join(CORPORA, 'bbc'))).articles;
    index = buildIndex(articles, createAnalyzer());
  });

  it('finds every article with the phrase "general election" and none where the words stand apart', () => {
    const found = new Set(allHits(index, { query: '"general election"' }).map((hit) => hit.id));
    const withPhrase = articles.filter((a) => adjacency(index, a, 'general', 'election').adjacent);
    const apart = articles.filter((a) => {
      const { adjacent, both } = adjacency(index, a, 'general', 'election');
      return both && !adjacent;
    });
    expect(withPhrase.length).toBeGreaterThan(105);
    expect(withPhrase.length).toBeLessThan(125);
    expect([...found].sort()).toEqual(withPhrase.map((article) => article.id).sort());
    expect(apart.length).toBeGreaterThan(0);
    for (const article of apart) expect(found.has(article.id)).toBe(false);
  });

  it.each(['said', 'minister said', 'film OR music'])(
    'pages through every result of %s once, in the same order whatever the page size',
    (query) => {
      const by100 = allHits(index, { query }).map((hit) => hit.id);
      const by30: string[] = [];
      for (let page = 1; by30.length < by100.length; page++) {
        const { hits } = search(index, { query, page, size: 30 });
        if (hits.length === 0) break;
        by30.push(...hits.map((hit) => hit.id));
      }
      expect(by100.length).toBeGreaterThan(250); // past the 200 results feedback reorders
      expect(new Set(by100).size).toBe(by100.length);
      expect(by30).toEqual(by100);
    },
  );

  it('keeps only sport articles for category:sport', () => {
    const hits = allHits(index, { query: 'category:sport' });
    const sport = articles.filter((article) => article.category?.includes('sport'));
    expect(hits).toHaveLength(sport.length);
    for (const hit of hits) expect(hit.category).toEqual(['sport']);
  });

  it('ranks a long natural-language query by its words, one of them allowed to be missing', () => {
    // 8 words typed: ⌊0.2 × 8⌋ = 1 of the 5 content words may be missing in the first tier.
    const response = search(index, { query: 'impact of high oil prices on the economy' });
    expect(response.fullMatches).toBeGreaterThan(0);
    expect(response.hits.length).toBe(10);
    expect(response.hits[0]?.snippet.highlights.length).toBeGreaterThan(0);
  });
});

describe('searching the Reuters-21578 corpus', () => {
  let index: NewsIndex;
  beforeAll(async () => {
    const { articles } = await readCorpus(join(CORPORA, 'reuters21578'), {
      exclude: ['*.lc.txt', 'cat-descriptions*'],
    });
    index = buildIndex(articles, createAnalyzer());
  });

  it('sorts newest first in date order across pages', () => {
    const first = search(index, { query: 'oil', sort: 'newest', size: 100 });
    const second = search(index, { query: 'oil', sort: 'newest', size: 100, page: 2 });
    const dates = [...first.hits, ...second.hits].map((hit) => Date.parse(hit.date ?? ''));
    expect(dates.every((date) => !Number.isNaN(date))).toBe(true);
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(first.total).toBeGreaterThan(1000);
  });

  it('counts facets and a monthly timeline over the whole result set', () => {
    const response = search(index, { query: 'crude oil', size: 5 });
    const byYear = response.facets.year.reduce((sum, facet) => sum + facet.count, 0);
    expect(byYear).toBe(response.total);
    expect(response.histogram.unit).toBe('month');
    const bars = response.histogram.buckets.reduce((sum, bucket) => sum + bucket.count, 0);
    expect(bars).toBe(response.total);
    expect(response.facets.category[0]?.value).toBe('crude');
  });

  it('filters by date range from after: and before:', () => {
    const response = search(index, { query: 'wheat after:1987-04 before:1987-04', size: 100 });
    expect(response.total).toBeGreaterThan(0);
    for (const hit of response.hits) expect(hit.date?.slice(0, 7)).toBe('1987-04');
  });
});
