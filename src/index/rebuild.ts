/**
 * The whole rebuild pipeline, read → index → write, as one function used by
 * `newsdesk index` (and by `serve` when its snapshot is missing or stale).
 * Articles stream from the reader into segments written on worker threads
 * while the next files are read; the segments are merged once the corpus is
 * read. A snapshot that can be updated is (`update.ts`): only changed files
 * are read.
 */
import { type Analyzer, createAnalyzer } from '../analysis/analyzer.ts';
import { corpusFolders, sameFolders } from '../corpus/folders.ts';
import {
  type CorpusFileRecord,
  type CorpusSummary,
  type ReadProgress,
  streamCorpus,
} from '../corpus/read.ts';
import { readCorpusSettings, sameSettings } from '../corpus/settings.ts';
import type { WalkOptions } from '../corpus/walk.ts';
import { describeError, isNewsdeskError } from '../errors.ts';
import type { Problem } from '../types.ts';
import { indexFromSegments, type NewsIndex } from './build.ts';
import type { Lineage } from './lineage.ts';
import { createSegmentPool, type SegmentPoolOptions } from './segments/segment-pool.ts';
import { type LoadedSnapshot, readSnapshot, writeSnapshot } from './snapshot.ts';
import { SNAPSHOT_FORMAT_VERSION, type SnapshotInfo } from './snapshot-format.ts';
import {
  type PreviousGeneration,
  type UpdateChanges,
  type UpdateResult,
  updateIndex,
} from './update.ts';

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
  /** Read every file and rebuild, even when the snapshot at `out` could be updated. @example true */
  full?: boolean;
  /**
   * The snapshot at `out`, when the caller has already loaded it (so it is not
   * read again to be updated). @example `await readSnapshot(out)`
   */
  previous?: LoadedSnapshot;
}

export interface RebuildSummary {
  /** The folders read, as given, in reading order. */
  corpora: string[];
  snapshot: string;
  /**
   * `full`: every file read; `incremental`: only the changed ones, the rest
   * taken from the previous snapshot; `unchanged`: nothing changed, nothing written.
   */
  mode: 'full' | 'incremental' | 'unchanged';
  /** Why it was a full rebuild (no snapshot yet, another corpus, `--full`…). */
  fullBecause?: string;
  /** What an update read and kept. */
  changes?: UpdateChanges;
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
 * the index as built. When the snapshot at `out` was built from the same
 * folders and can be updated, only the files that changed are read (see
 * `update.ts`), unless `full`; when nothing changed, nothing is written.
 */
export async function rebuild(
  options: RebuildOptions,
): Promise<{ summary: RebuildSummary; index: NewsIndex; info: SnapshotInfo }> {
  const started = performance.now();
  const analyzer = options.analyzer ?? createAnalyzer();
  const corpora = corpusFolders(options.corpus).map((folder) => folder.root);
  const previous = options.full
    ? { reason: 'a full rebuild was asked for' }
    : await previousGeneration(options, corpora, analyzer);
  const built =
    'lineage' in previous
      ? await updateIndex(previous, corpora, analyzer, options)
      : { ...(await readIntoSegments(corpora, analyzer, options)), reason: previous.reason };
  const { read, index } = built;
  const info = snapshotInfo(options, corpora, analyzer, read, index, started);
  const changes = 'changes' in built ? built.changes : undefined;
  const unchanged = 'lineage' in previous && 'changes' in built && nothingChanged(previous, built);
  if (!unchanged) options.onProgress?.({ phase: 'write' });
  const snapshotBytes = unchanged ? previous.bytes : await writeSnapshot(options.out, index, info);
  const summary: RebuildSummary = {
    corpora,
    snapshot: options.out,
    mode: unchanged ? 'unchanged' : changes ? 'incremental' : 'full',
    ...('reason' in built && built.reason ? { fullBecause: built.reason } : {}),
    ...(changes ? { changes } : {}),
    files: read.files,
    skipped: read.skipped,
    articles: read.articles,
    duplicates: read.duplicates,
    problems: read.problems,
    terms: index.postings.terms.length,
    ms: Math.round(performance.now() - started),
    snapshotBytes,
  };
  return { summary, index, info: unchanged ? previous.info : info };
}

function snapshotInfo(
  options: RebuildOptions,
  corpora: string[],
  analyzer: Analyzer,
  read: CorpusSummary & { articles: number },
  index: NewsIndex,
  started: number,
): SnapshotInfo {
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    analyzer: analyzer.settings,
    fingerprint: read.fingerprint,
    corpora,
    exclude: [...(options.exclude ?? [])],
    ...(read.settings.some((entry) => entry !== null) ? { settings: read.settings } : {}),
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
}

/** The generation at `options.out` if this build can update it, or why it cannot. */
async function previousGeneration(
  options: RebuildOptions,
  corpora: readonly string[],
  analyzer: Analyzer,
): Promise<(PreviousGeneration & { info: SnapshotInfo; bytes: number }) | { reason: string }> {
  let loaded: LoadedSnapshot;
  try {
    loaded = options.previous ?? (await readSnapshot(options.out, analyzer));
  } catch (error) {
    const missing = isNewsdeskError(error, 'SNAPSHOT_MISSING');
    return { reason: missing ? 'there is no snapshot yet' : describeError(error) };
  }
  const { info, index, bytes } = loaded;
  if (!sameFolders(info.corpora, corpora)) {
    return { reason: `the snapshot was built from ${info.corpora.join(', ')}` };
  }
  const exclude = [...(options.exclude ?? [])].sort();
  if (JSON.stringify([...(info.exclude ?? [])].sort()) !== JSON.stringify(exclude)) {
    return { reason: 'the snapshot was built with other --exclude globs' };
  }
  if (!sameSettings(info.settings, await readCorpusSettings(corpora))) {
    return { reason: "a corpus folder's newsdesk.yml changed" };
  }
  let lineage: Lineage | undefined;
  try {
    lineage = index.lineage?.();
  } catch (error) {
    return { reason: `its record of the corpus files cannot be read: ${describeError(error)}` };
  }
  if (!lineage) return { reason: 'the snapshot keeps no record of its corpus files' };
  return { index, lineage, info, bytes };
}

/** Whether an update read nothing, removed nothing and found every file as listed before. */
function nothingChanged(previous: PreviousGeneration, built: UpdateResult): boolean {
  const { changes, files } = built;
  if (changes.filesRead > 0 || changes.filesRemoved > 0) return false;
  const before = previous.lineage.files;
  return (
    files.length === before.length &&
    files.every(
      (file, n) =>
        file.name === before[n]?.name &&
        file.size === before[n]?.size &&
        file.mtimeMs === before[n]?.mtimeMs,
    )
  );
}

/**
 * Stream the corpus into a segment pool: the reader waits whenever the pool
 * has a full buffer no worker has taken yet, so memory stays bounded.
 */
async function readIntoSegments(
  corpora: readonly string[],
  analyzer: Analyzer,
  options: RebuildOptions,
): Promise<{ read: CorpusSummary & { articles: number }; index: NewsIndex }> {
  const report = options.onProgress;
  const stream = await streamCorpus(corpora, {
    ...(options.exclude ? { exclude: options.exclude } : {}),
    onProgress: (progress) => report?.({ phase: 'read', ...progress }),
  });
  const pool = createSegmentPool(analyzer, options.segments);
  try {
    let articles = 0;
    const files: CorpusFileRecord[] = [];
    for await (const batch of stream) {
      files.push(batch.file);
      for (const article of batch.articles) {
        articles++;
        const wait = pool.add(article);
        if (wait) await wait;
      }
    }
    const segments = await pool.finish();
    const read = { ...stream.summary(), articles };
    options.onProgress?.({ phase: 'index', done: articles, total: articles });
    return { read, index: indexFromSegments(segments, analyzer, {}, files) };
  } finally {
    await pool.close();
  }
}
