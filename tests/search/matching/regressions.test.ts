/** Matching bugs found by trying the engine as a new user would, each kept as a named case. */
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { buildIndex } from '../../../src/index/build.ts';
import { search } from '../../../src/search/search.ts';
import type { Article } from '../../../src/types.ts';
import { article } from '../../helpers/engine.ts';
import { referenceMatcher } from '../../helpers/reference-matcher.ts';

/**
 * Eight articles: `oil` in four (the last four), `calm` in four (three
 * without oil, and one with it), so `oil -calm` must find three.
 */
const EIGHT: Article[] = [
  article('a/1', 'Calm markets', 'Traders stayed calm.'),
  article('a/2', 'Calm weather', 'A calm week at sea.'),
  article('a/3', 'Calm talks', 'Talks were calm and short.'),
  article('a/4', 'Grain harvest', 'Wheat prices fell.'),
  article('a/5', 'Oil prices', 'Oil rose as traders stayed calm.'),
  article('a/6', 'Oil output', 'Producers cut oil output.'),
  article('a/7', 'Oil tanker', 'An oil tanker reached port.'),
  article('a/8', 'Pipeline', 'The oil pipeline reopened.'),
];

/** Ids of the full matches of `query`, paging through them all. */
function fullIds(articles: readonly Article[], query: string, options = {}): string[] {
  const index = buildIndex(articles, createAnalyzer());
  const response = search(index, { query, size: 100 }, options);
  return response.hits
    .filter((hit) => !hit.partial)
    .map((hit) => hit.id)
    .sort();
}

describe('matching regressions', () => {
  it('an exclusion never hides an article that matches the rest of the query', () => {
    const index = buildIndex(EIGHT, createAnalyzer());
    const oracle = referenceMatcher(EIGHT, index.analyzer);
    expect(oracle.match('oil')).toEqual(['a/5', 'a/6', 'a/7', 'a/8']);
    expect(oracle.match('oil -calm')).toEqual(['a/6', 'a/7', 'a/8']);
    expect(fullIds(EIGHT, 'oil -calm')).toEqual(['a/6', 'a/7', 'a/8']);
    expect(search(index, { query: 'oil -calm' }).total).toBe(3);
  });

  it('an exclusion inside an OR is taken from that OR', () => {
    expect(fullIds(EIGHT, 'tanker OR (oil -calm)')).toEqual(['a/6', 'a/7', 'a/8']);
    expect(fullIds(EIGHT, 'calm OR -oil')).toEqual(['a/1', 'a/2', 'a/3']);
  });

  it('a group of exclusions alone starts from every article', () => {
    expect(fullIds(EIGHT, '-calm -oil')).toEqual(['a/4']);
    expect(fullIds(EIGHT, 'pipeline OR (-calm -oil)')).toEqual(['a/4', 'a/8']);
  });

  it('a boost of 0 changes scores, never which articles match', () => {
    const boosts = { title: 0 };
    expect(fullIds(EIGHT, 'oil', { boosts })).toEqual(['a/5', 'a/6', 'a/7', 'a/8']);
    expect(fullIds(EIGHT, 'title:oil', { boosts })).toEqual(['a/5', 'a/6', 'a/7']);
    expect(
      fullIds(EIGHT, '"oil prices" OR title:pipeline', { boosts: { title: 0, body: 0 } }),
    ).toEqual(['a/5', 'a/8']);
  });

  it('a stop word is optional beside other words in parentheses too', () => {
    expect(fullIds(EIGHT, 'grain OR (the tanker)')).toEqual(['a/4', 'a/7']);
    expect(fullIds(EIGHT, '(the)')).toEqual(['a/8']);
  });
});
