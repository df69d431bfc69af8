/** The proximity bonus, directly: closest, proximityWords, proximityBonus and proximityBonuses. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { buildIndex } from '../../../src/index/build.ts';
import { parseQuery } from '../../../src/query/parse.ts';
import { planQuery } from '../../../src/query/plan.ts';
import {
  closest,
  MAX_DISTANCE,
  proximityBonus,
  proximityBonuses,
  proximityWords,
} from '../../../src/search/ranking/proximity.ts';
import { createSearcher, type Searcher } from '../../../src/search/searcher.ts';
import { type CorpusSlice, corpusSlice } from '../../helpers/corpus-slice.ts';
import { article } from '../../helpers/engine.ts';
import { wordOf } from '../../helpers/query-arbitraries.ts';

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

describe('proximityBonuses against proximityBonus per document', () => {
  let slice: CorpusSlice;
  let searcher: Searcher;

  beforeAll(async () => {
    slice = await corpusSlice();
    searcher = createSearcher(slice.index);
  });

  it('gives every document of a window the very bonus proximityBonus gives it, in any order', () => {
    // Runs of words from the articles, unquoted (so near in some), and any words.
    const run = fc
      .integer({ min: 0, max: slice.phrases.length - 1 })
      .map((i) => slice.phrases[i] ?? 'oil prices');
    const query = fc.oneof(
      fc.tuple(run, fc.option(wordOf(slice), { nil: '' })).map((parts) => parts.join(' ')),
      fc.array(wordOf(slice), { minLength: 2, maxLength: 5 }).map((w) => w.join(' ')),
    );
    let bonused = 0;
    fc.assert(
      fc.property(query, fc.integer({ min: 1, max: 3 }), fc.boolean(), (text, span, reverse) => {
        const plan = searcher.plan(text);
        const chosen = proximityWords(plan);
        const { docs } = searcher.candidates(plan, {}, 100);
        const window = [...docs.subarray(0, 150)];
        if (reverse) window.reverse();
        // A document asked twice and one outside the matches get their bonus too.
        window.push(window[0] ?? 0, slice.index.store.count - 1);
        const expected = window.map((doc) => proximityBonus(slice.index, chosen, doc, span));
        expect([...proximityBonuses(slice.index, chosen, window, span)], text).toEqual(expected);
        bonused += expected.filter((bonus) => bonus > 0).length;
      }),
      { seed: 13_321, numRuns: 80 },
    );
    expect(bonused).toBeGreaterThan(100);
  });

  it('is all zeros for fewer than two words', () => {
    expect([...proximityBonuses(index, words('crude'), [doc('near'), doc('far')])]).toEqual([0, 0]);
  });
});
