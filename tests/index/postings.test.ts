/**
 * The postings read API (entries, eachPosting, the cursor, docPositions,
 * frequencyIn) against a plain oracle: every field of every article analyzed
 * on its own, each term's documents and positions listed in order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Analyzer, createAnalyzer } from '../../src/analysis/analyzer.ts';
import { buildIndex } from '../../src/index/build.ts';
import { fieldText, INDEX_FIELDS } from '../../src/index/fields.ts';
import {
  ascendingOrder,
  docPositions,
  eachPosting,
  entryOf,
  type FieldEntry,
  fieldEntries,
  fieldEntry,
  frequenciesIn,
  frequencyIn,
  NO_MORE_DOCS,
  type Postings,
  PostingsCursor,
} from '../../src/index/postings.ts';
import type { Article } from '../../src/types.ts';

/** One document of a term's field: its word positions, ascending. */
interface OraclePosting {
  doc: number;
  positions: number[];
}

/** term → field → documents ascending, from each field's analyzed tokens. */
type Oracle = Map<string, Map<number, OraclePosting[]>>;

function oracleOf(articles: readonly Article[], analyzer: Analyzer): Oracle {
  const oracle: Oracle = new Map();
  articles.forEach((article, doc) => {
    INDEX_FIELDS.forEach((name, field) => {
      for (const token of analyzer.analyze(fieldText(article, name))) {
        const byField = oracle.get(token.term) ?? new Map<number, OraclePosting[]>();
        oracle.set(token.term, byField);
        const list = byField.get(field) ?? [];
        byField.set(field, list);
        const last = list[list.length - 1];
        if (last?.doc === doc) last.positions.push(token.position);
        else list.push({ doc, positions: [token.position] });
      }
    });
  });
  for (const byField of oracle.values()) {
    for (const list of byField.values()) for (const p of list) p.positions.sort((a, b) => a - b);
  }
  return oracle;
}

const PIECES = [
  'oil',
  'Oil',
  'oils',
  'crude',
  'prices',
  'price',
  'running',
  'run',
  'pro-Iranian',
  'pro',
  'Iranian',
  'U.S.',
  "Washington's",
  'al-Chaabi',
  '2,500',
  '1.13bn',
  'Café',
  'the',
  'and',
  '-',
  ',',
  '.',
];

const text = (maxLength: number) =>
  fc.array(fc.constantFrom(...PIECES), { maxLength }).map((words) => words.join(' '));

const articlesArbitrary = fc.array(
  fc.record({
    title: text(6),
    body: text(40),
    category: fc.array(fc.constantFrom('crude', 'oil', 'sport'), { maxLength: 2 }),
  }),
  { minLength: 1, maxLength: 12 },
);

function articlesOf(drafts: readonly { title: string; body: string; category: string[] }[]) {
  return drafts.map(
    (draft, n): Article => ({
      id: `generated/${n}`,
      title: draft.title,
      body: draft.body,
      category: draft.category,
      origin: { file: `generated/${n}.txt` },
    }),
  );
}

/** Every (term, entry, oracle documents) of an index, checked to cover the oracle's fields. */
function eachEntry(
  postings: Postings,
  oracle: Oracle,
  visit: (entry: FieldEntry, expected: OraclePosting[]) => void,
): void {
  postings.terms.forEach((term, t) => {
    const byField = oracle.get(term) ?? new Map<number, OraclePosting[]>();
    const entries = fieldEntries(postings, t);
    expect(entries.map((entry) => entry.field)).toEqual([...byField.keys()].sort((a, b) => a - b));
    for (const entry of entries) {
      const expected = byField.get(entry.field) ?? [];
      expect(entry.count).toBe(expected.length);
      expect(fieldEntry(postings, t, entry.field)).toEqual(entry);
      visit(entry, expected);
    }
  });
  expect(postings.terms.length).toBe(oracle.size);
}

const SETTINGS = { seed: 12_101, numRuns: 40 };

describe('reading postings', () => {
  it('eachPosting gives every document of an entry in order with its term frequency', () => {
    fc.assert(
      fc.property(articlesArbitrary, (drafts) => {
        const articles = articlesOf(drafts);
        const analyzer = createAnalyzer();
        const { postings } = buildIndex(articles, analyzer);
        eachEntry(postings, oracleOf(articles, analyzer), (entry, expected) => {
          const seen: { doc: number; frequency: number }[] = [];
          eachPosting(postings, entry, (doc, frequency) => seen.push({ doc, frequency }));
          expect(seen).toEqual(
            expected.map((p) => ({ doc: p.doc, frequency: p.positions.length })),
          );
        });
      }),
      SETTINGS,
    );
  });

  it('a cursor stepped with next() visits each document with its frequency and positions, then runs out', () => {
    fc.assert(
      fc.property(articlesArbitrary, (drafts) => {
        const articles = articlesOf(drafts);
        const analyzer = createAnalyzer();
        const { postings } = buildIndex(articles, analyzer);
        eachEntry(postings, oracleOf(articles, analyzer), (entry, expected) => {
          const cursor = new PostingsCursor(postings, entry);
          expect(cursor.doc).toBe(-1);
          expect(cursor.frequency).toBe(0);
          const seen: OraclePosting[] = [];
          while (cursor.next()) {
            expect(cursor.frequency).toBe(cursor.positions().length);
            seen.push({ doc: cursor.doc, positions: [...cursor.positions()] });
          }
          expect(seen).toEqual(expected);
          expect(cursor.doc).toBe(NO_MORE_DOCS);
          expect(cursor.frequency).toBe(0);
          expect(cursor.next()).toBe(false);
          expect(cursor.advance(0)).toBe(false);
          expect(cursor.doc).toBe(NO_MORE_DOCS);
        });
      }),
      SETTINGS,
    );
  });

  it('a cursor mixing next() and advance() to any targets lands where the oracle says', () => {
    const step = fc.oneof(
      fc.constant<{ kind: 'next' }>({ kind: 'next' }),
      fc.record({ kind: fc.constant<'advance'>('advance'), target: fc.nat(14) }),
    );
    fc.assert(
      fc.property(articlesArbitrary, fc.array(step, { maxLength: 12 }), (drafts, steps) => {
        const articles = articlesOf(drafts);
        const analyzer = createAnalyzer();
        const { postings } = buildIndex(articles, analyzer);
        eachEntry(postings, oracleOf(articles, analyzer), (entry, expected) => {
          const cursor = new PostingsCursor(postings, entry);
          let at = -1;
          for (const move of steps) {
            const moved = move.kind === 'next' ? cursor.next() : cursor.advance(move.target);
            at = expectedIndex(expected, at, move.kind === 'next' ? undefined : move.target);
            const want = expected[at];
            expect(moved).toBe(want !== undefined);
            expect(cursor.doc).toBe(want?.doc ?? NO_MORE_DOCS);
            expect(cursor.frequency).toBe(want?.positions.length ?? 0);
            if (want) expect([...cursor.positions()]).toEqual(want.positions);
          }
        });
      }),
      SETTINGS,
    );
  });

  it('docPositions and frequencyIn answer for any document, empty where the entry does not hold it', () => {
    fc.assert(
      fc.property(articlesArbitrary, (drafts) => {
        const articles = articlesOf(drafts);
        const analyzer = createAnalyzer();
        const { postings } = buildIndex(articles, analyzer);
        eachEntry(postings, oracleOf(articles, analyzer), (entry, expected) => {
          for (let doc = 0; doc <= articles.length; doc++) {
            const want = expected.find((p) => p.doc === doc)?.positions ?? [];
            expect([...docPositions(postings, entry, doc)]).toEqual(want);
            expect(frequencyIn(postings, entry, doc)).toBe(want.length);
          }
        });
      }),
      SETTINGS,
    );
  });

  it('frequenciesIn gives each of any ascending documents its frequency, 0 where the entry lacks it', () => {
    const targets = fc
      .array(fc.nat(14), { maxLength: 20 })
      .map((docs) => docs.sort((a, b) => a - b));
    fc.assert(
      fc.property(articlesArbitrary, targets, (drafts, docs) => {
        const articles = articlesOf(drafts);
        const analyzer = createAnalyzer();
        const { postings } = buildIndex(articles, analyzer);
        eachEntry(postings, oracleOf(articles, analyzer), (entry, expected) => {
          const want = docs.map(
            (doc) => expected.find((p) => p.doc === doc)?.positions.length ?? 0,
          );
          expect([...frequenciesIn(postings, entry, docs)]).toEqual(want);
        });
      }),
      SETTINGS,
    );
  });
});

describe('reading long postings', () => {
  // Hundreds of documents per entry, so cursors cross block boundaries; rare words beside common ones.
  const drafts = fc.sample(
    fc.record({
      title: text(6),
      body: text(40),
      category: fc.constant<string[]>([]),
      rare: fc.nat(300),
    }),
    { seed: 12_102, numRuns: 700 },
  );
  const articles = articlesOf(
    drafts.map((draft, n) => ({
      ...draft,
      body: `${draft.body} oil w${draft.rare % 37} n${n % 5}`,
    })),
  );
  const analyzer = createAnalyzer();
  const { postings } = buildIndex(articles, analyzer);
  const oracle = oracleOf(articles, analyzer);
  const all: { entry: FieldEntry; expected: OraclePosting[] }[] = [];
  eachEntry(postings, oracle, (entry, expected) => all.push({ entry, expected }));

  it('holds entries of hundreds of documents and of a few', () => {
    const counts = all.map(({ entry }) => entry.count);
    expect(Math.max(...counts)).toBeGreaterThan(500);
    expect(Math.min(...counts)).toBeLessThan(50);
  });

  it('a cursor advanced to any targets over long entries lands where the oracle says', () => {
    const step = fc.oneof(
      fc.constant<{ kind: 'next' }>({ kind: 'next' }),
      fc.record({ kind: fc.constant<'advance'>('advance'), target: fc.nat(720) }),
    );
    fc.assert(
      fc.property(fc.nat(all.length - 1), fc.array(step, { maxLength: 40 }), (pick, steps) => {
        const { entry, expected } = all[pick] ?? { entry: undefined, expected: [] };
        if (!entry) return;
        const cursor = new PostingsCursor(postings, entry);
        let at = -1;
        for (const move of [...steps].sort(byTarget)) {
          const moved = move.kind === 'next' ? cursor.next() : cursor.advance(move.target);
          at = expectedIndex(expected, at, move.kind === 'next' ? undefined : move.target);
          const want = expected[at];
          expect(moved).toBe(want !== undefined);
          expect(cursor.doc).toBe(want?.doc ?? NO_MORE_DOCS);
          if (want) expect([...cursor.positions()]).toEqual(want.positions);
        }
      }),
      { seed: 12_103, numRuns: 300 },
    );
  });

  it('docPositions and frequencyIn agree with the oracle on every document of long entries', () => {
    for (const { entry, expected } of all) {
      const byDoc = new Map(expected.map((p) => [p.doc, p.positions]));
      for (let doc = 0; doc < articles.length; doc += 7) {
        const want = byDoc.get(doc) ?? [];
        expect([...docPositions(postings, entry, doc)]).toEqual(want);
        expect(frequencyIn(postings, entry, doc)).toBe(want.length);
      }
    }
  });

  it('frequenciesIn over long entries agrees with frequencyIn on any ascending documents', () => {
    const targets = fc
      .array(fc.nat(articles.length + 5), { maxLength: 300 })
      .map((docs) => Uint32Array.from(docs).sort());
    fc.assert(
      fc.property(fc.nat(all.length - 1), targets, (pick, docs) => {
        const { entry } = all[pick] ?? { entry: undefined };
        if (!entry) return;
        const out = new Uint32Array(docs.length).fill(7);
        expect([...frequenciesIn(postings, entry, docs, out)]).toEqual(
          [...docs].map((doc) => frequencyIn(postings, entry, doc)),
        );
      }),
      { seed: 12_104, numRuns: 300 },
    );
  });
});

/** Advances in ascending target order (steps keep their place among themselves otherwise). */
function byTarget(
  a: { kind: 'next' } | { kind: 'advance'; target: number },
  b: { kind: 'next' } | { kind: 'advance'; target: number },
): number {
  return a.kind === 'advance' && b.kind === 'advance' ? a.target - b.target : 0;
}

/**
 * Where the oracle's cursor stands after one step from index `at` (-1 before
 * the first document, `length` past the last): the next index, or for
 * `advance(target)` the first index from here whose document is ≥ target.
 */
function expectedIndex(
  expected: readonly OraclePosting[],
  at: number,
  target: number | undefined,
): number {
  if (at >= expected.length) return expected.length;
  if (target === undefined) return at + 1;
  if (at >= 0 && (expected[at]?.doc ?? 0) >= target) return at;
  let next = Math.max(at + 1, 0);
  while (next < expected.length && (expected[next]?.doc ?? 0) < target) next++;
  return next;
}

describe('ascendingOrder', () => {
  it('orders any documents ascending, equal ones by their index', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(50), { maxLength: 40 }), (docs) => {
        const expected = docs
          .map((_, i) => i)
          .sort((a, b) => (docs[a] ?? 0) - (docs[b] ?? 0) || a - b);
        expect([...ascendingOrder(docs)]).toEqual(expected);
      }),
      { seed: 12_105, numRuns: 200 },
    );
  });
});

describe('entryOf', () => {
  it('is the entry fieldEntry finds, for every term and field', () => {
    const articles = articlesOf([
      { title: 'Oil prices rise', body: 'crude oil and the U.S.', category: ['crude'] },
      { title: 'Club wins', body: 'oil', category: [] },
    ]);
    const { postings } = buildIndex(articles, createAnalyzer());
    postings.terms.forEach((_, t) => {
      for (let field = 0; field < postings.fields.length; field++) {
        expect(entryOf(postings, t, field)).toEqual(fieldEntry(postings, t, field));
      }
    });
  });
});
