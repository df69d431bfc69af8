/**
 * The whole rebuild pipeline, read → index → write, as one function used by
 * `newsdesk index` (and by `serve` when it has no snapshot yet). Articles
 * stream from the reader into segments written on worker threads while the
 * next files are read; the segments are merged once the corpus is read.
 */
import { type Analyzer, createAnalyzer } from '../analysis/analyzer.ts';
import { corpusFolders } from '../corpus/folders.ts';
import { type CorpusSummary, type ReadProgress, streamCorpus } from '../corpus/read.ts';
import type { WalkOptions } from '../corpus/walk.ts';
import type { Problem } from '../types.ts';
import { indexFromSegments, type NewsIndex } from './build.ts';
import type { Segment } from './segments/segment.ts';
import { createSegmentPool, type SegmentPoolOptions } from './segments/segment-pool.ts';
import { writeSnapshot } from './snapshot.ts';
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
  /** How segments are written: worker threads, segment size. @example `{ workers: 2 }` */
  segments?: Partial<SegmentPoolOptions>;
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
 * Read the corpus, index it, write the snapshot (its sections straight from
 * the index's arrays, with no copy of the whole); returns what happened and
 * the index as built.
 */
export async function rebuild(
  options: RebuildOptions,
): Promise<{ summary: RebuildSummary; index: NewsIndex; info: SnapshotInfo }> {
  const started = performance.now();
  const analyzer = options.analyzer ?? createAnalyzer();
  const report = options.onProgress;
  const corpora = corpusFolders(options.corpus).map((folder) => folder.root);
  const { read, segments } = await readIntoSegments(corpora, analyzer, options);
  report?.({ phase: 'index', done: read.articles, total: read.articles });
  const index = indexFromSegments(segments, analyzer);
  report?.({ phase: 'write' });
  const info: SnapshotInfo = {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    analyzer: analyzer.settings,
    fingerprint: read.fingerprint,
    corpora,
    exclude: [...(options.exclude ?? [])],
    counts: {
      files: read.files,
      articles: read.articles,
      duplicates: read.duplicates,
      problems: read.problems.length,
      terms: index.postings.terms.length,
    },
    builtAt: new Date().toISOString(),
    startedAt: performance.timeOrigin + started,
    buildMs: Math.round(performance.now() - started),
  };
  const snapshotBytes = await writeSnapshot(options.out, index, info);
  const summary: RebuildSummary = {
    corpora,
    snapshot: options.out,
    files: read.files,
    skipped: read.skipped,
    articles: read.articles,
    duplicates: read.duplicates,
    problems: read.problems,
    terms: index.postings.terms.length,
    ms: Math.round(performance.now() - started),
    snapshotBytes,
  };
  return { summary, index, info };
}

/**
 * Stream the corpus into a segment pool: the reader waits whenever the pool
 * has a full buffer no worker has taken yet, so memory stays bounded.
 */
async function readIntoSegments(
  corpora: readonly string[],
  analyzer: Analyzer,
  options: RebuildOptions,
): Promise<{ read: CorpusSummary & { articles: number }; segments: Segment[] }> {
  const report = options.onProgress;
  const stream = await streamCorpus(corpora, {
    ...(options.exclude ? { exclude: options.exclude } : {}),
    onProgress: (progress) => report?.({ phase: 'read', ...progress }),
  });
  const pool = createSegmentPool(analyzer, options.segments);
  try {
    let articles = 0;
    for await (const batch of stream) {
      for (const article of batch.articles) {
        articles++;
        const wait = pool.add(article);
        if (wait) await wait;
      }
    }
    const segments = await pool.finish();
    return { read: { ...stream.summary(), articles }, segments };
  } finally {
    await pool.close();
  }
}
