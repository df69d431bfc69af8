/**
 * The engine the server works on: the index serving now, swappable in one
 * assignment. A request takes `engine.current()` once and uses that index
 * throughout, so a swap never mixes two indexes in one answer.
 */
import type { NewsIndex } from '../index/build.ts';
import { type LoadedSnapshot, sharedSnapshotBytes } from '../index/snapshot.ts';
import type { SnapshotInfo } from '../index/snapshot-format.ts';
import type { FoundArticle } from '../search/extras/article.ts';
import type { Completion } from '../search/extras/complete.ts';
import type { ExportBatch, ExportRanking, ExportRows } from '../search/extras/export.ts';
import type { SearchOptions } from '../search/options.ts';
import { createSearcher, type Searcher } from '../search/searcher.ts';
import type { ContentCoding } from '../server/encoding.ts';
import { createPresenter, type Presentation } from '../server/present.ts';
import type { Reply } from '../server/reply.ts';
import type { SearchRequest, SearchResponse } from '../types.ts';
import { answerCall, type SearcherCall, type SearcherCalls, type SearcherOp } from './calls.ts';
import { ReplyCache, type ReplyCacheOptions, replyKey } from './reply-cache.ts';
import { createSearchPool, type SearchPool, type SearchPoolOptions } from './search-pool.ts';

/** A loaded index with what the pages and the stats endpoint say about it. */
export interface LiveIndex {
  index: NewsIndex;
  /** The searcher over `index` with the engine's search options (for the main thread). */
  searcher: Searcher;
  info: SnapshotInfo;
  /** Snapshot size in bytes. */
  bytes: number;
  /** When this index went live (ISO 8601). */
  loadedAt: string;
  /** Queries that find something in this corpus, for the home page. */
  examples: string[];
  /** Replies made from this index, asked again (see `reply-cache.ts`). */
  replies: ReplyCache;
}

export interface Engine {
  /** The index serving now. */
  current(): LiveIndex;
  /**
   * Put `next` live; requests already running finish on the index they took.
   * The engine owns the snapshots it serves: the file of the one replaced is
   * closed once no thread can read its stored text (every worker has moved
   * on; at once without workers, where a search runs to its end in one turn).
   */
  replace(next: LoadedSnapshot): LiveIndex;
  /**
   * Search the live index: on a worker thread when the engine has workers
   * (a search sent after `replace` runs on the new index), inline otherwise.
   */
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Up to `limit` completions of `input`'s last word, where searches run. */
  complete(input: string, limit: number): Promise<Completion[]>;
  /** Article `id` with its related articles and `query`'s matches, where searches run (NOT_FOUND when missing). */
  article(id: string, query: string): Promise<FoundArticle>;
  /** Every result of `request` up to `cap`, ranked as the pages rank it, where searches run. */
  exportRanking(request: SearchRequest, cap: number): Promise<ExportRanking>;
  /** One batch of an export's rows, where searches run (`changed` once the index was replaced). */
  exportRows(batch: ExportBatch): Promise<ExportRows>;
  /**
   * `presentation` answered and encoded where searches run (the API's JSON, a
   * page), compressed in `coding` where that pays: the server only writes it.
   */
  present(presentation: Presentation, coding?: ContentCoding): Promise<Reply>;
  /** Search options every search on this engine uses. */
  readonly searchOptions: SearchOptions;
  /** Searches running and waiting on workers (zero without workers). */
  pending(): { running: number; waiting: number };
  /** Resolves once every search worker has the live index (at once without workers). */
  ready(): Promise<void>;
  /** Stop the search workers, if any, and close the served snapshot's file. */
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
  /**
   * How many bytes of finished replies each live index keeps, to answer a
   * request asked again at once (default `DEFAULT_REPLY_CACHE_OPTIONS`;
   * `{ maxBytes: 0 }` keeps none).
   * @example `{ maxBytes: 64 * 1024 * 1024 }`
   */
  replyCache?: Partial<ReplyCacheOptions>;
}

/** An engine serving `loaded`. */
export function createEngine(loaded: LoadedSnapshot, options: EngineOptions = {}): Engine {
  const searchOptions = options.search ?? {};
  /** The served snapshot's file, when this thread closes it (no workers). */
  let file = options.workers ? undefined : loaded.file;
  const pool = options.workers
    ? createSearchPool({ ...options.workers, searchOptions })
    : undefined;
  const goLive = liveMaker(searchOptions, pool, options.replyCache);
  let live = goLive(loaded);
  /** Presents answers on this thread when there are no workers. */
  const presenter = createPresenter();
  /**
   * One call, on a worker or inline. TypeScript cannot follow the union from
   * `op` to its answer through `answerCall`, which answers each operation with
   * its own answer type; hence the one cast.
   */
  const ask = async <K extends SearcherOp>(
    op: K,
    args: SearcherCalls[K]['args'],
  ): Promise<SearcherCalls[K]['answer']> => {
    const call = { op, args } as SearcherCall;
    const answer = pool ? await pool.call(call) : answerCall(live.searcher, call);
    return answer as SearcherCalls[K]['answer'];
  };
  return {
    current: () => live,
    replace(next) {
      file?.close();
      file = pool ? undefined : next.file;
      live = goLive(next);
      return live;
    },
    search: (request) => ask('search', request),
    complete: (input, limit) => ask('complete', { input, limit }),
    article: (id, query) => ask('article', { id, query }),
    exportRanking: (request, cap) => ask('export-rank', { request, cap }),
    exportRows: (batch) => ask('export-rows', batch),
    present: async (presentation, coding) => {
      const { replies, searcher } = live;
      const key = replyKey(presentation, coding);
      const cached = replies.get(key);
      if (cached) return { ...cached, cached: true };
      const reply = pool
        ? await pool.present(presentation, coding)
        : presenter.present(searcher, presentation, coding);
      return replies.keep(key, reply);
    },
    searchOptions,
    pending: () => pool?.pending() ?? { running: 0, waiting: 0 },
    ready: async () => pool?.ready(),
    close: async () => {
      file?.close();
      await pool?.close();
    },
  };
}

/**
 * Prepares an index to serve: warms the typo dictionary so no visitor waits
 * for it, hands it to the workers, gives it an empty reply cache.
 */
function liveMaker(
  options: SearchOptions,
  pool: SearchPool | undefined,
  replyCache: Partial<ReplyCacheOptions> | undefined,
): (loaded: LoadedSnapshot) => LiveIndex {
  return (loaded) => goLive(loaded, options, pool, new ReplyCache(replyCache));
}

function goLive(
  loaded: LoadedSnapshot,
  options: SearchOptions,
  pool: SearchPool | undefined,
  replies: ReplyCache,
): LiveIndex {
  loaded.index.vocabulary.fuzzy('warm', 1);
  // The pool owns the file from now on: it closes it once no worker reads this index.
  void pool?.load(
    sharedSnapshotBytes(loaded),
    `the snapshot built at ${loaded.info.builtAt}`,
    loaded.file,
  );
  const searcher = createSearcher(loaded.index, options);
  return {
    index: loaded.index,
    searcher,
    info: loaded.info,
    bytes: loaded.bytes,
    loadedAt: new Date().toISOString(),
    examples: searcher.examples(),
    replies,
  };
}
