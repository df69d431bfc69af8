/**
 * The term dictionary: exact lookups through a hash map, prefix ranges by
 * binary search over the sorted terms, and typo-tolerant lookups through
 * MiniSearch's radix tree (`SearchableMap.fuzzyGet`), built on first use so
 * that loading a snapshot stays cheap.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import SearchableMap from 'minisearch/SearchableMap';
import { stemmer } from 'stemmer';
import { pluralStem } from '../analysis/plural.ts';
import { compareStrings } from './term-table.ts';

export interface Vocabulary {
  readonly size: number;
  /** The id (sorted position) of `term`, if indexed. */
  id(term: string): number | undefined;
  /** Ids `[from, to)` of the terms that start with `prefix`. */
  prefixRange(prefix: string): { from: number; to: number };
  /** Ids of the other terms with the same singular (`election` for `elections`, and back). */
  variants(term: string): number[];
  /**
   * Ids of the other terms with the same Porter stem that `variants` does not
   * give (`rise` and `rises` for `rising`, `start` for `started`).
   */
  forms(term: string): number[];
  /**
   * Ids of the terms whose written form, lower-cased, starts with `prefix`
   * (sorted by that form).
   */
  displayPrefix(prefix: string): number[];
  /** Whether term `id` is mostly written capitalised (a name: its written form is `Chelsea`). */
  isName(id: number): boolean;
  /**
   * Terms whose written form, lower-cased (or the term itself), is within
   * `maxDistance` edits (Levenshtein) of `word`, with the distance. Matching
   * written forms finds `election` for `electon`, which the stem `elect` would not.
   */
  fuzzy(word: string, maxDistance: number): { id: number; distance: number }[];
  /**
   * Build what `fuzzy` needs ahead of time, in slices between turns of the
   * event loop, so that a server loading a new index keeps answering.
   */
  warmUp(): Promise<void>;
}

/** Spellings added to the typo dictionary per turn of the event loop in `warmUp`. */
const WARM_SLICE = 10_000;

/** A vocabulary over sorted `terms` (as `Postings.terms` are) and their written forms. */
export function createVocabulary(terms: readonly string[], written: readonly string[]): Vocabulary {
  const display = written.map((form) => form.toLowerCase());
  const ids = new Map<string, number>();
  terms.forEach((term, id) => {
    ids.set(term, id);
  });
  let tree: SearchableMap<number[]> | undefined;
  let byDisplay: { forms: string[]; ids: number[] } | undefined;
  let bySingular: Map<string, number[]> | undefined;
  let byStem: Map<string, number[]> | undefined;
  return {
    size: terms.length,
    id: (term) => ids.get(term),
    prefixRange: (prefix) => prefixRange(terms, prefix),
    variants: (term) => {
      bySingular ??= groupBySingular(terms);
      const own = ids.get(term);
      return (bySingular.get(pluralStem(term)) ?? []).filter((id) => id !== own);
    },
    forms: (term) => {
      byStem ??= groupByStem(terms);
      const singular = pluralStem(term);
      return (byStem.get(stemmer(term)) ?? []).filter(
        (id) => pluralStem(terms[id] ?? '') !== singular,
      );
    },
    displayPrefix: (prefix) => {
      byDisplay ??= sortedForms(display);
      const { from, to } = prefixRange(byDisplay.forms, prefix);
      return byDisplay.ids.slice(from, to);
    },
    isName: (id) => /\p{Lu}/u.test(written[id] ?? ''),
    warmUp: async () => {
      const building = new SearchableMap<number[]>();
      const spellings = display.length + terms.length;
      for (let from = 0; from < spellings && !tree; from += WARM_SLICE) {
        addSpellings(building, terms, display, from, Math.min(spellings, from + WARM_SLICE));
        await nextTurn();
      }
      tree ??= building;
    },
    fuzzy: (word, maxDistance) => {
      tree ??= spellingTree(terms, display);
      const best = new Map<number, number>();
      for (const [ids, distance] of tree.fuzzyGet(word, maxDistance).values()) {
        for (const id of ids) best.set(id, Math.min(distance, best.get(id) ?? distance));
      }
      return [...best].map(([id, distance]) => ({ id, distance }));
    },
  };
}

/** Written forms and terms → the ids of the terms spelled that way. */
function spellingTree(
  terms: readonly string[],
  display: readonly string[],
): SearchableMap<number[]> {
  const tree = new SearchableMap<number[]>();
  addSpellings(tree, terms, display, 0, display.length + terms.length);
  return tree;
}

/** Add spellings `[from, to)` of the written forms followed by the terms to `tree`. */
function addSpellings(
  tree: SearchableMap<number[]>,
  terms: readonly string[],
  display: readonly string[],
  from: number,
  to: number,
): void {
  for (let at = from; at < to; at++) {
    const id = at < display.length ? at : at - display.length;
    const spelling = (at < display.length ? display[id] : terms[id]) ?? '';
    const ids = tree.get(spelling);
    if (ids === undefined) tree.set(spelling, [id]);
    else if (!ids.includes(id)) ids.push(id);
  }
}

/** Terms grouped by their singular form (`pluralStem`). */
function groupBySingular(terms: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  terms.forEach((term, id) => {
    const key = pluralStem(term);
    const group = groups.get(key);
    if (group) group.push(id);
    else groups.set(key, [id]);
  });
  return groups;
}

/** Terms grouped by their Porter stem (the `stemmer` package). */
function groupByStem(terms: readonly string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  terms.forEach((term, id) => {
    const key = stemmer(term);
    const group = groups.get(key);
    if (group) group.push(id);
    else groups.set(key, [id]);
  });
  return groups;
}

/** Written forms in sorted order, with the id of each. */
function sortedForms(display: readonly string[]): { forms: string[]; ids: number[] } {
  const ids = display.map((_, id) => id);
  ids.sort((a, b) => compareStrings(display[a] ?? '', display[b] ?? ''));
  return { forms: ids.map((id) => display[id] ?? ''), ids };
}

/** Indexes `[from, to)` of the sorted `terms` that start with `prefix`. */
function prefixRange(terms: readonly string[], prefix: string): { from: number; to: number } {
  const from = lowerBound(terms, prefix);
  let to = from;
  while (to < terms.length && (terms[to] ?? '').startsWith(prefix)) to++;
  return { from, to };
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
