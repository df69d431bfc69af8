/**
 * The inverted index in compact form: for every term, per field, the
 * documents that hold it, how often, and where (word positions, for phrases
 * and proximity), compressed as `codec/blocks.ts` lays out, written to
 * snapshots as they are and read back without rebuilding anything. Every
 * reader goes through the functions here: entries, `eachPosting`, a cursor,
 * and the positions or frequency of one document.
 */
import type { BlockEntry, PostingLists } from './codec/blocks.ts';
import { ENTRY, entryAt, termEntries } from './codec/blocks.ts';
import {
  BlockCursor,
  frequenciesOf,
  frequencyOf,
  NO_MORE_DOCS,
  positionsOf,
  visitPostings,
} from './codec/read.ts';

export interface Postings extends PostingLists {
  fields: readonly string[];
  documentCount: number;
  /** Distinct terms per field per document: `fieldLength[doc * fields.length + field]`. */
  fieldLength: Uint32Array;
  averageFieldLength: number[];
  /** Every index term, sorted by UTF-16 code units, so a prefix is one contiguous range. */
  terms: string[];
  /**
   * The most common written form of each term, lower-cased (`elections` for `elect`),
   * or capitalised as written when the term is mostly written so (a name: `Chelsea`).
   */
  display: string[];
}

/** Where one field's postings of a term sit: its field, document count and blocks. */
export type FieldEntry = BlockEntry;

/** The field entries of term `t`, in field order. */
export function fieldEntries(postings: Postings, t: number): FieldEntry[] {
  return termEntries(postings, t);
}

/** The entry of term `t` in `field`, if the term occurs there. */
export function fieldEntry(postings: Postings, t: number, field: number): FieldEntry | undefined {
  for (const entry of fieldEntries(postings, t)) if (entry.field === field) return entry;
  return undefined;
}

/**
 * The entry of term `t` in `field`, if the term occurs there, without listing
 * the term's other entries: for lookups made once per document.
 * @example entryOf(postings, 17, BODY_FIELD)?.count // 250
 */
export function entryOf(postings: Postings, t: number, field: number): FieldEntry | undefined {
  const to = postings.offsets[t + 1] ?? 0;
  for (let e = postings.offsets[t] ?? to; e < to; e++) {
    if (postings.entries[e * ENTRY] === field) return entryAt(postings, e);
  }
  return undefined;
}

/** Bits that hold an index in `ascendingOrder`'s sort keys (document × 2^21 + index < 2^53). */
const INDEX_BITS = 2 ** 21;

/**
 * The indices of `docs`, ordered by document (by index among equal ones): the
 * order in which one forward pass per entry (`frequenciesIn`, a cursor) reads them.
 * @example ascendingOrder([40, 3, 17]) // Uint32Array [1, 2, 0]
 */
export function ascendingOrder(docs: readonly number[]): Uint32Array {
  if (docs.length > INDEX_BITS) {
    return Uint32Array.from(docs, (_, i) => i).sort(
      (a, b) => (docs[a] ?? 0) - (docs[b] ?? 0) || a - b,
    );
  }
  // One numeric sort of document × 2^21 + index: no comparator calls.
  const keys = Float64Array.from(docs, (doc, i) => doc * INDEX_BITS + i).sort();
  return Uint32Array.from(keys, (key) => key % INDEX_BITS);
}

/** Index of `value` in ascending `values[from, to)` (binary search), or -1. */
export function indexOfSorted(
  values: ArrayLike<number>,
  value: number,
  from = 0,
  to = values.length,
): number {
  let low = from;
  let high = to - 1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    const found = values[middle] ?? 0;
    if (found === value) return middle;
    if (found < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

export { NO_MORE_DOCS };

/**
 * Each document of an entry, ascending, with its term frequency.
 * @example eachPosting(postings, entry, (doc, frequency) => { scores[doc] += frequency; })
 */
export function eachPosting(
  postings: Postings,
  entry: FieldEntry,
  visit: (doc: number, frequency: number) => void,
): void {
  visitPostings(postings, entry, visit);
}

/**
 * A forward-only cursor over one entry's documents (Lucene's PostingsEnum):
 * `next()` steps, `advance(target)` skips ahead over whole blocks,
 * `positions()` decodes the current document's word positions.
 * @example
 * const cursor = new PostingsCursor(postings, entry);
 * while (cursor.next()) visit(cursor.doc, cursor.frequency, cursor.positions());
 */
export class PostingsCursor extends BlockCursor {}

/**
 * The word positions of `doc` in an entry, ascending (empty when the entry does not hold it).
 * @example docPositions(postings, entry, 42) // Uint32Array [3, 17]
 */
export function docPositions(postings: Postings, entry: FieldEntry, doc: number): Uint32Array {
  return positionsOf(postings, entry, doc);
}

/**
 * The term frequency of `doc` in an entry (0 when the entry does not hold it).
 * @example frequencyIn(postings, entry, 42) // 2
 */
export function frequencyIn(postings: Postings, entry: FieldEntry, doc: number): number {
  return frequencyOf(postings, entry, doc);
}

/**
 * The term frequency of each of `docs` (ascending) in an entry, in one forward
 * pass (0 where the entry does not hold a document); fills and returns `out`.
 * @example frequenciesIn(postings, entry, Uint32Array.of(3, 42)) // Uint32Array [0, 2]
 */
export function frequenciesIn(
  postings: Postings,
  entry: FieldEntry,
  docs: ArrayLike<number>,
  out?: Uint32Array,
): Uint32Array {
  return frequenciesOf(postings, entry, docs, out);
}

/** Number of documents holding term `t` in any of `fields` (an upper bound when several). */
export function documentFrequency(
  postings: Postings,
  t: number,
  fields?: ReadonlySet<number>,
): number {
  let total = 0;
  for (const entry of fieldEntries(postings, t)) {
    if (!fields || fields.has(entry.field)) total = Math.max(total, entry.count);
  }
  return total;
}
