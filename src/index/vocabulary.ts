/**
 * The term dictionary: exact lookups through a hash map, prefix ranges by
 * binary search over the sorted terms, and typo-tolerant lookups through
 * MiniSearch's radix tree (`SearchableMap.fuzzyGet`), built on first use so
 * that loading a snapshot stays cheap.
 */
import SearchableMap from 'minisearch/SearchableMap';
import { compareStrings } from './term-table.ts';

export interface Vocabulary {
  readonly size: number;
  /** The id (sorted position) of `term`, if indexed. */
  id(term: string): number | undefined;
  /** Ids `[from, to)` of the terms that start with `prefix`. */
  prefixRange(prefix: string): { from: number; to: number };
  /** Terms within `maxDistance` edits of `term` (Levenshtein), with their distance. */
  fuzzy(term: string, maxDistance: number): { id: number; distance: number }[];
}

/** A vocabulary over sorted `terms` (as `Postings.terms` are). */
export function createVocabulary(terms: readonly string[]): Vocabulary {
  const ids = new Map<string, number>();
  terms.forEach((term, id) => {
    ids.set(term, id);
  });
  let tree: SearchableMap<number> | undefined;
  return {
    size: terms.length,
    id: (term) => ids.get(term),
    prefixRange: (prefix) => {
      const from = lowerBound(terms, prefix);
      let to = from;
      while (to < terms.length && (terms[to] ?? '').startsWith(prefix)) to++;
      return { from, to };
    },
    fuzzy: (term, maxDistance) => {
      tree ??= SearchableMap.from(terms.map((t, id): [string, number] => [t, id]));
      return [...tree.fuzzyGet(term, maxDistance).values()].map(([id, distance]) => ({
        id,
        distance,
      }));
    },
  };
}

/** First index whose term is not below `key`. */
function lowerBound(terms: readonly string[], key: string): number {
  let low = 0;
  let high = terms.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compareStrings(terms[middle] ?? '', key) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}
