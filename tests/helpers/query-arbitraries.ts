/**
 * fast-check queries in the query language, built from a corpus slice's real
 * words and phrases: words, prefixes, phrases, exclusions, OR, groups, field
 * scopes and date limits; and request filters beside them.
 */
import fc from 'fast-check';
import type { SearchRequest } from '../../src/types.ts';
import type { CorpusSlice } from './corpus-slice.ts';

const FIELDS = ['title', 'body', 'author', 'category', 'source', 'places'] as const;
/** Months the Reuters slice covers, and some it does not. */
const PERIODS = ['1987', '1987-02', '1987-03', '1987-03-05', '1987-04', '2004', '1986-12'];

/** A word as written somewhere in the slice: any of them, or one picked by how often it occurs. */
export function wordOf(slice: CorpusSlice): fc.Arbitrary<string> {
  const pick = (list: readonly string[]) =>
    fc.integer({ min: 0, max: list.length - 1 }).map((i) => list[i] ?? 'oil');
  return fc.oneof(pick(slice.words), pick(slice.running));
}

function leafOf(slice: CorpusSlice): fc.Arbitrary<string> {
  const word = wordOf(slice);
  const phrase = fc
    .integer({ min: 0, max: slice.phrases.length - 1 })
    .map((i) => `"${slice.phrases[i] ?? 'oil prices'}"`);
  const prefix = fc
    .tuple(word, fc.integer({ min: 1, max: 5 }))
    .map(([text, length]) => `${text.slice(0, length)}*`);
  const category = fc
    .integer({ min: 0, max: Math.max(0, slice.categories.length - 1) })
    .map((i) => `category:${slice.categories[i] ?? 'sport'}`);
  const scoped = fc
    .tuple(fc.constantFrom(...FIELDS), fc.oneof(word, phrase))
    .map(([field, text]) => `${field}:${text}`);
  return fc.oneof(
    { arbitrary: word, weight: 6 },
    { arbitrary: phrase, weight: 2 },
    { arbitrary: prefix, weight: 2 },
    { arbitrary: category, weight: 1 },
    { arbitrary: scoped, weight: 2 },
    { arbitrary: fc.constant('source:reuters'), weight: 1 },
  );
}

/** A query: up to three levels of groups over real words, with exclusions and date limits. */
export function queryOf(slice: CorpusSlice): fc.Arbitrary<string> {
  const leaf = leafOf(slice);
  const { clause } = fc.letrec<{ clause: string; group: string }>((tie) => ({
    clause: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      { arbitrary: leaf, weight: 4 },
      { arbitrary: tie('group'), weight: 1 },
    ),
    group: fc.oneof(
      fc
        .array(negatable(tie('clause')), { minLength: 1, maxLength: 3 })
        .map((c) => `(${c.join(' ')})`),
      fc.array(negatable(tie('clause')), { minLength: 2, maxLength: 3 }).map((c) => c.join(' OR ')),
    ),
  }));
  return fc
    .tuple(fc.array(negatable(clause), { minLength: 1, maxLength: 3 }), dateLimits())
    .map(([clauses, dates]) => [...clauses, ...dates].join(' '));
}

function negatable(clause: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom('', '', '', '-', 'NOT '), clause)
    .map(([not, text]) => `${not}${text}`);
}

function dateLimits(): fc.Arbitrary<string[]> {
  const limit = fc
    .tuple(fc.constantFrom('after', 'before'), fc.constantFrom(...PERIODS))
    .map(([name, period]) => `${name}:${period}`);
  return fc.oneof(
    { arbitrary: fc.constant<string[]>([]), weight: 4 },
    { arbitrary: fc.array(limit, { minLength: 1, maxLength: 2 }), weight: 1 },
  );
}

/** The request's filters beside the query: sources, categories and a date range, each often absent. */
export function filtersOf(
  slice: CorpusSlice,
): fc.Arbitrary<Pick<SearchRequest, 'sources' | 'categories' | 'dates'>> {
  const category = fc.constantFrom(...slice.categories);
  const edge = fc.constantFrom(...PERIODS).map((period) => Date.parse(period));
  return fc.record(
    {
      sources: fc.array(fc.constantFrom('Reuters', 'reuters', 'BBC'), {
        minLength: 1,
        maxLength: 2,
      }),
      categories: fc.array(category, { minLength: 1, maxLength: 2 }),
      dates: fc.record({ from: edge, to: edge }, { requiredKeys: [] }),
    },
    { requiredKeys: [] },
  );
}
