/** Facet counts and the timeline histogram, directly over a document store. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { buildIndex } from '../../../src/index/build.ts';
import { NO_CLUSTER } from '../../../src/index/near-duplicates.ts';
import {
  countFacets,
  FACET_LIMIT,
  FacetCounter,
  facetsAndTimeline,
  histogram,
} from '../../../src/search/extras/facets.ts';
import type { Article } from '../../../src/types.ts';
import { article } from '../../helpers/engine.ts';
import * as reference from '../../helpers/reference-facets.ts';

const ARTICLES: Article[] = [
  article('f/1', 'One', 'a', {
    date: '1987-03-02',
    source: 'Reuters',
    category: ['crude', 'ship'],
  }),
  article('f/2', 'Two', 'b', { date: '1987-03-20', source: 'Reuters', category: ['crude'] }),
  article('f/3', 'Three', 'c', { date: '1987-05-01', source: 'Daily', category: ['grain'] }),
  article('f/4', 'Four', 'd', { category: ['grain'] }),
  article('f/5', 'Five', 'e', { date: '2004-01-15', source: 'BBC' }),
];

const { store } = buildIndex(ARTICLES, createAnalyzer());
/** The entity facets of articles that name no one. */
const NO_ENTITIES = { person: [], place: [], org: [] };
const docs = (...numbers: number[]) => Uint32Array.from(numbers);

describe('countFacets', () => {
  it.each([
    [
      'every article',
      docs(0, 1, 2, 3, 4),
      {
        source: [
          { value: 'Reuters', count: 2 },
          { value: 'BBC', count: 1 },
          { value: 'Daily', count: 1 },
        ],
        category: [
          { value: 'crude', count: 2 },
          { value: 'grain', count: 2 },
          { value: 'ship', count: 1 },
        ],
        year: [
          { value: '2004', count: 1 },
          { value: '1987', count: 3 },
        ],
        ...NO_ENTITIES,
      },
    ],
    [
      'an undated article without a source',
      docs(3),
      { source: [], category: [{ value: 'grain', count: 1 }], year: [], ...NO_ENTITIES },
    ],
    ['no articles', docs(), { source: [], category: [], year: [], ...NO_ENTITIES }],
  ])('counts %s', (_name, list, expected) => {
    expect(countFacets(store, list)).toEqual(expected);
  });

  it(`lists at most ${FACET_LIMIT} values, the most frequent first`, () => {
    const many = Array.from({ length: FACET_LIMIT + 5 }, (_, i) =>
      article(`m/${i}`, 'x', 'y', { category: Array.from({ length: i + 1 }, (_, c) => `c${c}`) }),
    );
    const facets = countFacets(buildIndex(many, createAnalyzer()).store, docs(...many.keys()));
    expect(facets.category).toHaveLength(FACET_LIMIT);
    expect(facets.category[0]).toEqual({ value: 'c0', count: FACET_LIMIT + 5 });
    const counts = facets.category.map((facet) => facet.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });
});

describe('histogram', () => {
  it('bins by month, empty months kept, undated articles left out', () => {
    const { unit, buckets } = histogram(store, docs(0, 1, 2, 3));
    expect(unit).toBe('month');
    expect(buckets.map((bucket) => [bucket.label, bucket.count])).toEqual([
      ['1987-03', 2],
      ['1987-04', 0],
      ['1987-05', 1],
    ]);
    expect(buckets[0]).toMatchObject({ from: Date.UTC(1987, 2, 1), to: Date.UTC(1987, 3, 1) });
  });

  it('bins by year when the dates span more than 36 months', () => {
    const { unit, buckets } = histogram(store, docs(0, 4));
    expect(unit).toBe('year');
    expect(buckets).toHaveLength(2004 - 1987 + 1);
    expect(buckets[0]).toMatchObject({ label: '1987', count: 1 });
    expect(buckets.at(-1)).toMatchObject({ label: '2004', count: 1 });
    expect(buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(2);
  });

  it('has no bars when no article is dated', () => {
    expect(histogram(store, docs(3))).toEqual({ unit: 'month', buckets: [] });
  });
});

describe('facetsAndTimeline, against the per-document counting it replaced', () => {
  const SOURCES = ['Reuters', 'BBC', 'Daily'];
  const CATEGORIES = ['crude', 'ship', 'grain', 'sport'];
  const articleOf = fc.record({
    day: fc.option(fc.integer({ min: 0, max: 20 * 365 }), { nil: undefined }),
    source: fc.option(fc.constantFrom(...SOURCES), { nil: undefined }),
    categories: fc.subarray(CATEGORIES),
    headline: fc.constantFrom(
      'T',
      'Mr Blair visits Iraq',
      'Tony Blair and OPEC in London',
      'Gordon Brown meets the Bank of England in Iraq',
    ),
  });

  it('counts the same facets (people, places and organisations too) and timeline for any articles and any subset of them, most or few', () => {
    fc.assert(
      fc.property(
        fc.array(articleOf, { minLength: 1, maxLength: 40 }),
        fc.constantFrom(60, 400, 8000),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (specs, spanDays, chosen) => {
          const many = specs.map((spec, i) =>
            article(`g/${i}`, spec.headline, 'b', {
              ...(spec.day !== undefined
                ? {
                    date: new Date(
                      Date.UTC(1990, 0, 1) + (spec.day % spanDays) * 864e5,
                    ).toISOString(),
                  }
                : {}),
              ...(spec.source ? { source: spec.source } : {}),
              category: spec.categories,
            }),
          );
          const builtIndex = buildIndex(many, createAnalyzer());
          const built = builtIndex.store;
          const subset = Uint32Array.from(many.keys()).filter((doc) => chosen[doc] === true);
          const expected = {
            facets: reference.countFacets(built, subset),
            histogram: reference.histogram(built, subset),
          };
          expect(facetsAndTimeline(built, subset)).toEqual(expected);
          // Most articles: counted from those left out, subtracted from every article's counts.
          const counter = new FacetCounter(built);
          expect(counter.count(subset)).toEqual(expected);
          expect(counter.count(subset)).toEqual(expected);
          // Stories: the index's own clusters, and none at all (every story one article).
          const single = {
            ...builtIndex.clusters,
            of: new Uint32Array(many.length).fill(NO_CLUSTER),
          };
          for (const stories of [builtIndex.clusters, single]) {
            expect(counter.count(subset, stories)).toEqual({
              facets: reference.countFacets(built, subset, stories),
              histogram: reference.histogram(built, subset, stories),
            });
          }
        },
      ),
      { seed: 13_002, numRuns: 150 },
    );
  });
});
