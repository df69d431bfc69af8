/**
 * Splices compressed postings (`blocks.ts`) from runs of documents of
 * several sources: the output is documents `[from, to)` of one source, then
 * of the next run's, and so on, each run's documents renumbered from its
 * place in the output. Terms and (term, field) entries whose documents are
 * all outside the runs are left out.
 *
 * A run takes a source entry's blocks wholly inside it as bytes: only the
 * first document's gap is re-encoded (it now counts from the output entry's
 * document before), block numbers are shifted and the rest is copied. A
 * block cut by a run's edge is decoded and its kept documents re-encoded
 * (their positions copied as bytes: a document's positions do not depend on
 * the documents before). Small pieces join the output entry's last block
 * while it has room, so a rare term does not get one block per run.
 */
import { compareStrings } from '../term-table.ts';
import {
  BLOCK,
  BLOCK_DOCS,
  type BlockEntry,
  blockBase,
  blockDocsAt,
  blockEnd,
  blockFirstOrdinal,
  blockLast,
  blockPositionsAt,
  ENTRY,
  type PostingLists,
  termEntries,
} from './blocks.ts';
import { firstBlockReaching } from './read.ts';
import { BlockScanner, newScanMark, type ScanMark, type Slice } from './slices.ts';
import { ByteWriter } from './varint.ts';
import { Uint32Builder } from './write.ts';

/** One source's postings and its sorted terms (term `t` of `lists` is `terms[t]`). */
export interface PostingSource {
  lists: PostingLists;
  terms: readonly string[];
}

/**
 * Documents `[from, to)` of `sources[source]`, document `from` becoming
 * output document `base` (and `from + i` becoming `base + i`).
 */
export interface PlacedRun {
  source: number;
  from: number;
  to: number;
  base: number;
}

/** Spliced postings and their sorted terms. */
export interface SplicedLists {
  lists: PostingLists;
  terms: string[];
}

/** Where the spliced postings are written. */
interface Output {
  docs: ByteWriter;
  positions: ByteWriter;
  offsets: Uint32Builder;
  entries: Uint32Builder;
  blocks: Uint32Builder;
  /** Finds the kept part of cut blocks. */
  scanner: BlockScanner;
  /** Per source, where the last scan of a cut block stopped. */
  marks: ScanMark[];
}

/** The output entry being appended to: documents so far, its last, and its last block's size. */
interface Tail {
  count: number;
  last: number;
  lastBlockDocs: number;
}

/** Most bytes a re-encoded first gap takes beyond the original's (a 5-byte varint for 1). */
const GAP_BYTES = 4;
/** Most pieces one run makes of an entry (a cut block, copied blocks, a cut block). */
const CUT_BLOCKS = 3;

/**
 * Splice `runs` of `sources`. The runs are in output order and their output
 * documents (`base` onwards) do not overlap.
 * @example `splicePostingLists([old, fresh], [{ source: 0, from: 0, to: 90, base: 0 }, …], 6)`
 */
export function splicePostingLists(
  sources: readonly PostingSource[],
  runs: readonly PlacedRun[],
  fieldCount: number,
): SplicedLists {
  const kept = runs.filter((run) => run.from < run.to);
  const used = [...new Set(kept.map((run) => run.source))].sort((a, b) => a - b);
  const out = outputFor(sources, kept);
  const terms: string[] = [];
  const next = sources.map(() => 0);
  const holders = sources.map((): BlockEntry[] | undefined => undefined);
  for (;;) {
    const term = smallestHead(sources, used, next);
    if (term === undefined) break;
    const held = gatherEntries(sources, used, next, term, holders);
    const termStart = out.entries.length;
    for (let field = 0; field < fieldCount; field++)
      spliceEntry(sources, holders, kept, field, out);
    // A term with documents, none kept, goes; one without any (never written by a segment) stays.
    if (out.entries.length > termStart || !held) {
      terms.push(term);
      out.offsets.push(termStart / ENTRY);
    }
    for (const s of used) holders[s] = undefined;
  }
  out.offsets.push(out.entries.length / ENTRY);
  return {
    terms,
    lists: {
      offsets: out.offsets.finish(),
      entries: out.entries.finish(),
      blocks: out.blocks.finish(),
      docs: out.docs.take(),
      positions: out.positions.take(),
    },
  };
}

/**
 * Each used source's entries of `term` into `holders` (its next term moved
 * past it); whether any of them has documents.
 */
function gatherEntries(
  sources: readonly PostingSource[],
  used: readonly number[],
  next: number[],
  term: string,
  holders: (BlockEntry[] | undefined)[],
): boolean {
  let held = false;
  for (const s of used) {
    const t = next[s] ?? 0;
    const source = sources[s];
    if (source === undefined || source.terms[t] !== term) continue;
    const entries = termEntries(source.lists, t);
    held ||= entries.some((entry) => entry.blockCount > 0);
    holders[s] = entries;
    next[s] = t + 1;
  }
  return held;
}

/**
 * Output streams sized for the sources the runs read: their bytes and
 * blocks, plus what re-encoded gaps and cut blocks may add (one gap and one
 * block per entry and run), so that no buffer doubles at the end.
 */
function outputFor(sources: readonly PostingSource[], runs: readonly PlacedRun[]): Output {
  let docs = 0;
  let positions = 0;
  let blocks = 0;
  let entries = 0;
  let pieces = 0;
  const runsOf = new Map<number, number>();
  for (const run of runs) runsOf.set(run.source, (runsOf.get(run.source) ?? 0) + 1);
  for (const [s, count] of runsOf) {
    const lists = sources[s]?.lists;
    if (lists === undefined) continue;
    docs += lists.docs.length;
    positions += lists.positions.length;
    blocks += lists.blocks.length;
    entries += lists.entries.length;
    pieces += (lists.entries.length / ENTRY) * count;
  }
  return {
    docs: new ByteWriter(docs + CUT_BLOCKS * GAP_BYTES * pieces + 16),
    positions: new ByteWriter(positions + 16),
    offsets: new Uint32Builder(),
    entries: new Uint32Builder(entries),
    blocks: new Uint32Builder(blocks + CUT_BLOCKS * BLOCK * pieces),
    scanner: new BlockScanner(),
    marks: sources.map(newScanMark),
  };
}

/** One field's entry of the current term, from every run whose source holds it (none if no document is kept). */
function spliceEntry(
  sources: readonly PostingSource[],
  holders: readonly (BlockEntry[] | undefined)[],
  runs: readonly PlacedRun[],
  field: number,
  out: Output,
): void {
  const tail: Tail = { count: 0, last: -1, lastBlockDocs: 0 };
  const firstBlock = out.blocks.length / BLOCK;
  for (const run of runs) {
    const entry = holders[run.source]?.find((candidate) => candidate.field === field);
    const lists = sources[run.source]?.lists;
    if (entry === undefined || lists === undefined || entry.blockCount === 0) continue;
    appendRun(lists, entry, run, tail, out);
  }
  if (tail.count === 0) return;
  out.entries.push(field);
  out.entries.push(tail.count);
  out.entries.push(firstBlock);
  out.entries.push(out.blocks.length / BLOCK - firstBlock);
}

/**
 * The documents of `entry` in `run`: the kept part of the block reaching
 * `from` when it starts before it, the blocks after it wholly before `to`,
 * and the kept part of the block reaching `to`.
 */
function appendRun(
  lists: PostingLists,
  entry: BlockEntry,
  run: PlacedRun,
  tail: Tail,
  out: Output,
): void {
  const end = entry.firstBlock + entry.blockCount;
  const shift = run.base - run.from;
  const mark = out.marks[run.source] ?? newScanMark();
  let b =
    run.from > 0 ? firstBlockReaching(lists, entry.firstBlock, end, run.from) : entry.firstBlock;
  if (b === end) return;
  const stop = blockLast(lists, end - 1) < run.to ? end : firstBlockReaching(lists, b, end, run.to);
  if (blockBase(lists, entry, b) + 1 < run.from) {
    const slice = out.scanner.kept(lists, entry, b, run.from, run.to, mark);
    appendSlice(lists, slice, shift, tail, out);
    if (b === stop) return;
    b++;
  }
  if (b < stop) appendBlocks(lists, entry, b, stop, shift, tail, out);
  if (stop < end) {
    const slice = out.scanner.kept(lists, entry, stop, run.from, run.to, mark);
    appendSlice(lists, slice, shift, tail, out);
  }
}

/**
 * A slice appended to the output entry: its first document's gap re-encoded
 * from the entry's last document, its other bytes copied; it joins the
 * entry's last block when both fit in one, else opens a block.
 */
function appendSlice(
  lists: PostingLists,
  slice: Slice,
  shift: number,
  tail: Tail,
  out: Output,
): void {
  if (slice.count === 0) return;
  const joins = tail.lastBlockDocs > 0 && tail.lastBlockDocs + slice.count <= BLOCK_DOCS;
  if (joins) out.blocks.set(out.blocks.length - BLOCK, slice.last + shift);
  else pushBlock(out, slice.last + shift, tail.count);
  out.docs.varint((slice.firstDoc + shift - tail.last) * 2 + slice.single);
  out.docs.append(lists.docs.subarray(slice.docsFrom, slice.docsTo));
  out.positions.append(lists.positions.subarray(slice.positionsFrom, slice.positionsTo));
  tail.lastBlockDocs = slice.count + (joins ? tail.lastBlockDocs : 0);
  tail.last = slice.last + shift;
  tail.count += slice.count;
}

/**
 * Blocks `[from, stop)` of `entry` (all their documents kept) appended, their
 * documents shifted by `shift`: the first as a slice (it may join the
 * output's last block), the others' bytes copied in one piece each stream
 * and their block numbers shifted.
 */
function appendBlocks(
  lists: PostingLists,
  entry: BlockEntry,
  from: number,
  stop: number,
  shift: number,
  tail: Tail,
  out: Output,
): void {
  appendSlice(lists, out.scanner.whole(lists, entry, from), shift, tail, out);
  if (stop === from + 1) return;
  const next = from + 1;
  const { docsTo, positionsTo } = out.scanner.whole(lists, entry, stop - 1);
  const docShift = out.docs.length - blockDocsAt(lists, next);
  const positionShift = out.positions.length - blockPositionsAt(lists, next);
  const ordinalShift = tail.count - blockFirstOrdinal(lists, next);
  for (let b = next; b < stop; b++) {
    out.blocks.push(blockLast(lists, b) + shift);
    out.blocks.push(blockDocsAt(lists, b) + docShift);
    out.blocks.push(blockPositionsAt(lists, b) + positionShift);
    out.blocks.push(blockFirstOrdinal(lists, b) + ordinalShift);
  }
  out.docs.append(lists.docs.subarray(blockDocsAt(lists, next), docsTo));
  out.positions.append(lists.positions.subarray(blockPositionsAt(lists, next), positionsTo));
  tail.lastBlockDocs = blockEnd(lists, entry, stop - 1) - blockFirstOrdinal(lists, stop - 1);
  tail.last = blockLast(lists, stop - 1) + shift;
  tail.count += blockEnd(lists, entry, stop - 1) - blockFirstOrdinal(lists, next);
}

/** Opens a block at the current ends of the streams, its first document's ordinal `ordinal`. */
function pushBlock(out: Output, last: number, ordinal: number): void {
  out.blocks.push(last);
  out.blocks.push(out.docs.length);
  out.blocks.push(out.positions.length);
  out.blocks.push(ordinal);
}

/** The smallest term among the used sources' next terms, or undefined when all are done. */
function smallestHead(
  sources: readonly PostingSource[],
  used: readonly number[],
  next: readonly number[],
): string | undefined {
  let best: string | undefined;
  for (const s of used) {
    const term = sources[s]?.terms[next[s] ?? 0];
    if (term !== undefined && (best === undefined || compareStrings(term, best) < 0)) best = term;
  }
  return best;
}
