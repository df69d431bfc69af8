/**
 * Text → term ids, the index builder's inner loop. A plain word (a chunk with no
 * joiner: most of news text) is looked up in the term table straight from its
 * range of the text, so a known written form allocates nothing; a joined chunk
 * of the common all-ASCII shapes (`Washington's`, `don't`, `pro-Iranian`, `2,500`,
 * `1.13`, `U.S`, `end.Start`) is resolved here by the tokenizer's rules, still
 * from the text; any other (curly apostrophes, `9.9-9.9`, non-ASCII letters) goes
 * through the tokenizer's own `emitChunk`.
 */

import { APOSTROPHE, asciiChunk } from '../analysis/ascii-chunk.ts';
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
  const chunk = asciiChunk(text, start, end);
  if (chunk === undefined) return -1;
  switch (chunk.shape) {
    case 'apostrophe': {
      // A possessive `'s` is dropped, the other apostrophes vanish.
      const code = text.charCodeAt(end - 1);
      const cut = text.charCodeAt(end - 2) === APOSTROPHE && (code === 115 || code === 83) ? 2 : 0;
      return visitRange(text, start, end - cut, SKIP_APOSTROPHES, position, table, visit);
    }
    case 'compound':
      return compoundParts(text, start, end, position, table, visit);
    case 'number':
      return visitRange(text, start, end, SKIP_COMMAS, position, table, visit);
    case 'acronym':
      return visitRange(text, start, end, SKIP_PERIODS, position, table, visit);
    case 'pieces':
      return pieces(text, start, end, position, table, visit);
  }
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
