/**
 * The name scanner: one linear pass over a text picking out runs of
 * capitalised words ("Tony Blair", "Bank of England", "OPEC") — the chunks
 * that may name a person, a place or an organisation. A chunk keeps its
 * honorific (`Mr`, `President`) apart, loses a possessive `'s` and a leading
 * "The", and loses sentence-initial words that are common words (a stop word,
 * or a word the same text also writes in lower case). Lines without a lower-case
 * letter (Reuters' capitalised headlines) are skipped: every word is
 * capitalised there. The scanner never throws; its spans lie inside the text.
 */
import { ENGLISH_STOP_WORDS } from '../stopwords.ts';
import { CALENDAR, HONORIFICS, ORGANISATION_WORDS, TITLES } from './words.ts';

/** A run of capitalised words that may name an entity. */
export interface NameChunk {
  /** The name as written, honorific, possessive and leading "The" removed (`Blair`). */
  text: string;
  /** The honorific just before it, without its period (`Mr`), or `''`. */
  honorific: string;
  /** The lower-case word just before the chunk, one space away (`at` in "at Merrill Lynch"), or `''`. */
  before: string;
  /** `[start, end)` of `text` in the scanned text, in UTF-16 code units. */
  start: number;
  end: number;
}

/** Lower-case words allowed inside a name between two capitalised words (`Bank of England`). */
const CONNECTORS: WordLookup = new Set(['of', 'de', 'del', 'von', 'van', 'bin', 'al', 'and']);

/** A word: letters or digits, with inner apostrophes, periods, hyphens and ampersands. */
/**
 * What the scanner looks at: capitalised words (with inner apostrophes,
 * periods, hyphens and ampersands, and a final period) and the connectors,
 * each starting a word; lower-case words are skipped by the pattern itself.
 */
const CANDIDATE =
  /(?<![\p{L}\p{N}\p{M}])(?<![\p{L}\p{N}]['’.&-])(?:\p{Lu}(?:[\p{L}\p{N}\p{M}]|['’.&-](?=[\p{L}\p{N}]))*\.?|(?:of|de|del|von|van|bin|al|and)(?![\p{L}\p{N}\p{M}]))/gu;
/** Characters before which a word starts a sentence, and those skipped looking for them. */
const ENDS_SENTENCE = new Set(['.', '!', '?', ':', ';']);
const OPENING = new Set([' ', '\t', '"', "'", '‘', '“', '(']);
const CLOSING = new Set(['"', "'", '’', '”', ')']);
/** Most words in one chunk; longer runs are headlines or lists, not names. */
const MAX_CHUNK_WORDS = 6;

interface Word {
  text: string;
  start: number;
  end: number;
  /** First word of a sentence (after `.`, `!`, `?`, a colon, a line break, or the start). */
  initial: boolean;
  /** The lower-case word one space before it (`at`), or `''`. */
  before: string;
}

/**
 * The name chunks of `text`, in order.
 * @example scanNames('Mr Blair met Gordon Brown.') // Blair (honorific Mr), Gordon Brown
 */
export function scanNames(text: string): NameChunk[] {
  const lowerWords = lowerCaseWords(text);
  const chunks: NameChunk[] = [];
  for (const line of linesWithLowerCase(text)) {
    let run: Word[] = [];
    let previousEnd = line.start;
    for (const word of wordsOf(text, line.start, line.end)) {
      const gap = text.slice(previousEnd, word.start);
      const joins = run.length > 0 && (gap === ' ' || gap === '\t') && !endsSentence(run);
      if (isCapitalised(word.text) || (joins && CONNECTORS.has(word.text))) {
        if (!joins && run.length > 0) flush(run, lowerWords, chunks);
        if (!joins) run = [];
        run.push(word);
      } else if (run.length > 0) {
        flush(run, lowerWords, chunks);
        run = [];
      }
      previousEnd = word.end;
    }
    if (run.length > 0) flush(run, lowerWords, chunks);
  }
  return chunks;
}

/** `[start, end)` of each line that has a lower-case letter. */
function* linesWithLowerCase(text: string): Generator<{ start: number; end: number }> {
  let start = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end);
    if (line !== line.toUpperCase()) yield { start, end };
    start = end + 1;
  }
}

/** The capitalised words and connectors of `text[from, to)`, each marked when it starts a sentence. */
function* wordsOf(text: string, from: number, to: number): Generator<Word> {
  // matchAll works on its own copy of the pattern: nothing shared is moved.
  for (const match of text.slice(from, to).matchAll(CANDIDATE)) {
    const start = from + match.index;
    const end = start + match[0].length;
    const initial = startsSentence(text, start, from);
    yield { text: match[0], start, end, initial, before: lowerWordBefore(text, start, from) };
  }
}

/** Whether the word at `start` begins a sentence: only spaces and opening quotes after `.`, `!`, `?`, `:`, `;` or the line's start. */
function startsSentence(text: string, start: number, lineStart: number): boolean {
  let at = start - 1;
  while (at >= lineStart && OPENING.has(text.charAt(at))) at--;
  while (at >= lineStart && CLOSING.has(text.charAt(at))) at--;
  return at < lineStart || ENDS_SENTENCE.has(text.charAt(at));
}

/** The run of lower-case letters ending one space before `start` (within the line), or `''`. */
function lowerWordBefore(text: string, start: number, lineStart: number): string {
  const end = start - 1;
  if (end < lineStart || text.charAt(end) !== ' ') return '';
  let at = end;
  while (at > lineStart && isLowerLetter(text.charAt(at - 1))) at--;
  if (at > lineStart && text.charAt(at - 1) !== ' ') return '';
  return text.slice(at, end);
}

function isLowerLetter(char: string): boolean {
  return char !== char.toUpperCase() && char === char.toLowerCase();
}

/** Words the text writes in lower case (a capitalised one of them at a sentence start is common). */
function lowerCaseWords(text: string): WordLookup {
  const known = new Map<string, boolean>();
  return {
    has(word) {
      let found = known.get(word);
      if (found === undefined) {
        found = standsAlone(text, word);
        known.set(word, found);
      }
      return found;
    },
  };
}

/** Whether the text has `word` as a whole word (no letter or digit touching it). */
function standsAlone(text: string, word: string): boolean {
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!isWordChar(text.charAt(at - 1)) && !isWordChar(text.charAt(at + word.length))) return true;
  }
  return false;
}

function isWordChar(char: string): boolean {
  return char !== '' && (char.toLowerCase() !== char.toUpperCase() || (char >= '0' && char <= '9'));
}

/** Asked of a text, whether it writes a word; answered when first asked. */
interface WordLookup {
  has(word: string): boolean;
}

/** A word starting with an upper-case letter (one that has a lower case). */
function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase();
}

function isPossessive(word: string): boolean {
  return word.endsWith("'s") || word.endsWith('’s');
}

/** True when the run's last word ends a sentence (`Blair.`), which is not an abbreviation. */
function endsSentence(run: readonly Word[]): boolean {
  const last = run[run.length - 1];
  if (last === undefined || !last.text.endsWith('.')) return false;
  const word = last.text.slice(0, -1);
  return !HONORIFICS.has(word) && !word.includes('.') && word.length > 1;
}

/** A word without its final period and possessive (`Blair's` → `Blair`, `U.S.` stays). */
function bare(word: string): string {
  const unstopped =
    word.endsWith('.') && !word.slice(0, -1).includes('.') ? word.slice(0, -1) : word;
  return isPossessive(unstopped) ? unstopped.slice(0, -2) : unstopped;
}

/**
 * The chunks a run of words makes, appended to `chunks`: one, or one per
 * side of an "and" and after each possessive, unless the run ends in an
 * organisation word (`Securities and Exchange Commission` and `Moody's
 * Investors Service` are one; `Blair and Brown`, `Britain's Tony Blair` two).
 */
function flush(run: Word[], lowerWords: WordLookup, chunks: NameChunk[]): void {
  const last = run[run.length - 1];
  if (last !== undefined && ORGANISATION_WORDS.has(bare(last.text))) {
    flushPart(run, lowerWords, chunks);
    return;
  }
  let from = 0;
  run.forEach((word, at) => {
    if (word.text === 'and') {
      flushPart(run.slice(from, at), lowerWords, chunks);
      from = at + 1;
    } else if (isPossessive(word.text) && at < run.length - 1) {
      flushPart(run.slice(from, at + 1), lowerWords, chunks);
      from = at + 1;
    }
  });
  flushPart(run.slice(from), lowerWords, chunks);
}

/**
 * The chunk of one run without "and": sentence-initial common words, a
 * leading "The" and leading calendar words dropped; what follows an office
 * title is a person (`Treasury Secretary James Baker`: `Treasury`, then
 * `James Baker` after the title `Secretary`).
 */
function flushPart(
  run: Word[],
  lowerWords: WordLookup,
  chunks: NameChunk[],
  beforeTitle = false,
): void {
  let words = trimConnectors(run);
  while (words.length > 0 && isCommonStart(words[0], lowerWords)) words = words.slice(1);
  if (words[0] !== undefined && bare(words[0].text) === 'The') words = words.slice(1);
  while (words[0] !== undefined && CALENDAR.has(bare(words[0].text))) words = words.slice(1);
  const end = words[words.length - 1];
  const orgEnd = end !== undefined && ORGANISATION_WORDS.has(bare(end.text));
  // Before a title, the words are its own ("Deputy Prime" of "Deputy Prime Minister John Prescott").
  const title = orgEnd || beforeTitle ? -1 : lastTitle(words);
  let honorific = '';
  if (title >= 0) {
    flushPart(words.slice(0, title), lowerWords, chunks, true);
    honorific = bare(words[title]?.text ?? '');
    words = words.slice(title + 1);
    // "Secretary of State George Shultz": the title's "of State" goes with it.
    if (CONNECTORS.has(words[0]?.text ?? '') && words.length > 2) words = words.slice(2);
  }
  words = trimConnectors(words);
  const first = words[0];
  const last = words[words.length - 1];
  if (first === undefined || last === undefined || words.length > MAX_CHUNK_WORDS) return;
  const text = words
    .map((word) => (word === last ? bare(word.text) : word.text))
    .join(' ')
    .trim();
  if (text === '' || TITLES.has(text)) return;
  const before = honorific === '' ? first.before : '';
  chunks.push({ text, honorific, before, start: first.start, end: lastEnd(last) });
}

/** Where the last office title with a word after it stands in `words`, or -1. */
function lastTitle(words: readonly Word[]): number {
  for (let at = words.length - 2; at >= 0; at--) {
    if (TITLES.has(bare(words[at]?.text ?? ''))) return at;
  }
  return -1;
}

function lastEnd(word: Word): number {
  return word.start + bare(word.text).length;
}

/** A sentence-initial word that is a stop word or that the text also writes in lower case. */
function isCommonStart(word: Word | undefined, lowerWords: WordLookup): boolean {
  if (word === undefined || !word.initial) return false;
  const lower = bare(word.text).toLowerCase();
  return ENGLISH_STOP_WORDS.has(lower) || lowerWords.has(lower);
}

/** `words` without connectors at either end. */
function trimConnectors(words: Word[]): Word[] {
  let from = 0;
  let to = words.length;
  while (from < to && CONNECTORS.has(words[from]?.text ?? '')) from++;
  while (to > from && CONNECTORS.has(words[to - 1]?.text ?? '')) to--;
  return words.slice(from, to);
}
