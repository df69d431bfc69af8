/**
 * Writes compressed postings (`blocks.ts`) term by term, field by field,
 * document by document, in ascending order of each.
 */
import { BLOCK, BLOCK_DOCS, ENTRY, type PostingLists } from './blocks.ts';
import { ByteWriter } from './varint.ts';

/** A growing Uint32Array. */
export class Uint32Builder {
  length = 0;
  private array: Uint32Array;

  constructor(capacity = 1024) {
    this.array = new Uint32Array(Math.max(capacity, 4));
  }

  push(value: number): void {
    if (this.length === this.array.length) {
      const next = new Uint32Array(this.array.length * 2);
      next.set(this.array);
      this.array = next;
    }
    this.array[this.length++] = value;
  }

  set(at: number, value: number): void {
    this.array[at] = value;
  }

  get(at: number): number {
    return this.array[at] ?? 0;
  }

  /** The numbers pushed, in an array of exactly that size (a copy). */
  finish(): Uint32Array {
    return this.array.slice(0, this.length);
  }
}

/** The most a byte offset or document number in the tables may be. */
const LIMIT = 2 ** 32 - 1;

/**
 * Builds `PostingLists`: `startTerm()` for every term in order (one with no
 * entries included), `startEntry(field)` for each field that holds it, then
 * `add(doc, …)` for each document.
 * @example
 * ```ts
 * const writer = new PostingListsWriter();
 * writer.startTerm(); writer.startEntry(0); writer.add(3, [0, 7], 0, 2);
 * const lists = writer.finish();
 * ```
 */
export class PostingListsWriter {
  private readonly docs = new ByteWriter();
  private readonly positions = new ByteWriter();
  private readonly offsets = new Uint32Builder();
  private readonly entries = new Uint32Builder();
  private readonly blocks = new Uint32Builder();
  private entryAt = -1;
  private count = 0;
  private last = -1;

  startTerm(): void {
    this.offsets.push(this.entries.length / ENTRY);
  }

  startEntry(field: number): void {
    this.entryAt = this.entries.length;
    this.count = 0;
    this.last = -1;
    this.entries.push(field);
    this.entries.push(0);
    this.entries.push(this.blocks.length / BLOCK);
    this.entries.push(0);
  }

  /** Document `doc` (above the entry's last) with the positions `positions[from, to)`, ascending. */
  add(doc: number, positions: ArrayLike<number>, from: number, to: number): void {
    if (this.count % BLOCK_DOCS === 0) this.openBlock();
    const frequency = to - from;
    const gap = doc - this.last;
    if (frequency === 1) this.docs.varint(gap * 2 + 1);
    else {
      this.docs.varint(gap * 2);
      this.docs.varint(frequency);
    }
    if (ascending(positions, from, to)) this.addPositions(positions, from, to);
    else this.addPositions(sortedCopy(positions, from, to), 0, frequency);
    this.last = doc;
    this.count++;
    this.entries.set(this.entryAt + 1, this.count);
    this.blocks.set(this.blocks.length - BLOCK, doc);
  }

  private addPositions(positions: ArrayLike<number>, from: number, to: number): void {
    let previous = 0;
    for (let o = from; o < to; o++) {
      const position = positions[o] ?? 0;
      this.positions.varint(position - previous);
      previous = position;
    }
  }

  private openBlock(): void {
    if (this.docs.length > LIMIT || this.positions.length > LIMIT) {
      throw new RangeError('postings past 4 GiB: index the corpus in several parts');
    }
    this.blocks.push(this.last);
    this.blocks.push(this.docs.length);
    this.blocks.push(this.positions.length);
    this.blocks.push(this.count);
    this.entries.set(this.entryAt + 3, this.count / BLOCK_DOCS + 1);
  }

  finish(): PostingLists {
    this.offsets.push(this.entries.length / ENTRY);
    return {
      offsets: this.offsets.finish(),
      entries: this.entries.finish(),
      blocks: this.blocks.finish(),
      docs: this.docs.finish(),
      positions: this.positions.finish(),
    };
  }
}

function ascending(values: ArrayLike<number>, from: number, to: number): boolean {
  for (let o = from + 1; o < to; o++) if ((values[o] ?? 0) < (values[o - 1] ?? 0)) return false;
  return true;
}

/**
 * `values[from, to)` sorted: a document's positions do not always ascend in
 * reading order (a compound's whole comes after its parts, at its first
 * part's position).
 */
function sortedCopy(values: ArrayLike<number>, from: number, to: number): Float64Array {
  return Float64Array.from({ length: to - from }, (_, i) => values[from + i] ?? 0).sort();
}
