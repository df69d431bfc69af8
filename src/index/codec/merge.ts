/**
 * Merges the compressed postings of segments into one: their sorted term
 * lists are merged, and each (term, field) entry becomes the segments'
 * entries one after another, documents shifted by each segment's first
 * document. Blocks are self-contained, so their bytes are copied unchanged;
 * only the block table is rewritten.
 */
import { compareStrings } from '../term-table.ts';
import {
  BLOCK,
  type BlockEntry,
  blockDocsAt,
  blockPositionsAt,
  ENTRY,
  type PostingLists,
  termEntries,
} from './blocks.ts';
import { ByteWriter } from './varint.ts';
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

/** The segments' entries of one field, appended as one entry (none when no segment has it). */
function mergeEntry(
  holders: readonly { part: MergePart; entries: BlockEntry[] }[],
  field: number,
  out: Output,
): void {
  let count = 0;
  let entryAt = -1;
  for (const { part, entries } of holders) {
    const entry = entries.find((candidate) => candidate.field === field);
    if (!entry) continue;
    if (entryAt < 0) {
      entryAt = out.entries.length;
      out.entries.push(field);
      out.entries.push(0);
      out.entries.push(out.blocks.length / BLOCK);
      out.entries.push(0);
    }
    copyBlocks(part, entry, count, out);
    count += entry.count;
  }
  if (entryAt < 0) return;
  out.entries.set(entryAt + 1, count);
  out.entries.set(entryAt + 3, out.blocks.length / BLOCK - out.entries.get(entryAt + 2));
}

/** Appends `entry`'s blocks and bytes, shifted by the part's first document and `ordinal`. */
function copyBlocks(part: MergePart, entry: BlockEntry, ordinal: number, out: Output): void {
  const { lists, docBase } = part;
  const first = entry.firstBlock;
  const end = first + entry.blockCount;
  const docsFrom = blockDocsAt(lists, first);
  const docsTo = end * BLOCK < lists.blocks.length ? blockDocsAt(lists, end) : lists.docs.length;
  const positionsFrom = blockPositionsAt(lists, first);
  const positionsTo =
    end * BLOCK < lists.blocks.length ? blockPositionsAt(lists, end) : lists.positions.length;
  const docShift = out.docs.length - docsFrom;
  const positionShift = out.positions.length - positionsFrom;
  for (let b = first; b < end; b++) {
    const at = b * BLOCK;
    out.blocks.push((lists.blocks[at] ?? 0) + docBase);
    out.blocks.push((lists.blocks[at + 1] ?? 0) + docBase);
    out.blocks.push((lists.blocks[at + 2] ?? 0) + docShift);
    out.blocks.push((lists.blocks[at + 3] ?? 0) + positionShift);
    out.blocks.push((lists.blocks[at + 4] ?? 0) + ordinal);
  }
  out.docs.append(lists.docs.subarray(docsFrom, docsTo));
  out.positions.append(lists.positions.subarray(positionsFrom, positionsTo));
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
