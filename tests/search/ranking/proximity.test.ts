/** The proximity bonus, directly: closest, proximityWords and proximityBonus. */
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { buildIndex } from '../../../src/index/build.ts';
import { parseQuery } from '../../../src/query/parse.ts';
import { planQuery } from '../../../src/query/plan.ts';
import {
  closest,
  MAX_DISTANCE,
  proximityBonus,
  proximityWords,
} from '../../../src/search/ranking/proximity.ts';
import { article } from '../../helpers/engine.ts';

const filler = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');
const ARTICLES = [
  article('near', 'Headline', 'crude oil prices'),
  article('apart', 'Headline', `crude ${filler(3)} oil ${filler(3)} prices`),
  article('far', 'Headline', `crude ${filler(MAX_DISTANCE + 2)} oil`),
  article('skip', 'Headline', `crude prices ${filler(20)} oil`),
  article('title', 'Crude oil', 'nothing here'),
];
const index = buildIndex(ARTICLES, createAnalyzer());
const doc = (id: string) => index.store.ids.indexOf(id);
const words = (query: string) => proximityWords(planQuery(parseQuery(query).root, index, {}));

describe('closest', () => {
  it.each([
    [[1, 5, 9], [7], 2],
    [[3], [3], 1],
    [[10, 20], [1, 2, 3], 7],
    [[], [1], Number.POSITIVE_INFINITY],
  ])('of %j and %j is %d', (a, b, distance) => {
    expect(closest(a, b)).toBe(distance);
  });
});

describe('proximityWords', () => {
  it('keeps the query words in order and leaves out stop words and exclusions', () => {
    expect(words('the crude -tanker oil of prices').map((word) => word.text)).toEqual([
      'crude',
      'oil',
      'prices',
    ]);
  });
});

describe('proximityBonus', () => {
  const bonus = (id: string, query: string, span = 1) =>
    proximityBonus(index, words(query), doc(id), span);

  it('is larger when the words stand closer together', () => {
    expect(bonus('near', 'crude oil prices')).toBeGreaterThan(bonus('apart', 'crude oil prices'));
    expect(bonus('apart', 'crude oil prices')).toBeGreaterThan(0);
  });

  it('is 0 for one word and for words further apart than MAX_DISTANCE', () => {
    expect(bonus('near', 'crude')).toBe(0);
    expect(bonus('far', 'crude oil')).toBe(0);
  });

  it('counts the headline as well as the body', () => {
    expect(bonus('title', 'crude oil')).toBeGreaterThan(0);
  });

  it.each([
    ['neighbours only', 1, false],
    ['words two apart in the query too', 2, true],
  ])('pairs %s with span %i', (_, span, pairsFirstAndLast) => {
    // In "skip", crude and prices (first and last query words) are side by side; oil is far.
    expect(bonus('skip', 'crude oil prices', span) > 0).toBe(pairsFirstAndLast);
  });

  it('never drops when the span widens', () => {
    for (const id of ['near', 'apart', 'far', 'skip', 'title']) {
      expect(bonus(id, 'crude oil prices', 3)).toBeGreaterThanOrEqual(
        bonus(id, 'crude oil prices'),
      );
    }
  });
});
