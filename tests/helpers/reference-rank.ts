/**
 * TEST ORACLE: src/search/ranking/rank.ts as it was before top-k pruning (issue 13), kept
 * verbatim as the obviously correct slow path: every candidate scored, then sorted.
 */
/**
 * Order candidates: full matches before partial ones, then by relevance (BM25+
 * plus a proximity bonus computed on the top candidates only) or by date.
 * Every tie is broken the same way (newer first, then corpus order), so a
 * query always returns the same page.
 */
import type { NewsIndex } from '../../src/index/build.ts';
import type { QueryPlan } from '../../src/query/plan.ts';
import { proximityBonus, proximityWords } from '../../src/search/ranking/proximity.ts';
import type { SortOrder } from '../../src/types.ts';
import { type Candidates, roles } from './reference-candidates.ts';

export const SORT_ORDERS: readonly SortOrder[] = ['relevance', 'newest', 'oldest'];

export interface RankOptions {
  sort: SortOrder;
  /** How many of the best-ranked results are needed (page × size). */
  needed: number;
  /** Top candidates that get the proximity bonus. @example 100 */
  proximityWindow: number;
  /** Weight of the proximity bonus against BM25+. @example 1 */
  proximityWeight: number;
  /**
   * `all-first`: articles that match every word, then the rest; `levels`: by
   * how many words match; `none`: by score alone. @example 'all-first'
   */
  tiers: 'all-first' | 'levels' | 'none';
  /**
   * With `all-first`, the share of a query's required words an article may
   * miss and still rank in the first tier: ⌊share × words⌋, so short queries
   * keep every word first and the demand fades as the query grows (0.25: one
   * word of 4 to 7 may be missing, two of 8 to 11). 0 demands every word.
   * @example 0.25
   */
  tierTolerance: number;
  /** Query words apart (1: neighbours only) that the proximity bonus pairs. @example 2 */
  proximitySpan: number;
}

/** A ranked result: document, final score and tier (see `Candidates.full`). */
export interface Ranked {
  doc: number;
  score: number;
  tier: number;
}

/** A document's date for ordering: undated sorts as the oldest. */
function dateKey(dates: Float64Array, doc: number): number {
  const value = dates[doc] ?? Number.NaN;
  return Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
}

/** Orders ranked results: tier, score, newer first, then corpus order. */
export function byRank(dates: Float64Array, tiered: boolean): (a: Ranked, b: Ranked) => number {
  return (a, b) =>
    (tiered ? b.tier - a.tier : 0) ||
    b.score - a.score ||
    dateKey(dates, b.doc) - dateKey(dates, a.doc) ||
    a.doc - b.doc;
}

/** The first `needed` results in order. */
export function rank(
  candidates: Candidates,
  index: NewsIndex,
  plan: QueryPlan,
  options: RankOptions,
): Ranked[] {
  const { dates } = index.store;
  const score = candidates.scores.slice();
  const { required, optional } = roles(plan.root);
  const tier = tiersOf(candidates, options, required.length, required.length + optional.length);
  const compare = comparator(candidates, score, dates, tier, options.sort);
  if (options.sort !== 'relevance' || options.proximityWeight === 0) {
    return topK(candidates.docs.length, Math.max(options.needed, 0), compare).map((i) =>
      ranked(candidates, score, i, tier),
    );
  }
  const window = topK(
    candidates.docs.length,
    Math.max(options.needed, options.proximityWindow),
    compare,
  );
  const boosted = window.slice(0, options.proximityWindow);
  const words = proximityWords(plan);
  for (const i of boosted) {
    score[i] =
      (score[i] ?? 0) +
      options.proximityWeight *
        proximityBonus(index, words, candidates.docs[i] ?? 0, options.proximitySpan);
  }
  boosted.sort(compare);
  return [...boosted, ...window.slice(options.proximityWindow)]
    .slice(0, options.needed)
    .map((i) => ranked(candidates, score, i, tier));
}

function ranked(candidates: Candidates, score: Float64Array, i: number, tiers: Uint8Array): Ranked {
  return { doc: candidates.docs[i] ?? 0, score: score[i] ?? 0, tier: tiers[i] ?? 0 };
}

/**
 * The tier of each candidate under `tiers`, for a query of `required` words:
 * with `all-first` and nothing to tolerate, `Candidates.full` (every word as
 * typed, every word, the rest); else 1 for the articles missing at most the
 * tolerated words and 0 for the rest.
 */
export function tiersOf(
  candidates: Candidates,
  { tiers, tierTolerance }: Pick<RankOptions, 'tiers' | 'tierTolerance'>,
  required: number,
  typed = required,
): Uint8Array {
  if (tiers === 'levels') return candidates.matched;
  if (tiers === 'none') return new Uint8Array(candidates.docs.length);
  const tolerated = toleratedWords({ tiers, tierTolerance }, typed);
  if (tolerated === 0) return candidates.full;
  return candidates.matched.map((matched) => (matched + tolerated >= required ? 1 : 0));
}

/**
 * Required words an article may miss and still rank in the first tier, for
 * a query of `typed` words: ⌊tierTolerance × typed⌋ with `all-first`, else 0.
 */
export function toleratedWords(
  { tiers, tierTolerance }: Pick<RankOptions, 'tiers' | 'tierTolerance'>,
  typed: number,
): number {
  return tiers === 'all-first' ? Math.floor(Math.max(0, tierTolerance) * typed) : 0;
}

type Compare = (a: number, b: number) => number;

/** Negative when candidate `a` ranks before `b`. */
function comparator(
  candidates: Candidates,
  score: Float64Array,
  dates: Float64Array,
  full: Uint8Array,
  sort: SortOrder,
): Compare {
  const { docs } = candidates;
  const date = (i: number) => dateKey(dates, docs[i] ?? 0);
  const byScore = (a: number, b: number) => (score[b] ?? 0) - (score[a] ?? 0);
  const newer = (a: number, b: number) => date(b) - date(a) || 0;
  const older = (a: number, b: number) => {
    const x = date(a);
    const y = date(b);
    if (x === y) return 0;
    if (x === Number.NEGATIVE_INFINITY) return 1;
    if (y === Number.NEGATIVE_INFINITY) return -1;
    return x - y;
  };
  const first = sort === 'relevance' ? byScore : sort === 'newest' ? newer : older;
  const second = sort === 'relevance' ? newer : byScore;
  return (a, b) =>
    (full[b] ?? 0) - (full[a] ?? 0) ||
    first(a, b) ||
    second(a, b) ||
    (docs[a] ?? 0) - (docs[b] ?? 0);
}

/**
 * Indices `0…n-1` of the `k` best by `compare`, best first: a bounded heap
 * whose root is the worst kept, so most candidates cost one comparison.
 */
export function topK(n: number, k: number, compare: Compare): number[] {
  if (k <= 0 || n === 0) return [];
  const heap: number[] = [];
  for (let i = 0; i < n; i++) {
    if (heap.length < k) {
      heap.push(i);
      siftUp(heap, heap.length - 1, compare);
    } else if (compare(i, heap[0] ?? 0) < 0) {
      heap[0] = i;
      siftDown(heap, 0, compare);
    }
  }
  return heap.sort(compare);
}

// A max-heap by rank: the root is the candidate that ranks last.
function siftUp(heap: number[], at: number, compare: Compare): void {
  let child = at;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (compare(heap[parent] ?? 0, heap[child] ?? 0) >= 0) return;
    swap(heap, parent, child);
    child = parent;
  }
}

function siftDown(heap: number[], at: number, compare: Compare): void {
  let parent = at;
  for (;;) {
    const left = 2 * parent + 1;
    const right = left + 1;
    let worst = parent;
    if (left < heap.length && compare(heap[left] ?? 0, heap[worst] ?? 0) > 0) worst = left;
    if (right < heap.length && compare(heap[right] ?? 0, heap[worst] ?? 0) > 0) worst = right;
    if (worst === parent) return;
    swap(heap, parent, worst);
    parent = worst;
  }
}

function swap(heap: number[], a: number, b: number): void {
  const value = heap[a] ?? 0;
  heap[a] = heap[b] ?? 0;
  heap[b] = value;
}
