/**
 * The early-terminating top-k against exhaustive scoring (the code before it,
 * kept as tests/helpers/reference-*.ts): the same candidates, and the same
 * ranked results — documents, order, scores to the last bit and tiers — for
 * real BBC + Reuters queries and for generated queries and options over a
 * slice of them; and it does pass over most of a common word's matches.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { benchQueries } from '../../../src/bench/queries.ts';
import { readCorpus } from '../../../src/corpus/read.ts';
import { buildIndex, type NewsIndex } from '../../../src/index/build.ts';
import { parseQuery } from '../../../src/query/parse.ts';
import { planQuery } from '../../../src/query/plan.ts';
import { type Filters, findCandidates, roles } from '../../../src/search/matching/candidates.ts';
import type { SearchOptions } from '../../../src/search/options.ts';
import {
  type RankOptions,
  rank,
  tiersOf,
  toleratedWords,
} from '../../../src/search/ranking/rank.ts';
import { ScorePass } from '../../../src/search/ranking/score-pass.ts';
import { selectTop } from '../../../src/search/ranking/top-k.ts';
import { createSearcher } from '../../../src/search/searcher.ts';
import type { SortOrder } from '../../../src/types.ts';
import { type CorpusSlice, corpusSlice } from '../../helpers/corpus-slice.ts';
import { filtersOf, queryOf } from '../../helpers/query-arbitraries.ts';
import { findCandidates as referenceCandidates } from '../../helpers/reference-candidates.ts';
import { rank as referenceRank } from '../../helpers/reference-rank.ts';
import { CORPORA } from '../../helpers/temp-corpus.ts';

/** One way of ranking: the searcher's options, the rank options, and the listing. */
interface Setting {
  searcher: SearchOptions;
  rank: RankOptions;
  fillTo: number;
  filters: Filters;
}

const DEFAULT_RANK: RankOptions = {
  sort: 'relevance',
  needed: 10,
  proximityWindow: 100,
  proximityWeight: 1,
  tiers: 'all-first',
  tierTolerance: 0.2,
  proximitySpan: 1,
};

/** Ranks `query` both ways and expects the same candidates and the same ranked results. */
function expectSameRanking(index: NewsIndex, query: string, setting: Setting): void {
  const searcher = createSearcher(index, setting.searcher);
  const plan = planQuery(parseQuery(query).root, index, searcher.options.plan);
  const { required, optional } = roles(plan.root);
  const listing = {
    coordination: searcher.options.coordination,
    listMissing: toleratedWords(setting.rank, required.length + optional.length),
  };
  const { filters, fillTo } = setting;
  const fast = findCandidates(plan, searcher.context, filters, fillTo, listing);
  const slow = referenceCandidates(plan, searcher.context, filters, fillTo, listing);
  expect([...fast.docs]).toEqual([...slow.docs]);
  expect([...fast.full]).toEqual([...slow.full]);
  expect([...fast.matched]).toEqual([...slow.matched]);
  expect([fast.fullCount, fast.partialCount]).toEqual([slow.fullCount, slow.partialCount]);
  expect(rank(fast, index, plan, setting.rank)).toEqual(
    referenceRank(slow, index, plan, setting.rank),
  );
}

const SORTS: readonly SortOrder[] = ['relevance', 'newest', 'oldest'];

describe('top-k on BBC + Reuters, against scoring every match', () => {
  let index: NewsIndex;
  let queries: string[];
  beforeAll(async () => {
    const { articles } = await readCorpus([join(CORPORA, 'bbc'), join(CORPORA, 'reuters21578')], {
      exclude: ['*.lc.txt', 'cat-descriptions*'],
    });
    index = buildIndex(articles, createAnalyzer());
    const bench = [...benchQueries(articles).values()].flat().map((q) => q.request.query);
    queries = [
      ...bench,
      'said',
      'the',
      'oil prices',
      'government borrowing',
      'the bank of england',
    ];
  }, 180_000);

  it.each(SORTS.flatMap((sort) => [10, 200].map((needed) => [sort, needed] as const)))(
    'ranks every benchmark query exactly alike, sorted by %s, %i needed',
    (sort, needed) => {
      for (const query of queries) {
        expectSameRanking(index, query, {
          searcher: {},
          rank: { ...DEFAULT_RANK, sort, needed },
          fillTo: needed,
          filters: {},
        });
      }
    },
  );

  it('scores under a third of the matches of "said" to find its best 200', () => {
    const searcher = createSearcher(index);
    const plan = searcher.plan('said');
    const found = searcher.candidates(plan, {}, 200);
    const passes: ScorePass[] = [];
    const newPass = () => {
      const pass = new ScorePass(found.scoring, found.docs.length);
      passes.push(pass);
      return pass;
    };
    const tier = tiersOf(found, DEFAULT_RANK, 1);
    const score = new Float64Array(found.docs.length);
    const top = selectTop(
      { docs: found.docs, tier, matched: found.matched },
      200,
      'relevance',
      index.store.dates,
      newPass,
      score,
    );
    expect(found.docs.length).toBeGreaterThan(10_000);
    expect(top).toHaveLength(200);
    // The last pass counts the first pass's documents too.
    expect(passes.at(-1)?.scored).toBeLessThan(found.docs.length / 3);
  });
});

describe('top-k over a slice of BBC + Reuters, against scoring every match', () => {
  let slice: CorpusSlice;
  beforeAll(async () => {
    slice = await corpusSlice();
  }, 120_000);

  it('ranks any query exactly alike, whatever the options, filters and depth', () => {
    const setting = fc.record({
      sort: fc.constantFrom(...SORTS),
      needed: fc.integer({ min: 0, max: 60 }),
      proximityWindow: fc.integer({ min: 0, max: 40 }),
      proximityWeight: fc.constantFrom(0, 1, 3),
      tiers: fc.constantFrom('all-first' as const, 'levels' as const, 'none' as const),
      tierTolerance: fc.constantFrom(0, 0.2, 0.5),
      coordination: fc.boolean(),
      k: fc.constantFrom(0.5, 1.2, 3),
      b: fc.constantFrom(0, 0.4, 1),
      title: fc.constantFrom(0, 1, 2.5),
      fillTo: fc.constantFrom(0, 10, 5_000),
    });
    fc.assert(
      fc.property(queryOf(slice), setting, filtersOf(slice), (query, s, filters) => {
        expectSameRanking(slice.index, query, {
          searcher: {
            coordination: s.coordination,
            bm25: { k: s.k, b: s.b, d: 0.5 },
            boosts: { title: s.title, body: 1 },
          },
          rank: { ...DEFAULT_RANK, ...s, proximitySpan: 1 },
          fillTo: s.fillTo,
          filters: { ...filters, dates: filters.dates ?? {} },
        });
      }),
      { seed: 13_001, numRuns: 400 },
    );
  });
});
