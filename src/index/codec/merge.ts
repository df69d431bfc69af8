/**
 * Merges the compressed postings of segments into one: their sorted term
 * lists are merged, and each (term, field) entry becomes the segments'
 * entries one after another, documents shifted by each segment's first
 * document. Only the first document of each segment's entry is re-encoded
 * (its gap now counts from the previous segment's last document); the rest
 * of the bytes are copied unchanged, and a segment's first block joins the
 * merged entry's last block when their documents fit in one.
 */
import { compareStrings } from '../term-table.ts';
import {
  BLOCK,
  BLOCK_DOCS,
  type BlockEntry,
  blockDocsAt,
  blockEnd,
  blockFirstOrdinal,
  blockLast,
  blockPositionsAt,
  ENTRY,
  entryEnds,
  type PostingLists,
  termEntries,
} from './blocks.ts';
import { ByteReader, ByteWriter } from './varint.ts';
import { Uint32Builder } from './write.ts';

/** One segment's postings, its sorted terms, and the global number of its first document. */
export interface MergePart {
  lists: PostingLists;
  terms: readonly string[];
  docBase: number;
}

/** The merged postings and their sorted terms. */
export interface MergedLists {
  lists: PostingLists;
  terms: string[];
}

/** Merge `parts` (in ascending `docBase` order, their documents not overlapping). */
export function mergePostingLists(parts: readonly MergePart[], fieldCount: number): MergedLists {
  const out = {
    docs: new ByteWriter(sum(parts, (part) => part.lists.docs.length)),
    positions: new ByteWriter(sum(parts, (part) => part.lists.positions.length)),
    offsets: new Uint32Builder(),
    entries: new Uint32Builder(),
    blocks: new Uint32Builder(sum(parts, (part) => part.lists.blocks.length)),
  };
  const terms: string[] = [];
  const next = parts.map(() => 0);
  for (;;) {
    const term = smallestHead(parts, next);
    if (term === undefined) break;
    terms.push(term);
    out.offsets.push(out.entries.length / ENTRY);
    const holders: { part: MergePart; entries: BlockEntry[] }[] = [];
    parts.forEach((part, p) => {
      const t = next[p] ?? 0;
      if (part.terms[t] !== term) return;
      holders.push({ part, entries: termEntries(part.lists, t) });
      next[p] = t + 1;
    });
    for (let field = 0; field < fieldCount; field++) mergeEntry(holders, field, out);
  }
  out.offsets.push(out.entries.length / ENTRY);
  return {
    terms,
    lists: {
      offsets: out.offsets.finish(),
      entries: out.entries.finish(),
      blocks: out.blocks.finish(),
      docs: out.docs.finish(),
      positions: out.positions.finish(),
    },
  };
}

interface Output {
  docs: ByteWriter;
  positions: ByteWriter;
  entries: Uint32Builder;
  blocks: Uint32Builder;
}

/** The merged entry being appended to: documents so far, its last, and its last block's size. */
interface Tail {
  count: number;
  last: number;
  lastBlockDocs: number;
}

/** The segments' entries of one field, appended as one entry (none when no segment has it). */
function mergeEntry(
  holders: readonly { part: MergePart; entries: BlockEntry[] }[],
  field: number,
  out: Output,
): void {
  const tail: Tail = { count: 0, last: -1, lastBlockDocs: 0 };
  let entryAt = -1;
  for (const { part, entries } of holders) {
    const entry = entries.find((candidate) => candidate.field === field);
    if (!entry || entry.blockCount === 0) continue;
    if (entryAt < 0) {
      entryAt = out.entries.length;
      out.entries.push(field);
      out.entries.push(0);
      out.entries.push(out.blocks.length / BLOCK);
      out.entries.push(0);
    }
    appendEntry(part, entry, tail, out);
  }
  if (entryAt < 0) return;
  out.entries.set(entryAt + 1, tail.count);
  out.entries.set(entryAt + 3, out.blocks.length / BLOCK - out.entries.get(entryAt + 2));
}

/**
 * Appends a part's `entry` to the merged entry `tail`: its first document's
 * gap re-encoded from the merged entry's last document, the rest of its
 * bytes copied unchanged; its first block joins the merged last block when
 * both fit in one, its other blocks are copied with their numbers shifted.
 */
function appendEntry(part: MergePart, entry: BlockEntry, tail: Tail, out: Output): void {
  const { lists, docBase } = part;
  const first = entry.firstBlock;
  const end = first + entry.blockCount;
  const [docsTo, positionsTo] = entryEnds(lists, entry);
  const firstDocs = blockEnd(lists, entry, first);
  const joins = tail.lastBlockDocs > 0 && tail.lastBlockDocs + firstDocs <= BLOCK_DOCS;
  if (joins) out.blocks.set(out.blocks.length - BLOCK, blockLast(lists, first) + docBase);
  else pushBlock(out, blockLast(lists, first) + docBase, tail.count);
  const reader = new ByteReader(lists.docs, blockDocsAt(lists, first));
  const code = reader.varint();
  const gap = Math.floor(code / 2) - 1 + docBase - tail.last;
  out.docs.varint(gap * 2 + (code % 2));
  const restTo = end > first + 1 ? blockDocsAt(lists, first + 1) : docsTo;
  out.docs.append(lists.docs.subarray(reader.at, restTo));
  const docShift = out.docs.length - restTo;
  const positionShift = out.positions.length - blockPositionsAt(lists, first);
  for (let b = first + 1; b < end; b++) {
    out.blocks.push(blockLast(lists, b) + docBase);
    out.blocks.push(blockDocsAt(lists, b) + docShift);
    out.blocks.push(blockPositionsAt(lists, b) + positionShift);
    out.blocks.push(blockFirstOrdinal(lists, b) + tail.count);
  }
  out.docs.append(lists.docs.subarray(restTo, docsTo));
  out.positions.append(lists.positions.subarray(blockPositionsAt(lists, first), positionsTo));
  tail.lastBlockDocs =
    entry.blockCount > 1
      ? entry.count - blockFirstOrdinal(lists, end - 1)
      : firstDocs + (joins ? tail.lastBlockDocs : 0);
  tail.last = blockLast(lists, end - 1) + docBase;
  tail.count += entry.count;
}

/** Opens a block at the current ends of the streams, its first document's ordinal `ordinal`. */
function pushBlock(out: Output, last: number, ordinal: number): void {
  out.blocks.push(last);
  out.blocks.push(out.docs.length);
  out.blocks.push(out.positions.length);
  out.blocks.push(ordinal);
}

/** The smallest term among the parts' next terms, or undefined when all are done. */
function smallestHead(parts: readonly MergePart[], next: readonly number[]): string | undefined {
  let best: string | undefined;
  parts.forEach((part, p) => {
    const term = part.terms[next[p] ?? 0];
    if (term !== undefined && (best === undefined || compareStrings(term, best) < 0)) best = term;
  });
  return best;
}

function sum<T>(items: readonly T[], size: (item: T) => number): number {
  return items.reduce((total, item) => total + size(item), 0);
}
