/**
 * Document ids decoded without positions: every entry's documents (and
 * frequencies) read in one loop are what the posting visitor reads.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termEntries } from '../../../src/index/codec/blocks.ts';
import { decodeDocIds, decodePostings } from '../../../src/index/codec/doc-ids.ts';
import { visitPostings } from '../../../src/index/codec/read.ts';
import { PostingListsWriter } from '../../../src/index/codec/write.ts';

/** One entry per term: documents ascending, each with a frequency of 1 to 300 (positions 0…f-1). */
const plainTerms = fc.array(
  fc
    .uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 400 })
    .chain((docs) =>
      fc.tuple(
        ...[...docs]
          .sort((a, b) => a - b)
          .map((doc) => fc.integer({ min: 1, max: 300 }).map((frequency) => ({ doc, frequency }))),
      ),
    ),
  { minLength: 1, maxLength: 4 },
);

describe('document ids', () => {
  it('decodes every entry to the documents and frequencies the posting visitor reads', () => {
    fc.assert(
      fc.property(plainTerms, (terms) => {
        const writer = new PostingListsWriter();
        for (const postings of terms) {
          writer.startTerm();
          writer.startEntry(1);
          for (const { doc, frequency } of postings) {
            const positions = Array.from({ length: frequency }, (_, i) => i);
            writer.add(doc, positions, 0, positions.length);
          }
        }
        const lists = writer.finish();
        terms.forEach((postings, t) => {
          for (const entry of termEntries(lists, t)) {
            const seen: number[][] = [];
            visitPostings(lists, entry, (doc, frequency) => seen.push([doc, frequency]));
            const docs = new Uint32Array(entry.count);
            const frequencies = new Uint32Array(entry.count);
            const n = decodePostings(lists, entry, docs, frequencies);
            expect(Array.from(docs.subarray(0, n), (doc, i) => [doc, frequencies[i]])).toEqual(
              seen,
            );
            const ids = new Uint32Array(entry.count + 2);
            expect(decodeDocIds(lists, entry, ids, 2)).toBe(entry.count + 2);
            expect([...ids.subarray(2)]).toEqual(postings.map(({ doc }) => doc));
          }
        });
      }),
      { seed: 13_101, numRuns: 60 },
    );
  });
});
