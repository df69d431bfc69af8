/**
 * The engine the server works on: the index serving now, swappable in one
 * assignment. A request takes `engine.current()` once and uses that index
 * throughout, so a swap never mixes two indexes in one answer.
 */
import type { NewsIndex } from '../index/build.ts';
import { type LoadedSnapshot, sharedSnapshotBytes } from '../index/snapshot.ts';
import type { SnapshotInfo } from '../index/snapshot-format.ts';
import { exampleQueries } from '../search/extras/examples.ts';
import { type SearchOptions, search } from '../search/search.ts';
import type { SearchRequest, SearchResponse } from '../types.ts';
import { createSearchPool, type SearchPool, type SearchPoolOptions } from './search-pool.ts';

/** A loaded index with what the pages and the stats endpoint say about it. */
export interface LiveIndex {
  index: NewsIndex;
  info: SnapshotInfo;
  /** Snapshot size in bytes. */
  bytes: number;
  /** When this index went live (ISO 8601). */
  loadedAt: string;
  /** Queries that find something in this corpus, for the home page. */
  examples: string[];
}

export interface Engine {
  /** The index serving now. */
  current(): LiveIndex;
  /** Put `next` live; requests already running finish on the index they took. */
  replace(next: LoadedSnapshot): LiveIndex;
  /**
   * Search the live index: on a worker thread when the engine has workers
   * (a search sent after `replace` runs on the new index), inline otherwise.
   */
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Search options every search on this engine uses. */
  readonly searchOptions: SearchOptions;
  /** Searches running and waiting on workers (zero without workers). */
  pending(): { running: number; waiting: number };
  /** Resolves once every search worker has the live index (at once without workers). */
  ready(): Promise<void>;
  /** Stop the search workers, if any. */
  close(): Promise<void>;
}

export interface EngineOptions {
  /**
   * Search options (defaults: `DEFAULT_SEARCH_OPTIONS`).
   * @example `{ budgetMs: 250 }`
   */
  search?: SearchOptions;
  /**
   * Run searches on worker threads, so an expensive one never blocks the
   * event loop; inline when omitted or `false`.
   * @example `{ size: 2, hardLimitMs: 5000 }`
   */
  workers?: Omit<SearchPoolOptions, 'searchOptions'> | false;
}

/** An engine serving `loaded`. */
export function createEngine(loaded: LoadedSnapshot, options: EngineOptions = {}): Engine {
  const searchOptions = options.search ?? {};
  const pool = options.workers
    ? createSearchPool({ ...options.workers, searchOptions })
    : undefined;
  let live = goLive(loaded, pool);
  return {
    current: () => live,
    replace(next) {
      live = goLive(next, pool);
      return live;
    },
    async search(request) {
      if (pool) return pool.search(request);
      return search(live.index, request, searchOptions);
    },
    searchOptions,
    pending: () => pool?.pending() ?? { running: 0, waiting: 0 },
    ready: async () => pool?.ready(),
    close: async () => pool?.close(),
  };
}

/** Prepare an index to serve: warm the typo dictionary so no visitor waits for it. */
function goLive(loaded: LoadedSnapshot, pool: SearchPool | undefined): LiveIndex {
  loaded.index.vocabulary.fuzzy('warm', 1);
  pool?.load(sharedSnapshotBytes(loaded), `the snapshot built at ${loaded.info.builtAt}`);
  return {
    index: loaded.index,
    info: loaded.info,
    bytes: loaded.bytes,
    loadedAt: new Date().toISOString(),
    examples: exampleQueries(loaded.index),
  };
}
