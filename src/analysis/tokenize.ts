/**
 * Unicode-aware tokenizer. It finds words (letters, digits and marks of any
 * script) and resolves what joins them:
 * - hyphens and `&`: each part is a token, and so is the joined whole
 *   (`pro-Iranian` → `pro`, `Iranian`, `proIranian`);
 * - apostrophes (straight or curly): a possessive `'s` is dropped, other
 *   apostrophes vanish (`Washington’s` → `Washington`, `don't` → `dont`);
 * - periods: acronyms join (`U.S.` → `US`), decimals stay (`1.13`), anything
 *   else splits;
 * - commas: thousands separators vanish (`2,500` → `2500`), anything else splits.
 */

/** One surface token with its place in the text. */
export interface Token {
  /** The token text, not yet folded or stemmed. */
  text: string;
  /** UTF-16 offsets into the source text: `source.slice(start, end)`. */
  start: number;
  end: number;
  /** Word position for phrase matching; a compound shares its first part's position. */
  position: number;
  /** True for the joined whole of a hyphenated compound. */
  compound?: boolean;
}

// A run of word characters, then any number of (joiner, run) pairs. Each joiner is a single
// character outside the word class, so matching is linear: no backtracking blow-up.
const CHUNK = /[\p{L}\p{N}\p{M}]+(?:['’‘ʼ\-‐‑&.,][\p{L}\p{N}\p{M}]+)*/gu;
const COMPOUND_JOINER = /[-‐‑&]/;
const APOSTROPHE = /['’‘ʼ]/g;
const POSSESSIVE = /['’‘ʼ][sS]$/;
const DIGITS = /^\p{N}+$/u;
const LEADING_DIGIT = /^\p{N}/u;
const LETTER = /^\p{L}$/u;

// Any character that joins words inside a chunk; a chunk without one is a single token.
const JOINER = /['’‘ʼ\-‐‑&.,]/;

/** All tokens of `text`, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  scanChunks(text, (start, end, simple) => {
    if (simple) tokens.push({ text: text.slice(start, end), start, end, position: position++ });
    else position = addChunk(text.slice(start, end), start, position, tokens);
  });
  return tokens;
}

/** The token texts of `text`, in order: `tokenize` without offsets, for indexing. */
export function words(text: string): string[] {
  const out: string[] = [];
  const complex: Token[] = [];
  scanChunks(text, (start, end, simple) => {
    if (simple) {
      out.push(text.slice(start, end));
      return;
    }
    complex.length = 0;
    addChunk(text.slice(start, end), 0, 0, complex);
    for (const token of complex) out.push(token.text);
  });
  return out;
}

/** Calls `onChunk` for each chunk of `text`; `simple` when it has no joiner to resolve. */
function scanChunks(text: string, onChunk: (start: number, end: number, simple: boolean) => void) {
  const chunks = new RegExp(CHUNK);
  for (let match = chunks.exec(text); match !== null; match = chunks.exec(text)) {
    const chunk = match[0];
    onChunk(match.index, match.index + chunk.length, !JOINER.test(chunk));
  }
}

/** Adds the tokens of one chunk; returns the next free position. */
function addChunk(chunk: string, offset: number, position: number, tokens: Token[]): number {
  const parts = splitKeepingOffsets(chunk, COMPOUND_JOINER);
  const first = position;
  const words: Token[] = [];
  for (const part of parts) {
    for (const word of resolveWord(part.text, offset + part.start)) {
      words.push({ ...word, position: position++ });
    }
  }
  // A loop, not push(...words): spreading a huge chunk's words overflows the call stack.
  for (const word of words) tokens.push(word);
  if (parts.length > 1 && words.length > 1) {
    tokens.push({
      text: words.map((word) => word.text).join(''),
      start: offset,
      end: offset + chunk.length,
      position: first,
      compound: true,
    });
  }
  return position;
}

type Span = Omit<Token, 'position'>;

/** One hyphen-free part → its words (apostrophes, periods and commas resolved). */
function resolveWord(part: string, offset: number): Span[] {
  // `ʼ` is a letter (so it can start a chunk) yet vanishes as an apostrophe: drop empty words.
  return resolvePieces(part, offset).filter((word) => word.text !== '');
}

function resolvePieces(part: string, offset: number): Span[] {
  const text = part.replace(POSSESSIVE, '');
  const pieces = splitKeepingOffsets(text, /[.,]/);
  if (pieces.length === 1)
    return [span(text.replace(APOSTROPHE, ''), offset, offset + text.length)];
  if (isNumber(pieces, text)) return [span(text.replace(/,/g, ''), offset, offset + text.length)];
  if (pieces.every((piece) => LETTER.test(piece.text)) && !text.includes(',')) {
    return [span(pieces.map((piece) => piece.text).join(''), offset, offset + text.length)];
  }
  return pieces.map((piece) =>
    span(piece.text.replace(APOSTROPHE, ''), offset + piece.start, offset + piece.end),
  );
}

/** `2,500`, `1,000.5`, `1.13` and `1.13bn` are numbers; `3.a` and `1.2.3` are not. */
function isNumber(pieces: readonly { text: string }[], text: string): boolean {
  const [first, ...rest] = pieces;
  if (!first || !DIGITS.test(first.text)) return false;
  if (!rest.every((piece) => LEADING_DIGIT.test(piece.text))) return false;
  const periods = text.split('.').length - 1;
  return periods <= 1 && !/\.[^,]*,/.test(text);
}

function span(text: string, start: number, end: number): Span {
  return { text, start, end };
}

/** Splits on single-character separators, keeping each piece's offsets. */
function splitKeepingOffsets(
  text: string,
  separator: RegExp,
): { text: string; start: number; end: number }[] {
  const pieces: { text: string; start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || separator.test(text.charAt(i))) {
      if (i > start) pieces.push({ text: text.slice(start, i), start, end: i });
      start = i + 1;
    }
  }
  return pieces;
}
