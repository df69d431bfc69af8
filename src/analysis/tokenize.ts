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

const APOSTROPHE = /['’‘ʼ]/g;
const POSSESSIVE = /['’‘ʼ][sS]$/;
const DIGITS = /^\p{N}+$/u;
const LEADING_DIGIT = /^\p{N}/u;
const LETTER = /^\p{L}$/u;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

/** Receives each token: its text, offsets, position, and whether it is a compound's whole. */
export type TokenSink = (
  text: string,
  start: number,
  end: number,
  position: number,
  compound: boolean,
) => void;

/** All tokens of `text`, in order. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  eachToken(text, (word, start, end, position, compound) => {
    tokens.push(
      compound
        ? { text: word, start, end, position, compound }
        : { text: word, start, end, position },
    );
  });
  return tokens;
}

/** The token texts of `text`, in order: `tokenize` without offsets. */
export function words(text: string): string[] {
  const out: string[] = [];
  eachToken(text, (word) => {
    out.push(word);
  });
  return out;
}

/**
 * The tokenizer's core: one pass over the characters, finding chunks (a run of
 * word characters, then any number of joiner + run pairs) without a regular
 * expression; a chunk with no joiner is one token, the rest go to `addChunk`.
 */
export function eachToken(text: string, sink: TokenSink): void {
  const length = text.length;
  let position = 0;
  let i = 0;
  while (i < length) {
    const first = wordCharLength(text, i);
    if (first === 0) {
      i++;
      continue;
    }
    const start = i;
    const scanned = scanChunk(text, start, first);
    if (scanned >= 0) {
      i = scanned;
      sink(text.slice(start, i), start, i, position++, false);
    } else {
      i = ~scanned;
      position = emitChunk(text.slice(start, i), start, position, sink);
    }
  }
}

/**
 * The end of the chunk starting at `start` (a word character `first` code units
 * long): the end itself for a plain word, `~end` (negative) for a chunk with a
 * joiner, whose tokens `emitChunk` resolves.
 */
export function scanChunk(text: string, start: number, first: number): number {
  let joined = text.charCodeAt(start) === MODIFIER_APOSTROPHE;
  const length = text.length;
  let i = start + first;
  while (i < length) {
    const code = text.charCodeAt(i);
    if (code < 128) {
      if (ASCII_WORD[code] === 1) {
        i++;
        continue;
      }
      if (isJoiner(code) && wordCharLength(text, i + 1) > 0) {
        joined = true;
        i++;
        continue;
      }
      break;
    }
    const step = wordCharLength(text, i);
    if (step > 0) {
      if (code === MODIFIER_APOSTROPHE) joined = true;
      i += step;
    } else if (isJoiner(code) && wordCharLength(text, i + 1) > 0) {
      joined = true;
      i++;
    } else break;
  }
  return joined ? ~i : i;
}

const MODIFIER_APOSTROPHE = 0x2bc;

/** 1 for `[A-Za-z0-9]`, 0 for any other ASCII character. */
const ASCII_WORD = new Uint8Array(128).map((_, code) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 0,
);

/** UTF-16 length of the word character (letter, digit, mark) at `i`, or 0. */
export function wordCharLength(text: string, i: number): number {
  const code = text.charCodeAt(i);
  if (code < 128) return ASCII_WORD[code] ?? 0; // NaN past the end → 0
  if (code >= 0xd800 && code <= 0xdbff) {
    const point = text.codePointAt(i) ?? 0;
    return point > 0xffff && WORD_CHAR.test(String.fromCodePoint(point)) ? 2 : 0;
  }
  return WORD_CHAR.test(text.charAt(i)) ? 1 : 0;
}

/** True for `[A-Za-z0-9]`. */
export function isAsciiWordChar(code: number): boolean {
  return code < 128 && ASCII_WORD[code] === 1; // NaN (past the end) is not
}

/** `' ’ ‘ ʼ - ‐ ‑ & . ,`: characters that join two runs into one chunk. */
export function isJoiner(code: number): boolean {
  return (
    code === 39 ||
    code === 0x2019 ||
    code === 0x2018 ||
    code === MODIFIER_APOSTROPHE ||
    code === 45 ||
    code === 0x2010 ||
    code === 0x2011 ||
    code === 38 ||
    code === 46 ||
    code === 44
  );
}

/** Sends the tokens of one joined chunk (at `offset` in its text) to `sink`; returns the next free position. */
export function emitChunk(
  chunk: string,
  offset: number,
  position: number,
  sink: TokenSink,
): number {
  const tokens: Token[] = [];
  const next = addChunk(chunk, offset, position, tokens);
  for (const token of tokens) {
    sink(token.text, token.start, token.end, token.position, token.compound === true);
  }
  return next;
}

/** Adds the tokens of one chunk; returns the next free position. */
function addChunk(chunk: string, offset: number, position: number, tokens: Token[]): number {
  const parts = splitKeepingOffsets(chunk, isCompoundJoiner);
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
  const pieces = splitKeepingOffsets(text, isPeriodOrComma);
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
  isSeparator: (code: number) => boolean,
): { text: string; start: number; end: number }[] {
  const pieces: { text: string; start: number; end: number }[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || isSeparator(text.charCodeAt(i))) {
      if (i > start) pieces.push({ text: text.slice(start, i), start, end: i });
      start = i + 1;
    }
  }
  return pieces;
}

/** `- ‐ ‑ &`: joiners that make a compound. */
function isCompoundJoiner(code: number): boolean {
  return code === 45 || code === 0x2010 || code === 0x2011 || code === 38;
}

function isPeriodOrComma(code: number): boolean {
  return code === 46 || code === 44;
}
