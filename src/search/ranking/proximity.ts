/**
 * The proximity bonus: query words that stand close together in a headline
 * or body suggest the article is about them together. For each pair of
 * consecutive query words, the closest distance d between them adds
 * min(idf₁, idf₂) / d (nothing beyond `MAX_DISTANCE` words); the better of
 * headline and body counts.
 */
import type { NewsIndex } from '../../index/build.ts';
import { TEXT_FIELDS } from '../../index/fields.ts';
import { docPositions, fieldEntry, type Postings } from '../../index/postings.ts';
import type { QueryPlan, WordPlan } from '../../query/plan.ts';
import { roles } from '../matching/candidates.ts';
import { inverseDocumentFrequency } from './score.ts';

/** Pairs further apart than this many words get no bonus. */
export const MAX_DISTANCE = 8;
/** The words proximity is measured between: matching, non-stop words, in query order. */
export function proximityWords(plan: QueryPlan): WordPlan[] {
  const { required, optional } = roles(plan.root);
  return [...required, ...optional]
    .filter((node): node is WordPlan => node.kind === 'word' && !node.stop)
    .sort((a, b) => a.key - b.key);
}

/**
 * The bonus of `doc` for `words` (from `proximityWords`, computed once per
 * query): over the pairs of words at most `span` apart in the query, a pair
 * `g` words apart adding min(idf₁, idf₂) / (g × d) for its closest distance d.
 */
export function proximityBonus(
  index: NewsIndex,
  words: readonly WordPlan[],
  doc: number,
  span = 1,
): number {
  if (words.length < 2) return 0;
  let best = 0;
  for (const field of TEXT_FIELDS) {
    const lists = words.map((word) => wordPositions(index.postings, word, field, doc));
    let bonus = 0;
    for (let w = 1; w < words.length; w++) {
      for (let g = 1; g <= span && g <= w; g++) bonus += pairBonus(lists[w - g], lists[w]) / g;
    }
    best = Math.max(best, bonus);
  }
  return best;
}

/** min(idf₁, idf₂) / d for two words' closest distance d, 0 beyond `MAX_DISTANCE`. */
function pairBonus(a: WordPositions | undefined, b: WordPositions | undefined): number {
  if (!a || !b || a.positions.length === 0 || b.positions.length === 0) return 0;
  const distance = closest(a.positions, b.positions);
  return distance <= MAX_DISTANCE ? Math.min(a.idf, b.idf) / distance : 0;
}

/** A word's sorted positions in one field of a document, and its idf there. */
interface WordPositions {
  positions: number[];
  idf: number;
}

/** Sorted positions of a word's terms in one field of `doc`, and the word's idf there. */
function wordPositions(
  postings: Postings,
  word: WordPlan,
  field: number,
  doc: number,
): WordPositions {
  const positions: number[] = [];
  let idf = 0;
  for (const term of word.terms) {
    const entry = fieldEntry(postings, term.id, field);
    if (!entry) continue;
    idf = Math.max(idf, inverseDocumentFrequency(postings.documentCount, entry.count));
    for (const position of docPositions(postings, entry, doc)) positions.push(position);
  }
  if (word.terms.length > 1) positions.sort((x, y) => x - y);
  return { positions, idf };
}

/** Smallest |a − b| over two ascending lists (at least 1). */
export function closest(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let best = Number.POSITIVE_INFINITY;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    best = Math.min(best, Math.abs(x - y));
    if (x < y) i++;
    else j++;
  }
  return Math.max(best, 1);
}
