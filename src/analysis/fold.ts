/** Case and diacritic folding: `Café` → `cafe`, `ÉLYSÉE` → `elysee`. */

const COMBINING_MARKS = /\p{M}+/gu;
const NON_ASCII = /[^\u0020-\u007e]/;

/** Lower-case `text` and strip combining marks (accents) after canonical decomposition. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
}
