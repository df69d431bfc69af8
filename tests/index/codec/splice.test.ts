import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_DOCS, type PostingLists, termEntries } from '../../../src/index/codec/blocks.ts';
import {
  type PlacedRun,
  type SplicedLists,
  splicePostingLists,
} from '../../../src/index/codec/splice.ts';
import { ByteWriter } from '../../../src/index/codec/varint.ts';
import { PostingListsWriter } from '../../../src/index/codec/write.ts';
import { expectBlocksFit, expectReads, type PlainDoc } from '../../helpers/postings-checks.ts';

/** A source as plain data: term → field → its documents, ascending. */
type PlainSource = Map<string, Map<number, PlainDoc[]>>;

const FIELDS = 3;

/** A source's postings written the ordinary way (terms sorted, fields ascending). */
function encode(source: PlainSource): { lists: PostingLists; terms: string[] } {
  const terms = [...source.keys()].sort();
  const writer = new PostingListsWriter();
  for (const term of terms) {
    writer.startTerm();
    for (const [field, docs] of [
      ...(source.get(term) ?? new Map<number, PlainDoc[]>()).entries(),
    ].sort((a, b) => a[0] - b[0])) {
      writer.startEntry(field);
      for (const { doc, positions } of docs) writer.add(doc, positions, 0, positions.length);
    }
  }
  return { lists: writer.finish(), terms };
}

/**
 * A source of `size` documents: each term is in each field with a
 * probability, and then in each document with another (some terms rare,
 * some in nearly every document, so entries of one block and of many).
 */
const plainSource = (terms: readonly string[]) =>
  fc
    .integer({ min: 0, max: 700 })
    .chain((size) =>
      fc
        .tuple(
          ...terms.map(() =>
            fc.tuple(
              ...Array.from({ length: FIELDS }, () =>
                fc.tuple(fc.constantFrom(0, 0.005, 0.05, 0.5, 0.97), fc.integer()),
              ),
            ),
          ),
        )
        .map((choices) => ({ size, source: sourceOf(terms, size, choices) })),
    );

/** Documents drawn with a small seeded generator from each (density, seed) choice. */
function sourceOf(
  terms: readonly string[],
  size: number,
  choices: readonly (readonly [number, number][])[],
): PlainSource {
  const source: PlainSource = new Map();
  terms.forEach((term, t) => {
    const fields = new Map<number, PlainDoc[]>();
    (choices[t] ?? []).forEach(([density, seed], field) => {
      let state = seed | 1;
      const next = () => {
        state = (Math.imul(state, 1103515245) + 12345) | 0;
        return (state >>> 8) / (1 << 24);
      };
      const docs: PlainDoc[] = [];
      for (let doc = 0; doc < size; doc++) {
        if (next() >= density) continue;
        const count = 1 + Math.floor(next() * 3);
        const positions = Array.from({ length: count }, (_, i) => i * 7 + Math.floor(next() * 5));
        docs.push({ doc, positions });
      }
      if (docs.length > 0) fields.set(field, docs);
    });
    if (fields.size > 0) source.set(term, fields);
  });
  return source;
}

/** Runs over sources of `sizes`: each (source, two cut points) made valid, maybe empty. */
const runsOver = (sizes: readonly number[]) =>
  fc.array(fc.tuple(fc.nat(sizes.length - 1), fc.nat(), fc.nat()), { maxLength: 7 }).map((raw) => {
    let base = 0;
    return raw.map(([source, a, b]): PlacedRun => {
      const size = sizes[source] ?? 0;
      const from = Math.min(a % (size + 1), b % (size + 1));
      const to = Math.max(a % (size + 1), b % (size + 1));
      const run = { source, from, to, base };
      base += to - from;
      return run;
    });
  });

const NO_SOURCE: PlainSource = new Map();

/** What the splice must hold: each run's documents of each source, renumbered, in run order. */
function oracle(sources: readonly PlainSource[], runs: readonly PlacedRun[]): PlainSource {
  const out: PlainSource = new Map();
  for (const run of runs) {
    for (const [term, fields] of sources[run.source] ?? NO_SOURCE) {
      for (const [field, docs] of fields) {
        const kept = docs
          .filter((d) => d.doc >= run.from && d.doc < run.to)
          .map((d) => ({ doc: d.doc - run.from + run.base, positions: d.positions }));
        if (kept.length === 0) continue;
        const byField = out.get(term) ?? new Map<number, PlainDoc[]>();
        byField.set(field, [...(byField.get(field) ?? []), ...kept]);
        out.set(term, byField);
      }
    }
  }
  return out;
}

/** `spliced` holds exactly `expected`: terms, entries, blocks that fit, reads and jumps. */
function expectSplice(
  spliced: SplicedLists,
  expected: PlainSource,
  runs: readonly PlacedRun[],
  targets: readonly number[],
) {
  const terms = [...expected.keys()].sort();
  expect(spliced.terms).toEqual(terms);
  terms.forEach((term, t) => {
    const fields = [...(expected.get(term) ?? new Map<number, PlainDoc[]>()).entries()].sort(
      (x, y) => x[0] - y[0],
    );
    const entries = termEntries(spliced.lists, t);
    expect(entries.map((entry) => [entry.field, entry.count])).toEqual(
      fields.map(([field, docs]): [number, number] => [field, docs.length]),
    );
    entries.forEach((entry, e) => {
      const docs = fields[e]?.[1] ?? [];
      expectBlocksFit(spliced.lists, entry, docs);
      // A run's three pieces (cut start, copied blocks, cut end) may each leave the block before part full.
      expect(entry.blockCount).toBeLessThanOrEqual(
        Math.floor(docs.length / BLOCK_DOCS) + 3 * runs.length + 1,
      );
      expectReads(spliced.lists, entry, docs, targets);
    });
  });
}

const TERMS = ['a', 'b', 'c', 'd', 'e'];

describe('spliced postings', () => {
  it('equal the postings of exactly the runs’ documents, renumbered in run order', () => {
    fc.assert(
      fc.property(
        fc
          .array(plainSource(TERMS), { minLength: 1, maxLength: 3 })
          .chain((sources) =>
            fc.tuple(
              fc.constant(sources),
              runsOver(sources.map((s) => s.size)),
              fc.array(fc.nat(5000), { maxLength: 25 }),
            ),
          ),
        ([sources, runs, targets]) => {
          const plain = sources.map((s) => s.source);
          const spliced = splicePostingLists(plain.map(encode), runs, FIELDS);
          expectSplice(spliced, oracle(plain, runs), runs, targets);
        },
      ),
      { seed: 41, numRuns: 120 },
    );
  });

  it('equal them when stretches of one source are dropped and another’s put between', () => {
    fc.assert(
      fc.property(
        fc
          .tuple(plainSource(TERMS), plainSource(TERMS))
          .chain(([old, fresh]) =>
            fc.tuple(
              fc.constant([old, fresh]),
              fc.array(fc.nat(old.size), { minLength: 2, maxLength: 8 }),
              fc.nat(fresh.size),
              fc.array(fc.nat(1500), { maxLength: 25 }),
            ),
          ),
        ([[old, fresh], rawCuts, insert, targets]) => {
          // old[0, c0) + new[0, insert) + old[c1, c2) + new[insert, …) + old[c3, c4) …
          const cuts = [0, ...[...rawCuts].sort((a, b) => a - b), old?.size ?? 0];
          const runs: PlacedRun[] = [];
          let base = 0;
          const add = (source: number, from: number, to: number) => {
            runs.push({ source, from, to, base });
            base += to - from;
          };
          for (let c = 0; c + 1 < cuts.length; c += 2) {
            add(0, cuts[c] ?? 0, cuts[c + 1] ?? 0);
            if (c === 0) add(1, 0, insert);
            if (c === 2) add(1, insert, fresh?.size ?? 0);
          }
          const plain = [old?.source ?? NO_SOURCE, fresh?.source ?? NO_SOURCE];
          const spliced = splicePostingLists(plain.map(encode), runs, FIELDS);
          expectSplice(spliced, oracle(plain, runs), runs, targets);
        },
      ),
      { seed: 43, numRuns: 100 },
    );
  });

  it('give a rare term one block however many runs it is cut into', () => {
    const docs = (from: number, step: number, count: number): PlainDoc[] =>
      Array.from({ length: count }, (_, i) => ({ doc: from + i * step, positions: [i] }));
    const old = new Map([['rare', new Map([[0, docs(0, 40, 30)]])]]);
    const fresh = new Map([['rare', new Map([[0, docs(3, 5, 20)]])]]);
    const runs: PlacedRun[] = [];
    let base = 0;
    for (const [source, from, to] of [
      [0, 0, 333],
      [1, 0, 50],
      [0, 400, 700],
      [1, 50, 100],
      [0, 701, 1200],
    ] as const) {
      runs.push({ source, from, to, base });
      base += to - from;
    }
    const spliced = splicePostingLists([encode(old), encode(fresh)], runs, FIELDS);
    const [entry] = termEntries(spliced.lists, 0);
    const expected = oracle([old, fresh], runs).get('rare')?.get(0) ?? [];
    expect(entry?.count).toBe(expected.length);
    expect(entry?.blockCount).toBe(1);
    if (entry) expectReads(spliced.lists, entry, expected, [0, 500, 1000]);
  });

  it('leave out a term whose documents are all outside the runs', () => {
    const gone = new Map([
      ['gone', new Map([[1, [{ doc: 5, positions: [2] }]]])],
      ['kept', new Map([[0, [{ doc: 1, positions: [0] }]]])],
    ]);
    const spliced = splicePostingLists([encode(gone)], [{ source: 0, from: 0, to: 5, base: 0 }], 3);
    expect(spliced.terms).toEqual(['kept']);
    expect(termEntries(spliced.lists, 0).map((entry) => entry.field)).toEqual([0]);
  });
});

describe("a byte writer's take()", () => {
  it.each([
    ['its own buffer, when sized right', 108, 100, true],
    ['a copy, when the buffer is much larger', 1000, 100, false],
  ])('gives the bytes written: %s', (_, capacity, written, shared) => {
    const writer = new ByteWriter(capacity);
    for (let i = 0; i < written; i++) writer.varint(i % 100);
    const taken = writer.take();
    expect([...taken]).toEqual(Array.from({ length: written }, (_, i) => i % 100));
    expect(taken.buffer.byteLength === taken.length).toBe(!shared);
  });
});
