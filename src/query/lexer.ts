/**
 * The query lexer: one linear pass over what a person typed, by hand (no backtracking regex),
 * turning it into tokens. It never throws; whatever it cannot use it drops, and explains the
 * drop in `notices` when a person would wonder where it went.
 */
import type { EntityFacet, QueryField } from '../types.ts';

/** One lexical unit of a query. */
export type Token =
  /** A word's surface text, edge punctuation trimmed; `prefix` when it ended with `*`. */
  | { type: 'word'; text: string; prefix: boolean }
  /** The trimmed raw text between quotes, never empty. */
  | { type: 'phrase'; text: string }
  | { type: 'open' }
  | { type: 'close' }
  /** `OR` or `|`. */
  | { type: 'or' }
  /** `AND`: accepted, means nothing more than juxtaposition. */
  | { type: 'and' }
  /** `-` before a clause, or `NOT`; `text` is what was typed, for notices. */
  | { type: 'not'; text: string }
  /** `title:` and the like, directly followed by something. */
  | { type: 'field'; field: QueryField }
  /** `after:VALUE` / `before:VALUE`; the value is not checked yet and may be empty. */
  | { type: 'date'; limit: 'after' | 'before'; value: string }
  /** `person:NAME`, `place:"New York"`, `org:OPEC`: a filter on an entity column, never empty. */
  | { type: 'entity'; facet: EntityFacet; value: string };

/** Deepest nesting of parentheses kept; deeper pairs are dropped (their content stays). */
export const MAX_GROUP_DEPTH = 8;

const FIELDS: ReadonlySet<string> = new Set<QueryField>([
  'title',
  'body',
  'source',
  'author',
  'category',
  'places',
]);
/** Entity filters: not fields (`places:` searches Reuters' PLACES metadata, `place:` the extracted places). */
const ENTITY_FACETS: ReadonlySet<string> = new Set<EntityFacet>(['person', 'place', 'org']);
const QUOTES: ReadonlySet<string> = new Set(['"', '“', '”', '„']);
// Single-character tests only: linear however long the input.
const SEPARATOR = /^[\s\p{Cc}\p{Cf}]$/u;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const PUNCTUATION_ONLY = /^\p{P}+$/u;
const SHOWN_LENGTH = 20;

/** Notice texts that several places emit; the parser uses them too. */
export const LONE_DASH = 'a lone - was ignored';

interface LexState {
  readonly input: string;
  pos: number;
  readonly tokens: Token[];
  readonly notices: string[];
}

/** The tokens of `input`, in order; what is dropped or repaired is explained in `notices`. */
export function lex(input: string, notices: string[]): Token[] {
  const state: LexState = { input, pos: 0, tokens: [], notices };
  while (state.pos < input.length) lexNext(state);
  return state.tokens;
}

/** True for whitespace, control and format characters: they only separate words. */
export function isSeparator(char: string): boolean {
  return SEPARATOR.test(char);
}

/** Lexes the token starting at `state.pos`; always advances. */
function lexNext(state: LexState): void {
  const char = state.input.charAt(state.pos);
  if (isSeparator(char) || char === ':') state.pos++;
  else if (QUOTES.has(char)) lexPhrase(state);
  else if (char === '(' || char === ')') {
    state.tokens.push({ type: char === '(' ? 'open' : 'close' });
    state.pos++;
  } else if (char === '|') {
    while (state.input.charAt(state.pos) === '|') state.pos++;
    state.tokens.push({ type: 'or' });
  } else if (char === '-') lexDash(state);
  else lexRun(state);
}

/** `-` right before something negates it; a `-` standing alone is dropped. */
function lexDash(state: LexState): void {
  const next = state.input.charAt(state.pos + 1);
  state.pos++;
  if (next === '' || isSeparator(next)) state.notices.push(LONE_DASH);
  else state.tokens.push({ type: 'not', text: '-' });
}

/** A quoted phrase; without a closing quote it runs to the end of the input. */
function lexPhrase(state: LexState): void {
  const { input } = state;
  const start = state.pos + 1;
  let end = start;
  while (end < input.length && !QUOTES.has(input.charAt(end))) end++;
  if (end === input.length) {
    state.notices.push('a closing quote was missing, so the phrase runs to the end of the query');
  }
  state.pos = end + 1;
  const text = trimSeparators(input.slice(start, end));
  if (text === '') state.notices.push('empty quotes were ignored');
  else state.tokens.push({ type: 'phrase', text });
}

/** A run of word characters: a word, an operator, or the name before `field:` / `after:`. */
function lexRun(state: LexState): void {
  const { input } = state;
  const start = state.pos;
  while (state.pos < input.length && !endsRun(input.charAt(state.pos))) state.pos++;
  const run = input.slice(start, state.pos);
  if (input.charAt(state.pos) === ':' && lexScoped(state, run)) return;
  if (run === 'OR') state.tokens.push({ type: 'or' });
  else if (run === 'AND') state.tokens.push({ type: 'and' });
  else if (run === 'NOT') state.tokens.push({ type: 'not', text: 'NOT' });
  else pushWord(state, run);
}

function endsRun(char: string): boolean {
  return (
    isSeparator(char) ||
    QUOTES.has(char) ||
    char === '(' ||
    char === ')' ||
    char === '|' ||
    char === ':'
  );
}

/**
 * `name:` when `name` is a field or a date limit: consumes the colon (and a date's value) and
 * returns true. Any other name is plain text (`foo:bar`, `__proto__:x`): returns false.
 */
function lexScoped(state: LexState, run: string): boolean {
  const name = run.toLowerCase();
  if (isField(name)) {
    state.pos++;
    const next = state.input.charAt(state.pos);
    if (next === '' || isSeparator(next))
      state.notices.push(`${name}: with nothing after it was ignored`);
    else state.tokens.push({ type: 'field', field: name });
    return true;
  }
  if (ENTITY_FACETS.has(name)) {
    lexEntity(state, name as EntityFacet);
    return true;
  }
  if (name !== 'after' && name !== 'before') return false;
  const start = ++state.pos;
  while (state.pos < state.input.length && !endsValue(state.input.charAt(state.pos))) state.pos++;
  state.tokens.push({ type: 'date', limit: name, value: state.input.slice(start, state.pos) });
  return true;
}

/** The name after `person:` (and the like): a quoted phrase or a run up to a separator. */
function lexEntity(state: LexState, facet: EntityFacet): void {
  const { input } = state;
  const start = ++state.pos;
  let value: string;
  if (QUOTES.has(input.charAt(start))) {
    let end = start + 1;
    while (end < input.length && !QUOTES.has(input.charAt(end))) end++;
    value = trimSeparators(input.slice(start + 1, end));
    state.pos = Math.min(end + 1, input.length);
  } else {
    while (state.pos < input.length && !endsValue(input.charAt(state.pos))) state.pos++;
    value = input.slice(start, state.pos);
  }
  if (value === '') state.notices.push(`${facet}: with nothing after it was ignored`);
  else state.tokens.push({ type: 'entity', facet, value });
}

function endsValue(char: string): boolean {
  return isSeparator(char) || QUOTES.has(char) || char === '(' || char === ')' || char === '|';
}

/** Own-set membership only: `__proto__` and `constructor` are never fields. */
function isField(name: string): name is QueryField {
  return FIELDS.has(name);
}

/** Adds the word `run` makes, or explains why it makes none. */
function pushWord(state: LexState, run: string): void {
  const word = trimWord(run);
  if (word.text !== '') state.tokens.push({ type: 'word', ...word });
  else if (/^\*+$/.test(run))
    state.notices.push('a lone * was ignored (put it right after a word: oil*)');
  else if (!PUNCTUATION_ONLY.test(run)) {
    state.notices.push(`"${shorten(run)}" was ignored: it has no letters or digits`);
  }
}

/**
 * `run` without the punctuation at its edges (`oil,` → `oil`), keeping what is inside
 * (`U.S.`, `pro-Iranian`, `2,500`, `don't`); a `*` among the trailing marks makes a prefix.
 * The final period of an abbreviation stays (`U.S.`).
 */
export function trimWord(run: string): { text: string; prefix: boolean } {
  const chars = Array.from(run);
  let start = 0;
  while (start < chars.length && !isWordChar(chars[start])) start++;
  let end = chars.length;
  while (end > start && !isWordChar(chars[end - 1])) end--;
  const trailing = chars.slice(end);
  let text = chars.slice(start, end).join('');
  if (trailing[0] === '.' && text.includes('.')) text += '.';
  return { text, prefix: text !== '' && trailing.includes('*') };
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}

/** `text` without separators at either end. */
function trimSeparators(text: string): string {
  let start = 0;
  while (start < text.length && isSeparator(text.charAt(start))) start++;
  let end = text.length;
  while (end > start && isSeparator(text.charAt(end - 1))) end--;
  return text.slice(start, end);
}

/** At most a few characters of `text`, for a notice. */
export function shorten(text: string): string {
  const chars = Array.from(text);
  return chars.length <= SHOWN_LENGTH ? text : `${chars.slice(0, SHOWN_LENGTH).join('')}…`;
}

/**
 * Parentheses made to pair up: an unmatched `)` is dropped, an unclosed `(` is closed at the end,
 * and pairs nested deeper than `MAX_GROUP_DEPTH` are dropped (their content stays in the
 * enclosing group), so the parser's recursion stays shallow whatever the input.
 */
export function balanceParens(tokens: readonly Token[], notices: string[]): Token[] {
  const out: Token[] = [];
  let open = 0;
  for (const token of tokens) {
    if (token.type === 'open') {
      if (open >= MAX_GROUP_DEPTH)
        notices.push(`parentheses deeper than ${MAX_GROUP_DEPTH} levels were ignored`);
      else out.push(token);
      open++;
    } else if (token.type === 'close') {
      if (open === 0) notices.push('an unmatched ) was ignored');
      else if (--open < MAX_GROUP_DEPTH) out.push(token);
    } else out.push(token);
  }
  if (open > 0) notices.push('a missing ) was added at the end of the query');
  for (let depth = Math.min(open, MAX_GROUP_DEPTH); depth > 0; depth--) out.push({ type: 'close' });
  return out;
}
