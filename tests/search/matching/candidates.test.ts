/** findCandidates, roles and filterTest, directly, over a handful of articles. */
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { buildIndex } from '../../../src/index/build.ts';
import { DEFAULT_FIELD_BOOSTS, INDEX_FIELDS } from '../../../src/index/fields.ts';
import { parseQuery } from '../../../src/query/parse.ts';
import { type PlanOptions, planQuery } from '../../../src/query/plan.ts';
import {
  type Filters,
  filterTest,
  findCandidates,
  fullMatchDocs,
  roles,
} from '../../../src/search/matching/candidates.ts';
import type { ClauseContext } from '../../../src/search/matching/clauses.ts';
import { createSearcher } from '../../../src/search/searcher.ts';
import { article } from '../../helpers/engine.ts';

const ARTICLES = [
  article('d/1', 'Oil prices rise', 'Crude oil prices rose.', {
    date: '1987-03-02',
    source: 'Reuters',
    category: ['crude'],
  }),
  article('d/2', 'Oil output', 'The cartel cut output.', {
    date: '1987-04-10',
    source: 'Reuters',
    category: ['crude', 'ship'],
  }),
  article('d/3', 'Bank rates', 'The bank raised rates; prices fell.', {
    date: '1987-05-01',
    source: 'Daily',
    category: ['money-fx'],
  }),
  article('d/4', 'Election', 'The election of the year.', { category: ['politics'] }),
];

const index = buildIndex(ARTICLES, createAnalyzer());
const EXACT: PlanOptions = { maxFuzzyExpansions: 0 };

function context(boosts: Partial<typeof DEFAULT_FIELD_BOOSTS> = {}): ClauseContext {
  return createSearcher(index, { boosts: { ...DEFAULT_FIELD_BOOSTS, ...boosts } }).context;
}

function candidates(query: string, filters: Filters = {}, fillTo = 0, boosts = {}) {
  const plan = planQuery(parseQuery(query).root, index, EXACT);
  return findCandidates(plan, context(boosts), filters, fillTo);
}

const ids = (docs: Uint32Array) => [...docs].map((doc) => index.store.ids[doc]);

describe('findCandidates', () => {
  it.each([
    ['one word', 'oil', ['d/1', 'd/2'], 0],
    ['two words, both required', 'oil prices', ['d/1'], 2],
    ['an exclusion', 'oil -crude', ['d/2'], 0],
    ['only an exclusion: every other article', '-oil', ['d/3', 'd/4'], 0],
    ['OR', 'output OR election', ['d/2', 'd/4'], 0],
    ['an exclusion inside OR', '(bank OR oil -output)', ['d/1', 'd/3'], 0],
    ['a stop word beside others is optional', 'the election', ['d/4'], 0],
    ['a query of stop words needs them all', 'the of', ['d/4'], 2],
    ['a phrase', '"oil prices"', ['d/1'], 0],
    ['a field scope', 'title:prices', ['d/1'], 0],
    ['a prefix', 'pri*', ['d/1', 'd/3'], 0],
    ['an unknown word', 'zeppelin', [], 0],
    ['an unknown word beside a known one', 'oil zeppelin', [], 2],
  ])('%s (%s)', (_name, query, full, partial) => {
    const found = candidates(query);
    expect(ids(found.docs)).toEqual(full);
    expect(found.fullCount).toBe(full.length);
    expect(found.partialCount).toBe(partial);
  });

  it('adds the partial matches, after counting them, only when the full ones are fewer than asked for', () => {
    expect(candidates('oil prices', {}, 1).docs.length).toBe(1);
    const filled = candidates('oil prices', {}, 10);
    expect(ids(filled.docs)).toEqual(['d/1', 'd/2', 'd/3']);
    expect([...filled.full]).toEqual([2, 0, 0]);
    expect([...filled.matched]).toEqual([2, 1, 1]);
    expect(ids(fullMatchDocs(filled))).toEqual(['d/1']);
  });

  it('never adds an excluded or filtered-out article as a partial match', () => {
    const found = candidates('oil prices -bank', { sources: ['reuters'] }, 10);
    expect(ids(found.docs)).toEqual(['d/1', 'd/2']);
    expect(found.partialCount).toBe(1);
  });

  it('finds the same articles with every boost at 0', () => {
    const zero = Object.fromEntries(INDEX_FIELDS.map((field) => [field, 0]));
    for (const query of ['oil', 'oil -crude', 'output OR election', '"oil prices"', 'pri*']) {
      expect(ids(candidates(query, {}, 0, zero).docs)).toEqual(ids(candidates(query).docs));
    }
  });
});

describe('filterTest', () => {
  const kept = (filters: Filters) => {
    const test = filterTest(index, filters);
    return ARTICLES.filter((_, doc) => test === undefined || test(doc)).map((a) => a.id);
  };

  it.each<[string, Filters, string[]]>([
    ['no filters', {}, ['d/1', 'd/2', 'd/3', 'd/4']],
    ['a source, in any case', { sources: ['REUTERS'] }, ['d/1', 'd/2']],
    ['any of two sources', { sources: ['daily', 'reuters'] }, ['d/1', 'd/2', 'd/3']],
    ['an unknown source', { sources: ['nobody'] }, []],
    ['a category', { categories: ['ship'] }, ['d/2']],
    ['any of two categories', { categories: ['ship', 'politics'] }, ['d/2', 'd/4']],
    [
      'from a date (inclusive), undated left out',
      { dates: { from: Date.UTC(1987, 3, 10) } },
      ['d/2', 'd/3'],
    ],
    ['to a date (exclusive)', { dates: { to: Date.UTC(1987, 3, 10) } }, ['d/1']],
    ['source and category together', { sources: ['reuters'], categories: ['money-fx'] }, []],
  ])('%s', (_name, filters, expected) => {
    expect(kept(filters)).toEqual(expected);
  });

  it('is undefined when there is nothing to filter', () => {
    expect(filterTest(index, { sources: [], categories: [], dates: {} })).toBeUndefined();
  });
});

describe('roles', () => {
  const of = (query: string) => {
    const { required, optional, excluded } = roles(planQuery(parseQuery(query).root, index).root);
    return [required.length, optional.length, excluded.length];
  };

  it.each([
    ['', [0, 0, 0]],
    ['oil', [1, 0, 0]],
    ['oil prices -bank', [2, 0, 1]],
    ['the oil', [1, 1, 0]],
    ['the of', [2, 0, 0]],
    ['-oil', [0, 0, 1]],
    ['oil OR bank', [1, 0, 0]],
  ])('%s has %j required, optional and excluded clauses', (query, expected) => {
    expect(of(query)).toEqual(expected);
  });
});
