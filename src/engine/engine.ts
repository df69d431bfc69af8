/**
 * The engine the server works on: the index serving now, swappable in one
 * assignment. A request takes `engine.current()` once and uses that index
 * throughout, so a swap never mixes two indexes in one answer.
 */
import type { NewsIndex } from '../index/build.ts';
import type { LoadedSnapshot } from '../index/snapshot.ts';
import type { SnapshotInfo } from '../index/snapshot-format.ts';
import type { SearchOptions } from '../search/search.ts';
import { exampleQueries } from './examples.ts';

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
  /** Search options every search on this engine uses. */
  readonly searchOptions: SearchOptions;
}

export interface EngineOptions {
  /**
   * Search options (defaults: `DEFAULT_SEARCH_OPTIONS`).
   * @example `{ budgetMs: 250 }`
   */
  search?: SearchOptions;
}

/** An engine serving `loaded`. */
export function createEngine(loaded: LoadedSnapshot, options: EngineOptions = {}): Engine {
  let live = goLive(loaded);
  return {
    current: () => live,
    replace(next) {
      live = goLive(next);
      return live;
    },
    searchOptions: options.search ?? {},
  };
}

/** Prepare an index to serve: warm the typo dictionary so no visitor waits for it. */
function goLive(loaded: LoadedSnapshot): LiveIndex {
  loaded.index.vocabulary.fuzzy('warm', 1);
  return {
    index: loaded.index,
    info: loaded.info,
    bytes: loaded.bytes,
    loadedAt: new Date().toISOString(),
    examples: exampleQueries(loaded.index),
  };
}
