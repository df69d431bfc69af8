/**
 * The compressed postings layout: for every term, per field that holds it,
 * the documents (ascending) with their term frequencies in one byte stream
 * and their word positions in another, both as varints, cut into blocks of
 * at most `BLOCK_DOCS` documents that a reader can jump to (Lucene's skip
 * data). Character spans are not kept: highlights re-tokenize the shown text.
 *
 * ```
 * offsets    Uint32  term t's entries are entries[ENTRY·offsets[t] … ENTRY·offsets[t+1])
 * entries    Uint32  per (term, field):  field, count, first block, block count
 * blocks     Uint32  per block:          last doc, docs byte, positions byte, first ordinal
 * docs       bytes   per document:       varint(2·gap + (frequency = 1)), [varint(frequency)]
 * positions  bytes   per document:       varint(first position), varint(gap)…
 * ```
 * Every gap, a block's first included, counts from the entry's document
 * before (−1 before its first), so a block's first document is counted from
 * the previous block's last. An entry's blocks and bytes are contiguous and
 * in order. Merging segments re-encodes only the first document of each
 * segment's entry and copies the rest of its bytes unchanged; a segment's
 * first block joins the merged entry's last when their documents fit in one
 * block, so a rare term gets one block, not one a segment.
 */

/** Numbers per entry: field, count, first block, block count. */
export const ENTRY = 4;
/** Numbers per block: last doc, docs byte, positions byte, first ordinal. */
export const BLOCK = 4;
/** Documents per block (the last block of an entry may hold fewer). */
export const BLOCK_DOCS = 128;

/** One segment's compressed postings arrays (see the layout above). */
export interface PostingLists {
  offsets: Uint32Array;
  entries: Uint32Array;
  blocks: Uint32Array;
  docs: Uint8Array;
  positions: Uint8Array;
}

/** Where one (term, field) entry sits: its field, document count and blocks. */
export interface BlockEntry {
  field: number;
  /** Number of documents. */
  count: number;
  /** Index (in blocks) of its first block. */
  firstBlock: number;
  blockCount: number;
}

/** The entry at index `e` (in entries) of `lists`. */
export function entryAt(lists: PostingLists, e: number): BlockEntry {
  const at = e * ENTRY;
  const { entries } = lists;
  return {
    field: entries[at] ?? 0,
    count: entries[at + 1] ?? 0,
    firstBlock: entries[at + 2] ?? 0,
    blockCount: entries[at + 3] ?? 0,
  };
}

/** The entries of term `t`, in field order. */
export function termEntries(lists: PostingLists, t: number): BlockEntry[] {
  const from = lists.offsets[t] ?? 0;
  const to = lists.offsets[t + 1] ?? from;
  const out: BlockEntry[] = [];
  for (let e = from; e < to; e++) out.push(entryAt(lists, e));
  return out;
}

/** The last document of block `b`. */
export const blockLast = (lists: PostingLists, b: number): number => lists.blocks[b * BLOCK] ?? 0;
/** Where block `b`'s documents start in `docs`. */
export const blockDocsAt = (lists: PostingLists, b: number): number =>
  lists.blocks[b * BLOCK + 1] ?? 0;
/** Where block `b`'s positions start in `positions`. */
export const blockPositionsAt = (lists: PostingLists, b: number): number =>
  lists.blocks[b * BLOCK + 2] ?? 0;
/** The ordinal, within its entry, of block `b`'s first document. */
export const blockFirstOrdinal = (lists: PostingLists, b: number): number =>
  lists.blocks[b * BLOCK + 3] ?? 0;

/** The ordinal after block `b`'s last document (`b` one of `entry`'s blocks). */
export function blockEnd(lists: PostingLists, entry: BlockEntry, b: number): number {
  return b + 1 < entry.firstBlock + entry.blockCount
    ? blockFirstOrdinal(lists, b + 1)
    : entry.count;
}

/** The document that block `b`'s first gap counts from: the previous block's last, or −1. */
export function blockBase(lists: PostingLists, entry: BlockEntry, b: number): number {
  return b > entry.firstBlock ? blockLast(lists, b - 1) : -1;
}

/** Where `entry`'s bytes end in `docs` and in `positions` (the next entry's start). */
export function entryEnds(lists: PostingLists, entry: BlockEntry): [number, number] {
  const end = entry.firstBlock + entry.blockCount;
  if (end * BLOCK >= lists.blocks.length) return [lists.docs.length, lists.positions.length];
  return [blockDocsAt(lists, end), blockPositionsAt(lists, end)];
}
