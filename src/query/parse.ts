/**
 * The query parser: what a person typed in the search box → a query tree, date limits and
 * notices. Pure and total: it never throws, and odd input degrades gracefully.
 *
 * Grammar, loosest binding first (after `lex` and `balanceParens`):
 *   query    := sequence
 *   sequence := (either | AND)*            juxtaposed clauses: all must match
 *   either   := unary (OR unary)*          OR binds tighter than juxtaposition
 *   unary    := (NOT | field)* primary     `-x`, `NOT x`, `title:x`, `title:-(a b)`
 *   primary  := word | phrase | "(" sequence ")"
 */
import type { DateRange, EntityFilter, ParsedQuery, QueryField, QueryNode } from '../types.ts';
import { parseDateLimit } from './date-limit.ts';
import { balanceParens, isSeparator, LONE_DASH, lex, shorten, type Token } from './lexer.ts';

/** Limits that keep hostile or runaway queries cheap. */
export interface ParseOptions {
  /** Longest query accepted, in characters; the rest is cut with a notice. @example 1000 */
  maxLength?: number;
  /** Most words and phrases kept; later ones are dropped with a notice. @example 32 */
  maxClauses?: number;
}

export const DEFAULT_PARSE_OPTIONS: Required<ParseOptions> = Object.freeze({
  maxLength: 1000,
  maxClauses: 32,
});

/** How far back from the cut a space is looked for, so the last word is not split. */
const CUT_SLACK = 32;
/** At most this many distinct notices are reported. */
const MAX_NOTICES = 20;

interface ParserState {
  readonly tokens: readonly Token[];
  pos: number;
  readonly notices: string[];
}

/**
 * Parses a search-box query. Never throws: unusable parts are dropped or repaired and each
 * such change is explained in `notices`.
 *
 * @example parseQuery('title:oil prices -opec after:2004')
 */
export function parseQuery(input: string, options: ParseOptions = {}): ParsedQuery {
  const { maxLength, maxClauses } = resolveOptions(options);
  const notices: string[] = [];
  const text = cutToLength(String(input), maxLength, notices);
  const tokens = balanceParens(lex(text, notices), notices);
  const { clauses: rest, entities } = takeEntities(tokens);
  const { clauses, dates } = takeDates(rest, notices);
  const state: ParserState = { tokens: clauses, pos: 0, notices };
  const tree = parseTop(state);
  const root = tree === null ? null : limitClauses(tree, maxClauses, notices);
  return { root, dates, ...(entities.length > 0 ? { entities } : {}), notices: distinct(notices) };
}

function resolveOptions(options: ParseOptions): Required<ParseOptions> {
  return {
    maxLength: count(options.maxLength, DEFAULT_PARSE_OPTIONS.maxLength),
    maxClauses: count(options.maxClauses, DEFAULT_PARSE_OPTIONS.maxClauses),
  };
}

function count(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
}

/** `input` cut to `maxLength` characters, on a space near the cut when there is one. */
function cutToLength(input: string, maxLength: number, notices: string[]): string {
  if (input.length <= maxLength) return input;
  notices.push(`query cut to ${maxLength} characters`);
  for (let at = maxLength; at > 0 && at >= maxLength - CUT_SLACK; at--) {
    if (isSeparator(input.charAt(at))) return input.slice(0, at);
  }
  const cut = input.slice(0, maxLength);
  // Never leave half of a surrogate pair at the end.
  const last = cut.charCodeAt(cut.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? cut.slice(0, -1) : cut;
}

/**
 * Splits the entity filters off, wherever they stand (like dates, they hold
 * for the whole query): each must hold; a `-` or `NOT` right before one excludes instead.
 */
function takeEntities(tokens: readonly Token[]): { clauses: Token[]; entities: EntityFilter[] } {
  const clauses: Token[] = [];
  const entities: EntityFilter[] = [];
  for (const token of tokens) {
    if (token.type !== 'entity') {
      clauses.push(token);
      continue;
    }
    const negated = clauses[clauses.length - 1]?.type === 'not';
    if (negated) clauses.pop();
    entities.push({
      facet: token.facet,
      names: [token.value],
      ...(negated ? { exclude: true } : {}),
    });
  }
  return { clauses, entities };
}

/** Splits the date limits off: the last `after:` and the last `before:` that are dates win. */
function takeDates(
  tokens: readonly Token[],
  notices: string[],
): { clauses: Token[]; dates: DateRange } {
  const clauses: Token[] = [];
  const dates: DateRange = {};
  for (const token of tokens) {
    if (token.type !== 'date') {
      clauses.push(token);
      continue;
    }
    const period = parseDateLimit(token.value);
    if (period === null) notices.push(dateNotice(token.limit, token.value));
    else if (token.limit === 'after') dates.from = period.start;
    else dates.to = period.end;
  }
  if (dates.from !== undefined && dates.to !== undefined && dates.from >= dates.to) {
    notices.push('the after: date is not before the before: date, so no article can match');
  }
  return { clauses, dates };
}

function dateNotice(limit: 'after' | 'before', value: string): string {
  const forms = 'YYYY, YYYY-MM or YYYY-MM-DD';
  if (value === '') return `${limit}: needs a date (${forms}); ignored`;
  return `${limit}:${shorten(value)} is not a date (use ${forms}); ignored`;
}

/** The whole query; stray `)` cannot remain after `balanceParens`, but are skipped if they do. */
function parseTop(state: ParserState): QueryNode | null {
  const children: QueryNode[] = [];
  while (state.pos < state.tokens.length) {
    for (const child of parseSequence(state)) children.push(child);
    if (state.tokens[state.pos]?.type === 'close') state.pos++;
  }
  return makeGroup('and', children);
}

/** Juxtaposed clauses up to `)` or the end. */
function parseSequence(state: ParserState): QueryNode[] {
  const children: QueryNode[] = [];
  for (let token = peek(state); token && token.type !== 'close'; token = peek(state)) {
    const before = state.pos;
    if (token.type === 'and') state.pos++;
    else {
      const node = parseEither(state);
      if (node) children.push(node);
    }
    if (state.pos === before) state.pos++; // Cannot happen; guarantees progress anyway.
  }
  return children;
}

/** `a OR b OR c`; an OR without a clause on both sides is dropped. */
function parseEither(state: ParserState): QueryNode | null {
  const children: QueryNode[] = [];
  const first = parseUnary(state);
  if (first) children.push(first);
  while (peek(state)?.type === 'or') {
    state.pos++;
    const next = parseUnary(state);
    if (next === null || children.length === 0) {
      state.notices.push('an OR without a word on both sides was ignored');
    }
    if (next) children.push(next);
  }
  return makeGroup('or', children);
}

/** A primary after any number of `-`/`NOT` and `field:` prefixes (read in a loop, not recursion). */
function parseUnary(state: ParserState): QueryNode | null {
  let negate = false;
  let field: QueryField | undefined;
  let lastPrefix = '';
  for (let token = peek(state); token?.type === 'not' || token?.type === 'field'; ) {
    state.pos++;
    if (token.type === 'not') negate = !negate;
    else field = token.field;
    lastPrefix = token.type === 'not' ? token.text : `${token.field}:`;
    token = peek(state);
  }
  const node = parsePrimary(state);
  if (lastPrefix === '') return node;
  if (node === null) {
    state.notices.push(
      lastPrefix === '-' ? LONE_DASH : `${lastPrefix} with nothing after it was ignored`,
    );
    return null;
  }
  const scoped = field === undefined ? node : withField(node, field);
  if (!negate) return scoped;
  return scoped.kind === 'not' ? scoped.child : { kind: 'not', child: scoped };
}

/** A word, a phrase or a parenthesized group; null (consuming nothing) for anything else. */
function parsePrimary(state: ParserState): QueryNode | null {
  const token = peek(state);
  if (token?.type === 'word') {
    state.pos++;
    return { kind: 'word', text: token.text, prefix: token.prefix };
  }
  if (token?.type === 'phrase') {
    state.pos++;
    return { kind: 'phrase', text: token.text };
  }
  if (token?.type !== 'open') return null;
  state.pos++;
  const group = makeGroup('and', parseSequence(state));
  if (peek(state)?.type === 'close') state.pos++;
  if (group === null) state.notices.push('empty parentheses were ignored');
  return group;
}

function peek(state: ParserState): Token | undefined {
  return state.tokens[state.pos];
}

/**
 * An `and` / `or` of `children`, with same-kind children merged into it (`(a b) c` is
 * `and[a, b, c]`); a single child stands alone, and no children make null.
 */
function makeGroup(kind: 'and' | 'or', children: readonly QueryNode[]): QueryNode | null {
  const flat: QueryNode[] = [];
  for (const child of children) {
    if (child.kind === kind) for (const grandchild of child.children) flat.push(grandchild);
    else flat.push(child);
  }
  if (flat.length <= 1) return flat[0] ?? null;
  return { kind, children: flat };
}

/** `node` with every word and phrase that has no field yet scoped to `field`. */
function withField(node: QueryNode, field: QueryField): QueryNode {
  switch (node.kind) {
    case 'word':
    case 'phrase':
      return node.field === undefined ? { ...node, field } : node;
    case 'not':
      return { kind: 'not', child: withField(node.child, field) };
    default:
      return { kind: node.kind, children: node.children.map((child) => withField(child, field)) };
  }
}

/** `root` keeping only its first `maxClauses` words and phrases, in reading order. */
function limitClauses(root: QueryNode, maxClauses: number, notices: string[]): QueryNode | null {
  const total = countClauses(root);
  if (total <= maxClauses) return root;
  notices.push(
    `only the first ${maxClauses} words and phrases are used; ${total - maxClauses} more were ignored`,
  );
  return keepClauses(root, { left: maxClauses });
}

function countClauses(node: QueryNode): number {
  if (node.kind === 'word' || node.kind === 'phrase') return 1;
  if (node.kind === 'not') return countClauses(node.child);
  let total = 0;
  for (const child of node.children) total += countClauses(child);
  return total;
}

function keepClauses(node: QueryNode, budget: { left: number }): QueryNode | null {
  if (node.kind === 'word' || node.kind === 'phrase') {
    if (budget.left === 0) return null;
    budget.left--;
    return node;
  }
  if (node.kind === 'not') {
    const child = keepClauses(node.child, budget);
    return child === null ? null : { kind: 'not', child };
  }
  const kept: QueryNode[] = [];
  for (const child of node.children) {
    const survivor = keepClauses(child, budget);
    if (survivor) kept.push(survivor);
  }
  return makeGroup(node.kind, kept);
}

/** Each notice once, in first-seen order, at most `MAX_NOTICES`. */
function distinct(notices: readonly string[]): string[] {
  return [...new Set(notices)].slice(0, MAX_NOTICES);
}
