/**
 * Text → term ids, the index builder's inner loop. A plain word (a chunk with no
 * joiner: most of news text) is looked up in the term table straight from its
 * range of the text, so a known written form allocates nothing; a joined chunk
 * of the common all-ASCII shapes (`Washington's`, `don't`, `pro-Iranian`, `2,500`,
 * `1.13`, `U.S`, `end.Start`) is resolved here by the tokenizer's rules, still
 * from the text; any other (curly apostrophes, `9.9-9.9`, non-ASCII letters) goes
 * through the tokenizer's own `emitChunk`.
 */
import {
  emitChunk,
  isAsciiWordChar,
  isJoiner,
  scanChunk,
  type TokenSink,
  wordCharLength,
} from '../analysis/tokenize.ts';
import { HASH_SEED, hashFinish, hashStep, skipOf } from './form-table.ts';
import type { TermTable } from './term-table.ts';

/** Receives one term occurrence: its term id and word position. */
export type TermIdVisitor = (id: number, position: number) => void;

/**
 * Each token of `text` that makes a term: its term id in `table` and its word
 * position, in order. Exactly what
 * `eachToken(text, (word, s, e, position) => { const id = table.idOf(word); if (id >= 0) visit(id, position); })`
 * gives, written-form counts included.
 *
 * @example
 * const table = new TermTable(createAnalyzer());
 * eachTermId('Oil prices rose', table, (id, position) => log.push(id, position));
 */
export function eachTermId(text: string, table: TermTable, visit: TermIdVisitor): void {
  const length = text.length;
  let joinedSink: TokenSink | undefined;
  let position = 0;
  let i = 0;
  while (i < length) {
    let code = text.charCodeAt(i);
    if (code < 128) {
      if (!isAsciiWordChar(code)) {
        i++;
        continue;
      }
      // The common case: a run of ASCII letters and digits, hashed as it is read.
      const start = i;
      let hash = HASH_SEED;
      do {
        hash = hashStep(hash, code);
        code = text.charCodeAt(++i);
      } while (isAsciiWordChar(code));
      if (i === length || (code < 128 && !(isJoiner(code) && wordCharLength(text, i + 1) > 0))) {
        const id = table.idAtHashed(hashFinish(hash), text, start, i);
        if (id >= 0) visit(id, position);
        position++;
        continue;
      }
      i = start;
    }
    const first = wordCharLength(text, i);
    if (first === 0) {
      i++;
      continue;
    }
    const start = i;
    const scanned = scanChunk(text, start, first);
    if (scanned >= 0) {
      i = scanned;
      const id = table.idAt(text, start, i);
      if (id >= 0) visit(id, position);
      position++;
    } else {
      i = ~scanned;
      const next = resolveAsciiChunk(text, start, i, position, table, visit);
      if (next >= 0) {
        position = next;
        continue;
      }
      joinedSink ??= (word, _start, _end, at) => {
        const id = table.idOf(word);
        if (id >= 0) visit(id, at);
      };
      position = emitChunk(text.slice(start, i), start, position, joinedSink);
    }
  }
}

const APOSTROPHE = 39;
const AMPERSAND = 38;
const COMMA = 44;
const HYPHEN = 45;
const PERIOD = 46;
const SKIP_APOSTROPHES = skipOf("'");
const SKIP_COMMAS = skipOf(',');
const SKIP_PERIODS = skipOf('.');
const SKIP_COMPOUND_JOINERS = skipOf('-&');

/**
 * The tokens of the joined chunk `text.slice(start, end)` when it is all ASCII
 * with joiners of one kind (apostrophes; hyphens and `&`; periods and commas),
 * as `emitChunk` would give them; returns the next position, or -1 for any
 * other chunk.
 */
function resolveAsciiChunk(
  text: string,
  start: number,
  end: number,
  position: number,
  table: TermTable,
  visit: TermIdVisitor,
): number {
  let apostrophes = 0;
  let compound = 0;
  let commas = 0;
  let periods = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) return -1;
    if (code === APOSTROPHE) apostrophes++;
    else if (code === HYPHEN || code === AMPERSAND) compound++;
    else if (code === COMMA) commas++;
    else if (code === PERIOD) periods++;
  }
  if (apostrophes > 0) {
    if (compound + commas + periods > 0) return -1;
    // A possessive `'s` is dropped, the other apostrophes vanish.
    const code = text.charCodeAt(end - 1);
    const cut = text.charCodeAt(end - 2) === APOSTROPHE && (code === 115 || code === 83) ? 2 : 0;
    return visitRange(text, start, end - cut, SKIP_APOSTROPHES, position, table, visit);
  }
  if (compound > 0) {
    return commas + periods > 0 ? -1 : compoundParts(text, start, end, position, table, visit);
  }
  if (periods <= 1 && isAsciiNumber(text, start, end)) {
    return visitRange(text, start, end, SKIP_COMMAS, position, table, visit);
  }
  if (commas === 0 && isAcronym(text, start, end)) {
    return visitRange(text, start, end, SKIP_PERIODS, position, table, visit);
  }
  return pieces(text, start, end, position, table, visit);
}

/** Visits the form `text.slice(start, end)` less `skip` at `position`; returns the next position. */
function visitRange(
  text: string,
  start: number,
  end: number,
  skip: number,
  position: number,
  table: TermTable,
  visit: TermIdVisitor,
): number {
  const id = table.idAt(text, start, end, skip);
  if (id >= 0) visit(id, position);
  return position + 1;
}

/** Each part of `a-b&c` at its own position, then the joined whole at the first part's. */
function compoundParts(
  text: string,
  start: number,
  end: number,
  position: number,
  table: TermTable,
  visit: TermIdVisitor,
): number {
  const next = pieces(text, start, end, position, table, visit);
  visitRange(text, start, end, SKIP_COMPOUND_JOINERS, position, table, visit);
  return next;
}

/** Each run between joiners as a word of its own, at consecutive positions. */
function pieces(
  text: string,
  start: number,
  end: number,
  position: number,
  table: TermTable,
  visit: TermIdVisitor,
): number {
  let next = position;
  let from = start;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code < 48 && code !== APOSTROPHE) {
      next = visitRange(text, from, i, 0, next, table, visit);
      from = i + 1;
    }
  }
  return visitRange(text, from, end, 0, next, table, visit);
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * `2,500`, `1,000.5`, `1.13` and `1.13bn`: digits first, a digit after every
 * separator, no comma after the period (the caller checks there is at most one).
 */
function isAsciiNumber(text: string, start: number, end: number): boolean {
  let i = start;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === PERIOD || code === COMMA) break;
    if (!isDigit(code)) return false;
  }
  let afterPeriod = false;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== PERIOD && code !== COMMA) continue;
    if (code === COMMA && afterPeriod) return false;
    if (code === PERIOD) afterPeriod = true;
    if (!isDigit(text.charCodeAt(i + 1))) return false;
  }
  return true;
}

/** `U.S`, `e.g`: single letters between periods. */
function isAcronym(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 2) {
    if (isDigit(text.charCodeAt(i))) return false;
    if (i + 1 < end && text.charCodeAt(i + 1) !== PERIOD) return false;
  }
  return true;
}
