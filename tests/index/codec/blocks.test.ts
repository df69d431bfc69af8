import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BLOCK_DOCS, termEntries } from '../../../src/index/codec/blocks.ts';
import { type MergePart, mergePostingLists } from '../../../src/index/codec/merge.ts';
import { BlockCursor, NO_MORE_DOCS, visitPostings } from '../../../src/index/codec/read.ts';
import { ByteReader, ByteWriter } from '../../../src/index/codec/varint.ts';
import { PostingListsWriter } from '../../../src/index/codec/write.ts';

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

describe('merged postings', () => {
  it('equal the postings of all segments written as one, documents shifted by each base', () => {
    const segment = fc.array(
      fc.tuple(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), plainTerm(200)),
      { minLength: 1, maxLength: 5 },
    );
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (segments) => {
        const parts: MergePart[] = [];
        const whole = new Map<string, Map<number, { doc: number; positions: number[] }[]>>();
        let docBase = 0;
        for (const raw of segments) {
          const byTerm = new Map(raw.map(([term, plain]) => [term, plain] as const));
          const terms = [...byTerm.keys()].sort();
          parts.push({
            lists: encode(terms.map((term) => byTerm.get(term) ?? [])),
            terms,
            docBase,
          });
          for (const term of terms) {
            const fields =
              whole.get(term) ?? new Map<number, { doc: number; positions: number[] }[]>();
            for (const { field, docs } of byTerm.get(term) ?? []) {
              const list = fields.get(field) ?? [];
              list.push(...docs.map((d) => ({ doc: d.doc + docBase, positions: d.positions })));
              fields.set(field, list);
            }
            whole.set(term, fields);
          }
          docBase += 5001;
        }
        const merged = mergePostingLists(parts, 6);
        const terms = [...whole.keys()].sort();
        expect(merged.terms).toEqual(terms);
        terms.forEach((term, t) => {
          const fields = [...(whole.get(term) ?? new Map()).entries()].sort((x, y) => x[0] - y[0]);
          const entries = termEntries(merged.lists, t);
          expect(entries.map((entry) => entry.field)).toEqual(fields.map(([field]) => field));
          entries.forEach((entry, e) => {
            const cursor = new BlockCursor(merged.lists, entry);
            const walked: { doc: number; positions: number[] }[] = [];
            while (cursor.next())
              walked.push({ doc: cursor.doc, positions: [...cursor.positions()] });
            expect(walked).toEqual(fields[e]?.[1]);
            const probe = fields[e]?.[1]?.at(-1);
            const jump = new BlockCursor(merged.lists, entry);
            if (probe) {
              expect(jump.advance(probe.doc)).toBe(true);
              expect([...jump.positions()]).toEqual(probe.positions);
            }
          });
        });
      }),
      { seed: 5, numRuns: 120 },
    );
  });
});

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
