import { describe, expect, it } from 'vitest';
import { search } from '../../src/search/search.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import { article, loadedFrom, newsArticles } from '../helpers/engine.ts';

const { index } = loadedFrom(newsArticles());

describe('a searcher', () => {
  it('answers a search exactly as the search function does with the same options', () => {
    const options = { boosts: { title: 5 }, proximityWeight: 0 };
    const searcher = createSearcher(index, options);
    const withoutTime = ({ tookMs: _took, ...rest }: ReturnType<typeof search>) => rest;
    for (const query of ['oil', 'oil prices', '"interest rates"', 'elec*', '-oil']) {
      expect(withoutTime(searcher.search({ query }))).toEqual(
        withoutTime(search(index, { query }, options)),
      );
    }
  });

  it('ranks ids in the order of its search page', () => {
    const searcher = createSearcher(index);
    const page = searcher.search({ query: 'oil prices', size: 8 });
    expect(searcher.rankIds('oil prices', 8)).toEqual(page.hits.map((hit) => hit.id));
  });

  it('counts the full matches a search reports', () => {
    const searcher = createSearcher(index);
    for (const query of ['oil', 'oil -tanker', 'bank rates', 'category:crude oil']) {
      expect(searcher.count(query)).toBe(searcher.search({ query }).fullMatches);
    }
  });

  it('applies its own plan options to counts, completions and examples, not the defaults', () => {
    const strict = createSearcher(index, { plan: { maxFuzzyExpansions: 0 } });
    const lenient = createSearcher(index);
    expect(lenient.count('tankr')).toBeGreaterThan(0);
    expect(strict.count('tankr')).toBe(0);
    // The words before the last one are read with the searcher's parse options too:
    // with one clause kept, `oil bank` is just `oil`, which articles with prices match.
    expect(lenient.complete('oil bank pri')).toEqual([]);
    const oneClause = createSearcher(index, { parse: { maxClauses: 1 } });
    expect(oneClause.complete('oil bank pri').map((item) => item.word)).toContain('prices');
  });

  it('finds related articles and never the article itself', () => {
    const searcher = createSearcher(index);
    const hits = searcher.related(0, 3);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.map((hit) => hit.doc)).not.toContain(0);
  });

  it('highlights an article for a query, and nothing for an empty one', () => {
    const searcher = createSearcher(index);
    const doc = index.store.docOf('wire/001') ?? -1;
    const marked = searcher.highlightArticle(doc, 'oil');
    expect(marked.title.html).toContain('<mark>Oil</mark>');
    expect(marked.body.length).toBeGreaterThan(0);
    const plain = searcher.highlightArticle(doc, '');
    expect(plain.title.html).not.toContain('<mark>');
    expect(plain.body).toEqual([]);
  });

  it('offers example queries that each find something', () => {
    const searcher = createSearcher(loadedFrom([article('a', 'Drone attack', 'A drone.')]).index);
    const examples = searcher.examples();
    expect(examples.length).toBeGreaterThan(0);
    for (const query of examples) expect(searcher.count(query)).toBeGreaterThan(0);
  });

  it('lists on a first page the long-query results a deep ranking puts first, near misses included', () => {
    // 12 articles hold all five words; 4 miss one word but say the other four in the headline.
    const all = Array.from({ length: 12 }, (_, i) =>
      article(`full/${i}`, `Report ${i}`, 'Crude oil prices rose on supply worries, traders said.'),
    );
    const near = Array.from({ length: 4 }, (_, i) =>
      article(
        `near/${i}`,
        'Crude oil prices rose sharply',
        `Oil prices and crude rose again ${i}.`,
      ),
    );
    const searcher = createSearcher(loadedFrom([...all, ...near]).index);
    const query = 'crude oil prices rose traders';
    const page = searcher.search({ query, size: 10 });
    expect(page.total).toBe(12);
    expect(page.hits.map((hit) => hit.id)).toEqual(searcher.rankIds(query, 1000).slice(0, 10));
    expect(page.hits.some((hit) => hit.partial)).toBe(true);
    expect(page.hits.filter((hit) => hit.partial).every((hit) => hit.id.startsWith('near/'))).toBe(
      true,
    );
  });

  it('highlights no stop word beside other words, and a stop word searched alone', () => {
    const searcher = createSearcher(index);
    const doc = index.store.docOf('wire/001') ?? -1;
    const body = index.store.article(doc).body;
    const marked = (query: string) =>
      searcher.highlightArticle(doc, query).body.map((span) => body.slice(span.start, span.end));
    expect(marked('oil and traders')).toEqual(['oil', 'traders']);
    expect(marked('and')).toEqual(['and']);
  });
});
