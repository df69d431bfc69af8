/**
 * "More like this": the articles closest to one article, found by searching
 * for its keywords (its most distinctive terms, picked from its text when
 * asked for), the same way relevance feedback searches for the top results'.
 */
import { KEYWORDS_PER_ARTICLE } from '../../index/keywords.ts';
import { evaluateWord, unite } from '../matching/clauses.ts';
import { DEFAULT_FEEDBACK, feedbackClauses } from '../ranking/feedback.ts';
import { topK } from '../ranking/rank.ts';
import type { Searcher } from '../searcher.ts';

const NO_QUERY = { root: null, clauses: [], notices: [] };

/** A related article: its document number and score. */
export interface RelatedHit {
  doc: number;
  score: number;
}

/** Up to `limit` articles related to document `doc`, best first (never one with its headline). */
export function related(searcher: Searcher, doc: number, limit = 5): RelatedHit[] {
  const { index, context } = searcher;
  const clauses = feedbackClauses(index, NO_QUERY, [doc], {
    ...DEFAULT_FEEDBACK,
    terms: KEYWORDS_PER_ARTICLE,
  });
  if (clauses.length === 0) return [];
  const { docs, scores } = unite(clauses.map((clause) => evaluateWord(clause, context)));
  const best = topK(
    docs.length,
    limit + 3,
    (a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || (docs[a] ?? 0) - (docs[b] ?? 0),
  );
  const title = index.store.article(doc).title.toLowerCase();
  return best
    .map((i) => ({ doc: docs[i] ?? 0, score: scores[i] ?? 0 }))
    .filter((hit) => hit.doc !== doc && index.store.article(hit.doc).title.toLowerCase() !== title)
    .slice(0, limit);
}
