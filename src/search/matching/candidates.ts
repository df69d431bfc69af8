/**
 * The result set of a query: documents that match every required clause,
 * pass the filters and hold no excluded clause (the full matches); and, when
 * those are fewer than a page, the documents that match some of the required
 * clauses (the partial matches), after them.
 */
import type { NewsIndex } from '../../index/build.ts';
import { allDocIds } from '../../index/codec/doc-ids.ts';
import type { Column, DocumentStore } from '../../index/store.ts';
import type { PlanNode, QueryPlan } from '../../query/plan.ts';
import type { DateRange, EntityFacet, EntityFilter } from '../../types.ts';
import { type CandidateScoring, type ClauseScore, lazyWord } from '../ranking/clause-score.ts';
import {
  type ClauseContext,
  evaluate,
  type Matches,
  split,
  withoutOptionalStops,
} from './clauses.ts';
import { clauseDocs, intersectDocs, uniteDocs } from './doc-sets.ts';

/**
 * Restrictions beside the query: any of the sources, any of the categories,
 * the date range, and each entity filter (any of its names, or none of them).
 */
export interface Filters {
  sources?: readonly string[];
  categories?: readonly string[];
  dates?: DateRange;
  entities?: readonly EntityFilter[];
}

/** The store column an entity facet reads. */
export function entityColumn(store: DocumentStore, facet: EntityFacet): Column {
  if (facet === 'person') return store.people;
  return facet === 'place' ? store.places : store.orgs;
}

export interface Candidates {
  docs: Uint32Array;
  /** What their scores are made of: computed on demand, for the few that can rank (`ranking/score-pass.ts`). */
  scoring: CandidateScoring;
  /**
   * 2 when the document matches every required clause as typed, 1 when some
   * only through another form, a prefix or a close spelling, 0 when it
   * matches only some clauses.
   */
  full: Uint8Array;
  /** How many required clauses each document matches. */
  matched: Uint8Array;
  /** Documents matching every required clause (within the filters, none excluded). */
  fullCount: number;
  /**
   * Documents matching some but not all of two or more required clauses
   * (within the filters, none excluded), whether or not `docs` lists them.
   */
  partialCount: number;
}

/** Top-level clauses by role. */
interface Roles {
  required: PlanNode[];
  optional: PlanNode[];
  excluded: PlanNode[];
}

/** Required clauses, optional stop words and exclusions at the top of the plan. */
export function roles(root: PlanNode | null): Roles {
  if (root === null) return { required: [], optional: [], excluded: [] };
  if (root.kind === 'not') return { required: [], optional: [], excluded: [root.child] };
  if (root.kind !== 'all') return { required: [root], optional: [], excluded: [] };
  const { positive, negative } = split(root.children);
  const required = withoutOptionalStops(positive);
  return {
    required,
    optional: positive.filter((node) => !required.includes(node)),
    excluded: negative,
  };
}

/** How candidates are scored and listed beyond the full matches. */
export interface ListingOptions {
  /** Multiply each score by the number of required clauses matched, as MiniSearch does. @example true */
  coordination?: boolean;
  /**
   * Partial matches missing at most this many required clauses are listed
   * beside the full matches even when those fill the page: the words a long
   * query tolerates missing in its first tier (see `tierTolerance`). @example 1
   */
  listMissing?: number;
}

/**
 * Every candidate for `plan`. Partial matches (some of the required clauses)
 * are all added when full matches number fewer than `fillTo`; otherwise only
 * those missing at most `listMissing` clauses. Words are matched from their
 * postings' document ids alone; no candidate is scored here.
 */
export function findCandidates(
  plan: QueryPlan,
  context: ClauseContext,
  filters: Filters,
  fillTo: number,
  listing: ListingOptions = {},
): Candidates {
  const { workspace } = context.index;
  const hits = workspace.bytes();
  const exactHits = workspace.bytes();
  const excluded = workspace.bytes();
  try {
    return tally(plan, context, filters, fillTo, listing, { hits, exactHits, excluded });
  } finally {
    workspace.release(hits, exactHits, excluded);
  }
}

/** Per-document work arrays: required clauses matched (all, as typed), excluded. */
interface Tallies {
  hits: Uint8Array;
  exactHits: Uint8Array;
  excluded: Uint8Array;
}

function tally(
  plan: QueryPlan,
  context: ClauseContext,
  filters: Filters,
  fillTo: number,
  { coordination = false, listMissing = 0 }: ListingOptions,
  { hits, exactHits, excluded }: Tallies,
): Candidates {
  const roled = roles(plan.root);
  const { required, optional } = roled;
  const eager = new Map<PlanNode, Matches>();
  const lists: Uint32Array[] = [];
  const exacts = required.map(exactOnly);
  let distinct = 0;
  required.forEach((node, i) => {
    const docs = requiredDocs(node, context, eager);
    lists.push(docs);
    // One required clause: every document of its list matches it once, no need to count.
    if (required.length > 1) distinct += count(docs, hits);
    const exact = exacts[i];
    if (exact) count(clauseDocs(exact, context), exactHits);
  });
  // Exclusions are marked apart from the counts, so they never hide a match.
  for (const node of roled.excluded) {
    for (const doc of clauseDocs(node, context)) excluded[doc] = 1;
  }
  const keep = admitted(filterTest(context.index, filters), roled.excluded.length > 0, excluded);
  const k = required.length;
  const anyInexact = exacts.some((exact) => exact !== undefined);
  // Nothing filtered or tolerated: the full matches are the lists' intersection, and the
  // partial ones are only counted unless they must fill the page.
  const counted = k >= 2 && keep === undefined && listMissing === 0;
  const intersection = counted ? intersectDocs(lists) : undefined;
  const { docs: fullDocs, partial } =
    intersection !== undefined && intersection.length >= fillTo
      ? { docs: intersection, partial: intersection }
      : collect(k === 0 ? allDocIds(context.index.store.count) : uniteDocs(lists), hits, keep, k);
  const fullCount = fullDocs.length;
  const partialCount = k < 2 ? 0 : (counted ? distinct : partial.length) - fullCount;
  const near =
    k >= 2 && listMissing > 0
      ? partial.filter((doc) => (hits[doc] ?? 0) + listMissing >= k)
      : fullDocs;
  const docs = k >= 2 && fullCount < fillTo ? partial : near;
  const { full, matched } = levels(docs, k === 1 ? undefined : hits, exactHits, k, anyInexact);
  const clauses = [...required, ...optional].map((node) => clauseScore(node, context, eager));
  const scoring = { context, clauses, coordination, required: k };
  return { docs, scoring, full, matched, fullCount, partialCount };
}

/**
 * Per candidate, its tier (2: every required clause as typed; 1: every one,
 * some only in another form or spelling; 0: not every one) and the number of
 * required clauses it matches (`hits` undefined: one clause, matched by all).
 */
function levels(
  docs: Uint32Array,
  hits: Uint8Array | undefined,
  exactHits: Uint8Array,
  k: number,
  anyInexact: boolean,
): { full: Uint8Array; matched: Uint8Array } {
  const full = new Uint8Array(docs.length);
  const matched = new Uint8Array(docs.length);
  if (hits === undefined && !anyInexact) return { full: full.fill(2), matched: matched.fill(k) };
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] ?? 0;
    const h = hits === undefined ? k : (hits[doc] ?? 0);
    full[i] = h !== k ? 0 : exactHits[doc] === k || !anyInexact ? 2 : 1;
    matched[i] = h;
  }
  return { full, matched };
}

/** A required clause's documents; a phrase's or group's scores are kept for ranking. */
function requiredDocs(
  node: PlanNode,
  context: ClauseContext,
  eager: Map<PlanNode, Matches>,
): Uint32Array {
  if (isLazy(node)) return clauseDocs(node, context);
  const matches = evaluate(node, context);
  eager.set(node, matches);
  return matches.docs;
}

/**
 * Words of at most this many terms are scored when asked; a word of more (a
 * prefix's expansions) is scored with its matching, in one sequential pass
 * over each list, which costs less than bounding every candidate over them all.
 */
const MOST_LAZY_TERMS = 3;

function isLazy(node: PlanNode): node is Extract<PlanNode, { kind: 'word' }> {
  return node.kind === 'word' && node.terms.length <= MOST_LAZY_TERMS;
}

/** How `node` adds to a score: a word from its postings when asked, the rest as evaluated. */
function clauseScore(
  node: PlanNode,
  context: ClauseContext,
  eager: Map<PlanNode, Matches>,
): ClauseScore {
  if (isLazy(node)) return lazyWord(node, context);
  return { kind: 'eager', matches: eager.get(node) ?? evaluate(node, context) };
}

/** The documents of `candidates` that match every required clause, ascending. */
export function fullMatchDocs(candidates: Candidates): Uint32Array {
  const { docs, full, fullCount } = candidates;
  if (fullCount === docs.length) return docs;
  return docs.filter((_, i) => (full[i] ?? 0) > 0);
}

/** A test for the filters and the exclusions together; undefined when every document passes. */
function admitted(
  pass: ((doc: number) => boolean) | undefined,
  excluding: boolean,
  excluded: Uint8Array,
): ((doc: number) => boolean) | undefined {
  if (!excluding) return pass;
  if (pass === undefined) return (doc) => excluded[doc] === 0;
  return (doc) => excluded[doc] === 0 && pass(doc);
}

/**
 * A word clause reduced to the terms typed (no variants, prefixes or typo
 * spellings), or undefined when it has nothing else.
 */
function exactOnly(node: PlanNode): PlanNode | undefined {
  if (node.kind !== 'word' || node.terms.every((term) => term.via === 'exact')) return undefined;
  return { ...node, terms: node.terms.filter((term) => term.via === 'exact') };
}

/** Counts one more clause matched for each of `docs`; returns how many had matched none before. */
function count(docs: Uint32Array, hits: Uint8Array): number {
  let first = 0;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] ?? 0;
    const before = hits[doc] ?? 0;
    if (before === 0) first++;
    hits[doc] = before + 1;
  }
  return first;
}

/**
 * Of `docs` (those matching at least one required clause, ascending), the
 * ones kept that match all `k` clauses, and all the ones kept.
 */
function collect(
  docs: Uint32Array,
  hits: Uint8Array,
  keep: ((doc: number) => boolean) | undefined,
  k: number,
): { docs: Uint32Array; partial: Uint32Array } {
  if (keep === undefined && k <= 1) return { docs, partial: docs };
  const full = new Uint32Array(docs.length);
  const some = keep === undefined ? docs : new Uint32Array(docs.length);
  let nFull = 0;
  let nSome = 0;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] ?? 0;
    if (keep !== undefined) {
      if (!keep(doc)) continue;
      some[nSome] = doc;
    }
    nSome++;
    if (k === 1 || hits[doc] === k) full[nFull++] = doc;
  }
  return { docs: full.subarray(0, nFull), partial: some.subarray(0, nSome) };
}

/** A test for the filters, or undefined when there are none. */
export function filterTest(
  index: NewsIndex,
  filters: Filters,
): ((doc: number) => boolean) | undefined {
  const tests: ((doc: number) => boolean)[] = [];
  const { store } = index;
  const sources = valueIds(store.sources, filters.sources);
  if (sources) tests.push((doc) => hasAny(store.sources, doc, sources));
  const categories = valueIds(store.categories, filters.categories);
  if (categories) tests.push((doc) => hasAny(store.categories, doc, categories));
  for (const filter of filters.entities ?? []) tests.push(entityTest(store, filter));
  const from = filters.dates?.from;
  const to = filters.dates?.to;
  if (from !== undefined) tests.push((doc) => (store.dates[doc] ?? Number.NaN) >= from);
  if (to !== undefined) tests.push((doc) => (store.dates[doc] ?? Number.NaN) < to);
  if (tests.length === 0) return undefined;
  return (doc) => tests.every((test) => test(doc));
}

/** A test for one entity filter: the document names any of its names (none, when excluding). */
function entityTest(store: DocumentStore, filter: EntityFilter): (doc: number) => boolean {
  const column = entityColumn(store, filter.facet);
  const ids = valueIds(column, filter.names) ?? new Set<number>();
  if (filter.exclude === true) return (doc) => !hasAny(column, doc, ids);
  return (doc) => hasAny(column, doc, ids);
}

/** Ids of the wanted values (case-insensitive); an empty set when none exists. */
function valueIds(column: Column, wanted: readonly string[] | undefined): Set<number> | undefined {
  if (!wanted || wanted.length === 0) return undefined;
  const folded = new Set(wanted.map((value) => value.toLowerCase()));
  const ids = new Set<number>();
  column.values.forEach((value, id) => {
    if (folded.has(value.toLowerCase())) ids.add(id);
  });
  return ids;
}

function hasAny(column: Column, doc: number, ids: ReadonlySet<number>): boolean {
  const to = column.offsets[doc + 1] ?? 0;
  for (let at = column.offsets[doc] ?? to; at < to; at++) {
    if (ids.has(column.ids[at] ?? -1)) return true;
  }
  return false;
}
