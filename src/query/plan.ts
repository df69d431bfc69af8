/**
 * Plan a parsed query against an index: analyze each word with the shared
 * analyzer, resolve it to term ids, expand prefixes and likely typos (bounded),
 * and choose the fields each clause searches.
 */
import type { NewsIndex } from '../index/build.ts';
import { INDEX_FIELDS } from '../index/fields.ts';
import { documentFrequency } from '../index/postings.ts';
import type { QueryField, QueryNode } from '../types.ts';
import { closeSpellings } from './spelling.ts';

/** Fields a clause without `field:` searches: the text people read, not the metadata. */
export const DEFAULT_SEARCH_FIELDS: readonly QueryField[] = ['title', 'body', 'author'];

export interface PlanOptions {
  /** Most terms one `word*` expands to (the most frequent are kept). @example 50 */
  maxPrefixExpansions?: number;
  /** Most close spellings one word may also match. @example 3 */
  maxFuzzyExpansions?: number;
  /**
   * A word the index knows is also matched by a close spelling (one edit, same
   * first letter) at least this many times as common, whatever its own count:
   * `goverment` (8 articles) also matches `government` (2,516). Words the index
   * does not know match any close spelling. @example 100
   */
  fuzzyRatio?: number;
  /** Weight of a typo match relative to an exact one. @example 0.4 */
  fuzzyWeight?: number;
  /** Weight of a prefix expansion relative to an exact match. @example 0.6 */
  prefixWeight?: number;
  /** Weight of another number of the same word (`election` for `elections`); 0 turns it off. @example 0.8 */
  variantWeight?: number;
  /**
   * Weight of a stop word (`how`, `are`, `the`: src/analysis/stopwords.ts)
   * in a query that also has other words, where it is optional: a question
   * or sentence ranks by its content words. Above 0, at most 1. @example 0.2
   */
  stopWeight?: number;
  /**
   * Weight of the word's other forms with the same Porter stem beyond its
   * singular and plural (`rise`, `rises` for `rising`); 0 turns them off. @example 0.3
   */
  formWeight?: number;
  /**
   * Other forms of a word (`variantWeight`, `formWeight`) are matched only in
   * queries of at least this many words that are not stop words: a sentence
   * uses word forms loosely (`exporting`, `rising`), a few keywords are meant
   * as typed. 1 matches them in every query. @example 4
   */
  formsFromWords?: number;
  /**
   * Words a query treats like stop words (optional, at `stopWeight`) beside
   * the analyzer's list: the quantity and question words of a sentence typed
   * into a search box. @example ['much', 'many']
   */
  queryStopWords?: readonly string[];
}

export const DEFAULT_PLAN_OPTIONS: Required<PlanOptions> = {
  maxPrefixExpansions: 50,
  maxFuzzyExpansions: 3,
  fuzzyRatio: 100,
  fuzzyWeight: 0.4,
  prefixWeight: 0.6,
  variantWeight: 0.5,
  stopWeight: 0.05,
  formWeight: 0.3,
  formsFromWords: 4,
  queryStopWords: ['much', 'many', 'another', 'whether', 'also', 'ever', 'every', 'yet', 'news'],
};

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
  const settings = formsFor(root, index, { ...DEFAULT_PLAN_OPTIONS, ...options });
  const clauses: (WordPlan | PhrasePlan)[] = [];
  const notices: string[] = [];
  const context = { index, settings, clauses, notices };
  const planned = root ? planNode(root, context) : null;
  weighStopWords(clauses, settings.stopWeight);
  return { root: planned, clauses, notices };
}

/** `settings`, without other word forms when the query has fewer content words than `formsFromWords`. */
function formsFor(
  root: QueryNode | null,
  index: NewsIndex,
  settings: Required<PlanOptions>,
): Required<PlanOptions> {
  if (settings.formsFromWords <= 1) return settings;
  const isContent = (text: string) =>
    !index.analyzer.isStopWord(text) &&
    !settings.queryStopWords.includes(index.analyzer.normalize(text));
  const count = (node: QueryNode): number => {
    if (node.kind === 'word') return !node.prefix && isContent(node.text) ? 1 : 0;
    if (node.kind === 'and' || node.kind === 'or') {
      return node.children.reduce((sum, child) => sum + count(child), 0);
    }
    return 0;
  };
  if (root !== null && count(root) >= settings.formsFromWords) return settings;
  return { ...settings, variantWeight: 0, formWeight: 0 };
}

/** Stop words' terms at `weight` when the query has other words too (they are optional then). */
function weighStopWords(clauses: readonly (WordPlan | PhrasePlan)[], weight: number): void {
  if (weight === 1 || clauses.every((clause) => clause.kind === 'word' && clause.stop)) return;
  for (const clause of clauses) {
    if (clause.kind !== 'word' || !clause.stop) continue;
    clause.terms = clause.terms.map((term) => ({ ...term, weight: term.weight * weight }));
  }
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
    stop: !prefix && isStop(token.text, context),
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
      terms: phraseWordTerms(
        token.term,
        context.index.analyzer.normalize(token.text),
        fields,
        context,
      ),
      offset: token.position - first.position,
    })),
    fields,
  };
  context.clauses.push(plan);
  return plan;
}

/**
 * A phrase word's term: the exact one, or for a word the index does not know
 * its best close spelling (`Kilroy-Silc` → kilroy silk). A known word in a
 * phrase is kept as typed.
 */
function phraseWordTerms(
  term: string,
  word: string,
  fields: number[],
  context: PlanContext,
): TermRef[] {
  const terms = exact(term, context);
  if (terms.length > 0) return terms;
  const { index, settings } = context;
  const best = closeSpellings(index, word, [], new Set(fields), settings)[0];
  return best ? [{ id: best.id, weight: settings.fuzzyWeight / best.distance, via: 'fuzzy' }] : [];
}

function exact(term: string, context: PlanContext): TermRef[] {
  const id = context.index.vocabulary.id(term);
  return id === undefined ? [] : [{ id, weight: 1, via: 'exact' }];
}

/** A stop word of the analyzer's, or one of the query's own (`queryStopWords`). */
function isStop(text: string, { index, settings }: PlanContext): boolean {
  return (
    index.analyzer.isStopWord(text) ||
    settings.queryStopWords.includes(index.analyzer.normalize(text))
  );
}

/** The term's other numbers (`variantWeight`) and other forms (`formWeight`), when asked for. */
function otherForms(term: string, { index, settings }: PlanContext): TermRef[] {
  const forms: TermRef[] = [];
  if (settings.variantWeight > 0) {
    for (const id of index.vocabulary.variants(term)) {
      forms.push({ id, weight: settings.variantWeight, via: 'variant' });
    }
  }
  if (settings.formWeight > 0) {
    for (const id of index.vocabulary.forms(term)) {
      forms.push({ id, weight: settings.formWeight, via: 'variant' });
    }
  }
  return forms;
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
 * The exact term (and its other forms, when asked), plus close spellings when
 * the word is unknown, or rare next to a far more common close spelling
 * (`spelling.ts`).
 */
function exactAndFuzzy(
  term: string,
  word: string,
  fields: number[],
  context: PlanContext,
): TermRef[] {
  const { index, settings } = context;
  const terms = exact(term, context);
  // Whether the word is a typo depends on the word as typed, not on its other forms.
  const own = terms.map((known) => known.id);
  const close = closeSpellings(index, word, own, new Set(fields), settings);
  terms.push(...otherForms(term, context));
  for (const candidate of close) {
    if (terms.some((known) => known.id === candidate.id)) continue;
    terms.push({
      id: candidate.id,
      weight: settings.fuzzyWeight / candidate.distance,
      via: 'fuzzy',
    });
  }
  return terms;
}
