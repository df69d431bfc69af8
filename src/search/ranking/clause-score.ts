/**
 * What a candidate's score is made of: per top-level clause, a word's
 * weighted (term, field) lists scored on demand, or a phrase's or group's
 * scores from its matching; in the order they are summed.
 */
import { type FieldEntry, fieldEntries } from '../../index/postings.ts';
import type { PlanNode } from '../../query/plan.ts';
import type { ClauseContext, Matches } from '../matching/clauses.ts';
import { inverseDocumentFrequency } from './score.ts';

/** How one top-level clause adds to a document's score. */
export type ClauseScore =
  /** A word, scored from its postings when asked. */
  | { kind: 'lazy'; entries: ScoredEntry[] }
  /** A phrase or group, scored when it was matched. */
  | { kind: 'eager'; matches: Matches };

/** One (term, field) entry of a word and what its BM25+ weight is multiplied by. */
export interface ScoredEntry {
  entry: FieldEntry;
  /** (term weight × field boost) × idf. */
  weight: number;
}

/** What a candidate's score is made of. */
export interface CandidateScoring {
  /** The index, BM25 parameters and block maxima the scores come from. */
  context: ClauseContext;
  /** Required clauses, then optional ones: the order their scores are summed. */
  clauses: ClauseScore[];
  /** Multiply by the number of required clauses matched. */
  coordination: boolean;
  /** How many required clauses there are (the most `hits` can be). */
  required: number;
}

/** The scoring of a word plan node's entries, weighted as `evaluateWord` weighs them. */
export function lazyWord(
  node: Extract<PlanNode, { kind: 'word' }>,
  context: ClauseContext,
): ClauseScore {
  const { postings } = context.index;
  const entries: ScoredEntry[] = [];
  for (const term of node.terms) {
    for (const entry of fieldEntries(postings, term.id)) {
      if (!node.fields.includes(entry.field)) continue;
      const weight = term.weight * (context.boosts[entry.field] ?? 1);
      const idf = inverseDocumentFrequency(postings.documentCount, entry.count);
      entries.push({ entry, weight: weight * idf });
    }
  }
  return { kind: 'lazy', entries };
}
