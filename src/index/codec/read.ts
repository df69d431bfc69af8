/**
 * Reads compressed postings (`blocks.ts`): every document of an entry in
 * order, or a forward-only cursor that jumps over whole blocks to a target
 * document and decodes positions only when asked.
 */
import {
  type BlockEntry,
  blockBase,
  blockDocsAt,
  blockEnd,
  blockFirstOrdinal,
  blockLast,
  blockPositionsAt,
  type PostingLists,
} from './blocks.ts';
import { ByteReader } from './varint.ts';

/** A cursor's document after its last. */
export const NO_MORE_DOCS = 0xffffffff;

/** Each document of `entry` (ascending) with its term frequency. */
export function visitPostings(
  lists: PostingLists,
  entry: BlockEntry,
  visit: (doc: number, frequency: number) => void,
): void {
  if (entry.blockCount === 0) return;
  const reader = new ByteReader(lists.docs, blockDocsAt(lists, entry.firstBlock));
  let doc = -1;
  for (let i = 0; i < entry.count; i++) {
    const code = reader.varint();
    doc += Math.floor(code / 2);
    visit(doc, code % 2 === 1 ? 1 : reader.varint());
  }
}

/**
 * A forward-only cursor over one entry (Lucene's PostingsEnum): `next()`,
 * `advance(target)`, and the current document's `positions()`.
 * @example
 * ```ts
 * const cursor = new BlockCursor(lists, entry);
 * while (cursor.next()) use(cursor.doc, cursor.frequency);
 * ```
 */
export class BlockCursor {
  /** -1 before the first move, `NO_MORE_DOCS` after the last document. */
  doc = -1;
  /** The current document's term frequency. */
  frequency = 0;
  private readonly lists: PostingLists;
  private readonly entry: BlockEntry;
  private readonly docs: ByteReader;
  private readonly positionReader: ByteReader;
  private block: number;
  private ordinal = -1;
  private blockEndOrdinal = 0;
  /** Position varints to skip before the current document's own. */
  private pending = 0;
  private positionsRead = true;
  private buffer = new Uint32Array(16);

  constructor(lists: PostingLists, entry: BlockEntry) {
    this.lists = lists;
    this.entry = entry;
    this.block = entry.firstBlock - 1;
    this.docs = new ByteReader(lists.docs);
    this.positionReader = new ByteReader(lists.positions);
  }

  next(): boolean {
    if (this.doc === NO_MORE_DOCS) return false;
    if (!this.positionsRead) this.pending += this.frequency;
    this.positionsRead = false;
    this.ordinal++;
    if (this.ordinal >= this.entry.count) return this.exhaust();
    if (this.ordinal === this.blockEndOrdinal) this.enter(this.block + 1);
    const code = this.docs.varint();
    this.doc += Math.floor(code / 2);
    this.frequency = code % 2 === 1 ? 1 : this.docs.varint();
    return true;
  }

  /** Moves to the first document at or after `target` (staying when already there). */
  advance(target: number): boolean {
    if (this.doc === NO_MORE_DOCS) return false;
    if (this.doc >= target) return true;
    const end = this.entry.firstBlock + this.entry.blockCount;
    if (this.block < this.entry.firstBlock || blockLast(this.lists, this.block) < target) {
      const b = firstBlockReaching(
        this.lists,
        Math.max(this.block + 1, this.entry.firstBlock),
        end,
        target,
      );
      if (b === end) return this.exhaust();
      this.enter(b);
      this.ordinal = blockFirstOrdinal(this.lists, b) - 1;
      this.positionsRead = true;
    }
    while (this.next()) if (this.doc >= target) return true;
    return false;
  }

  /** The current document's word positions, ascending; valid until the cursor moves. */
  positions(): Uint32Array {
    const count = this.frequency;
    if (this.buffer.length < count)
      this.buffer = new Uint32Array(Math.max(count, this.buffer.length * 2));
    if (this.positionsRead) return this.buffer.subarray(0, count);
    const reader = this.positionReader;
    reader.skip(this.pending);
    this.pending = 0;
    let position = 0;
    for (let i = 0; i < count; i++) {
      position += reader.varint();
      this.buffer[i] = position;
    }
    this.positionsRead = true;
    return this.buffer.subarray(0, count);
  }

  private enter(b: number): void {
    this.block = b;
    this.docs.at = blockDocsAt(this.lists, b);
    this.positionReader.at = blockPositionsAt(this.lists, b);
    this.pending = 0;
    this.doc = blockBase(this.lists, this.entry, b);
    this.blockEndOrdinal = blockEnd(this.lists, this.entry, b);
  }

  private exhaust(): false {
    this.doc = NO_MORE_DOCS;
    this.frequency = 0;
    this.positionsRead = true;
    return false;
  }
}

/** Where one document sits in an entry: its block, its frequency, the positions before its own. */
interface Found {
  block: number;
  frequency: number;
  positionsBefore: number;
}

/** The first block in `[from, end)` whose last document is at or after `doc`, or `end`. */
export function firstBlockReaching(
  lists: PostingLists,
  from: number,
  end: number,
  doc: number,
): number {
  let low = from;
  let high = end;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (blockLast(lists, middle) < doc) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The first block of `entry` whose last document is at or after `doc`, or -1. */
function blockReaching(lists: PostingLists, entry: BlockEntry, doc: number): number {
  const end = entry.firstBlock + entry.blockCount;
  const block = firstBlockReaching(lists, entry.firstBlock, end, doc);
  return block === end ? -1 : block;
}

/**
 * Finds `doc` in `entry` without a cursor: the block that may hold it by
 * binary search over the blocks' last documents, then that block alone
 * decoded up to it. For lookups of a few documents in any order (proximity,
 * feedback, highlights), where building a cursor costs more than the search.
 */
function findDocument(lists: PostingLists, entry: BlockEntry, doc: number): Found | undefined {
  const block = blockReaching(lists, entry, doc);
  if (block < 0) return undefined;
  const reader = new ByteReader(lists.docs, blockDocsAt(lists, block));
  const count = blockEnd(lists, entry, block) - blockFirstOrdinal(lists, block);
  let current = blockBase(lists, entry, block);
  let positionsBefore = 0;
  for (let i = 0; i < count; i++) {
    const code = reader.varint();
    current += Math.floor(code / 2);
    const frequency = code % 2 === 1 ? 1 : reader.varint();
    if (current === doc) return { block, frequency, positionsBefore };
    if (current > doc) return undefined;
    positionsBefore += frequency;
  }
  return undefined;
}

/** The term frequency of `doc` in `entry` (0 when it does not hold it). */
export function frequencyOf(lists: PostingLists, entry: BlockEntry, doc: number): number {
  return findDocument(lists, entry, doc)?.frequency ?? 0;
}

const NO_POSITIONS = new Uint32Array(0);

/** The word positions of `doc` in `entry`, ascending (empty when it does not hold it). */
export function positionsOf(lists: PostingLists, entry: BlockEntry, doc: number): Uint32Array {
  const found = findDocument(lists, entry, doc);
  if (!found) return NO_POSITIONS;
  const reader = new ByteReader(lists.positions, blockPositionsAt(lists, found.block));
  reader.skip(found.positionsBefore);
  const out = new Uint32Array(found.frequency);
  let position = 0;
  for (let i = 0; i < out.length; i++) {
    position += reader.varint();
    out[i] = position;
  }
  return out;
}

/**
 * The term frequency in `entry` of each of `docs` (ascending; repeats allowed)
 * into `out` (0 where the entry does not hold it): one forward pass that
 * jumps over the blocks holding none of them (a binary search over the blocks'
 * last documents) and decodes each block it enters at most once, up to the
 * last document asked for. For many documents of one entry (feedback's window
 * of 200): each `frequencyOf` would search and decode from its block's start.
 * @example frequenciesOf(lists, entry, Uint32Array.of(3, 40, 41)) // Uint32Array [1, 0, 2]
 */
export function frequenciesOf(
  lists: PostingLists,
  entry: BlockEntry,
  docs: ArrayLike<number>,
  out: Uint32Array = new Uint32Array(docs.length),
): Uint32Array {
  const end = entry.firstBlock + entry.blockCount;
  const reader = new ByteReader(lists.docs);
  let block = entry.firstBlock - 1;
  let left = 0;
  let current = -1;
  let frequency = 0;
  for (let i = 0; i < docs.length; i++) {
    const target = docs[i] ?? 0;
    if (current < target && (left === 0 || blockLast(lists, block) < target)) {
      block = firstBlockReaching(lists, Math.max(block + 1, entry.firstBlock), end, target);
      if (block === end) {
        out.fill(0, i, docs.length);
        return out;
      }
      reader.at = blockDocsAt(lists, block);
      current = blockBase(lists, entry, block);
      left = blockEnd(lists, entry, block) - blockFirstOrdinal(lists, block);
    }
    while (current < target && left > 0) {
      const code = reader.varint();
      current += Math.floor(code / 2);
      frequency = code % 2 === 1 ? 1 : reader.varint();
      left--;
    }
    out[i] = current === target ? frequency : 0;
  }
  return out;
}
