/**
 * The tokens of a text at chosen word positions, numbered exactly as
 * `eachToken` numbers them, for the cost of a character scan. Highlighting
 * uses it: the postings name the positions of a query's terms in an article,
 * and only the tokens there need their text and offsets.
 *
 * A plain word (a run of word characters with no joiner: most of news text)
 * is counted without making a string. A joined chunk (hyphen, apostrophe,
 * period, comma, `&`, modifier apostrophe) of the common all-ASCII shapes
 * (`don't`, `pro-Iranian`, `2,500`, `1.13`, `U.S`, `end.Start`) with no wanted
 * position in it is counted by the tokenizer's rules; any other goes through
 * the tokenizer's own `emitChunk`, so its positions are the tokenizer's. The
 * scan stops once the last wanted position is passed.
 */
import { asciiChunk } from './ascii-chunk.ts';
import { emitChunk, isJoiner, scanChunk, type TokenSink, wordCharLength } from './tokenize.ts';

/**
 * The tokens of `text` whose word position is in `positions` (ascending, no
 * repeats, none negative), given to `sink` in `eachToken`'s order: exactly
 * `eachToken(text, (word, start, end, position, compound) => { if (wanted.has(position)) sink(word, start, end, position, compound); })`,
 * with a compound's whole and its first part both given at their shared
 * position.
 *
 * @example
 * eachTokenAt('Oil prices rose', [1], (word, start, end) => log.push(word, start, end));
 * // log: ['prices', 4, 10]
 */
export function eachTokenAt(text: string, positions: ArrayLike<number>, sink: TokenSink): void {
  const count = positions.length;
  const length = text.length;
  // The first wanted position not passed yet: positions[next] >= position, always.
  let next = 0;
  let position = 0;
  let i = 0;
  const chunkSink = joinedChunkSink(positions, sink);
  while (next < count && i < length) {
    let code = text.charCodeAt(i);
    if (code < 128) {
      if (ASCII_WORD[code] === 0) {
        i++;
        continue;
      }
      // The common case: a run of ASCII letters and digits that no joiner continues.
      const start = i;
      do code = text.charCodeAt(++i);
      while (code < 128 && ASCII_WORD[code] === 1);
      if (code === SPACE || i === length || (code < 128 && !isJoinerBeforeWord(text, i, code))) {
        if (positions[next] === position) {
          sink(text.slice(start, i), start, i, position, false);
          next++;
        }
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
      if (positions[next] === position) {
        sink(text.slice(start, i), start, i, position, false);
        next++;
      }
      position++;
    } else {
      i = ~scanned;
      const taken = asciiChunkPositions(text, start, i);
      if (taken >= 0 && (positions[next] ?? 0) >= position + taken) {
        position += taken;
        continue;
      }
      position = emitChunk(text.slice(start, i), start, position, chunkSink.from(next));
      while (next < count && (positions[next] ?? 0) < position) next++;
    }
  }
}

/**
 * A sink for one joined chunk's tokens at a time that passes on those at
 * wanted positions: the parts come in position order, the compound's whole
 * (if any) last, at its first part's position.
 */
function joinedChunkSink(
  positions: ArrayLike<number>,
  sink: TokenSink,
): { from(next: number): TokenSink } {
  const count = positions.length;
  let first = 0;
  let part = 0;
  const filter: TokenSink = (word, start, end, position, compound) => {
    if (compound) {
      if (positions[first] === position) sink(word, start, end, position, true);
      return;
    }
    while (part < count && (positions[part] ?? 0) < position) part++;
    if (positions[part] === position) sink(word, start, end, position, false);
  };
  return {
    from(next) {
      first = next;
      part = next;
      return filter;
    },
  };
}

/**
 * 1 for `[A-Za-z0-9]`, 0 for any other ASCII character: the tokenizer's
 * `isAsciiWordChar` as a table of this module's own, which the scan loop reads
 * two to three times faster than it calls the imported function.
 */
const ASCII_WORD = new Uint8Array(128).map((_, code) =>
  (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) ? 1 : 0,
);

/** True when the joiner `code` at `i` joins the next word character to the run before it. */
function isJoinerBeforeWord(text: string, i: number, code: number): boolean {
  return isJoiner(code) && wordCharLength(text, i + 1) > 0;
}

const SPACE = 32;

/**
 * How many word positions the joined chunk `text.slice(start, end)` takes when
 * it is all ASCII with joiners of one kind, by the tokenizer's rules (`addChunk`):
 * apostrophes make one word (`don't`, `Washington's`); hyphens and `&` make one
 * word a part (the compound's whole shares the first part's position); periods
 * and commas make one word for a number (`2,500`, `1.13bn`) or an acronym
 * (`U.S`), else one a piece (`end.Start`). -1 for any other chunk.
 */
function asciiChunkPositions(text: string, start: number, end: number): number {
  const chunk = asciiChunk(text, start, end);
  if (chunk === undefined) return -1;
  return chunk.shape === 'compound' || chunk.shape === 'pieces' ? chunk.joiners + 1 : 1;
}
