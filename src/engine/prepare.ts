/**
 * What `serve` loads at start: the snapshot as it is when it is true to its
 * corpus; otherwise a rebuild first (no snapshot, an unreadable one, a corpus
 * changed since), whose index serves as built, without reading it back. When
 * a rebuild fails but a snapshot loaded, that one serves.
 */
import { describeError, isNewsdeskError } from '../errors.ts';
import { staleReason } from '../index/freshness.ts';
import { type RebuildProgress, rebuild } from '../index/rebuild.ts';
import { type LoadedSnapshot, readSnapshot } from '../index/snapshot.ts';
import type { Logger } from '../logger.ts';

/** The corpus served when none is named and there is no snapshot to name one. */
export const DEFAULT_CORPUS = 'corpus';

export interface PrepareOptions {
  /** @example '.newsdesk/index.snapshot' */
  snapshot: string;
  /** The corpus; when omitted, the one the snapshot was built from (or `corpus`). */
  corpus?: string | undefined;
  /** Files to leave out of a rebuild. @example `['*.lc.txt']` */
  exclude?: readonly string[];
  log: Logger;
  onProgress?: (progress: RebuildProgress) => void;
}

/** A snapshot ready to serve, rebuilt first when it is missing or stale. */
export async function prepareSnapshot(options: PrepareOptions): Promise<LoadedSnapshot> {
  const { loaded, problem } = await tryLoad(options.snapshot);
  const corpus = options.corpus ?? loaded?.info.corpus ?? DEFAULT_CORPUS;
  const exclude = options.exclude ?? [];
  let reason = problem;
  if (loaded) {
    try {
      reason = await staleReason(loaded.info, corpus, { exclude });
    } catch (error) {
      if (!isNewsdeskError(error, 'CORPUS_MISSING')) throw error;
      options.log({ event: 'corpus-missing', corpus, message: 'serving the snapshot as it is' });
      return loaded;
    }
    if (reason === undefined) return loaded;
  }
  options.log({ event: 'rebuilding', snapshot: options.snapshot, corpus, reason });
  try {
    const built = await rebuild({
      corpus,
      out: options.snapshot,
      exclude,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    return { index: built.index, info: built.info, bytes: built.summary.snapshotBytes };
  } catch (error) {
    if (!loaded) throw error;
    options.log({
      event: 'rebuild-failed',
      message: describeError(error),
      kept: 'the old snapshot',
    });
    return loaded;
  }
}

async function tryLoad(path: string): Promise<{ loaded?: LoadedSnapshot; problem?: string }> {
  try {
    return { loaded: await readSnapshot(path) };
  } catch (error) {
    if (isNewsdeskError(error) && error.code.startsWith('SNAPSHOT_')) {
      return { problem: error.message };
    }
    throw error;
  }
}
