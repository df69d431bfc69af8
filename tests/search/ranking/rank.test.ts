/** rank, tiersOf and topK, directly, over a handful of articles and synthetic candidates. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { buildIndex } from '../../../src/index/build.ts';
import { parseQuery } from '../../../src/query/parse.ts';
import { planQuery } from '../../../src/query/plan.ts';
import { type Candidates, findCandidates } from '../../../src/search/matching/candidates.ts';
import { type RankOptions, rank, tiersOf, topK } from '../../../src/search/ranking/rank.ts';
import { createSearcher } from '../../../src/search/searcher.ts';
import { article } from '../../helpers/engine.ts';

const ARTICLES = [
  article('d/0', 'Oil prices rise', 'Crude oil prices rose as output fell.', {
    date: '1987-03-02',
  }),
  article('d/1', 'Oil output', 'The cartel cut oil output.', { date: '1987-04-10' }),
  article('d/2', 'Oil market', 'Oil traders watched the market.', { date: '1987-05-01' }),
  article('d/3', 'Oil market', 'Oil traders watched the market.', { date: '1987-06-01' }),
  article('d/4', 'Prices', 'Crude prices and oil: prices of oil, crude.', { date: '1987-01-01' }),
];
const index = buildIndex(ARTICLES, createAnalyzer());
const { context } = createSearcher(index);
const OPTIONS: RankOptions = {
  sort: 'relevance',
  needed: 10,
  proximityWindow: 100,
  proximityWeight: 1,
  tiers: 'all-first',
  tierTolerance: 0,
  proximitySpan: 1,
};

/** The ids of the ranked results of `query` under `options`. */
function ranked(query: string, options: Partial<RankOptions> = {}): string[] {
  const plan = planQuery(parseQuery(query).root, index, { maxFuzzyExpansions: 0 });
  const candidates = findCandidates(plan, context, {}, 10, { coordination: true });
  return rank(candidates, index, plan, { ...OPTIONS, ...options }).map(
    (hit) => index.store.ids[hit.doc] ?? '',
  );
}

describe('rank', () => {
  it('puts the articles that match every word before those that match some', () => {
    const ids = ranked('crude oil output');
    expect(ids.slice(0, 1)).toEqual(['d/0']);
    expect(new Set(ids.slice(1))).toEqual(new Set(['d/1', 'd/2', 'd/3', 'd/4']));
  });

  it('breaks a tie of score by date, newer first', () => {
    expect(ranked('market')).toEqual(['d/3', 'd/2']);
  });

  it('orders by date alone when asked, whatever the scores', () => {
    expect(ranked('oil', { sort: 'newest' })).toEqual(['d/3', 'd/2', 'd/1', 'd/0', 'd/4']);
    expect(ranked('oil', { sort: 'oldest' })).toEqual(['d/4', 'd/0', 'd/1', 'd/2', 'd/3']);
  });

  it('returns no more than the results needed', () => {
    expect(ranked('oil', { needed: 2 })).toHaveLength(2);
    expect(ranked('oil', { needed: 0 })).toEqual([]);
  });

  it('gives the same order with and without the proximity pass when words never meet', () => {
    expect(ranked('market', { proximityWeight: 0 })).toEqual(ranked('market'));
  });

  it('ranks an article where the words stand together above one where they are apart', () => {
    // d/0 has "crude oil" side by side; d/4 has more of each word, apart.
    const together = ranked('crude oil', { tiers: 'none', proximityWeight: 10 });
    expect(together.indexOf('d/0')).toBeLessThan(together.indexOf('d/4'));
  });
});

/** Synthetic candidates: each document's `full` tier and number of words matched. */
function candidates(full: number[], matched: number[]): Candidates {
  return {
    docs: new Uint32Array(full.map((_, i) => i)),
    scoring: { context, clauses: [], coordination: false, required: 0 },
    full: new Uint8Array(full),
    matched: new Uint8Array(matched),
    fullCount: full.filter((tier) => tier > 0).length,
    partialCount: full.filter((tier) => tier === 0).length,
  };
}

describe('tiersOf', () => {
  // Four documents matching 4, 4 (one through another form), 3 and 2 of 4 words.
  const four = candidates([2, 1, 0, 0], [4, 4, 3, 2]);
  it.each([
    ['all-first demands every word', 'all-first', 0, 4, 4, [2, 1, 0, 0]],
    ['levels counts the words matched', 'levels', 0, 4, 4, [4, 4, 3, 2]],
    ['none puts every document in one tier', 'none', 0, 4, 4, [0, 0, 0, 0]],
    ['a tolerance below one word changes nothing', 'all-first', 0.2, 4, 4, [2, 1, 0, 0]],
    ['0.25 of 4 words lets one be missing', 'all-first', 0.25, 4, 4, [1, 1, 1, 0]],
    ['0.5 of 4 words lets two be missing', 'all-first', 0.5, 4, 4, [1, 1, 1, 1]],
    ['stop words typed count toward the length', 'all-first', 0.2, 4, 5, [1, 1, 1, 0]],
  ] as const)('%s', (_, tiers, tierTolerance, required, typed, expected) => {
    expect([...tiersOf(four, { tiers, tierTolerance }, required, typed)]).toEqual(expected);
  });
});

describe('topK', () => {
  it.each([
    [[5, 1, 4, 2, 3], 3, [0, 2, 4]],
    [[5, 1, 4], 10, [0, 2, 1]],
    [[5, 1, 4], 0, []],
    [[], 3, []],
  ])('of scores %j keeps the %i best, best first', (scores, k, expected) => {
    const compare = (a: number, b: number) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b;
    expect(topK(scores.length, k, compare)).toEqual(expected);
  });

  it('equals sorting everything and keeping the first k', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 })), fc.nat(30), (scores, k) => {
        const compare = (a: number, b: number) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b;
        const all = scores.map((_, i) => i).sort(compare);
        expect(topK(scores.length, k, compare)).toEqual(all.slice(0, k));
      }),
      { seed: 11, numRuns: 300 },
    );
  });
});
