/**
 * Splice the parts of one index from runs of documents of several sources
 * (segments, or a loaded index's parts): the output holds documents
 * `[from, to)` of one source, then the next run's, in the order of the runs,
 * as one segment over exactly those articles would (its stored text blocked
 * differently where a run cuts a block). An incremental update is a splice:
 * the old index's runs around the changed files, the new segment's runs
 * where those files sit in the corpus order. Merging segments is a splice of
 * each segment whole.
 */
import type { PostingLists } from '../codec/blocks.ts';
import { splicePostingLists } from '../codec/splice.ts';
import { Uint32Builder } from '../codec/write.ts';
import { INDEX_FIELDS } from '../fields.ts';
import { type Column, STORE_COLUMNS, type StoreColumn, type StoreParts } from '../store.ts';
import { DEFAULT_TEXT_BLOCK_OPTIONS, type TextBlockOptions } from '../store-blocks.ts';
import { spliceTextBlocks } from './splice-text.ts';

/** What a run of documents can be taken from: a segment, or an index's parts. */
export interface SpliceSource {
  lists: PostingLists;
  /** Sorted by `compareStrings`; term `t` of `lists` is `terms[t]`. */
  terms: readonly string[];
  /** `fieldLength[doc * fields + field]`. */
  fieldLength: Uint32Array;
  store: StoreParts;
  /** `summaryLength` numbers per article. */
  summaries: Uint32Array;
  summaryLength: number;
}

/** Documents `[from, to)` of `sources[source]`, appended in the order of the runs. */
export interface SpliceRun {
  source: number;
  from: number;
  to: number;
}

/** What a splice makes: the postings' parts, the store's and the near-duplicate summaries. */
export interface SplicedSegments {
  documentCount: number;
  /** Exactly the terms the kept documents hold, sorted by `compareStrings`. */
  terms: string[];
  lists: PostingLists;
  fieldLength: Uint32Array;
  averageFieldLength: number[];
  store: StoreParts;
  summaries: Uint32Array;
  summaryLength: number;
}

/** How a splice treats its sources and the text blocks it cuts. */
export interface SpliceOptions extends Pick<TextBlockOptions, 'blockBytes' | 'level'> {
  /**
   * Let each source's stored text go (`store.text.blocks` emptied) once its
   * last run is copied: the sources are not to be used again, and the text
   * is not held twice.
   * @example true
   */
  consume: boolean;
}

export const DEFAULT_SPLICE_OPTIONS: SpliceOptions = {
  blockBytes: DEFAULT_TEXT_BLOCK_OPTIONS.blockBytes,
  level: DEFAULT_TEXT_BLOCK_OPTIONS.level,
  consume: false,
};

/**
 * Splice `runs` of `sources`.
 * @example
 * ```ts
 * // old[0, 5000) + new[0, 120) + old[5210, 9000)
 * spliceSegments([old, fresh], [
 *   { source: 0, from: 0, to: 5000 }, { source: 1, from: 0, to: 120 }, { source: 0, from: 5210, to: 9000 },
 * ]);
 * ```
 */
export function spliceSegments(
  sources: readonly SpliceSource[],
  runs: readonly SpliceRun[],
  options: Partial<SpliceOptions> = {},
): SplicedSegments {
  const resolved = { ...DEFAULT_SPLICE_OPTIONS, ...options };
  const kept = checkedRuns(sources, runs);
  const summaryLength = sharedSummaryLength(sources, kept);
  const fieldCount = INDEX_FIELDS.length;
  const store = spliceStores(
    sources.map((source) => source.store),
    kept,
    resolved,
  );
  let base = 0;
  const placed = kept.map((run) => {
    const at = base;
    base += run.to - run.from;
    return { ...run, base: at };
  });
  const spliced = splicePostingLists(sources, placed, fieldCount);
  const fieldLength = spliceNumbers(
    kept.map((run) => sources[run.source]?.fieldLength),
    kept,
    fieldCount,
  );
  return {
    documentCount: base,
    terms: spliced.terms,
    lists: spliced.lists,
    fieldLength,
    averageFieldLength: averages(fieldLength, fieldCount, base),
    store,
    summaries: spliceNumbers(
      kept.map((run) => sources[run.source]?.summaries),
      kept,
      summaryLength,
    ),
    summaryLength,
  };
}

/** The non-empty runs, each checked to lie within its source. */
function checkedRuns(sources: readonly SpliceSource[], runs: readonly SpliceRun[]): SpliceRun[] {
  for (const run of runs) {
    const count = sources[run.source]?.store.ids.length;
    const fits = Number.isInteger(run.from) && Number.isInteger(run.to) && run.from >= 0;
    if (count === undefined || !fits || run.from > run.to || run.to > count) {
      throw new RangeError(
        `splice run [${run.from}, ${run.to}) of source ${run.source} is outside it (${count ?? 'no such source'})`,
      );
    }
  }
  return runs.filter((run) => run.from < run.to);
}

/** The summary length every source the runs read shares. */
function sharedSummaryLength(sources: readonly SpliceSource[], runs: readonly SpliceRun[]): number {
  const lengths = new Set(runs.map((run) => sources[run.source]?.summaryLength ?? 0));
  if (lengths.size > 1) {
    throw new Error(`sources with different summary lengths cannot be spliced (${[...lengths]})`);
  }
  return [...lengths][0] ?? sources[0]?.summaryLength ?? 0;
}

/** Each field's mean length over `documents` documents. */
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

/** The runs' documents of the store parts `stores` as one store. */
export function spliceStores(
  stores: readonly StoreParts[],
  runs: readonly SpliceRun[],
  options: Partial<SpliceOptions> = {},
): StoreParts {
  const kept = runs.filter((run) => run.from < run.to);
  const of = (run: SpliceRun): StoreParts => {
    const store = stores[run.source];
    if (store === undefined) throw new RangeError(`no splice source ${run.source}`);
    return store;
  };
  const columns = Object.fromEntries(
    STORE_COLUMNS.map((name) => [
      name,
      spliceColumns(
        stores.map((store) => store[name]),
        kept,
      ),
    ]),
  ) as Record<StoreColumn, Column>;
  return {
    ...columns,
    ids: kept.flatMap((run) => of(run).ids.slice(run.from, run.to)),
    dates: spliceFloat64(kept.map((run) => of(run).dates.subarray(run.from, run.to))),
    text: spliceTextBlocks(
      stores.map((store) => store.text),
      kept,
      { ...DEFAULT_SPLICE_OPTIONS, ...options },
    ),
  };
}

/**
 * The runs' documents of `columns`, their value tables made again: values
 * numbered in the order first seen over the output, as one column over the
 * kept documents would number them.
 */
function spliceColumns(columns: readonly Column[], runs: readonly SpliceRun[]): Column {
  const values: string[] = [];
  const idOf = new Map<string, number>();
  const remaps = columns.map((column) => new Int32Array(column.values.length).fill(-1));
  const offsets = new Uint32Array(runs.reduce((sum, run) => sum + run.to - run.from, 0) + 1);
  const ids = new Uint32Builder();
  let n = 0;
  for (const run of runs) {
    const column = columns[run.source];
    const remap = remaps[run.source];
    if (column === undefined || remap === undefined) continue;
    for (let doc = run.from; doc < run.to; doc++) {
      const to = column.offsets[doc + 1] ?? 0;
      for (let at = column.offsets[doc] ?? to; at < to; at++) {
        const id = column.ids[at] ?? 0;
        let mapped = remap[id] ?? -1;
        if (mapped < 0) {
          const value = column.values[id] ?? '';
          mapped = idOf.get(value) ?? values.length;
          if (mapped === values.length) {
            idOf.set(value, mapped);
            values.push(value);
          }
          remap[id] = mapped;
        }
        ids.push(mapped);
      }
      offsets[++n] = ids.length;
    }
  }
  return { values, offsets, ids: ids.finish() };
}

/** The runs' documents of per-document arrays of `width` numbers each, end to end. */
function spliceNumbers(
  arrays: readonly (Uint32Array | undefined)[],
  runs: readonly SpliceRun[],
  width: number,
): Uint32Array {
  const out = new Uint32Array(runs.reduce((sum, run) => sum + (run.to - run.from) * width, 0));
  let at = 0;
  runs.forEach((run, r) => {
    const part = arrays[r]?.subarray(run.from * width, run.to * width) ?? new Uint32Array(0);
    out.set(part, at);
    at += (run.to - run.from) * width;
  });
  return out;
}

function spliceFloat64(parts: readonly Float64Array[]): Float64Array {
  const out = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
