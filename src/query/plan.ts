/**
 * Plan a parsed query against an index: analyze each word with the shared
 * analyzer, resolve it to term ids, expand prefixes and likely typos (bounded),
 * and choose the fields each clause searches.
 */
import type { NewsIndex } from '../index/build.ts';
import { INDEX_FIELDS } from '../index/fields.ts';
import { documentFrequency } from '../index/postings.ts';
import type { QueryField, QueryNode } from '../types.ts';

/** Fields a clause without `field:` searches: the text people read, not the metadata. */
export const DEFAULT_SEARCH_FIELDS: readonly QueryField[] = ['title', 'body', 'author'];

export interface PlanOptions {
  /** Most terms one `word*` expands to (the most frequent are kept). @example 50 */
  maxPrefixExpansions?: number;
  /** Most close spellings one word may also match. @example 3 */
  maxFuzzyExpansions?: number;
  /**
   * A known word is also matched by a close spelling that is this many times
   * more frequent (a rare misspelling next to the common word). @example 20
   */
  fuzzyRatio?: number;
  /** A word in more documents than this is never treated as a possible typo. @example 5 */
  rareBelow?: number;
  /** Weight of a typo match relative to an exact one. @example 0.4 */
  fuzzyWeight?: number;
  /** Weight of a prefix expansion relative to an exact match. @example 0.6 */
  prefixWeight?: number;
  /** Weight of another number of the same word (`election` for `elections`); 0 turns it off. @example 0.8 */
  variantWeight?: number;
}

export const DEFAULT_PLAN_OPTIONS: Required<PlanOptions> = {
  maxPrefixExpansions: 50,
  maxFuzzyExpansions: 3,
  fuzzyRatio: 20,
  rareBelow: 5,
  fuzzyWeight: 0.4,
  prefixWeight: 0.6,
  variantWeight: 0,
};

/**
 * Longest word looked up by close spellings: the spelling search fills a table of
 * length × length cells (a 100,000-letter word asked for 10 GB and threw), and no
 * real word is this long.
 */
const MAX_FUZZY_LENGTH = 64;

/** One index term a clause matches, with its weight (1 for the exact term). */
export interface TermRef {
  id: number;
  weight: number;
  /** How it was reached. */
  via: 'exact' | 'variant' | 'prefix' | 'fuzzy';
}

/** One query word after analysis. */
export interface WordPlan {
  kind: 'word';
  /** Distinct per word and phrase: snippets count distinct keys, ranking counts matched keys. */
  key: number;
  /** What the person typed. */
  text: string;
  terms: TermRef[];
  fields: number[];
  /** A stop word (`the`, `of`): optional in a longer query. */
  stop: boolean;
}

export interface PhrasePlan {
  kind: 'phrase';
  key: number;
  text: string;
  /** Each word's terms and its position relative to the first word. */
  words: { terms: TermRef[]; offset: number }[];
  fields: number[];
}

export type PlanNode =
  | WordPlan
  | PhrasePlan
  | { kind: 'all'; children: PlanNode[] }
  | { kind: 'any'; children: PlanNode[] }
  | { kind: 'not'; child: PlanNode };

export interface QueryPlan {
  root: PlanNode | null;
  /** Every word and phrase, indexed by key. */
  clauses: (WordPlan | PhrasePlan)[];
  notices: string[];
}

/** Turns a parsed query tree into a plan over `index`. */
export function planQuery(
  root: QueryNode | null,
  index: NewsIndex,
  options: PlanOptions = {},
): QueryPlan {
  const settings = { ...DEFAULT_PLAN_OPTIONS, ...options };
  const clauses: (WordPlan | PhrasePlan)[] = [];
  const notices: string[] = [];
  const context = { index, settings, clauses, notices };
  return { root: root ? planNode(root, context) : null, clauses, notices };
}

interface PlanContext {
  index: NewsIndex;
  settings: Required<PlanOptions>;
  clauses: (WordPlan | PhrasePlan)[];
  notices: string[];
}

function planNode(node: QueryNode, context: PlanContext): PlanNode | null {
  switch (node.kind) {
    case 'word':
      return planWord(node.text, node.prefix, fieldIds(node.field), context);
    case 'phrase':
      return planPhrase(node.text, fieldIds(node.field), context);
    case 'not': {
      const child = planNode(node.child, context);
      return child ? { kind: 'not', child } : null;
    }
    case 'and':
    case 'or': {
      const children = node.children
        .map((child) => planNode(child, context))
        .filter((child): child is PlanNode => child !== null);
      if (children.length === 0) return null;
      if (children.length === 1) return children[0] ?? null;
      return { kind: node.kind === 'and' ? 'all' : 'any', children };
    }
  }
}

function fieldIds(field: QueryField | undefined): number[] {
  const names = field ? [field] : DEFAULT_SEARCH_FIELDS;
  return names.map((name) => INDEX_FIELDS.indexOf(name));
}

/** A word: one or more analyzed terms (`pro-Iranian` → all of its parts). */
function planWord(
  text: string,
  prefix: boolean,
  fields: number[],
  context: PlanContext,
): PlanNode | null {
  const tokens = context.index.analyzer.analyze(text).filter((token) => !token.compound);
  if (tokens.length === 0) return null;
  if (tokens.length > 1) {
    // A word the tokenizer splits (`U.S.-led`) must match as its parts, in order.
    return planPhrase(text, fields, context);
  }
  const token = tokens[0];
  if (!token) return null;
  const terms = prefix
    ? prefixTerms(token.term, fields, context)
    : exactAndFuzzy(token.term, context.index.analyzer.normalize(token.text), fields, context);
  const plan: WordPlan = {
    kind: 'word',
    key: context.clauses.length,
    text,
    terms,
    fields,
    stop: !prefix && context.index.analyzer.isStopWord(token.text),
  };
  context.clauses.push(plan);
  return plan;
}

function planPhrase(text: string, fields: number[], context: PlanContext): PlanNode | null {
  const tokens = context.index.analyzer.analyze(text).filter((token) => !token.compound);
  const first = tokens[0];
  if (!first) return null;
  const plan: PhrasePlan = {
    kind: 'phrase',
    key: context.clauses.length,
    text,
    words: tokens.map((token) => ({
      terms: exact(token.term, context),
      offset: token.position - first.position,
    })),
    fields,
  };
  context.clauses.push(plan);
  return plan;
}

function exact(term: string, context: PlanContext): TermRef[] {
  const id = context.index.vocabulary.id(term);
  return id === undefined ? [] : [{ id, weight: 1, via: 'exact' }];
}

/** `word*`: the most frequent terms that start with the word's term. */
function prefixTerms(term: string, fields: number[], context: PlanContext): TermRef[] {
  const { index, settings } = context;
  const { from, to } = index.vocabulary.prefixRange(term);
  const ids: number[] = [];
  for (let id = from; id < to; id++) ids.push(id);
  const wanted = new Set(fields);
  const frequency = (id: number) => documentFrequency(index.postings, id, wanted);
  const kept = ids.filter((id) => frequency(id) > 0).sort((a, b) => frequency(b) - frequency(a));
  if (kept.length > settings.maxPrefixExpansions) {
    context.notices.push(
      `${term}* matches ${kept.length} words; the ${settings.maxPrefixExpansions} most frequent were used`,
    );
  }
  return kept.slice(0, settings.maxPrefixExpansions).map((id) => ({
    id,
    weight: index.postings.terms[id] === term ? 1 : settings.prefixWeight,
    via: id === index.vocabulary.id(term) ? 'exact' : 'prefix',
  }));
}

/**
 * The exact term, plus close spellings when the word is unknown, or rare next
 * to a far more frequent close spelling. Short words are left alone: at three
 * letters nearly everything is one edit away.
 */
function exactAndFuzzy(
  term: string,
  word: string,
  fields: number[],
  context: PlanContext,
): TermRef[] {
  const { index, settings } = context;
  const terms = exact(term, context);
  if (settings.variantWeight > 0) {
    for (const id of index.vocabulary.variants(term)) {
      terms.push({ id, weight: settings.variantWeight, via: 'variant' });
    }
  }
  const maxDistance =
    word.length > MAX_FUZZY_LENGTH ? 0 : word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0;
  if (maxDistance === 0 || settings.maxFuzzyExpansions === 0 || /\p{N}/u.test(word)) return terms;
  const wanted = new Set(fields);
  const own = terms.reduce(
    (sum, known) => sum + documentFrequency(index.postings, known.id, wanted),
    0,
  );
  if (own > settings.rareBelow) return terms;
  const close = index.vocabulary
    .fuzzy(word, maxDistance)
    .filter(
      (candidate) => candidate.distance > 0 && !terms.some((known) => known.id === candidate.id),
    )
    .map((candidate) => ({
      ...candidate,
      frequency: documentFrequency(index.postings, candidate.id, wanted),
    }))
    .filter((candidate) => candidate.frequency >= Math.max(1, own * settings.fuzzyRatio))
    .sort((a, b) => a.distance - b.distance || b.frequency - a.frequency || a.id - b.id)
    .slice(0, settings.maxFuzzyExpansions);
  for (const candidate of close) {
    terms.push({
      id: candidate.id,
      weight: settings.fuzzyWeight / candidate.distance,
      via: 'fuzzy',
    });
  }
  return terms;
}
