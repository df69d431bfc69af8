import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BLOCK,
  BLOCK_DOCS,
  ENTRY,
  type PostingLists,
  termEntries,
} from '../../../src/index/codec/blocks.ts';
import { type MergePart, mergePostingLists } from '../../../src/index/codec/merge.ts';
import { BlockCursor, NO_MORE_DOCS, visitPostings } from '../../../src/index/codec/read.ts';
import { ByteReader, ByteWriter } from '../../../src/index/codec/varint.ts';
import { PostingListsWriter } from '../../../src/index/codec/write.ts';
import { expectBlocksFit, expectReads, type PlainDoc } from '../../helpers/postings-checks.ts';

/** One term's postings as plain data: per field, documents ascending with their positions. */
type PlainTerm = { field: number; docs: { doc: number; positions: number[] }[] }[];

function encode(terms: readonly PlainTerm[]) {
  const writer = new PostingListsWriter();
  for (const term of terms) {
    writer.startTerm();
    for (const { field, docs } of term) {
      writer.startEntry(field);
      for (const { doc, positions } of docs) writer.add(doc, positions, 0, positions.length);
    }
  }
  return writer.finish();
}

const plainDocs = (most: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: most })
    .chain((docs) =>
      fc.tuple(
        ...[...docs]
          .sort((a, b) => a - b)
          .map((doc) =>
            fc
              .uniqueArray(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 6 })
              .map((positions) => ({ doc, positions: [...positions].sort((a, b) => a - b) })),
          ),
      ),
    );

const plainTerm = (most: number) =>
  fc
    .uniqueArray(fc.integer({ min: 0, max: 5 }), { minLength: 0, maxLength: 3 })
    .chain((fields) =>
      fc.tuple(
        ...[...fields]
          .sort((a, b) => a - b)
          .map((field) => plainDocs(most).map((docs) => ({ field, docs }))),
      ),
    );

describe('varints', () => {
  it('read back every number written, small or up to 2^53 - 1', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeNat()), fc.array(fc.nat(300)), (big, small) => {
        const writer = new ByteWriter(16);
        const all = [...big, ...small];
        for (const value of all) writer.varint(value);
        const reader = new ByteReader(writer.finish());
        expect(all.map(() => reader.varint())).toEqual(all);
      }),
      { seed: 12 },
    );
  });

  it('skip moves past whole numbers without decoding them', () => {
    const writer = new ByteWriter();
    for (const value of [1, 300, 70_000, 5, 2 ** 40, 9]) writer.varint(value);
    const reader = new ByteReader(writer.finish());
    reader.skip(4);
    expect(reader.varint()).toBe(2 ** 40);
  });
});

describe('compressed postings', () => {
  it('give back every document, frequency and position that was written', () => {
    fc.assert(
      fc.property(fc.array(plainTerm(300), { minLength: 1, maxLength: 6 }), (terms) => {
        const lists = encode(terms);
        terms.forEach((term, t) => {
          const entries = termEntries(lists, t);
          expect(entries.map((entry) => [entry.field, entry.count])).toEqual(
            term.map(({ field, docs }) => [field, docs.length]),
          );
          entries.forEach((entry, e) => {
            const seen: { doc: number; frequency: number }[] = [];
            visitPostings(lists, entry, (doc, frequency) => seen.push({ doc, frequency }));
            const plain = term[e]?.docs ?? [];
            expect(seen).toEqual(plain.map((d) => ({ doc: d.doc, frequency: d.positions.length })));
            const cursor = new BlockCursor(lists, entry);
            const walked: { doc: number; positions: number[] }[] = [];
            while (cursor.next())
              walked.push({ doc: cursor.doc, positions: [...cursor.positions()] });
            expect(walked).toEqual(plain);
            expect(cursor.doc).toBe(NO_MORE_DOCS);
          });
        });
      }),
      { seed: 7, numRuns: 150 },
    );
  });

  it('advance to any ascending targets lands where a linear scan does, positions included', () => {
    fc.assert(
      fc.property(
        plainDocs(700),
        fc.array(fc.integer({ min: 0, max: 5200 }), { maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (docs, rawTargets, readPositions) => {
          const lists = encode([[{ field: 1, docs }]]);
          const [entry] = termEntries(lists, 0);
          if (!entry) throw new Error('no entry');
          const cursor = new BlockCursor(lists, entry);
          const targets = [...rawTargets].sort((a, b) => a - b);
          targets.forEach((target, i) => {
            const expected = docs.find((d) => d.doc >= Math.max(target, cursor.doc));
            const found = cursor.advance(target);
            expect(found).toBe(expected !== undefined);
            expect(cursor.doc).toBe(expected?.doc ?? NO_MORE_DOCS);
            if (expected && readPositions[i])
              expect([...cursor.positions()]).toEqual(expected.positions);
          });
        },
      ),
      { seed: 3, numRuns: 300 },
    );
  });

  it('cut long lists into blocks of at most BLOCK_DOCS documents', () => {
    const docs = Array.from({ length: BLOCK_DOCS * 3 + 5 }, (_, i) => ({
      doc: i * 3,
      positions: [i % 7],
    }));
    const lists = encode([[{ field: 0, docs }]]);
    expect(termEntries(lists, 0)[0]?.blockCount).toBe(4);
  });

  it('sort a document positions that do not ascend (a compound after its parts)', () => {
    const writer = new PostingListsWriter();
    writer.startTerm();
    writer.startEntry(0);
    writer.add(4, [5, 6, 5, 9], 0, 4);
    const lists = writer.finish();
    const [entry] = termEntries(lists, 0);
    if (!entry) throw new Error('no entry');
    const cursor = new BlockCursor(lists, entry);
    cursor.next();
    expect([...cursor.positions()]).toEqual([5, 5, 6, 9]);
  });
});

/** A segment as generated: (term, its postings) pairs, a term maybe repeated (the last wins). */
type RawSegment = [string, PlainTerm][];

/** Documents a generated segment may hold (its documents are below this). */
const SPAN = 5001;

/** The segments as merge parts, and what one segment over all of them holds (term → field → docs). */
function segmentsOf(segments: readonly RawSegment[], firstBase = 0) {
  const parts: MergePart[] = [];
  const whole = new Map<string, Map<number, PlainDoc[]>>();
  segments.forEach((raw, s) => {
    const docBase = firstBase + s * SPAN;
    const byTerm = new Map(raw);
    const terms = [...byTerm.keys()].sort();
    parts.push({ lists: encode(terms.map((term) => byTerm.get(term) ?? [])), terms, docBase });
    for (const term of terms) {
      const fields = whole.get(term) ?? new Map<number, PlainDoc[]>();
      for (const { field, docs } of byTerm.get(term) ?? []) {
        const list = fields.get(field) ?? [];
        list.push(...docs.map((d) => ({ doc: d.doc + docBase, positions: d.positions })));
        fields.set(field, list);
      }
      whole.set(term, fields);
    }
  });
  return { parts, whole };
}

/** `whole`'s terms, and per term its fields' documents in field order. */
function oracleOf(whole: ReadonlyMap<string, ReadonlyMap<number, PlainDoc[]>>) {
  const terms = [...whole.keys()].sort();
  const fields = terms.map((term) =>
    [...(whole.get(term) ?? new Map<number, PlainDoc[]>()).entries()].sort((x, y) => x[0] - y[0]),
  );
  return { terms, fields };
}

/** The number of blocks in `lists`. */
const blockCount = (lists: PostingLists): number => lists.blocks.length / BLOCK;

const rawSegment = (terms: readonly string[], most: number) =>
  fc.array(fc.tuple(fc.constantFrom(...terms), plainTerm(most)), { minLength: 1, maxLength: 8 });

const targetsIn = (segments: number) =>
  fc.array(fc.integer({ min: 0, max: segments * SPAN }), { maxLength: 12 });

describe('merged postings', () => {
  it('equal the postings of all segments written as one, documents shifted by each base', () => {
    fc.assert(
      fc.property(
        fc.array(rawSegment(['a', 'b', 'c', 'd', 'e', 'f'], 200), { minLength: 1, maxLength: 4 }),
        targetsIn(4),
        (segments, targets) => {
          const { parts, whole } = segmentsOf(segments);
          const merged = mergePostingLists(parts, 6);
          const { terms, fields } = oracleOf(whole);
          expect(merged.terms).toEqual(terms);
          expect(blockCount(merged.lists)).toBeLessThanOrEqual(
            sum(parts.map((part) => blockCount(part.lists))),
          );
          terms.forEach((_, t) => {
            const entries = termEntries(merged.lists, t);
            expect(entries.map((entry) => entry.field)).toEqual(
              (fields[t] ?? []).map(([field]) => field),
            );
            entries.forEach((entry, e) => {
              const docs = fields[t]?.[e]?.[1] ?? [];
              expect(entry.count).toBe(docs.length);
              expectBlocksFit(merged.lists, entry, docs);
              expectReads(merged.lists, entry, docs, targets);
            });
          });
        },
      ),
      { seed: 5, numRuns: 120 },
    );
  });

  it('join the small blocks of many segments into one block per rare term', () => {
    const letters = [...'abcdefghijkl'];
    fc.assert(
      fc.property(
        fc.array(rawSegment(letters, 5), { minLength: 2, maxLength: 8 }),
        targetsIn(8),
        (segments, targets) => {
          const { parts, whole } = segmentsOf(segments);
          const merged = mergePostingLists(parts, 6);
          const { terms, fields } = oracleOf(whole);
          expect(merged.terms).toEqual(terms);
          const entryCount = merged.lists.entries.length / ENTRY;
          expect(blockCount(merged.lists)).toBe(entryCount);
          const partEntries = sum(parts.map((part) => part.lists.entries.length / ENTRY));
          expect(sum(parts.map((part) => blockCount(part.lists)))).toBe(partEntries);
          if (partEntries > entryCount) expect(blockCount(merged.lists)).toBeLessThan(partEntries);
          terms.forEach((_, t) => {
            termEntries(merged.lists, t).forEach((entry, e) => {
              const docs = fields[t]?.[e]?.[1] ?? [];
              expect(entry.blockCount).toBe(1);
              expectBlocksFit(merged.lists, entry, docs);
              expectReads(merged.lists, entry, docs, targets);
            });
          });
        },
      ),
      { seed: 11, numRuns: 150 },
    );
  });

  it('read the same when merged ones are merged again', () => {
    fc.assert(
      fc.property(
        fc.array(rawSegment(['a', 'b', 'c'], 150), { minLength: 2, maxLength: 6 }),
        fc.nat(),
        targetsIn(6),
        (segments, cut, targets) => {
          const half = 1 + (cut % (segments.length - 1));
          const left = mergePostingLists(segmentsOf(segments.slice(0, half)).parts, 6);
          const right = mergePostingLists(segmentsOf(segments.slice(half)).parts, 6);
          const merged = mergePostingLists(
            [
              { ...left, docBase: 0 },
              { ...right, docBase: half * SPAN },
            ],
            6,
          );
          const { terms, fields } = oracleOf(segmentsOf(segments).whole);
          expect(merged.terms).toEqual(terms);
          terms.forEach((_, t) => {
            termEntries(merged.lists, t).forEach((entry, e) => {
              const docs = fields[t]?.[e]?.[1] ?? [];
              expectBlocksFit(merged.lists, entry, docs);
              expectReads(merged.lists, entry, docs, targets);
            });
          });
        },
      ),
      { seed: 13, numRuns: 60 },
    );
  });
});

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

describe('a cursor that ran out', () => {
  it('stays out: next() after a failed advance() finds nothing', () => {
    const lists = encode([[{ field: 0, docs: [{ doc: 0, positions: [1] }] }]]);
    const [entry] = termEntries(lists, 0);
    if (!entry) throw new Error('no entry');
    const cursor = new BlockCursor(lists, entry);
    expect(cursor.advance(1)).toBe(false);
    expect(cursor.next()).toBe(false);
    expect(cursor.doc).toBe(NO_MORE_DOCS);
  });
});
