/**
 * A light English stemmer that only folds plurals (Harman's "S" stemmer, 1991):
 * `-ies` → `-y`, `-es` → `-e`, `-s` → nothing, with the usual exceptions. It
 * conflates `prices`/`price` but, unlike Porter, keeps `production` apart from
 * `product` and `national` apart from `nation`.
 */

/** Words that end in `s` without being plurals of anything else. */
const KEEP = new Set(['news', 'series', 'species', 'means', 'always', 'perhaps', 'whereas']);

/** The singular-ish form of a folded word (`companies` → `company`). */
export function pluralStem(word: string): string {
  if (word.length <= 3 || KEEP.has(word)) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) {
    return `${word.slice(0, -3)}y`;
  }
  if (word.endsWith('es') && !/[aeo]es$/.test(word)) return word.slice(0, -1);
  if (word.endsWith('s') && !word.endsWith('us') && !word.endsWith('ss')) {
    return word.slice(0, -1);
  }
  return word;
}
