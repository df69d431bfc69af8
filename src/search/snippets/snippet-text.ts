/**
 * Character tests and boundary scans for the snippet builder. Every test looks
 * at a handful of characters around one position, so a scan costs no more than
 * the stretch of text it walks over.
 */

const SPACE = 32;
const NEWLINE = 10;
const LOWER_A = 97;
const LOWER_Z = 122;

/** Whether a UTF-16 code unit is white space, exactly as `\s` matches it. */
export function isSpaceCode(code: number): boolean {
  if (code <= SPACE) return code === SPACE || (code >= 9 && code <= 13);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Whether `text[index]` is white space (false outside the text). */
export function isSpaceAt(text: string, index: number): boolean {
  return isSpaceCode(text.charCodeAt(index));
}

/** Whether `index` falls between the two halves of a surrogate pair. */
export function splitsPair(text: string, index: number): boolean {
  if (index <= 0 || index >= text.length) return false;
  const low = text.charCodeAt(index);
  const high = text.charCodeAt(index - 1);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff;
}

/** Whether a word starts at `index`: a non-space character after a space or the text start. */
export function isWordStart(text: string, index: number): boolean {
  if (index >= text.length || isSpaceAt(text, index)) return false;
  return index === 0 || isSpaceAt(text, index - 1);
}

/** Whether a word ends just before `index`: a non-space character before a space or the text end. */
export function isWordEnd(text: string, index: number): boolean {
  if (index <= 0 || isSpaceAt(text, index - 1)) return false;
  return index >= text.length || isSpaceAt(text, index);
}

/** `.`, `!`, `?` and `…` end a sentence. */
function isTerminal(code: number): boolean {
  return code === 46 || code === 33 || code === 63 || code === 0x2026;
}

/** Closing quotes and brackets that may follow a sentence's terminal mark. */
function isCloser(code: number): boolean {
  return (
    code === 34 || code === 39 || code === 41 || code === 93 || code === 0x201d || code === 0x2019
  );
}

/** Whether the text just before `index` ends in a terminal mark, maybe followed by closers. */
function endsWithTerminal(text: string, index: number): boolean {
  let at = index - 1;
  while (at >= 0 && at > index - 4 && isCloser(text.charCodeAt(at))) at--;
  return at >= 0 && isTerminal(text.charCodeAt(at));
}

/**
 * Whether a sentence starts at `index`: the first word of the text or of a
 * paragraph (white space holding a line break before it), or a word that does
 * not begin in lower case after a terminal mark.
 */
export function isSentenceStart(text: string, index: number): boolean {
  if (!isWordStart(text, index)) return false;
  let at = index;
  let paragraph = false;
  while (at > 0 && isSpaceAt(text, at - 1)) {
    if (text.charCodeAt(at - 1) === NEWLINE) paragraph = true;
    at--;
  }
  if (at === 0 || paragraph) return true;
  const code = text.charCodeAt(index);
  if (code >= LOWER_A && code <= LOWER_Z) return false;
  return endsWithTerminal(text, at);
}

/** Whether a sentence ends just before `index`: the text end, or a word end before a sentence start. */
export function isSentenceEnd(text: string, index: number): boolean {
  if (index >= text.length) return index === text.length;
  if (!isWordEnd(text, index)) return false;
  let next = index;
  while (next < text.length && isSpaceAt(text, next)) next++;
  return next === text.length || isSentenceStart(text, next);
}

/** What a boundary scan looks for. */
export type Boundary = 'word-start' | 'word-end' | 'sentence-start' | 'sentence-end';

const BOUNDARY_TESTS: Readonly<Record<Boundary, (text: string, index: number) => boolean>> = {
  'word-start': isWordStart,
  'word-end': isWordEnd,
  'sentence-start': isSentenceStart,
  'sentence-end': isSentenceEnd,
};

/**
 * The first (`step` 1) or last (`step` -1) position in `[from, to]` at a
 * `boundary`, or -1. Every boundary touches white space or an edge of the
 * text, so most positions are passed over after one character test.
 */
export function findBoundary(
  text: string,
  from: number,
  to: number,
  boundary: Boundary,
  step: 1 | -1,
): number {
  const low = Math.max(0, from);
  const high = Math.min(text.length, to);
  const test = BOUNDARY_TESTS[boundary];
  const side = boundary === 'word-start' || boundary === 'sentence-start' ? -1 : 0;
  for (let index = step === 1 ? low : high; index >= low && index <= high; index += step) {
    const edge = index + side;
    if (edge >= 0 && edge < text.length && !isSpaceAt(text, edge)) continue;
    if (test(text, index)) return index;
  }
  return -1;
}

/** Whether any non-space character lies in `[from, to)`. */
export function hasTextBetween(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    if (!isSpaceAt(text, index)) return true;
  }
  return false;
}

/** Whether any non-space character lies before `index` (scanning back from it). */
export function hasTextBefore(text: string, index: number): boolean {
  for (let at = index - 1; at >= 0; at--) {
    if (!isSpaceAt(text, at)) return true;
  }
  return false;
}
