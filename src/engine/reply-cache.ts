/**
 * Finished replies kept per live index (Elasticsearch's request cache, Solr's
 * query result cache): a search, page, suggestion or article asked again is
 * answered with the bytes made the first time, without a worker or a search.
 * Each live index has its own cache, so a new generation starts empty and no
 * answer outlives the index it came from. Bounded by bytes, least recently
 * used dropped first.
 */
import { type ContentCoding, ownSize } from '../server/encoding.ts';
import type { Presentation } from '../server/present.ts';
import type { Reply } from '../server/reply.ts';

export interface ReplyCacheOptions {
  /**
   * The most bytes of replies (bodies as sent, plus their keys) kept; 0 keeps
   * none. A reply larger than a sixteenth of this is never kept.
   * @example 32 * 1024 * 1024
   */
  maxBytes: number;
}

export const DEFAULT_REPLY_CACHE_OPTIONS: ReplyCacheOptions = {
  maxBytes: 32 * 1024 * 1024,
};

/** Bytes a kept entry is counted for beyond its body and key (the objects around them). */
const ENTRY_OVERHEAD = 160;

/** What the cache has done since it was made. */
export interface ReplyCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
}

/**
 * An LRU of replies by the presentation they answer.
 * @example
 * ```ts
 * const cache = new ReplyCache({ maxBytes: 1 << 20 });
 * const reply = cache.get(key) ?? cache.keep(key, await make());
 * ```
 */
export class ReplyCache {
  private readonly entries = new Map<string, Reply>();
  private readonly maxBytes: number;
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(options: Partial<ReplyCacheOptions> = {}) {
    this.maxBytes = { ...DEFAULT_REPLY_CACHE_OPTIONS, ...options }.maxBytes;
  }

  /** The reply kept under `key`, now the most recently used; undefined (a miss) when none. */
  get(key: string): Reply | undefined {
    const reply = this.entries.get(key);
    if (reply === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.entries.delete(key);
    this.entries.set(key, reply);
    return reply;
  }

  /**
   * Keep `reply` under `key` unless it says it must not be kept or is too
   * large, dropping the least recently used replies past the bound; returns it.
   */
  keep(key: string, reply: Reply): Reply {
    const size = costOf(key, reply);
    if (reply.cacheable === false || size > this.maxBytes / 16) return reply;
    const previous = this.entries.get(key);
    if (previous !== undefined) this.bytes -= costOf(key, previous);
    this.entries.delete(key);
    // A body may view a larger buffer (the whole one a worker's view was cloned
    // with), which keeping the view would keep whole.
    this.entries.set(key, { ...reply, body: ownSize(reply.body) });
    this.bytes += size;
    for (const [oldest, kept] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= costOf(oldest, kept);
    }
    return reply;
  }

  stats(): ReplyCacheStats {
    return { entries: this.entries.size, bytes: this.bytes, hits: this.hits, misses: this.misses };
  }
}

function costOf(key: string, reply: Reply): number {
  return reply.body.byteLength + 2 * key.length + ENTRY_OVERHEAD;
}

/**
 * The key of `presentation` answered in `coding`: everything the reply depends
 * on but the live index (each index has its own cache). A search page's
 * example queries belong to the index, so they are left out.
 * @example `replyKey({ form: 'article-json', id: 'bbc/tech/001' }, 'br')`
 */
export function replyKey(presentation: Presentation, coding: ContentCoding | undefined): string {
  const stable =
    presentation.form === 'search-page' ? { ...presentation, examples: undefined } : presentation;
  return `${coding ?? 'identity'} ${JSON.stringify(stable)}`;
}
