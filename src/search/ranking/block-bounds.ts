/**
 * Block maxima for early termination: for a (term, field) entry, the
 * highest BM25+ frequency weight of any document in each of its postings
 * blocks, so that a block whose best possible score cannot reach the
 * current top k is passed over without decoding it (block-max WAND's
 * bounds). They depend on the BM25 parameters and the field's average
 * length, which change with the searcher's options and with every update of
 * the index, so they are computed on first use and kept by the searcher,
 * not stored in the snapshot.
 */
import {
  type BlockEntry,
  blockBase,
  blockDocsAt,
  blockEnd,
  blockFirstOrdinal,
} from '../../index/codec/blocks.ts';
import { ByteReader } from '../../index/codec/varint.ts';
import type { Postings } from '../../index/postings.ts';
import { type BM25Params, fieldLengthOf, frequencyWeight } from './score.ts';

/** Bounds are kept rounded up to 32-bit floats: never below the weight they bound. */
const ROUND_UP = 1 + 1e-6;

/**
 * Per-block maxima of entries, computed once each.
 * @example
 * const bounds = new BlockBounds(postings, DEFAULT_BM25);
 * bounds.of(entry)[0]; // the best frequency weight in the entry's first block
 */
export class BlockBounds {
  private readonly byFirstBlock = new Map<number, Float32Array>();
  private readonly highestByFirstBlock = new Map<number, number>();
  private readonly orderByFirstBlock = new Map<number, Uint32Array>();

  constructor(
    private readonly postings: Postings,
    private readonly bm25: BM25Params,
  ) {}

  /** The maximum frequency weight per block of `entry` (index 0 is its first block). */
  of(entry: BlockEntry): Float32Array {
    const known = this.byFirstBlock.get(entry.firstBlock);
    if (known) return known;
    const bounds = blockMaxima(this.postings, entry, this.bm25);
    this.byFirstBlock.set(entry.firstBlock, bounds);
    return bounds;
  }

  /** The entry's blocks (indices into `of(entry)`) by maximum, highest first. */
  order(entry: BlockEntry): Uint32Array {
    const known = this.orderByFirstBlock.get(entry.firstBlock);
    if (known) return known;
    const maxima = this.of(entry);
    const order = Uint32Array.from(maxima.keys()).sort(
      (a, b) => (maxima[b] ?? 0) - (maxima[a] ?? 0) || a - b,
    );
    this.orderByFirstBlock.set(entry.firstBlock, order);
    return order;
  }

  /** The highest of `of(entry)`: the entry's best frequency weight anywhere. */
  highest(entry: BlockEntry): number {
    const known = this.highestByFirstBlock.get(entry.firstBlock);
    if (known !== undefined) return known;
    let best = 0;
    for (const bound of this.of(entry)) best = Math.max(best, bound);
    this.highestByFirstBlock.set(entry.firstBlock, best);
    return best;
  }
}

/** Every block's highest `frequencyWeight`, rounded up, by decoding the entry once. */
function blockMaxima(postings: Postings, entry: BlockEntry, bm25: BM25Params): Float32Array {
  const out = new Float32Array(entry.blockCount);
  const average = postings.averageFieldLength[entry.field] ?? 1;
  const reader = new ByteReader(postings.docs);
  for (let i = 0; i < entry.blockCount; i++) {
    const b = entry.firstBlock + i;
    const count = blockEnd(postings, entry, b) - blockFirstOrdinal(postings, b);
    reader.at = blockDocsAt(postings, b);
    let doc = blockBase(postings, entry, b);
    let best = 0;
    for (let n = 0; n < count; n++) {
      const code = reader.varint();
      doc += Math.floor(code / 2);
      const frequency = code % 2 === 1 ? 1 : reader.varint();
      const length = fieldLengthOf(postings, doc, entry.field);
      best = Math.max(best, frequencyWeight(frequency, length, average, bm25));
    }
    out[i] = best * ROUND_UP;
  }
  return out;
}
