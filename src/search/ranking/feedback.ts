/**
 * Pseudo-relevance feedback: the top results' keywords that the query did not
 * name (`crude oil prices` → opec, barrel, bpd…) are searched for too, with a
 * small weight, so articles on the same subject in other words rank higher.
 * Only the best-ranked window is rescored; the result set never changes.
 */
import type { NewsIndex } from '../../index/build.ts';
import { TEXT_FIELDS } from '../../index/fields.ts';
import { ascendingOrder, fieldEntries, frequenciesIn } from '../../index/postings.ts';
import type { QueryPlan, WordPlan } from '../../query/plan.ts';
import type { ClauseContext } from '../matching/clauses.ts';
import { fieldLengthOf, frequencyWeight, inverseDocumentFrequency } from './score.ts';

export interface FeedbackOptions {
  /** Top results whose keywords are pooled (0 turns feedback off). @example 10 */
  documents: number;
  /** Expansion terms searched for. @example 10 */
  terms: number;
  /** Weight of the expansion against the query's own score. @example 1 */
  weight: number;
  /** Best-ranked results rescored (at least the results asked for). @example 200 */
  window: number;
}

export const DEFAULT_FEEDBACK: FeedbackOptions = {
  documents: 10,
  terms: 10,
  weight: 1,
  window: 200,
};

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
    for (const { id, weight } of index.keywords.of(doc)) {
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
    fields: [...TEXT_FIELDS],
    stop: false,
  }));
}

/**
 * The expansion's score for each of `docs`: BM25+ of every expansion term in
 * headline and body. The window is looked up in document order, one forward
 * pass per (term, field) that skips the blocks holding none of its documents;
 * each document's score adds up its terms in the same order as one lookup per
 * document would, so the sums are the same to the last bit.
 */
export function feedbackScores(
  clauses: readonly WordPlan[],
  docs: readonly number[],
  context: ClauseContext,
): Float64Array {
  const { postings } = context.index;
  const scores = new Float64Array(docs.length);
  const order = ascendingOrder(docs);
  const sorted = Uint32Array.from(order, (i) => docs[i] ?? 0);
  const frequencies = new Uint32Array(sorted.length);
  for (const clause of clauses) {
    for (const term of clause.terms) {
      for (const entry of fieldEntries(postings, term.id)) {
        if (!clause.fields.includes(entry.field)) continue;
        const weight =
          term.weight *
          (context.boosts[entry.field] ?? 1) *
          inverseDocumentFrequency(postings.documentCount, entry.count);
        const average = postings.averageFieldLength[entry.field] ?? 1;
        frequenciesIn(postings, entry, sorted, frequencies);
        for (let k = 0; k < sorted.length; k++) {
          const frequency = frequencies[k] ?? 0;
          if (frequency === 0) continue;
          const i = order[k] ?? 0;
          const length = fieldLengthOf(postings, sorted[k] ?? 0, entry.field);
          scores[i] =
            (scores[i] ?? 0) + weight * frequencyWeight(frequency, length, average, context.bm25);
        }
      }
    }
  }
  return scores;
}
