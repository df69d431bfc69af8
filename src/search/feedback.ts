/**
 * Pseudo-relevance feedback: the top results' keywords that the query did not
 * name (`crude oil prices` → opec, barrel, bpd…) are searched for too, with a
 * small weight, so articles on the same subject in other words rank higher.
 */
import type { NewsIndex } from '../index/build.ts';
import { keywordsOf } from '../index/keywords.ts';
import type { QueryPlan, WordPlan } from '../query/plan.ts';
import type { Candidates } from './candidates.ts';
import { type ClauseContext, evaluateWord, type Matches, unite } from './clauses.ts';

export interface FeedbackOptions {
  /** Top results whose keywords are pooled (0 turns feedback off). @example 10 */
  documents: number;
  /** Expansion terms searched for. @example 10 */
  terms: number;
  /** Weight of the expansion against the query's own score. @example 0.3 */
  weight: number;
}

export const DEFAULT_FEEDBACK: FeedbackOptions = { documents: 10, terms: 10, weight: 0.6 };

/** The pooled keywords of `top` that the query does not already hold, as clauses. */
export function feedbackClauses(
  index: NewsIndex,
  plan: QueryPlan,
  top: readonly number[],
  options: FeedbackOptions,
): WordPlan[] {
  const own = new Set(
    plan.clauses.flatMap((clause) =>
      clause.kind === 'word'
        ? clause.terms.map((term) => term.id)
        : clause.words.flatMap((word) => word.terms.map((term) => term.id)),
    ),
  );
  const pooled = new Map<number, number>();
  for (const doc of top) {
    for (const { id, weight } of keywordsOf(index.keywords, doc)) {
      if (!own.has(id)) pooled.set(id, (pooled.get(id) ?? 0) + weight);
    }
  }
  const best = [...pooled].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, options.terms);
  const strongest = best[0]?.[1] ?? 1;
  return best.map(([id, weight], i) => ({
    kind: 'word',
    key: plan.clauses.length + i,
    text: index.postings.display[id] ?? '',
    terms: [{ id, weight: weight / strongest, via: 'exact' }],
    fields: [0, 1],
    stop: false,
  }));
}

/**
 * Candidates rescored with the expansion: each score gains `weight` × its
 * expansion score. The result set itself does not change.
 */
export function applyFeedback(
  candidates: Candidates,
  clauses: readonly WordPlan[],
  context: ClauseContext,
  weight: number,
): Candidates {
  const extra = unite(
    clauses.map((clause) => evaluateWord(clause, context)),
    context.scratch,
  );
  return { ...candidates, scores: rescored(candidates, extra, weight) };
}

function rescored(candidates: Candidates, extra: Matches, weight: number): Float64Array {
  const scores = candidates.scores.slice();
  let j = 0;
  candidates.docs.forEach((doc, i) => {
    while (j < extra.docs.length && (extra.docs[j] ?? 0) < doc) j++;
    if (extra.docs[j] === doc) scores[i] = (scores[i] ?? 0) + weight * (extra.scores[j] ?? 0);
  });
  return scores;
}
