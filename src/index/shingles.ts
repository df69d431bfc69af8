/**
 * What near-duplicate detection compares: each article's headline and body as
 * a stream of index terms, read back from the postings (so a loaded snapshot
 * and a fresh build give the same streams, and nothing is analyzed twice),
 * cut into overlapping word n-grams ("shingles") hashed to 32 bits, and
 * summarised by a MinHash signature.
 *
 * Signatures use one-permutation hashing with optimal densification
 * (Shrivastava, ICML 2017): each shingle is hashed once and lands in one of
 * `bins` bins, which keep their smallest hash; an empty bin borrows the value
 * of a filled one chosen by a fixed pseudo-random probe sequence. The share of
 * equal bins of two signatures estimates the Jaccard similarity of their
 * shingle sets, at O(shingles + bins) per article instead of O(shingles × bins).
 */
import { BODY_FIELD, TITLE_FIELD } from './fields.ts';
import { fieldEntries, type Postings, PostingsCursor } from './postings.ts';

/** Article `d`'s terms, in reading order, are `terms[starts[d] … starts[d + 1])`. */
export interface TermStreams {
  starts: Uint32Array;
  terms: Uint32Array;
  /** How many of article `d`'s first terms are its headline's. */
  headlineLengths: Uint32Array;
}

const EMPTY = 0xffffffff;

/** Articles per block of the two-step scatter (a block's slots stay in cache). */
const BLOCK_DOCS = 256;

/**
 * The headline-then-body term streams of every article. At a position held
 * by several terms (a compound and its first part) the lowest term id is kept.
 */
export function textStreams(postings: Postings): TermStreams {
  const documents = postings.documentCount;
  const titleLength = new Uint32Array(documents);
  const bodyLength = new Uint32Array(documents);
  const blockSize = new Uint32Array(Math.ceil(documents / BLOCK_DOCS) + 1);
  eachTextEntry(postings, (doc, body, positions) => {
    const length = body ? bodyLength : titleLength;
    const last = positions[positions.length - 1] ?? 0;
    if (last >= (length[doc] ?? 0)) length[doc] = last + 1;
    const block = Math.floor(doc / BLOCK_DOCS) + 1;
    blockSize[block] = (blockSize[block] ?? 0) + positions.length;
  });
  const starts = new Uint32Array(documents + 1);
  for (let doc = 0; doc < documents; doc++) {
    starts[doc + 1] = (starts[doc] ?? 0) + (titleLength[doc] ?? 0) + (bodyLength[doc] ?? 0);
  }
  for (let block = 1; block < blockSize.length; block++) {
    blockSize[block] = (blockSize[block] ?? 0) + (blockSize[block - 1] ?? 0);
  }
  // Step one: (slot, term) pairs appended per block, in term order; step two: each block's slots.
  const pairs = new Uint32Array(2 * (blockSize[blockSize.length - 1] ?? 0));
  const cursor = blockSize.slice(0, -1);
  eachTextEntry(postings, (doc, body, positions, term) => {
    const first = (starts[doc] ?? 0) + (body ? (titleLength[doc] ?? 0) : 0);
    const block = Math.floor(doc / BLOCK_DOCS);
    let at = 2 * (cursor[block] ?? 0);
    cursor[block] = (cursor[block] ?? 0) + positions.length;
    for (let o = 0; o < positions.length; o++) {
      pairs[at++] = first + (positions[o] ?? 0);
      pairs[at++] = term;
    }
  });
  const slots = new Uint32Array(starts[documents] ?? 0).fill(EMPTY);
  for (let at = 0; at < pairs.length; at += 2) {
    const slot = pairs[at] ?? 0;
    if (slots[slot] === EMPTY) slots[slot] = pairs[at + 1] ?? 0;
  }
  return withoutGaps(slots, starts, titleLength);
}

/**
 * Calls `visit` with each article's word positions of a term in its headline
 * or body (terms ascending, then fields, then articles); the positions are
 * valid only during the call.
 */
function eachTextEntry(
  postings: Postings,
  visit: (doc: number, body: boolean, positions: Uint32Array, term: number) => void,
): void {
  for (let term = 0; term < postings.terms.length; term++) {
    for (const entry of fieldEntries(postings, term)) {
      if (entry.field !== TITLE_FIELD && entry.field !== BODY_FIELD) continue;
      const body = entry.field === BODY_FIELD;
      const cursor = new PostingsCursor(postings, entry);
      while (cursor.next()) visit(cursor.doc, body, cursor.positions(), term);
    }
  }
}

/** The streams with empty slots (positions no term holds) squeezed out. */
function withoutGaps(
  slots: Uint32Array,
  starts: Uint32Array,
  titleLength: Uint32Array,
): TermStreams {
  const out = new Uint32Array(slots.length);
  const outStarts = new Uint32Array(starts.length);
  const headlineLengths = new Uint32Array(titleLength.length);
  let kept = 0;
  for (let doc = 0; doc + 1 < starts.length; doc++) {
    const from = starts[doc] ?? 0;
    const to = starts[doc + 1] ?? 0;
    const bodyFrom = from + (titleLength[doc] ?? 0);
    for (let at = from; at < to; at++) {
      if (at === bodyFrom) headlineLengths[doc] = kept - (outStarts[doc] ?? 0);
      const term = slots[at] ?? EMPTY;
      if (term !== EMPTY) out[kept++] = term;
    }
    if (bodyFrom >= to) headlineLengths[doc] = kept - (outStarts[doc] ?? 0);
    outStarts[doc + 1] = kept;
  }
  return { starts: outStarts, terms: out.subarray(0, kept), headlineLengths };
}

/** A hash of article `doc`'s headline terms (0 for a headline under `least` words). */
export function headlineKey(streams: TermStreams, doc: number, least: number): number {
  const length = streams.headlineLengths[doc] ?? 0;
  if (length < least) return 0;
  const from = streams.starts[doc] ?? 0;
  let h = 0x2545f491;
  for (let at = from; at < from + length; at++) h = mix32(h ^ (streams.terms[at] ?? 0));
  return h === 0 ? 1 : h;
}

/** Whether two articles' headlines are the same terms. */
export function sameHeadline(streams: TermStreams, a: number, b: number): boolean {
  const length = streams.headlineLengths[a] ?? 0;
  if (length !== streams.headlineLengths[b]) return false;
  const fromA = streams.starts[a] ?? 0;
  const fromB = streams.starts[b] ?? 0;
  for (let i = 0; i < length; i++) {
    if (streams.terms[fromA + i] !== streams.terms[fromB + i]) return false;
  }
  return true;
}

/** A 32-bit integer finaliser (MurmurHash3's fmix32): every input bit moves every output bit. */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The distinct hashes of article `doc`'s `width`-word shingles, ascending.
 * A stream shorter than `width` words is one shingle of all of them.
 */
export function shingleSet(streams: TermStreams, doc: number, width: number): Uint32Array {
  const hashes = shingleHashes(
    streams,
    doc,
    width,
    new Uint32Array(shingleCount(streams, doc, width)),
  );
  hashes.sort();
  return distinct(hashes);
}

/** How many shingles article `doc` has (with repeats). */
export function shingleCount(streams: TermStreams, doc: number, width: number): number {
  const words = (streams.starts[doc + 1] ?? 0) - (streams.starts[doc] ?? 0);
  return words === 0 ? 0 : Math.max(1, words - width + 1);
}

/** The multiplier of the rolling shingle hash (odd, so multiplying by it loses nothing). */
const ROLL = 0x01000193;

/**
 * Writes article `doc`'s shingle hashes, in text order, into `out` (long
 * enough); returns them. A polynomial hash rolled one word at a time, then
 * mixed, so each shingle costs the same whatever its width.
 */
export function shingleHashes(
  streams: TermStreams,
  doc: number,
  width: number,
  out: Uint32Array,
): Uint32Array {
  const from = streams.starts[doc] ?? 0;
  const to = streams.starts[doc + 1] ?? 0;
  const count = shingleCount(streams, doc, width);
  const span = Math.min(width, to - from);
  let leading = 1;
  for (let k = 1; k < span; k++) leading = Math.imul(leading, ROLL);
  let h = 0;
  for (let at = from; at < from + span; at++) h = Math.imul(h, ROLL) + (streams.terms[at] ?? 0) + 1;
  for (let i = 0; i < count; i++) {
    out[i] = mix32(h);
    const next = from + i + span;
    if (next >= to) break;
    h -= Math.imul(leading, (streams.terms[from + i] ?? 0) + 1);
    h = Math.imul(h, ROLL) + (streams.terms[next] ?? 0) + 1;
  }
  return out.subarray(0, count);
}

function distinct(sorted: Uint32Array): Uint32Array {
  let kept = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[kept++] = sorted[i] ?? 0;
  }
  return sorted.subarray(0, kept);
}

/** |a ∩ b| of two ascending sets. */
export function sharedCount(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** |a ∩ b| / |a ∪ b| of two ascending sets (0 when both are empty). */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  const shared = sharedCount(a, b);
  const union = a.length + b.length - shared;
  return union === 0 ? 0 : shared / union;
}

/**
 * Writes the densified one-permutation MinHash of `shingles` (not empty; a
 * repeated hash changes nothing) into `signature`, whose length is the bin
 * count, a power of two up to 2^16. `filled` is scratch of the same length.
 */
export function minHash(shingles: Uint32Array, signature: Uint32Array, filled: Uint8Array): void {
  const bins = signature.length;
  const shift = 32 - Math.log2(bins);
  filled.fill(0);
  signature.fill(EMPTY);
  for (let i = 0; i < shingles.length; i++) {
    const hash = shingles[i] ?? 0;
    const bin = hash >>> shift;
    filled[bin] = 1;
    if (hash < (signature[bin] ?? EMPTY)) signature[bin] = hash;
  }
  for (let bin = 0; bin < bins; bin++) {
    if (filled[bin] === 1) continue;
    for (let attempt = 1; ; attempt++) {
      const donor = mix32(Math.imul(bin + 1, 0x27d4eb2d) ^ attempt) & (bins - 1);
      if (filled[donor] === 1) {
        signature[bin] = signature[donor] ?? EMPTY;
        break;
      }
    }
  }
}
