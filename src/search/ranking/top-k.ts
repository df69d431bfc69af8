/**
 * The k best candidates without scoring them all (block-max top-k): the
 * candidates are visited in document order; once k are kept, a candidate is
 * scored only when it could still take the place of the worst kept — its
 * tier is not lower, and by relevance its score's upper bound reaches the
 * worst's score (by date: its date does). Where no short list matches and
 * the long lists' block maxima stay below that score, a whole stretch of
 * candidates is passed over at once. The result is exactly what scoring
 * every candidate and sorting would give: same candidates, same order,
 * same scores (see the oracle tests).
 */
import type { SortOrder } from '../../types.ts';
import { type Compare, offer } from './heap.ts';
import type { ScorePass } from './score-pass.ts';

/** What the selection ranks: candidates ascending by document, their tiers and clauses matched. */
export interface TopCandidates {
  docs: Uint32Array;
  tier: Uint8Array;
  matched: Uint8Array;
}

/** Candidates per place asked for under which every candidate is scored. */
const FEW = 4;

/** A document's date for ordering: undated sorts as the oldest. */
export function dateKey(dates: Float64Array, doc: number): number {
  const value = dates[doc] ?? Number.NaN;
  return Number.isNaN(value) ? Number.NEGATIVE_INFINITY : value;
}

/**
 * Negative when candidate `a` ranks before `b`: tier, then score (or date),
 * then date (or score), then corpus order.
 */
export function comparator(
  docs: Uint32Array,
  score: Float64Array,
  dates: Float64Array,
  tier: Uint8Array,
  sort: SortOrder,
): Compare {
  const first = sort === 'relevance' ? byScore(score) : byDate(docs, dates, sort);
  const second = sort === 'relevance' ? byDate(docs, dates, 'newest') : byScore(score);
  return (a, b) =>
    (tier[b] ?? 0) - (tier[a] ?? 0) ||
    first(a, b) ||
    second(a, b) ||
    (docs[a] ?? 0) - (docs[b] ?? 0);
}

const byScore =
  (score: Float64Array): Compare =>
  (a, b) =>
    (score[b] ?? 0) - (score[a] ?? 0);

function byDate(docs: Uint32Array, dates: Float64Array, sort: SortOrder): Compare {
  const date = (i: number) => dateKey(dates, docs[i] ?? 0);
  if (sort !== 'oldest') return (a, b) => date(b) - date(a) || 0;
  return (a, b) => {
    const x = date(a);
    const y = date(b);
    if (x === y) return 0;
    if (x === Number.NEGATIVE_INFINITY) return 1;
    if (y === Number.NEGATIVE_INFINITY) return -1;
    return x - y;
  };
}

/**
 * Indices of the `k` best of `candidates`, best first; `score` (one slot per
 * candidate) gets the scores of those scored, the returned ones among them.
 */
export function selectTop(
  candidates: TopCandidates,
  k: number,
  sort: SortOrder,
  dates: Float64Array,
  passes: () => ScorePass,
  score: Float64Array,
): number[] {
  const { docs, tier } = candidates;
  if (k <= 0 || docs.length === 0) return [];
  const compare = comparator(docs, score, dates, tier, sort);
  const heap: number[] =
    sort === 'relevance'
      ? byRelevance(candidates, k, passes, score, compare)
      : byDateOrder(candidates, k, passes(), score, compare, byDate(docs, dates, sort));
  return heap.sort(compare);
}

/** The indices in `docs` (ascending) of the documents of `wanted` (ascending) it holds. */
function indicesOf(docs: Uint32Array, wanted: Uint32Array): number[] {
  const out: number[] = [];
  let i = 0;
  for (let w = 0; w < wanted.length && i < docs.length; w++) {
    const doc = wanted[w] ?? 0;
    if ((docs[i] ?? 0) < doc) i = firstAtLeast(docs, doc, i);
    if (docs[i] === doc) out.push(i++);
  }
  return out;
}

/** The first index from `start` whose document is at least `doc` (galloping, then binary search). */
function firstAtLeast(docs: Uint32Array, doc: number, start: number): number {
  let step = 1;
  let low = start;
  let high = start + step;
  while (high < docs.length && (docs[high] ?? 0) < doc) {
    low = high + 1;
    step *= 2;
    high = low + step;
  }
  high = Math.min(high, docs.length);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((docs[middle] ?? 0) < doc) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * By relevance: first the candidates where the best scores likely are (the
 * short lists' documents, the long lists' best blocks), so that the bar is
 * high from the start; then every other candidate in order, passed over
 * while its bound stays below the worst kept. `passes` gives a fresh pass
 * for each of the two ascending walks.
 */
function byRelevance(
  { docs, tier, matched }: TopCandidates,
  k: number,
  passes: () => ScorePass,
  score: Float64Array,
  compare: Compare,
): number[] {
  const heap: number[] = [];
  const first = passes();
  // With few candidates for the places, or every score known from matching, bounds cannot pay.
  if (docs.length <= FEW * k || first.eagerOnly) {
    score.set(first.scoreAll(docs, matched));
    for (let i = 0; i < docs.length; i++) offer(heap, i, k, compare);
    return heap;
  }
  // Asked in ascending runs (a list's documents, a batch of its blocks): galloping from the last answer.
  let hint = 0;
  const isCandidate = (doc: number) => {
    if (hint > 0 && (docs[hint - 1] ?? 0) >= doc) hint = 0;
    hint = firstAtLeast(docs, doc, hint);
    return docs[hint] === doc;
  };
  const seeded = indicesOf(docs, first.promising(k, isCandidate));
  const seedScores = first.scoreAll(
    Uint32Array.from(seeded, (i) => docs[i] ?? 0),
    Uint8Array.from(seeded, (i) => matched[i] ?? 0),
  );
  seeded.forEach((i, at) => {
    score[i] = seedScores[at] ?? 0;
    offer(heap, i, k, compare);
  });
  const pass = passes();
  pass.scored = first.scored;
  let topTier = 0;
  for (let i = 0; i < tier.length; i++) topTier = Math.max(topTier, tier[i] ?? 0);
  let next = 0;
  for (let i = 0; i < docs.length; i++) {
    if (seeded[next] === i) {
      next++;
      continue;
    }
    const doc = docs[i] ?? 0;
    const hits = matched[i] ?? 0;
    if (heap.length === k) {
      const worst = heap[0] ?? 0;
      const worstTier = tier[worst] ?? 0;
      const t = tier[i] ?? 0;
      if (t < worstTier) continue;
      const threshold = score[worst] ?? 0;
      if (t === worstTier && pass.bound(doc, hits) < threshold) {
        if (worstTier === topTier) i = lastQuiet(docs, i, pass, threshold);
        while ((seeded[next] ?? Number.POSITIVE_INFINITY) <= i) next++;
        continue;
      }
    }
    score[i] = pass.score(doc, hits);
    offer(heap, i, k, compare);
  }
  return heap;
}

/**
 * The last candidate index from `i` on that the stretch after `docs[i]`
 * with no short-list match and a bound below `threshold` covers (`i` itself
 * when there is none).
 */
function lastQuiet(docs: Uint32Array, i: number, pass: ScorePass, threshold: number): number {
  const doc = docs[i] ?? 0;
  const quiet = pass.quietAfter(doc, threshold);
  if (quiet.end <= doc || quiet.bound >= threshold) return i;
  // The last index whose document is at most quiet.end.
  let low = i;
  let high = docs.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((docs[middle] ?? 0) <= quiet.end) low = middle;
    else high = middle - 1;
  }
  return low;
}

function byDateOrder(
  { docs, tier, matched }: TopCandidates,
  k: number,
  pass: ScorePass,
  score: Float64Array,
  compare: Compare,
  date: Compare,
): number[] {
  const heap: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    if (heap.length === k) {
      const worst = heap[0] ?? 0;
      const byTier = (tier[worst] ?? 0) - (tier[i] ?? 0);
      if (byTier > 0 || (byTier === 0 && date(i, worst) > 0)) continue;
    }
    score[i] = pass.score(docs[i] ?? 0, matched[i] ?? 0);
    offer(heap, i, k, compare);
  }
  return heap;
}
