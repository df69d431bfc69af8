/**
 * Near-duplicate clusters, found at build time: the same story syndicated,
 * corrected or filed twice under another headline. Each article's headline
 * and body become 5-word shingles (`shingles.ts`) and a MinHash signature;
 * LSH banding puts articles whose signatures agree on a whole band in the
 * same bucket; each bucket pair is verified by the exact Jaccard similarity
 * of the two shingle sets, and verified pairs are joined by union-find.
 * Every step is linear in the corpus (plus one numeric sort per band), with
 * no pairwise comparison of all articles.
 */
import { hashedStreams } from './article-stream.ts';
import type { Postings } from './postings.ts';
import {
  headlineKey,
  minHash,
  mix32,
  sameHeadline,
  sharedCount,
  shingleCount,
  shingleHashes,
  shingleSet,
  type TermStreams,
} from './shingles.ts';

/** The near-duplicate clusters of an index (only clusters of two or more articles). */
export interface Clusters {
  /** Cluster of each article, `NO_CLUSTER` for one without near-duplicates. */
  of: Uint32Array;
  /** Cluster `c`'s articles, ascending, are `members[offsets[c] … offsets[c + 1])`. */
  offsets: Uint32Array;
  members: Uint32Array;
}

/** The cluster of an article that has no near-duplicate. */
export const NO_CLUSTER = 0xffffffff;

export interface NearDuplicateOptions {
  /** Words per shingle. @example 5 */
  shingleWords?: number;
  /** MinHash bins per signature (a power of two). @example 64 */
  bins?: number;
  /**
   * Bins per LSH band (the signature holds `floor(bins / rows)` bands): fewer
   * rows make less similar pairs candidates, at the cost of more checks.
   * @example 2
   */
  rows?: number;
  /** Least Jaccard similarity of two shingle sets that joins them. @example 0.5 */
  threshold?: number;
  /**
   * Least share of the shorter article's shingles found in the longer one
   * that joins them whatever their Jaccard similarity (a first take and the
   * full story). @example 0.8
   */
  containment?: number;
  /**
   * An article with fewer shingles than this is short (a dividend notice, a
   * price table): a short pair is joined only at `shortThreshold`, since one
   * changed name or figure leaves most of its shingles alike. @example 60
   */
  shortShingles?: number;
  /** Least Jaccard similarity that joins a pair whose shorter article is short. @example 0.7 */
  shortThreshold?: number;
  /**
   * Least containment that joins two articles under the same headline (of
   * `headlineWords` words or more): the same report rewritten. @example 0.4
   */
  headlineContainment?: number;
  /** Fewest headline words for the same-headline rule. @example 3 */
  headlineWords?: number;
  /** Articles with fewer shingles are never clustered. @example 8 */
  minShingles?: number;
  /** Each bucket member is checked against this many members before it. @example 4 */
  bucketReach?: number;
  /**
   * Two dated articles further apart than this many days are never joined:
   * a weekly report filled in from the same template is a new story, a
   * re-run after a weekend is not. Undated articles are not limited.
   * @example 3.5
   */
  maxDaysApart?: number;
}

export const DEFAULT_NEAR_DUPLICATE_OPTIONS: Required<NearDuplicateOptions> = {
  shingleWords: 5,
  bins: 64,
  rows: 2,
  threshold: 0.5,
  containment: 0.8,
  shortShingles: 60,
  shortThreshold: 0.7,
  headlineContainment: 0.4,
  headlineWords: 3,
  minShingles: 8,
  bucketReach: 4,
  maxDaysApart: 3.5,
};

/** Clusters without any cluster: every article on its own. */
export function noClusters(documents: number): Clusters {
  return {
    of: new Uint32Array(documents).fill(NO_CLUSTER),
    offsets: new Uint32Array(1),
    members: new Uint32Array(0),
  };
}

/** Near-duplicate options with every default filled in. */
export type NearDuplicateSettings = Required<NearDuplicateOptions>;

/**
 * The near-duplicate clusters of the articles in `postings`; `dates` are
 * their epoch milliseconds (NaN when undated), as the document store keeps them.
 * Reads every article's stream at once (`hashedStreams`); a streaming build
 * uses `createNearDuplicateCollector`, which finds the same clusters.
 */
export function findNearDuplicates(
  postings: Postings,
  dates: Float64Array,
  options: NearDuplicateOptions = {},
): Clusters {
  return clustersOfStreams(hashedStreams(postings), dates, options);
}

/** The near-duplicate clusters of the articles of `streams` (term hashes, see `hashedStreams`). */
export function clustersOfStreams(
  streams: TermStreams,
  dates: Float64Array,
  options: NearDuplicateOptions = {},
): Clusters {
  const settings = { ...DEFAULT_NEAR_DUPLICATE_OPTIONS, ...options };
  const documents = streams.starts.length - 1;
  const signatures = new Uint32Array(documents * settings.bins);
  const signed = signAll(streams, signatures, settings);
  const parent = Int32Array.from({ length: documents }, (_, doc) => doc);
  const verifier = pairVerifier(streams, dates, settings);
  const buckets = new BandBuckets(documents, settings.bucketReach);
  const join = (earlier: number, doc: number): void => {
    const rootA = find(parent, earlier);
    const rootB = find(parent, doc);
    if (rootA !== rootB && verifier(earlier, doc)) {
      parent[Math.max(rootA, rootB)] = Math.min(rootA, rootB);
    }
  };
  for (let band = 0; (band + 1) * settings.rows <= settings.bins; band++) {
    buckets.clear();
    for (let doc = 0; doc < documents; doc++) {
      if (signed[doc] !== 1) continue;
      buckets.add(doc, bandKey(signatures, doc, band, settings), join);
    }
  }
  buckets.clear();
  for (let doc = 0; doc < documents; doc++) {
    const key = headlineKey(streams, doc, settings.headlineWords);
    if (key !== 0 && signed[doc] === 1) buckets.add(doc, key, join);
  }
  return clustersOf(parent);
}

/** Fills each judgeable article's signature; returns which articles have one. */
function signAll(
  streams: TermStreams,
  signatures: Uint32Array,
  settings: NearDuplicateSettings,
): Uint8Array {
  const documents = streams.starts.length - 1;
  const signed = new Uint8Array(documents);
  const filled = new Uint8Array(settings.bins);
  let buffer = new Uint32Array(1024);
  for (let doc = 0; doc < documents; doc++) {
    const count = shingleCount(streams, doc, settings.shingleWords);
    if (count < settings.minShingles) continue;
    if (count > buffer.length) buffer = new Uint32Array(count * 2);
    const shingles = shingleHashes(streams, doc, settings.shingleWords, buffer);
    minHash(shingles, signatures.subarray(doc * settings.bins, (doc + 1) * settings.bins), filled);
    signed[doc] = 1;
  }
  return signed;
}

/** The hash of band `band` of article `doc`'s signature. */
export function bandKey(
  signatures: Uint32Array,
  doc: number,
  band: number,
  settings: NearDuplicateSettings,
): number {
  let h = mix32(band + 1);
  const from = doc * settings.bins + band * settings.rows;
  for (let row = 0; row < settings.rows; row++) h = mix32(h ^ (signatures[from + row] ?? 0));
  return h;
}

/**
 * The buckets of one band: an open-addressing table from band key to the
 * bucket's latest article, and for each article the one added before it to
 * the same bucket. Linear in the articles; no sorting.
 */
export class BandBuckets {
  private readonly keys: Uint32Array;
  private readonly latest: Int32Array;
  private readonly before: Int32Array;

  constructor(
    documents: number,
    private readonly reach: number,
  ) {
    const size = 2 ** Math.ceil(Math.log2(2 * documents + 2));
    this.keys = new Uint32Array(size);
    this.latest = new Int32Array(size);
    this.before = new Int32Array(documents);
  }

  clear(): void {
    this.latest.fill(-1);
  }

  /**
   * Adds `doc` to the bucket of `key`, first calling `meet(earlier, doc)` with
   * up to `reach` earlier members (one function for every call: no closure
   * per article).
   */
  add(doc: number, key: number, meet: (earlier: number, doc: number) => void): void {
    const mask = this.keys.length - 1;
    let slot = key & mask;
    while ((this.latest[slot] ?? -1) >= 0 && this.keys[slot] !== key) slot = (slot + 1) & mask;
    let earlier = this.latest[slot] ?? -1;
    this.before[doc] = earlier;
    this.keys[slot] = key;
    this.latest[slot] = doc;
    for (let met = 0; met < this.reach && earlier >= 0; met++) {
      meet(earlier, doc);
      earlier = this.before[earlier] ?? -1;
    }
  }
}

/**
 * Whether two articles are close enough in time and alike enough (see
 * `NearDuplicateOptions`); shingle sets are cached per article.
 */
function pairVerifier(
  streams: TermStreams,
  dates: Float64Array,
  settings: NearDuplicateSettings,
): (a: number, b: number) => boolean {
  const sets = new Map<number, Uint32Array>();
  const setOf = (doc: number): Uint32Array => {
    let set = sets.get(doc);
    if (set === undefined) {
      set = shingleSet(streams, doc, settings.shingleWords);
      sets.set(doc, set);
    }
    return set;
  };
  return (a, b) => {
    if (!closeInTime(dates, a, b, settings)) return false;
    return alike(setOf(a), setOf(b), settings, sameHeadline(streams, a, b));
  };
}

/** Whether two articles are at most `maxDaysApart` apart (always, when either is undated). */
export function closeInTime(
  dates: Float64Array,
  a: number,
  b: number,
  settings: NearDuplicateSettings,
): boolean {
  const apart = Math.abs((dates[a] ?? Number.NaN) - (dates[b] ?? Number.NaN));
  return !(apart > settings.maxDaysApart * 86_400_000);
}

/** The similarity rule of `NearDuplicateOptions` for two shingle sets. */
export function alike(
  a: Uint32Array,
  b: Uint32Array,
  settings: NearDuplicateSettings,
  sameHeadline = false,
): boolean {
  const shorter = Math.min(a.length, b.length);
  if (shorter < settings.minShingles) return false;
  const shared = sharedCount(a, b);
  const similarity = shared / (a.length + b.length - shared);
  if (shorter < settings.shortShingles) return similarity >= settings.shortThreshold;
  const containment = sameHeadline ? settings.headlineContainment : settings.containment;
  return similarity >= settings.threshold || shared / shorter >= containment;
}

/** Root of `doc`'s set, halving the path on the way. */
export function find(parent: Int32Array, doc: number): number {
  let at = doc;
  for (;;) {
    const up = parent[at] ?? at;
    if (up === at) return at;
    const grand = parent[up] ?? up;
    parent[at] = grand;
    at = grand;
  }
}

/** Sets of two or more articles as clusters, numbered by their first article. */
export function clustersOf(parent: Int32Array): Clusters {
  const documents = parent.length;
  const roots = Int32Array.from({ length: documents }, (_, doc) => find(parent, doc));
  const size = new Uint32Array(documents);
  for (const root of roots) size[root] = (size[root] ?? 0) + 1;
  const of = new Uint32Array(documents).fill(NO_CLUSTER);
  const offsets: number[] = [0];
  for (let doc = 0; doc < documents; doc++) {
    const root = roots[doc] ?? doc;
    if (root !== doc || (size[doc] ?? 0) < 2) continue;
    of[doc] = offsets.length - 1;
    offsets.push((offsets[offsets.length - 1] ?? 0) + (size[doc] ?? 0));
  }
  const members = new Uint32Array(offsets[offsets.length - 1] ?? 0);
  const cursor = Uint32Array.from(offsets);
  for (let doc = 0; doc < documents; doc++) {
    const cluster = of[roots[doc] ?? doc] ?? NO_CLUSTER;
    if (cluster === NO_CLUSTER) continue;
    of[doc] = cluster;
    members[cursor[cluster] ?? 0] = doc;
    cursor[cluster] = (cursor[cluster] ?? 0) + 1;
  }
  return { of, offsets: Uint32Array.from(offsets), members };
}

/** How many articles the cluster of `doc` holds (1 for an article without near-duplicates). */
export function clusterSize(clusters: Clusters, doc: number): number {
  const cluster = clusters.of[doc] ?? NO_CLUSTER;
  if (cluster === NO_CLUSTER) return 1;
  return (clusters.offsets[cluster + 1] ?? 0) - (clusters.offsets[cluster] ?? 0);
}

/** The articles of cluster `cluster`, ascending (empty for an unknown cluster). */
export function clusterMembers(clusters: Clusters, cluster: number): Uint32Array {
  if (!(cluster >= 0 && cluster + 1 < clusters.offsets.length)) return new Uint32Array(0);
  return clusters.members.subarray(clusters.offsets[cluster], clusters.offsets[cluster + 1]);
}
