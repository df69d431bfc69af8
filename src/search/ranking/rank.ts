/**
 * Order candidates: full matches before partial ones, then by relevance (BM25+
 * plus a proximity bonus computed on the top candidates only) or by date.
 * Every tie is broken the same way (newer first, then corpus order), so a
 * query always returns the same page.
 */
import type { NewsIndex } from '../../index/build.ts';
import type { QueryPlan } from '../../query/plan.ts';
import type { SortOrder } from '../../types.ts';
import { type Candidates, roles } from '../matching/candidates.ts';
import { topK } from './heap.ts';
import { proximityBonuses, proximityWords } from './proximity.ts';
import { ScorePass } from './score-pass.ts';
import { comparator, dateKey, selectTop } from './top-k.ts';

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
  const n = candidates.docs.length;
  const score = new Float64Array(n);
  const { required, optional } = roles(plan.root);
  const tier = tiersOf(candidates, options, required.length, required.length + optional.length);
  const compare = comparator(candidates.docs, score, dates, tier, options.sort);
  const select = (k: number) =>
    selectTop(
      { docs: candidates.docs, tier, matched: candidates.matched },
      Math.max(k, 0),
      options.sort,
      dates,
      () => new ScorePass(candidates.scoring, n),
      score,
    );
  if (options.sort !== 'relevance' || options.proximityWeight === 0) {
    return select(options.needed).map((i) => ranked(candidates, score, i, tier));
  }
  const window = select(Math.max(options.needed, options.proximityWindow));
  const boosted = window.slice(0, options.proximityWindow);
  const bonuses = proximityBonuses(
    index,
    proximityWords(plan),
    boosted.map((i) => candidates.docs[i] ?? 0),
    options.proximitySpan,
  );
  boosted.forEach((i, at) => {
    score[i] = (score[i] ?? 0) + options.proximityWeight * (bonuses[at] ?? 0);
  });
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

export { topK };
