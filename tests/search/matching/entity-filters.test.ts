/**
 * People, places and organisations as filters and facets, checked against the
 * reference matcher on a slice of the real BBC and Reuters corpora: the
 * reference extracts each article's entities on its own (no index, no
 * columns), filters on them case-insensitively and counts the facets by hand.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { FACET_LIMIT } from '../../../src/search/extras/facets.ts';
import { search } from '../../../src/search/search.ts';
import type { ArticleEntities, FacetCount } from '../../../src/types.ts';
import { type CorpusSlice, corpusSlice } from '../../helpers/corpus-slice.ts';
import { queryOf } from '../../helpers/query-arbitraries.ts';
import { type ReferenceMatcher, referenceMatcher } from '../../helpers/reference-matcher.ts';

const OPTIONS = {
  plan: { maxFuzzyExpansions: 0, variantWeight: 0, formWeight: 0 },
  suggest: false,
};
const KINDS = [
  ['person', 'people'],
  ['place', 'places'],
  ['org', 'orgs'],
] as const;

let slice: CorpusSlice;
let oracle: ReferenceMatcher;

beforeAll(async () => {
  slice = await corpusSlice(150);
  oracle = referenceMatcher(slice.articles, slice.index.analyzer);
});

/** The reference's facet: names counted over `ids`, the most frequent first, ties by name. */
function referenceFacet(ids: readonly string[], kind: keyof ArticleEntities): FacetCount[] {
  const counts = new Map<string, number>();
  for (const id of ids) {
    for (const name of oracle.entities(id)[kind]) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
    .slice(0, FACET_LIMIT);
}

/** A name of the slice's `kind` column, in any letter case. */
function nameOf(kind: keyof ArticleEntities): fc.Arbitrary<string> {
  const values = slice.index.store[kind].values.slice(0, 60);
  return fc
    .tuple(fc.constantFrom(...values), fc.constantFrom('as is', 'lower', 'upper'))
    .map(([name, letters]) =>
      letters === 'lower' ? name.toLowerCase() : letters === 'upper' ? name.toUpperCase() : name,
    );
}

describe('entity filters and facets, checked against the reference on real BBC and Reuters articles', () => {
  it('match and count exactly what the reference does, as parameters and in the query', () => {
    const filter = (kind: keyof ArticleEntities) =>
      fc.option(fc.array(nameOf(kind), { minLength: 1, maxLength: 2 }), { nil: undefined });
    const inQuery = fc.option(
      fc
        .tuple(fc.constantFrom(...KINDS), fc.boolean())
        .chain(([[facet, kind], exclude]) =>
          nameOf(kind).map((name) => `${exclude ? '-' : ''}${facet}:"${name}"`),
        ),
      { nil: '' },
    );
    const query = fc.oneof(fc.constant(''), queryOf(slice));
    fc.assert(
      fc.property(
        query,
        inQuery,
        filter('people'),
        filter('places'),
        filter('orgs'),
        (q, extra, people, places, orgs) => {
          const lists = {
            ...(people ? { people } : {}),
            ...(places ? { places } : {}),
            ...(orgs ? { orgs } : {}),
          };
          const text = `${q} ${extra}`.trim();
          const response = search(slice.index, { query: text, ...lists, size: 20 }, OPTIONS);
          const expected = oracle.match(text, lists);
          expect(response.total).toBe(expected.length);
          for (const [facet, kind] of KINDS) {
            expect(response.facets[facet]).toEqual(referenceFacet(expected, kind));
          }
          for (const hit of response.hits) expect(hit.entities).toEqual(oracle.entities(hit.id));
        },
      ),
      { seed: 15_201, numRuns: 250 },
    );
  });

  it('finds the articles that name a person, whatever the letter case of the filter', () => {
    const name = slice.index.store.people.values[0] ?? 'Tony Blair';
    const found = search(slice.index, { query: '', people: [name.toUpperCase()] }, OPTIONS);
    const inQuery = search(slice.index, { query: `person:"${name.toLowerCase()}"` }, OPTIONS);
    expect(found.total).toBeGreaterThan(0);
    expect(inQuery.total).toBe(found.total);
    for (const hit of found.hits) expect(hit.entities.people).toContain(name);
  });
});
