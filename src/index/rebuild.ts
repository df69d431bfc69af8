/**
 * The whole rebuild pipeline, read → index → write, as one function used by
 * `newsdesk index` (and by `serve` when it has no snapshot yet).
 */
import { type Analyzer, createAnalyzer } from '../analysis/analyzer.ts';
import { corpusFolders } from '../corpus/folders.ts';
import { type ReadProgress, readCorpus } from '../corpus/read.ts';
import type { WalkOptions } from '../corpus/walk.ts';
import type { Problem } from '../types.ts';
import { buildIndex, type NewsIndex } from './build.ts';
import { encodeSharedSnapshot, writeSnapshotBytes } from './snapshot.ts';
import { SNAPSHOT_FORMAT_VERSION, type SnapshotInfo } from './snapshot-format.ts';

export type RebuildProgress =
  | ({ phase: 'read' } & ReadProgress)
  | { phase: 'index'; done: number; total: number }
  | { phase: 'write' };

export interface RebuildOptions extends WalkOptions {
  /**
   * The corpus folder, or several read as one index (ids then start with each folder's name).
   * @example `'corpus'`, `['../shared/corpora/bbc', '../shared/corpora/reuters21578']`
   */
  corpus: string | readonly string[];
  /** Where to write the snapshot. @example `'.newsdesk/index.snapshot'` */
  out: string;
  /** The analyzer; a default one when omitted. */
  analyzer?: Analyzer;
  /** Progress through the three phases. @example `(p) => console.error(p.phase)` */
  onProgress?: (progress: RebuildProgress) => void;
}

export interface RebuildSummary {
  /** The folders read, as given, in reading order. */
  corpora: string[];
  snapshot: string;
  files: number;
  skipped: number;
  articles: number;
  duplicates: number;
  problems: Problem[];
  terms: number;
  ms: number;
  snapshotBytes: number;
}

/**
 * Read the corpus, index it, write the snapshot; returns what happened, the
 * live index and the snapshot's bytes (shared memory, for search workers).
 */
export async function rebuild(
  options: RebuildOptions,
): Promise<{ summary: RebuildSummary; index: NewsIndex; info: SnapshotInfo; shared: Uint8Array }> {
  const started = performance.now();
  const analyzer = options.analyzer ?? createAnalyzer();
  const report = options.onProgress;
  const corpora = corpusFolders(options.corpus).map((folder) => folder.root);
  const read = await readCorpus(corpora, {
    ...(options.exclude ? { exclude: options.exclude } : {}),
    onProgress: (progress) => report?.({ phase: 'read', ...progress }),
  });
  const index = buildIndex(read.articles, analyzer);
  report?.({ phase: 'index', done: read.articles.length, total: read.articles.length });
  report?.({ phase: 'write' });
  const info: SnapshotInfo = {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    analyzer: analyzer.settings,
    fingerprint: read.fingerprint,
    corpora,
    exclude: [...(options.exclude ?? [])],
    counts: {
      files: read.files,
      articles: read.articles.length,
      duplicates: read.duplicates,
      problems: read.problems.length,
      terms: index.postings.terms.length,
    },
    builtAt: new Date().toISOString(),
    startedAt: performance.timeOrigin + started,
    buildMs: Math.round(performance.now() - started),
  };
  const shared = encodeSharedSnapshot(index, info);
  const snapshotBytes = await writeSnapshotBytes(options.out, shared);
  const summary: RebuildSummary = {
    corpora,
    snapshot: options.out,
    files: read.files,
    skipped: read.skipped,
    articles: read.articles.length,
    duplicates: read.duplicates,
    problems: read.problems,
    terms: index.postings.terms.length,
    ms: Math.round(performance.now() - started),
    snapshotBytes,
  };
  return { summary, index, info, shared };
}
