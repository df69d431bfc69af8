/**
 * What `serve` loads at start: the snapshot as it is when it is true to its
 * corpus; otherwise a rebuild first (no snapshot, an unreadable one, a corpus
 * changed since), whose snapshot is then read back (into shared memory, for
 * the search workers). When a rebuild fails but a snapshot loaded, that one serves.
 */
import { describeError, isNewsdeskError, NewsdeskError } from '../errors.ts';
import { staleReason } from '../index/freshness.ts';
import { type RebuildProgress, rebuild } from '../index/rebuild.ts';
import { type LoadedSnapshot, readSnapshot, readSnapshotHeader } from '../index/snapshot.ts';
import type { Logger } from '../logger.ts';

/** The corpus served when none is named and there is no snapshot to name its folders. */
export const DEFAULT_CORPUS = 'corpus';

export interface PrepareOptions {
  /** @example '.newsdesk/index.snapshot' */
  snapshot: string;
  /**
   * The corpus folder, or several served as one index; when omitted (or empty), the
   * folders the snapshot was built from (or `corpus`).
   * @example `['../shared/corpora/bbc', '../shared/corpora/reuters21578']`
   */
  corpus?: string | readonly string[] | undefined;
  /**
   * Files to leave out of a rebuild; when omitted, the globs the snapshot was
   * built with (so a snapshot built with excludes is not seen as stale).
   * @example `['*.lc.txt']`
   */
  exclude?: readonly string[] | undefined;
  log: Logger;
  onProgress?: (progress: RebuildProgress) => void;
}

/** A snapshot ready to serve, rebuilt first when it is missing or stale. */
export async function prepareSnapshot(options: PrepareOptions): Promise<LoadedSnapshot> {
  const { loaded, problem, named } = await tryLoad(options.snapshot);
  const corpus = namedFolders(options.corpus) ??
    loaded?.info.corpora ??
    named?.corpora ?? [DEFAULT_CORPUS];
  const exclude = options.exclude ?? loaded?.info.exclude ?? named?.exclude ?? [];
  let reason = problem;
  if (loaded) {
    try {
      reason = await staleReason(loaded.info, corpus, { exclude });
    } catch (error) {
      if (!isNewsdeskError(error, 'CORPUS_MISSING')) throw error;
      options.log({
        event: 'corpus-missing',
        corpus: corpus.join(', '),
        reason: describeError(error),
        message: 'serving the snapshot as it is',
      });
      return loaded;
    }
    if (reason === undefined) return loaded;
  }
  options.log({
    event: 'rebuilding',
    snapshot: options.snapshot,
    corpus: corpus.join(', '),
    reason,
  });
  try {
    await rebuild({
      corpus,
      out: options.snapshot,
      exclude,
      ...(loaded ? { previous: loaded } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    // Read back rather than keep the built index: the search workers view the
    // file's bytes in shared memory, and the build's own arrays can go.
    const next = await readSnapshot(options.snapshot);
    // The stale snapshot's text was read for the update; its replaced file can go.
    loaded?.file?.close();
    return next;
  } catch (error) {
    if (!loaded) throw bothFailed(error, problem, corpus);
    options.log({
      event: 'rebuild-failed',
      message: describeError(error),
      kept: 'the old snapshot',
    });
    return loaded;
  }
}

function namedFolders(corpus: PrepareOptions['corpus']): readonly string[] | undefined {
  if (corpus === undefined) return undefined;
  const list = typeof corpus === 'string' ? [corpus] : corpus;
  return list.length > 0 ? list : undefined;
}

async function tryLoad(
  path: string,
): Promise<{ loaded?: LoadedSnapshot; problem?: string; named?: NamedInHeader }> {
  try {
    return { loaded: await readSnapshot(path) };
  } catch (error) {
    if (isNewsdeskError(error) && error.code.startsWith('SNAPSHOT_')) {
      const named = await foldersNamedIn(path);
      return { problem: error.message, ...(named ? { named } : {}) };
    }
    throw error;
  }
}

/** What the header of a snapshot that does not load still says it was built from. */
interface NamedInHeader {
  corpora: string[];
  /** The exclude globs, when the header lists them as text. */
  exclude?: string[];
}

/**
 * The corpus folders and exclude globs named in the header of a snapshot that
 * does not load (damaged, or from an older format, whose header may say
 * `corpus`), so it is rebuilt from its own folders and with its own excludes
 * rather than from `corpus` and with none.
 */
async function foldersNamedIn(path: string): Promise<NamedInHeader | undefined> {
  try {
    // The header alone (its first MiB): a damaged snapshot may be too large to read whole.
    const fields: { corpora?: unknown; corpus?: unknown; exclude?: unknown } =
      await readSnapshotHeader(path);
    const list: unknown[] = Array.isArray(fields.corpora) ? fields.corpora : [fields.corpus];
    const corpora = texts(list);
    if (corpora === undefined || corpora.length === 0) return undefined;
    const exclude = Array.isArray(fields.exclude) ? texts(fields.exclude) : undefined;
    return { corpora, ...(exclude ? { exclude } : {}) };
  } catch {
    return undefined;
  }
}

/** `list` when every item is text. */
function texts(list: readonly unknown[]): string[] | undefined {
  const strings = list.filter((item): item is string => typeof item === 'string');
  return strings.length === list.length ? strings : undefined;
}

/** A snapshot that did not load and could not be rebuilt: say both. */
function bothFailed(error: unknown, problem: string | undefined, corpus: readonly string[]) {
  if (problem === undefined || !isNewsdeskError(error)) return error;
  return new NewsdeskError(
    error.code,
    `${problem}; rebuilding it from ${corpus.join(', ')} failed: ${error.message}`,
    { cause: error, ...(error.parameter ? { parameter: error.parameter } : {}) },
  );
}
