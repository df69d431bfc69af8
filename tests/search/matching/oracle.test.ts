/**
 * The engine's matching against the reference matcher, over a slice of the
 * real BBC and Reuters corpora: generated queries of real words, and the
 * full matches and totals must be exactly the oracle's.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_FIELD_BOOSTS } from '../../../src/index/fields.ts';
import { parseQuery } from '../../../src/query/parse.ts';
import { type PlanOptions, planQuery } from '../../../src/query/plan.ts';
import { findCandidates } from '../../../src/search/matching/candidates.ts';
import { intersectDates, search } from '../../../src/search/search.ts';
import { createSearcher } from '../../../src/search/searcher.ts';
import type { SearchRequest } from '../../../src/types.ts';
import { type CorpusSlice, corpusSlice } from '../../helpers/corpus-slice.ts';
import { filtersOf, queryOf, wordOf } from '../../helpers/query-arbitraries.ts';
import { type ReferenceMatcher, referenceMatcher } from '../../helpers/reference-matcher.ts';

/** Typo and word-form expansion are planner features the oracle leaves out. */
const PLAN: PlanOptions = {
  maxFuzzyExpansions: 0,
  variantWeight: 0,
  formWeight: 0,
  queryStopWords: [],
  maxPrefixExpansions: 1e6,
};
const OPTIONS = { plan: PLAN, suggest: false };

let slice: CorpusSlice;
let oracle: ReferenceMatcher;

beforeAll(async () => {
  slice = await corpusSlice();
  oracle = referenceMatcher(slice.articles, slice.index.analyzer);
});

/** Ids of the engine's full matches for a request, straight from the candidates. */
function engineMatches(request: SearchRequest, boosts = DEFAULT_FIELD_BOOSTS): string[] {
  const { index } = slice;
  const parsed = parseQuery(request.query);
  const plan = planQuery(parsed.root, index, PLAN);
  const { context } = createSearcher(index, { boosts });
  const filters = { ...request, dates: intersectDates(parsed.dates, request.dates) };
  const found = findCandidates(plan, context, filters, 0);
  expect(found.docs.length).toBe(found.fullCount);
  return [...found.docs].map((doc) => index.store.ids[doc] ?? '').sort();
}

const total = (query: string) => search(slice.index, { query }, OPTIONS).total;

describe('matching, checked against the reference matcher on real BBC and Reuters articles', () => {
  it('finds exactly the articles the reference matcher finds, for any query of real words', () => {
    fc.assert(
      fc.property(queryOf(slice), (query) => {
        expect(engineMatches({ query })).toEqual(oracle.match(query));
      }),
      { seed: 11_001, numRuns: 800 },
    );
  });

  it('applies the request filters exactly as the reference matcher does', () => {
    fc.assert(
      fc.property(queryOf(slice), filtersOf(slice), (query, filters) => {
        expect(engineMatches({ query, ...filters })).toEqual(oracle.match(query, filters));
      }),
      { seed: 11_002, numRuns: 400 },
    );
  });

  it('matches the same articles whatever the field boosts, 0 included', () => {
    const boost = fc.constantFrom(0, 0, 0.5, 1, 3);
    fc.assert(
      fc.property(queryOf(slice), boost, boost, (query, title, body) => {
        const boosts = { ...DEFAULT_FIELD_BOOSTS, title, body };
        expect(engineMatches({ query }, boosts)).toEqual(oracle.match(query));
      }),
      { seed: 11_003, numRuns: 200 },
    );
  });

  it('reports as total and full matches the number of articles the reference matcher finds', () => {
    fc.assert(
      fc.property(queryOf(slice), filtersOf(slice), (query, filters) => {
        const response = search(slice.index, { query, ...filters, size: 20 }, OPTIONS);
        const expected = oracle.match(query, filters);
        expect(response.total).toBe(expected.length);
        expect(response.fullMatches).toBe(expected.length);
        const full = response.hits.filter((hit) => !hit.partial).map((hit) => hit.id);
        expect(full.length).toBe(Math.min(20, expected.length));
        for (const id of full) expect(expected).toContain(id);
        expect(response.hits.length).toBe(Math.min(20, response.total + response.partialMatches));
      }),
      { seed: 11_004, numRuns: 300 },
    );
  });

  it('splits every total in two by any other word: total(a) = total(a -b) + total(a b)', () => {
    const word = wordOf(slice).filter((text) => !slice.index.analyzer.isStopWord(text));
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(total(`${a} -${b}`) + total(`${a} ${b}`)).toBe(total(a));
      }),
      { seed: 11_005, numRuns: 300 },
    );
  });

  it('caps a prefix at the most frequent expansions, says so, and only ever narrows the matches', () => {
    const prefix = fc
      .tuple(wordOf(slice), fc.integer({ min: 1, max: 3 }))
      .map(([word, length]) => `${word.slice(0, length)}*`);
    fc.assert(
      fc.property(prefix, fc.integer({ min: 1, max: 8 }), (query, cap) => {
        const capped = (n: number) => {
          const plan = { ...PLAN, maxPrefixExpansions: n };
          const parsed = parseQuery(query);
          const planned = planQuery(parsed.root, slice.index, plan);
          const words = planned.clauses.flatMap((clause) =>
            clause.kind === 'word' ? [clause.terms.length] : [],
          );
          const response = search(slice.index, { query }, { ...OPTIONS, plan });
          return { total: response.total, terms: words[0] ?? 0, notices: response.notices };
        };
        const all = capped(1e6);
        const some = capped(cap);
        const more = capped(cap + 1);
        expect(all.total).toBe(oracle.match(query).length);
        expect(some.terms).toBe(Math.min(cap, all.terms));
        expect(some.total).toBeLessThanOrEqual(more.total);
        expect(more.total).toBeLessThanOrEqual(all.total);
        const noticed = some.notices.some((notice) => notice.includes('most frequent were used'));
        expect(noticed).toBe(all.terms > cap);
      }),
      { seed: 11_006, numRuns: 150 },
    );
  });
});
