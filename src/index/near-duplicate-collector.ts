/**
 * Near-duplicate clusters found while the index streams past, without any
 * whole-corpus token arrays: each article is summarised when it is added (its
 * LSH band keys, headline key and date: 141 bytes at the default 64 bins in
 * bands of 2), and `finish` asks for the streams of only the articles that
 * share a bucket with another, to verify those pairs exactly.
 *
 * The clusters equal those of `findNearDuplicates` over the same articles:
 * the buckets are filled in article order from the same band keys, so the
 * same pairs are proposed, each is judged by the same rule, and the clusters
 * are the connected parts of the pairs judged alike, whatever order they are
 * judged in.
 */
import { NewsdeskError } from '../errors.ts';
import { type ArticleStream, singleStream } from './article-stream.ts';
import { createArticleSummarizer, SUMMARY_HEADER } from './near-duplicate-summary.ts';
import {
  alike,
  BandBuckets,
  type Clusters,
  closeInTime,
  clustersOf,
  DEFAULT_NEAR_DUPLICATE_OPTIONS,
  find,
  type NearDuplicateOptions,
} from './near-duplicates.ts';
import { shingleSet } from './shingles.ts';

export interface NearDuplicateCollectorOptions extends NearDuplicateOptions {
  /**
   * Verified articles whose shingle sets are kept for later pairs (each
   * about 4 bytes a word); an article needed again after it was dropped is
   * asked of `streamOf` again. @example 256
   */
  cachedArticles?: number;
}

export const DEFAULT_NEAR_DUPLICATE_COLLECTOR_OPTIONS: Required<NearDuplicateCollectorOptions> = {
  ...DEFAULT_NEAR_DUPLICATE_OPTIONS,
  cachedArticles: 256,
};

type Settings = Required<NearDuplicateCollectorOptions>;

/** The stream of article `doc` (as `termStreamOfText` gives it), asked for on demand. */
export type StreamOf = (doc: number) => ArticleStream;

/** What one `finish` did, for tests and benchmarks. */
export interface CollectorStats {
  /** Distinct pairs proposed by a bucket (and close enough in time). */
  candidatePairs: number;
  /** Pairs judged (the rest were already in one cluster): compared, or known from before. */
  comparedPairs: number;
  /** Of those, pairs whose outcome was known (`KnownPairs`), so not compared again. */
  knownPairs: number;
  /** Calls of `streamOf`. */
  streamCalls: number;
}

/**
 * Every pair a `finish` judged, and whether the two articles were alike:
 * pair `n` is articles `earlier[n]` < `later[n]`. Whether two articles are
 * alike depends on nothing but their text (and the options), so a later
 * `finish` over the same articles, renumbered, can take the outcomes as
 * `KnownPairs` instead of reading the articles again.
 */
export interface JudgedPairs {
  earlier: Uint32Array;
  later: Uint32Array;
  alike: Uint8Array;
}

/** Outcomes known from an earlier `finish`: undefined for a pair never judged. */
export interface KnownPairs {
  outcome(earlier: number, later: number): boolean | undefined;
}

export interface NearDuplicateCollector {
  /**
   * Adds article `doc`: `hashes` holds one term hash per position, headline
   * then body (`termStreamOfText`); `date` is epoch ms or NaN. Articles may
   * come in any order, each once; the collector keeps no reference to `hashes`.
   */
  add(doc: number, hashes: Uint32Array, headlineLength: number, date: number): void;
  /**
   * Adds article `doc` by its summary, made by `createArticleSummarizer` with
   * the same options (in a worker, say): the same as `add` with its stream.
   */
  addSummary(doc: number, summary: Uint32Array, date: number): void;
  /**
   * The clusters of articles `0 … documents - 1` (by default up to the
   * highest article added); an article never added is in no cluster. Pairs
   * whose outcome `known` gives are not compared again.
   */
  finish(streamOf: StreamOf, documents?: number, known?: KnownPairs): Clusters;
  /** Counts of the last `finish`. */
  readonly stats: CollectorStats;
  /** The pairs the last `finish` judged (see `JudgedPairs`). */
  judged(): JudgedPairs;
}

/** A collector sized for about `documentsHint` articles (it grows past them). */
export function createNearDuplicateCollector(
  documentsHint: number,
  options: NearDuplicateCollectorOptions = {},
): NearDuplicateCollector {
  const settings: Settings = { ...DEFAULT_NEAR_DUPLICATE_COLLECTOR_OPTIONS, ...options };
  const summaries = new Summaries(Math.max(1, documentsHint), settings);
  const summarizer = createArticleSummarizer(settings);
  const scratch = new Uint32Array(summarizer.length);
  const stats: CollectorStats = {
    candidatePairs: 0,
    comparedPairs: 0,
    knownPairs: 0,
    streamCalls: 0,
  };
  let judged = new PairLog();
  return {
    add: (doc, hashes, headlineLength, date) => {
      summaries.add(doc, summarizer.summarize(hashes, headlineLength, scratch), date);
    },
    addSummary: (doc, summary, date) => {
      summaries.add(doc, summary, date);
    },
    finish: (streamOf, documents = summaries.count, known = NOTHING_KNOWN) => {
      const pairs = candidatePairs(summaries, documents, settings);
      stats.candidatePairs = pairs.earlier.length;
      const cache = new SetCache(streamOf, settings, pairs.lastNeeded);
      const parent = Int32Array.from({ length: documents }, (_, doc) => doc);
      judged = new PairLog();
      stats.knownPairs = joinAlike(pairs, parent, { cache, known, judged }, settings);
      stats.comparedPairs = judged.length;
      stats.streamCalls = cache.calls;
      return clustersOf(parent);
    },
    stats,
    judged: () => judged.pairs(),
  };
}

/** What the collector keeps per article: band keys, headline key, date, and whether it is judged. */
class Summaries {
  count = 0;
  readonly bands: number;
  signed: Uint8Array;
  keys: Uint32Array;
  headlines: Uint32Array;
  dates: Float64Array;

  constructor(capacity: number, settings: Settings) {
    this.bands = Math.floor(settings.bins / settings.rows);
    this.signed = new Uint8Array(capacity);
    this.keys = new Uint32Array(capacity * this.bands);
    this.headlines = new Uint32Array(capacity);
    this.dates = new Float64Array(capacity).fill(Number.NaN);
  }

  add(doc: number, summary: Uint32Array, date: number): void {
    if (summary.length !== SUMMARY_HEADER + this.bands) {
      throw new NewsdeskError(
        'BAD_PARAMETER',
        `a near-duplicate summary of ${summary.length} numbers where ${SUMMARY_HEADER + this.bands} were expected (summarizer and collector options differ)`,
        { parameter: 'summary' },
      );
    }
    if (doc >= this.signed.length) this.grow(Math.max(doc + 1, 2 * this.signed.length));
    this.count = Math.max(this.count, doc + 1);
    this.dates[doc] = date;
    this.signed[doc] = summary[0] === 1 ? 1 : 0;
    this.headlines[doc] = summary[1] ?? 0;
    this.keys.set(summary.subarray(SUMMARY_HEADER), doc * this.bands);
  }

  private grow(capacity: number): void {
    const signed = new Uint8Array(capacity);
    signed.set(this.signed);
    this.signed = signed;
    const keys = new Uint32Array(capacity * this.bands);
    keys.set(this.keys);
    this.keys = keys;
    const headlines = new Uint32Array(capacity);
    headlines.set(this.headlines);
    this.headlines = headlines;
    const dates = new Float64Array(capacity).fill(Number.NaN);
    dates.set(this.dates);
    this.dates = dates;
  }
}

/** Candidate pairs grouped by their later article: `earlier[from[d] … from[d + 1])`, ascending. */
interface Pairs {
  from: Uint32Array;
  earlier: Uint32Array;
  /** The last article whose group needs article `d` (itself, or a later partner). */
  lastNeeded: Uint32Array;
}

/** The pairs the band and headline buckets propose, as `clustersOfStreams` fills them. */
function candidatePairs(summaries: Summaries, documents: number, settings: Settings): Pairs {
  const log = new PairLog();
  const buckets = new BandBuckets(documents, settings.bucketReach);
  const { bands, keys, signed, headlines, dates } = summaries;
  const meet = (earlier: number, doc: number): void => {
    if (closeInTime(dates, earlier, doc, settings)) log.push(earlier, doc);
  };
  for (let band = 0; band < bands; band++) {
    buckets.clear();
    for (let doc = 0; doc < documents; doc++) {
      if (signed[doc] === 1) buckets.add(doc, keys[doc * bands + band] ?? 0, meet);
    }
  }
  buckets.clear();
  for (let doc = 0; doc < documents; doc++) {
    const key = headlines[doc] ?? 0;
    if (key !== 0 && signed[doc] === 1) buckets.add(doc, key, meet);
  }
  return log.grouped(documents);
}

/** A growing list of (earlier, later) article pairs, each with a flag (whether they are alike). */
class PairLog {
  length = 0;
  private earlier = new Uint32Array(1 << 12);
  private later = new Uint32Array(1 << 12);
  private flags = new Uint8Array(1 << 12);

  push(earlier: number, later: number, flag = false): void {
    if (this.length === this.earlier.length) {
      const size = this.length * 2;
      this.earlier = grown(this.earlier, new Uint32Array(size));
      this.later = grown(this.later, new Uint32Array(size));
      this.flags = grown(this.flags, new Uint8Array(size));
    }
    this.flags[this.length] = flag ? 1 : 0;
    this.earlier[this.length] = earlier;
    this.later[this.length++] = later;
  }

  /** The pairs as logged, with their flags. */
  pairs(): JudgedPairs {
    return {
      earlier: this.earlier.slice(0, this.length),
      later: this.later.slice(0, this.length),
      alike: this.flags.slice(0, this.length),
    };
  }

  /** The pairs by later article (a counting sort), each group ascending and without repeats. */
  grouped(documents: number): Pairs {
    const from = new Uint32Array(documents + 1);
    for (let at = 0; at < this.length; at++) {
      const later = this.later[at] ?? 0;
      from[later + 1] = (from[later + 1] ?? 0) + 1;
    }
    for (let doc = 0; doc < documents; doc++)
      from[doc + 1] = (from[doc + 1] ?? 0) + (from[doc] ?? 0);
    const cursor = from.slice(0, documents);
    const earlier = new Uint32Array(this.length);
    for (let at = 0; at < this.length; at++) {
      const later = this.later[at] ?? 0;
      earlier[cursor[later] ?? 0] = this.earlier[at] ?? 0;
      cursor[later] = (cursor[later] ?? 0) + 1;
    }
    return distinctGroups(from, earlier);
  }
}

/** Sorts each group, drops repeats in place, and notes when each article is last needed. */
function distinctGroups(from: Uint32Array, earlier: Uint32Array): Pairs {
  const documents = from.length - 1;
  const lastNeeded = Uint32Array.from({ length: documents }, (_, doc) => doc);
  let kept = 0;
  let start = 0;
  for (let doc = 0; doc < documents; doc++) {
    const end = from[doc + 1] ?? 0;
    const group = earlier.subarray(start, end).sort();
    from[doc] = kept;
    for (let i = 0; i < group.length; i++) {
      const partner = group[i] ?? 0;
      if (i > 0 && partner === group[i - 1]) continue;
      earlier[kept++] = partner;
      lastNeeded[partner] = doc;
    }
    start = end;
  }
  from[documents] = kept;
  return { from, earlier: earlier.subarray(0, kept), lastNeeded };
}

/** How pairs are judged: compared through the cache unless known; every judgement is logged. */
interface Judge {
  cache: SetCache;
  known: KnownPairs;
  judged: PairLog;
}

/** Joins each candidate pair judged alike; returns how many outcomes were known. */
function joinAlike(pairs: Pairs, parent: Int32Array, judge: Judge, settings: Settings): number {
  let known = 0;
  for (let doc = 0; doc + 1 < pairs.from.length; doc++) {
    const from = pairs.from[doc] ?? 0;
    const to = pairs.from[doc + 1] ?? 0;
    for (let at = to - 1; at >= from; at--) {
      const earlier = pairs.earlier[at] ?? 0;
      const rootA = find(parent, earlier);
      const rootB = find(parent, doc);
      if (rootA === rootB) continue;
      let same = judge.known.outcome(earlier, doc);
      if (same === undefined) {
        const a = judge.cache.get(earlier);
        const b = judge.cache.get(doc);
        same = alike(a.set, b.set, settings, sameTerms(a.headline, b.headline));
      } else {
        known++;
      }
      judge.judged.push(earlier, doc, same);
      if (same) parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
    }
    judge.cache.passed(doc, pairs.earlier.subarray(from, to));
  }
  return known;
}

const NOTHING_KNOWN: KnownPairs = { outcome: () => undefined };

/** An article as pairs are judged: its shingle set and headline term hashes. */
interface Judged {
  set: Uint32Array;
  headline: Uint32Array;
}

/**
 * Judged articles by article, least recently used dropped first past
 * `cachedArticles`, and each dropped as soon as no later group needs it.
 */
class SetCache {
  calls = 0;
  private readonly entries = new Map<number, Judged>();

  constructor(
    private readonly streamOf: StreamOf,
    private readonly settings: Settings,
    private readonly lastNeeded: Uint32Array,
  ) {}

  get(doc: number): Judged {
    const cached = this.entries.get(doc);
    if (cached !== undefined) {
      this.entries.delete(doc);
      this.entries.set(doc, cached);
      return cached;
    }
    this.calls++;
    const stream = this.streamOf(doc);
    const judged = {
      set: shingleSet(singleStream(stream), 0, this.settings.shingleWords),
      headline: stream.hashes.slice(0, stream.headlineLength),
    };
    this.entries.set(doc, judged);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.settings.cachedArticles) break;
      this.entries.delete(oldest);
    }
    return judged;
  }

  /** After `doc`'s group: drops it and its partners unless a later group needs them. */
  passed(doc: number, partners: Uint32Array): void {
    if ((this.lastNeeded[doc] ?? 0) <= doc) this.entries.delete(doc);
    for (const partner of partners) {
      if ((this.lastNeeded[partner] ?? 0) <= doc) this.entries.delete(partner);
    }
  }
}

/** Whether two arrays of term hashes are the same. */
function sameTerms(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function grown<T extends Uint32Array | Uint8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
