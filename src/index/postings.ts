/**
 * The inverted index in compact form: for every term, per field, the
 * documents that hold it, how often, and where (word positions for phrases
 * and proximity, character spans for highlighting). Everything lives in a
 * few typed arrays, written to snapshots as they are and read back without
 * rebuilding anything.
 *
 * Layout of `data`, per term (from `offsets[t]` to `offsets[t + 1]`), per
 * field that holds it:
 * ```
 * field, n, base, doc₁ … docₙ, end₁ … endₙ
 * ```
 * Documents ascend. Document `docᵢ`'s occurrences are
 * `positions`/`spans[base + endᵢ₋₁ … base + endᵢ)` (with `end₀ = 0`), so its
 * term frequency is `endᵢ - endᵢ₋₁`.
 */

export interface Postings {
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
  /** Where each term's entries start in `data`; `offsets[terms.length]` is the end. */
  offsets: Uint32Array;
  data: Uint32Array;
  /** Word position of each occurrence. */
  positions: Uint32Array;
  /** Character span of each occurrence, packed by `packSpan`. */
  spans: Uint32Array;
}

/** Entries before a field's documents: field, n, base. */
export const FIELD_HEADER = 3;

/** A span that could not be packed (the text is longer than 16 MiB). */
export const NO_SPAN = 0xffffffff;
const SPAN_START_LIMIT = 2 ** 24;
const SPAN_LENGTH_LIMIT = 255;

/** `[start, end)` in one number: start in the high 24 bits, length (capped at 255) in the low 8. */
export function packSpan(start: number, end: number): number {
  if (start >= SPAN_START_LIMIT) return NO_SPAN;
  return start * 256 + Math.min(end - start, SPAN_LENGTH_LIMIT);
}

/** The `[start, end)` of a packed span, or undefined for `NO_SPAN`. */
export function unpackSpan(span: number): { start: number; end: number } | undefined {
  if (span === NO_SPAN) return undefined;
  const start = Math.floor(span / 256);
  return { start, end: start + (span % 256) };
}

/** Where one field's postings of a term sit in `data`. */
export interface FieldEntry {
  field: number;
  /** Number of documents. */
  count: number;
  /** Index in `data` of the first document. */
  docsAt: number;
  /** Index in `data` of the first cumulative occurrence end. */
  endsAt: number;
  /** Index in `positions`/`spans` of the term's first occurrence in this field. */
  base: number;
}

/** The field entries of term `t`, in field order. */
export function fieldEntries(postings: Postings, t: number): FieldEntry[] {
  const { data, offsets } = postings;
  const entries: FieldEntry[] = [];
  const end = offsets[t + 1] ?? 0;
  for (let at = offsets[t] ?? end; at < end; ) {
    const count = data[at + 1] ?? 0;
    entries.push({
      field: data[at] ?? 0,
      count,
      base: data[at + 2] ?? 0,
      docsAt: at + FIELD_HEADER,
      endsAt: at + FIELD_HEADER + count,
    });
    at += FIELD_HEADER + 2 * count;
  }
  return entries;
}

/** The entry of term `t` in `field`, if the term occurs there. */
export function fieldEntry(postings: Postings, t: number, field: number): FieldEntry | undefined {
  for (const entry of fieldEntries(postings, t)) if (entry.field === field) return entry;
  return undefined;
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

/** Index of `doc` within an entry's documents, or -1. */
export function findDoc(postings: Postings, entry: FieldEntry, doc: number): number {
  const at = indexOfSorted(postings.data, doc, entry.docsAt, entry.docsAt + entry.count);
  return at < 0 ? -1 : at - entry.docsAt;
}

/** `[from, to)` in `positions`/`spans` of the `i`-th document of an entry. */
export function occurrenceRange(
  postings: Postings,
  entry: FieldEntry,
  i: number,
): { from: number; to: number } {
  const { data } = postings;
  const previous = i === 0 ? 0 : (data[entry.endsAt + i - 1] ?? 0);
  return { from: entry.base + previous, to: entry.base + (data[entry.endsAt + i] ?? 0) };
}

/** After the last document: a cursor's `doc` once it has run out. */
export const NO_MORE_DOCS = 0xffffffff;

const NO_POSITIONS = new Uint32Array(0);

/**
 * Each document of an entry, ascending, with its term frequency.
 * @example eachPosting(postings, entry, (doc, frequency) => { scores[doc] += frequency; })
 */
export function eachPosting(
  postings: Postings,
  entry: FieldEntry,
  visit: (doc: number, frequency: number) => void,
): void {
  const { data } = postings;
  let previous = 0;
  for (let i = 0; i < entry.count; i++) {
    const end = data[entry.endsAt + i] ?? 0;
    visit(data[entry.docsAt + i] ?? 0, end - previous);
    previous = end;
  }
}

/**
 * A forward-only cursor over one entry's documents (Lucene's PostingsEnum):
 * `next()` steps, `advance(target)` skips ahead, `positions()` reads the
 * current document's word positions.
 * @example
 * const cursor = new PostingsCursor(postings, entry);
 * while (cursor.next()) visit(cursor.doc, cursor.frequency, cursor.positions());
 */
export class PostingsCursor {
  /** -1 before the first `next()`/`advance()`, `NO_MORE_DOCS` after the last document. */
  doc = -1;
  /** The current document's term frequency (0 when not on a document). */
  frequency = 0;
  private readonly postings: Postings;
  private readonly entry: FieldEntry;
  /** Index of the current document within the entry. */
  private at = -1;
  /** `[from, to)` of the current document's occurrences in `positions`. */
  private from = 0;
  private to = 0;

  constructor(postings: Postings, entry: FieldEntry) {
    this.postings = postings;
    this.entry = entry;
  }

  /** Moves to the next document; false (and `doc` = `NO_MORE_DOCS`) past the last. */
  next(): boolean {
    return this.moveTo(this.at + 1);
  }

  /** Moves to the first document ≥ `target` (stays when already there); false when none. */
  advance(target: number): boolean {
    if (this.doc === NO_MORE_DOCS) return false;
    if (this.at >= 0 && this.doc >= target) return true;
    const { data } = this.postings;
    const { docsAt, count } = this.entry;
    let low = Math.max(this.at + 1, 0);
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((data[docsAt + middle] ?? 0) < target) low = middle + 1;
      else high = middle;
    }
    return this.moveTo(low);
  }

  /** The current document's word positions, ascending; valid until the cursor moves. */
  positions(): Uint32Array {
    if (this.from === this.to) return NO_POSITIONS;
    return this.postings.positions.subarray(this.from, this.to);
  }

  /** Puts the cursor on the entry's `at`-th document, or past the end. */
  private moveTo(at: number): boolean {
    const { data } = this.postings;
    const { docsAt, endsAt, base, count } = this.entry;
    this.at = Math.min(at, count);
    if (at >= count) {
      this.doc = NO_MORE_DOCS;
      this.frequency = 0;
      this.from = 0;
      this.to = 0;
      return false;
    }
    const previous = at === 0 ? 0 : (data[endsAt + at - 1] ?? 0);
    const end = data[endsAt + at] ?? 0;
    this.doc = data[docsAt + at] ?? 0;
    this.frequency = end - previous;
    this.from = base + previous;
    this.to = base + end;
    return true;
  }
}

/**
 * The word positions of `doc` in an entry, ascending (empty when the entry does not hold it).
 * @example docPositions(postings, entry, 42) // Uint32Array [3, 17]
 */
export function docPositions(postings: Postings, entry: FieldEntry, doc: number): Uint32Array {
  const i = findDoc(postings, entry, doc);
  if (i < 0) return NO_POSITIONS;
  const { from, to } = occurrenceRange(postings, entry, i);
  return postings.positions.subarray(from, to);
}

/**
 * The term frequency of `doc` in an entry (0 when the entry does not hold it).
 * @example frequencyIn(postings, entry, 42) // 2
 */
export function frequencyIn(postings: Postings, entry: FieldEntry, doc: number): number {
  const i = findDoc(postings, entry, doc);
  if (i < 0) return 0;
  const { from, to } = occurrenceRange(postings, entry, i);
  return to - from;
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
