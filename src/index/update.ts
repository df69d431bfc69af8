/**
 * Incremental updates: the next generation of an index from the previous one
 * and only the corpus files that changed. The reader skips files whose size,
 * time or hash say they are as before (and whose articles a full read would
 * still keep); the articles of the files it does read become new segments;
 * and the new index is spliced from runs of the previous index's documents
 * and the new segments' in corpus order, the removed and changed files'
 * documents left out (tombstones that never reach the new generation). Every
 * table is then what a full rebuild of the final corpus makes: the same
 * documents in the same order, the same postings, written-form counts (the
 * previous ones, less the removed articles', plus the new), summaries and so
 * the same clusters.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import { type CorpusFileRecord, type CorpusSummary, streamCorpus } from '../corpus/read.ts';
import type { Article } from '../types.ts';
import { type BuildOptions, indexFromParts, type NewsIndex } from './build.ts';
import { assertSameTerms, FormTally } from './forms.ts';
import type { Lineage } from './lineage.ts';
import type { JudgedPairs, KnownPairs } from './near-duplicate-collector.ts';
import type { RebuildOptions } from './rebuild.ts';
import type { Segment } from './segments/segment.ts';
import { createSegmentPool } from './segments/segment-pool.ts';
import { type SpliceRun, type SpliceSource, spliceSegments } from './segments/splice-segments.ts';

/** A generation an update starts from: its index and what it was made from. */
export interface PreviousGeneration {
  index: NewsIndex;
  lineage: Lineage;
}

/** How much of the corpus an update read, kept and dropped. */
export interface UpdateChanges {
  /** Files read (added, changed, or whose articles a full read would no longer keep as before). */
  filesRead: number;
  filesUnchanged: number;
  filesRemoved: number;
  /** Articles of the previous generation kept, and left out. */
  articlesKept: number;
  articlesRemoved: number;
  /** Articles read into new segments. */
  articlesAdded: number;
}

export interface UpdateResult {
  read: CorpusSummary & { articles: number };
  files: CorpusFileRecord[];
  index: NewsIndex;
  changes: UpdateChanges;
}

/** A run of the new segments' documents, numbered across all of them, before it is split by segment. */
const NEW = -1;

/** The next generation of `previous` over `corpora` as they are now (see the file comment). */
export async function updateIndex(
  previous: PreviousGeneration,
  corpora: readonly string[],
  analyzer: Analyzer,
  options: RebuildOptions & BuildOptions,
): Promise<UpdateResult> {
  const read = await readChanges(previous, corpora, analyzer, options);
  const { articles } = read.summary;
  options.onProgress?.({ phase: 'index', done: articles, total: articles });
  const documentsChanged = read.filesRead > 0 || read.summary.removed.length > 0;
  const { index, kept } = documentsChanged
    ? spliceNext(previous, read, analyzer, options)
    : { index: withFiles(previous, read.files), kept: previous.index.store.count };
  return {
    read: read.summary,
    files: read.files,
    index,
    changes: {
      filesRead: read.filesRead,
      filesUnchanged: read.files.length - read.filesRead,
      filesRemoved: read.summary.removed.length,
      articlesKept: kept,
      articlesRemoved: previous.index.store.count - kept,
      articlesAdded: read.added,
    },
  };
}

/**
 * The previous index as it is, its file records replaced by this read's:
 * when no file was read and none removed, the documents are the same, so
 * nothing needs splicing or clustering again (touched files only refresh
 * their records).
 */
function withFiles(previous: PreviousGeneration, files: CorpusFileRecord[]): NewsIndex {
  const lineage: Lineage = { ...previous.lineage, files };
  return { ...previous.index, lineage: () => lineage };
}

/** The next index spliced from the previous one and the new segments, and how many old documents it keeps. */
function spliceNext(
  previous: PreviousGeneration,
  read: ChangesRead,
  analyzer: Analyzer,
  options: BuildOptions,
): { index: NewsIndex; kept: number } {
  const { index, lineage } = previous;
  const runs = splitNewRuns(read.runs, read.segments);
  const kept = keptDocuments(runs, index.store.count);
  const tally = new FormTally(analyzer);
  tally.add(lineage.forms);
  for (const segment of read.segments) tally.add(segment.forms);
  tally.subtractArticles(removedArticles(index, kept));
  const forms = tally.finish();
  const source: SpliceSource = {
    lists: index.postings,
    terms: index.postings.terms,
    fieldLength: index.postings.fieldLength,
    store: index.store,
    summaries: lineage.summaries,
    summaryLength: lineage.summaryLength,
  };
  const spliced = spliceSegments([source, ...read.segments], runs);
  assertSameTerms(forms.terms, spliced.terms);
  const known = knownPairs(lineage.pairs, newNumbers(runs, index.store.count));
  const next = indexFromParts({ ...spliced, ...forms, known }, analyzer, options, read.files);
  return { index: next, kept: countKept(kept) };
}

interface ChangesRead {
  summary: CorpusSummary & { articles: number };
  files: CorpusFileRecord[];
  /** Runs over the previous index (source 0) and the new documents (`NEW`, numbered across segments). */
  runs: SpliceRun[];
  segments: Segment[];
  filesRead: number;
  added: number;
}

/** Reads the corpus against the previous generation's file records, the new articles into segments. */
async function readChanges(
  previous: PreviousGeneration,
  corpora: readonly string[],
  analyzer: Analyzer,
  options: RebuildOptions,
): Promise<ChangesRead> {
  const ranges = documentRanges(previous.lineage.files);
  const stream = await streamCorpus(corpora, {
    ...(options.exclude ? { exclude: options.exclude } : {}),
    previous: new Map(previous.lineage.files.map((file) => [file.name, file])),
    onProgress: (progress) => options.onProgress?.({ phase: 'read', ...progress }),
  });
  const dictionary = previous.index.store.text.dictionary;
  const pool = createSegmentPool(analyzer, {
    ...options.segments,
    segment: { ...options.segments?.segment, dictionary },
  });
  try {
    const runs: SpliceRun[] = [];
    const files: CorpusFileRecord[] = [];
    let added = 0;
    let filesRead = 0;
    for await (const batch of stream) {
      files.push(batch.file);
      if (batch.unchanged) {
        const range = ranges.get(batch.file.name);
        if (!range)
          throw new Error(`${batch.file.name} is unchanged but was not in the previous generation`);
        pushRun(runs, { source: 0, from: range[0], to: range[1] });
        continue;
      }
      filesRead++;
      const from = added;
      for (const article of batch.articles) {
        added++;
        const wait = pool.add(article);
        if (wait) await wait;
      }
      pushRun(runs, { source: NEW, from, to: added });
    }
    const segments = await pool.finish();
    const summary = { ...stream.summary(), articles: files.reduce((n, f) => n + f.ids.length, 0) };
    return { summary, files, runs, segments, filesRead, added };
  } finally {
    await pool.close();
  }
}

/** Each file's documents in the previous generation: `[from, to)`, files in order. */
function documentRanges(files: readonly CorpusFileRecord[]): Map<string, [number, number]> {
  const ranges = new Map<string, [number, number]>();
  let doc = 0;
  for (const file of files) {
    ranges.set(file.name, [doc, doc + file.ids.length]);
    doc += file.ids.length;
  }
  return ranges;
}

/** Appends `run`, joining it to the last one when it carries on from it; empty runs are left out. */
function pushRun(runs: SpliceRun[], run: SpliceRun): void {
  if (run.to <= run.from) return;
  const last = runs.at(-1);
  if (last && last.source === run.source && last.to === run.from) last.to = run.to;
  else runs.push({ ...run });
}

/** The runs with `NEW` ones cut at segment boundaries, as runs of sources 1, 2, … (the segments). */
function splitNewRuns(runs: readonly SpliceRun[], segments: readonly Segment[]): SpliceRun[] {
  const bases = [0];
  for (const segment of segments) bases.push((bases.at(-1) ?? 0) + segment.documentCount);
  const out: SpliceRun[] = [];
  for (const run of runs) {
    if (run.source !== NEW) {
      out.push(run);
      continue;
    }
    segments.forEach((_, s) => {
      const base = bases[s] ?? 0;
      const from = Math.max(run.from, base);
      const to = Math.min(run.to, bases[s + 1] ?? base);
      if (from < to) out.push({ source: s + 1, from: from - base, to: to - base });
    });
  }
  return out;
}

/** Which of the previous generation's `count` documents the runs keep. */
function keptDocuments(runs: readonly SpliceRun[], count: number): Uint8Array {
  const kept = new Uint8Array(count);
  for (const run of runs) if (run.source === 0) kept.fill(1, run.from, run.to);
  return kept;
}

/** Each previous document's number in the new generation, −1 for one left out. */
function newNumbers(runs: readonly SpliceRun[], count: number): Int32Array {
  const numbers = new Int32Array(count).fill(-1);
  let at = 0;
  for (const run of runs) {
    if (run.source === 0)
      for (let doc = run.from; doc < run.to; doc++) numbers[doc] = at + doc - run.from;
    at += run.to - run.from;
  }
  return numbers;
}

/**
 * The previous generation's judged near-duplicate pairs between documents it
 * keeps, renumbered: their texts are unchanged, so their outcomes are too.
 */
function knownPairs(pairs: JudgedPairs, numbers: Int32Array): KnownPairs {
  const byLater = new Map<number, Map<number, boolean>>();
  pairs.later.forEach((later, n) => {
    const a = numbers[pairs.earlier[n] ?? 0] ?? -1;
    const b = numbers[later] ?? -1;
    if (a < 0 || b < 0) return;
    let earlier = byLater.get(b);
    if (!earlier) {
      earlier = new Map();
      byLater.set(b, earlier);
    }
    earlier.set(a, pairs.alike[n] === 1);
  });
  return { outcome: (earlier, later) => byLater.get(later)?.get(earlier) };
}

function countKept(kept: Uint8Array): number {
  let count = 0;
  for (const flag of kept) count += flag;
  return count;
}

/** The previous generation's articles the update leaves out, read back from its store one by one. */
function* removedArticles(index: NewsIndex, kept: Uint8Array): Generator<Article> {
  for (let doc = 0; doc < kept.length; doc++) if (kept[doc] === 0) yield index.store.article(doc);
}
