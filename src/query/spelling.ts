/**
 * Close spellings of one query word: the terms a word may have been meant as
 * when the index does not know it, or knows it only next to a far more common
 * spelling (`goverment`, in 8 Reuters articles, beside `government` in
 * thousands). Distances count a swap of two letters as one edit (`grian` →
 * `grain`), and names (terms mostly written capitalised) get one more edit
 * for a word the index does not know (`Chelski` → `Chelsea`).
 */
import type { NewsIndex } from '../index/build.ts';
import { documentFrequency } from '../index/postings.ts';

/** The planner settings the spelling lookup reads. */
export interface SpellingSettings {
  maxFuzzyExpansions: number;
  fuzzyRatio: number;
}

/** A term a word may have been meant as. */
export interface CloseSpelling {
  id: number;
  /** Edits from the typed word (a swap of two neighbouring letters is one). */
  distance: number;
  /** Articles with the term in the searched fields. */
  frequency: number;
}

/**
 * Longest word looked up by close spellings: the spelling search fills a table of
 * length × length cells (a 100,000-letter word asked for 10 GB and threw), and no
 * real word is this long.
 */
const MAX_FUZZY_LENGTH = 64;

/**
 * Most edits a slip in `word` may have: none under 4 letters (nearly everything
 * is one edit away), 1 from 4 letters, 2 from 8; none for words with digits.
 */
export function typoDistance(word: string): number {
  if (word.length > MAX_FUZZY_LENGTH || /\p{N}/u.test(word)) return 0;
  return word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
}

/**
 * The close spellings `word` (folded, unstemmed) may also match, best first.
 * `own` are the ids of the terms it already matches. A word the index does not
 * know takes any close spelling; a known one only a spelling one edit away,
 * with the same first letter, `fuzzyRatio` times as common, not a stop word,
 * and a name only for a name.
 */
export function closeSpellings(
  index: NewsIndex,
  word: string,
  own: readonly number[],
  fields: ReadonlySet<number>,
  settings: SpellingSettings,
): CloseSpelling[] {
  const reach = typoDistance(word);
  if (reach === 0 || settings.maxFuzzyExpansions === 0) return [];
  const count = own.reduce((sum, id) => sum + documentFrequency(index.postings, id, fields), 0);
  if (count * settings.fuzzyRatio > index.postings.documentCount) return [];
  const known = count > 0;
  const lookup = known ? 1 : Math.min(reach + 1, 2);
  const accept = known
    ? knownWordRule(index, word, own, count * settings.fuzzyRatio)
    : (candidate: CloseSpelling) =>
        candidate.distance <= reach ||
        (candidate.distance === reach + 1 && index.vocabulary.isName(candidate.id));
  return index.vocabulary
    .fuzzy(word, lookup)
    .filter((found) => found.distance > 0 && !own.includes(found.id))
    .map((found) => ({
      id: found.id,
      distance: found.distance > 1 ? swapDistance(index, word, found.id) : found.distance,
      frequency: documentFrequency(index.postings, found.id, fields),
    }))
    .filter((candidate) => candidate.frequency > 0 && accept(candidate))
    .sort(
      (a, b) =>
        a.distance - b.distance ||
        firstLetterChanged(index, word, a.id) - firstLetterChanged(index, word, b.id) ||
        b.frequency - a.frequency ||
        a.id - b.id,
    )
    .slice(0, settings.maxFuzzyExpansions);
}

/**
 * What a known word may be respelled as: one edit, same first letter, `least`
 * articles, not a stop word (`width` is not a slip of `with`), a name for a name.
 */
function knownWordRule(
  index: NewsIndex,
  word: string,
  own: readonly number[],
  least: number,
): (candidate: CloseSpelling) => boolean {
  const name = own.some((id) => index.vocabulary.isName(id));
  return (candidate) =>
    candidate.distance === 1 &&
    candidate.frequency >= least &&
    firstLetterChanged(index, word, candidate.id) === 0 &&
    !index.analyzer.isStopWord(index.postings.display[candidate.id] ?? '') &&
    (!name || index.vocabulary.isName(candidate.id));
}

/** 1 when term `id` (as written and as a term) starts with another letter than `word`, else 0. */
function firstLetterChanged(index: NewsIndex, word: string, id: number): number {
  const first = word.charAt(0);
  const written = (index.postings.display[id] ?? '').toLowerCase();
  return written.charAt(0) === first || (index.postings.terms[id] ?? '').charAt(0) === first
    ? 0
    : 1;
}

/** The edits from `word` to term `id` (written form or term), a swap counting one. */
function swapDistance(index: NewsIndex, word: string, id: number): number {
  const written = (index.postings.display[id] ?? '').toLowerCase();
  return Math.min(
    swapEditDistance(word, written),
    swapEditDistance(word, index.postings.terms[id] ?? ''),
  );
}

/**
 * Edit distance where a swap of two neighbouring letters is one edit
 * (optimal string alignment): `grian` → `grain` is 1, Levenshtein says 2.
 */
export function swapEditDistance(a: string, b: string): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (before[j - 2] ?? 0) + 1);
      }
      row[j] = best;
    }
    before = previous;
    previous = row;
  }
  return previous[b.length] ?? 0;
}
