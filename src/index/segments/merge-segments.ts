/**
 * Merge segments (in document order) into the parts of one index: postings
 * with one sorted term list, display forms chosen from the summed
 * written-form counts, field lengths and the stored articles end to end.
 * The result is what one segment over all the articles would have been.
 */
import type { Analyzer } from '../../analysis/analyzer.ts';
import type { PostingLists } from '../codec/blocks.ts';
import { mergePostingLists } from '../codec/merge.ts';
import { INDEX_FIELDS } from '../fields.ts';
import type { Column, StoreParts } from '../store.ts';
import type { TextBlocks } from '../store-blocks.ts';
import { TermTable } from '../term-table.ts';
import type { Segment } from './segment.ts';

/** What the merged segments make: the postings' parts and the store's. */
export interface MergedSegments {
  documentCount: number;
  terms: string[];
  display: string[];
  lists: PostingLists;
  fieldLength: Uint32Array;
  averageFieldLength: number[];
  store: StoreParts;
}

/**
 * Merge `segments`, whose documents follow each other in this order. With
 * `consume`, each segment's stored text is let go as soon as it is copied (the
 * segments are not to be used again), so the text is not held twice.
 */
export function mergeSegments(
  segments: readonly Segment[],
  analyzer: Analyzer,
  consume = false,
): MergedSegments {
  const store = mergeStores(
    segments.map((segment) => segment.store),
    consume,
  );
  const fieldCount = INDEX_FIELDS.length;
  const bases = documentBases(segments);
  const merged = mergePostingLists(
    segments.map((segment, s) => ({
      lists: segment.lists,
      terms: segment.terms,
      docBase: bases[s] ?? 0,
    })),
    fieldCount,
  );
  const display = mergedDisplay(segments, analyzer, merged.terms);
  const documentCount = bases[segments.length] ?? 0;
  const fieldLength = concatUint32(segments.map((segment) => segment.fieldLength));
  return {
    documentCount,
    terms: merged.terms,
    display,
    lists: merged.lists,
    fieldLength,
    averageFieldLength: averages(fieldLength, fieldCount, documentCount),
    store,
  };
}

/** Segment `s`'s first document is `bases[s]`; `bases[segments.length]` is the total. */
function documentBases(segments: readonly Segment[]): number[] {
  const bases = [0];
  for (const segment of segments) bases.push((bases.at(-1) ?? 0) + segment.documentCount);
  return bases;
}

/**
 * Display forms over every segment's written-form counts, fed to one term
 * table in the order the forms were first seen, as one table over all the
 * text would have seen them.
 */
function mergedDisplay(
  segments: readonly Segment[],
  analyzer: Analyzer,
  terms: readonly string[],
): string[] {
  const table = new TermTable(analyzer);
  for (const { forms } of segments) {
    forms.text.forEach((text, form) => {
      table.countForm(text, forms.count[form] ?? 0);
    });
  }
  const sorted = table.sorted();
  if (sorted.terms.length !== terms.length || sorted.terms.some((term, t) => term !== terms[t])) {
    throw new Error('merged written forms do not make the merged terms (analyzer mismatch)');
  }
  return sorted.display;
}

export function averages(
  fieldLength: Uint32Array,
  fieldCount: number,
  documents: number,
): number[] {
  const totals = new Array<number>(fieldCount).fill(0);
  fieldLength.forEach((length, at) => {
    totals[at % fieldCount] = (totals[at % fieldCount] ?? 0) + length;
  });
  return totals.map((total) => total / Math.max(documents, 1));
}

/** The stores of consecutive runs of articles as one store. */
export function mergeStores(stores: readonly StoreParts[], consume = false): StoreParts {
  return {
    ids: stores.flatMap((store) => store.ids),
    dates: concatFloat64(stores.map((store) => store.dates)),
    sources: mergeColumns(stores.map((store) => store.sources)),
    categories: mergeColumns(stores.map((store) => store.categories)),
    text: mergeTextBlocks(
      stores.map((store) => store.text),
      consume,
    ),
  };
}

/** Columns end to end, their value tables united (values in order first seen). */
function mergeColumns(columns: readonly Column[]): Column {
  const values: string[] = [];
  const idOf = new Map<string, number>();
  const offsets: number[] = [0];
  const ids: number[] = [];
  for (const column of columns) {
    const remap = column.values.map((value) => {
      let id = idOf.get(value);
      if (id === undefined) {
        id = values.length;
        idOf.set(value, id);
        values.push(value);
      }
      return id;
    });
    for (let n = 0; n + 1 < column.offsets.length; n++) {
      const to = column.offsets[n + 1] ?? 0;
      for (let at = column.offsets[n] ?? to; at < to; at++)
        ids.push(remap[column.ids[at] ?? 0] ?? 0);
      offsets.push(ids.length);
    }
  }
  return { values, offsets: Uint32Array.from(offsets), ids: Uint32Array.from(ids) };
}

/** Compressed text blocks end to end (each block stays as it was compressed). */
function mergeTextBlocks(parts: readonly TextBlocks[], consume: boolean): TextBlocks {
  const blocks = new Uint8Array(parts.reduce((sum, part) => sum + part.blocks.length, 0));
  const blockOffsets: number[] = [0];
  const blockFirst: number[] = [0];
  let byteBase = 0;
  let docBase = 0;
  for (const part of parts) {
    for (let b = 1; b < part.blockOffsets.length; b++) {
      blockOffsets.push(byteBase + (part.blockOffsets[b] ?? 0));
      blockFirst.push(docBase + (part.blockFirst[b] ?? 0));
    }
    blocks.set(part.blocks, byteBase);
    byteBase += part.blocks.length;
    docBase += part.articleStarts.length;
    if (consume) part.blocks = new Uint8Array(0);
  }
  const dictionary = parts[0]?.dictionary ?? new Uint8Array(0);
  if (parts.some((part) => Buffer.compare(part.dictionary, dictionary) !== 0)) {
    throw new Error('segments compressed with different dictionaries cannot be merged');
  }
  return {
    blocks,
    blockOffsets: Float64Array.from(blockOffsets),
    blockFirst: Uint32Array.from(blockFirst),
    articleStarts: concatUint32(parts.map((part) => part.articleStarts)),
    dictionary,
  };
}

type NumberArray = Uint32Array | Float64Array;

/** `parts` end to end in one new array made by `make(length)`. */
function concat<T extends NumberArray>(parts: readonly T[], make: (length: number) => T): T {
  const out = make(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const concatUint32 = (parts: readonly Uint32Array[]) => concat(parts, (n) => new Uint32Array(n));
const concatFloat64 = (parts: readonly Float64Array[]) => concat(parts, (n) => new Float64Array(n));
