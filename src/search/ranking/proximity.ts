/**
 * The proximity bonus: query words that stand close together in a headline
 * or body suggest the article is about them together. For each pair of
 * consecutive query words, the closest distance d between them adds
 * min(idf₁, idf₂) / d (nothing beyond `MAX_DISTANCE` words); the better of
 * headline and body counts.
 */
import type { NewsIndex } from '../../index/build.ts';
import { TEXT_FIELDS } from '../../index/fields.ts';
import {
  ascendingOrder,
  docPositions,
  entryOf,
  type Postings,
  PostingsCursor,
} from '../../index/postings.ts';
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
    best = Math.max(best, fieldBonus(lists, span));
  }
  return best;
}

/**
 * `proximityBonus` of each of `docs` (any order), the same numbers: each
 * word's terms are read in each field by one forward cursor over the
 * documents in ascending order, which skips the blocks holding none of them,
 * instead of a block search and decode per document.
 * @example proximityBonuses(index, proximityWords(plan), [4, 17, 9]) // Float64Array [0, 2.1, 0.7]
 */
export function proximityBonuses(
  index: NewsIndex,
  words: readonly WordPlan[],
  docs: readonly number[],
  span = 1,
): Float64Array {
  const bonuses = new Float64Array(docs.length);
  if (words.length < 2) return bonuses;
  const order = ascendingOrder(docs);
  for (const field of TEXT_FIELDS) {
    const lists = words.map((word) => windowPositions(index.postings, word, field, docs, order));
    for (let i = 0; i < docs.length; i++) {
      const bonus = fieldBonus(
        lists.map((list) => list[i]),
        span,
      );
      bonuses[i] = Math.max(bonuses[i] ?? 0, bonus);
    }
  }
  return bonuses;
}

/** One field's bonus from each word's positions there (in query order). */
function fieldBonus(lists: readonly (WordPositions | undefined)[], span: number): number {
  let bonus = 0;
  for (let w = 1; w < lists.length; w++) {
    for (let g = 1; g <= span && g <= w; g++) bonus += pairBonus(lists[w - g], lists[w]) / g;
  }
  return bonus;
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
    const entry = entryOf(postings, term.id, field);
    if (!entry) continue;
    idf = Math.max(idf, inverseDocumentFrequency(postings.documentCount, entry.count));
    for (const position of docPositions(postings, entry, doc)) positions.push(position);
  }
  if (word.terms.length > 1) positions.sort((x, y) => x - y);
  return { positions, idf };
}

/** `wordPositions` of each of `docs`, read through one cursor per term in the order `order`. */
function windowPositions(
  postings: Postings,
  word: WordPlan,
  field: number,
  docs: readonly number[],
  order: Uint32Array,
): WordPositions[] {
  const positions = docs.map((): number[] => []);
  let idf = 0;
  for (const term of word.terms) {
    const entry = entryOf(postings, term.id, field);
    if (!entry) continue;
    idf = Math.max(idf, inverseDocumentFrequency(postings.documentCount, entry.count));
    const cursor = new PostingsCursor(postings, entry);
    for (const i of order) {
      const doc = docs[i] ?? 0;
      if (!cursor.advance(doc)) break;
      if (cursor.doc !== doc) continue;
      const list = positions[i];
      for (const position of cursor.positions()) list?.push(position);
    }
  }
  return positions.map((list) => {
    if (word.terms.length > 1) list.sort((x, y) => x - y);
    return { positions: list, idf };
  });
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
