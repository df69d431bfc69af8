/**
 * Slices of one block of compressed postings (`blocks.ts`): consecutive
 * documents of the block as bytes, found by scanning the block only as far
 * as a cut needs (codes decoded, positions skipped, nothing re-encoded).
 * A splice (`splice.ts`) appends a slice with its first gap re-encoded and
 * the rest of its bytes copied.
 */
import {
  type BlockEntry,
  blockBase,
  blockDocsAt,
  blockEnd,
  blockFirstOrdinal,
  blockLast,
  blockPositionsAt,
  entryEnds,
  type PostingLists,
} from './blocks.ts';
import { ByteReader } from './varint.ts';

/**
 * Consecutive documents of one block: the first one's code decoded (its
 * gap, and whether its frequency is 1), the bytes after that code as they are.
 */
export interface Slice {
  /** Documents in the slice (0: none). */
  count: number;
  firstDoc: number;
  /** 1 when the first document's frequency is 1 (no frequency varint follows its code). */
  single: number;
  last: number;
  /** `docs[docsFrom, docsTo)`: the first document's bytes after its code, then the others'. */
  docsFrom: number;
  docsTo: number;
  positionsFrom: number;
  positionsTo: number;
}

/**
 * Where a scan of block `block` stopped at a cut: before its document
 * `ordinal` (counted in the block), whose bytes start at `docsAt` and
 * `positionsAt`, the document before it being `doc`. The next run of the
 * same source resumes there instead of scanning the block again.
 */
export interface ScanMark {
  block: number;
  ordinal: number;
  docsAt: number;
  positionsAt: number;
  doc: number;
}

export const newScanMark = (): ScanMark => ({
  block: -1,
  ordinal: 0,
  docsAt: 0,
  positionsAt: 0,
  doc: -1,
});

/**
 * Finds slices of blocks, into one `slice` it reuses (a splice finds
 * millions: none is allocated).
 * @example `new BlockScanner().kept(lists, entry, b, 5000, 9000, mark).count`
 */
export class BlockScanner {
  readonly slice: Slice = {
    count: 0,
    firstDoc: 0,
    single: 0,
    last: 0,
    docsFrom: 0,
    docsTo: 0,
    positionsFrom: 0,
    positionsTo: 0,
  };
  private readonly docs = new ByteReader(new Uint8Array(0));
  private readonly positions = new ByteReader(new Uint8Array(0));

  /** All of block `b` (only its first code read). */
  whole(lists: PostingLists, entry: BlockEntry, b: number): Slice {
    const { slice, docs } = this;
    docs.bytes = lists.docs;
    docs.at = blockDocsAt(lists, b);
    const code = docs.varint();
    slice.count = blockEnd(lists, entry, b) - blockFirstOrdinal(lists, b);
    slice.firstDoc = blockBase(lists, entry, b) + Math.floor(code / 2);
    slice.single = code % 2;
    slice.last = blockLast(lists, b);
    slice.docsFrom = docs.at;
    slice.positionsFrom = blockPositionsAt(lists, b);
    this.endAtBlockEnd(lists, entry, b);
    return slice;
  }

  /**
   * Block `b`'s documents in `[from, to)`: scanned up to the first at `from`
   * (from `mark` when it is in this block and before `from`), and on to the
   * first at `to` only when the block reaches it, where `mark` is left.
   */
  kept(
    lists: PostingLists,
    entry: BlockEntry,
    b: number,
    from: number,
    to: number,
    mark: ScanMark,
  ): Slice {
    const { slice, docs, positions } = this;
    const count = blockEnd(lists, entry, b) - blockFirstOrdinal(lists, b);
    const resume = mark.block === b && mark.doc < from;
    docs.bytes = lists.docs;
    positions.bytes = lists.positions;
    docs.at = resume ? mark.docsAt : blockDocsAt(lists, b);
    positions.at = resume ? mark.positionsAt : blockPositionsAt(lists, b);
    let doc = resume ? mark.doc : blockBase(lists, entry, b);
    slice.count = 0;
    for (let i = resume ? mark.ordinal : 0; i < count; i++) {
      const at = docs.at;
      const code = docs.varint();
      const next = doc + Math.floor(code / 2);
      if (next >= to) return this.stop(mark, b, i, at, doc);
      doc = next;
      if (doc < from) {
        positions.skip(code % 2 === 1 ? 1 : docs.varint());
        continue;
      }
      slice.firstDoc = doc;
      slice.single = code % 2;
      slice.docsFrom = docs.at;
      slice.positionsFrom = positions.at;
      slice.count = 1;
      return this.keptFrom(lists, entry, b, i, to, mark);
    }
    return slice;
  }

  /** The slice begun at document `first` of block `b`, extended up to `to` or the block's end. */
  private keptFrom(
    lists: PostingLists,
    entry: BlockEntry,
    b: number,
    first: number,
    to: number,
    mark: ScanMark,
  ): Slice {
    const { slice, docs, positions } = this;
    const count = blockEnd(lists, entry, b) - blockFirstOrdinal(lists, b);
    if (blockLast(lists, b) < to) {
      slice.count = count - first;
      slice.last = blockLast(lists, b);
      this.endAtBlockEnd(lists, entry, b);
      return slice;
    }
    let doc = slice.firstDoc;
    positions.skip(slice.single === 1 ? 1 : docs.varint());
    for (let i = first + 1; i < count; i++) {
      const at = docs.at;
      const code = docs.varint();
      const next = doc + Math.floor(code / 2);
      if (next >= to) {
        docs.at = at;
        this.stop(mark, b, i, at, doc);
        break;
      }
      doc = next;
      slice.count++;
      positions.skip(code % 2 === 1 ? 1 : docs.varint());
    }
    slice.last = doc;
    slice.docsTo = docs.at;
    slice.positionsTo = positions.at;
    return slice;
  }

  /** Leaves `mark` before document `ordinal` of block `b` (its code at `docsAt`). */
  private stop(mark: ScanMark, b: number, ordinal: number, docsAt: number, doc: number): Slice {
    mark.block = b;
    mark.ordinal = ordinal;
    mark.docsAt = docsAt;
    mark.positionsAt = this.positions.at;
    mark.doc = doc;
    return this.slice;
  }

  private endAtBlockEnd(lists: PostingLists, entry: BlockEntry, b: number): void {
    if (b + 1 < entry.firstBlock + entry.blockCount) {
      this.slice.docsTo = blockDocsAt(lists, b + 1);
      this.slice.positionsTo = blockPositionsAt(lists, b + 1);
    } else {
      [this.slice.docsTo, this.slice.positionsTo] = entryEnds(lists, entry);
    }
  }
}
