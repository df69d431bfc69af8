/**
 * TEST ORACLE: src/search/matching/candidates.ts as it was before top-k pruning (issue 13), kept
 * verbatim as the obviously correct slow path: every candidate scored, then sorted.
 */
/**
 * The result set of a query: documents that match every required clause,
 * pass the filters and hold no excluded clause (the full matches); and, when
 * those are fewer than a page, the documents that match some of the required
 * clauses (the partial matches), after them.
 */
import type { NewsIndex } from '../../src/index/build.ts';
import type { Column } from '../../src/index/store.ts';
import type { PlanNode, QueryPlan } from '../../src/query/plan.ts';
import {
  type ClauseContext,
  evaluate,
  type Matches,
  split,
  unite,
  withoutOptionalStops,
} from '../../src/search/matching/clauses.ts';
import type { DateRange } from '../../src/types.ts';

/** Restrictions beside the query: any of the sources, any of the categories, the date range. */
export interface Filters {
  sources?: readonly string[];
  categories?: readonly string[];
  dates?: DateRange;
}

export interface Candidates {
  docs: Uint32Array;
  scores: Float64Array;
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
 * those missing at most `listMissing` clauses.
 */
export function findCandidates(
  plan: QueryPlan,
  context: ClauseContext,
  filters: Filters,
  fillTo: number,
  listing: ListingOptions = {},
): Candidates {
  const { workspace } = context.index;
  const score = workspace.floats();
  const hits = workspace.bytes();
  const exactHits = workspace.bytes();
  const excluded = workspace.bytes();
  try {
    const arrays = { score, hits, exactHits, excluded };
    return tally(plan, context, filters, fillTo, listing, arrays);
  } finally {
    workspace.release(score, hits, exactHits, excluded);
  }
}

/** Per-document work arrays: summed score, required clauses matched (all, as typed), excluded. */
interface Tallies {
  score: Float64Array;
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
  { score, hits, exactHits, excluded }: Tallies,
): Candidates {
  const roled = roles(plan.root);
  const { required, optional } = roled;
  const touched: number[] = [];
  for (const node of required) {
    add(evaluate(node, context), score, hits, touched);
    const exact = exactOnly(node);
    if (exact) add(evaluate(exact, context), undefined, exactHits);
  }
  for (const list of optional.map((node) => evaluate(node, context))) add(list, score);
  // Exclusions are marked apart from the counts, so they never hide a match.
  for (const doc of unite(roled.excluded.map((node) => evaluate(node, context))).docs) {
    excluded[doc] = 1;
  }
  const keep = admitted(filterTest(context.index, filters), excluded);
  const k = required.length;
  const anyInexact = required.some((node) => exactOnly(node) !== undefined);
  const { docs: fullDocs, partial } = collect(matchedDocs(touched, hits, k), hits, keep, k);
  const fullCount = fullDocs.length;
  const partialCount = k >= 2 ? partial.length - fullCount : 0;
  const near =
    k >= 2 && listMissing > 0
      ? partial.filter((doc) => (hits[doc] ?? 0) + listMissing >= k)
      : fullDocs;
  const docs = k >= 2 && fullCount < fillTo ? partial : near;
  const scores = new Float64Array(docs.length);
  const full = new Uint8Array(docs.length);
  const matched = new Uint8Array(docs.length);
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] ?? 0;
    const h = hits[doc] ?? 0;
    // Coordination: a score times the number of required clauses matched, as MiniSearch does.
    scores[i] = (score[doc] ?? 0) * (coordination ? Math.max(1, h) : 1);
    // 2: every word as typed; 1: every word, some only in another form or spelling.
    full[i] = h !== k ? 0 : exactHits[doc] === k || !anyInexact ? 2 : 1;
    matched[i] = h;
  }
  return { docs, scores, full, matched, fullCount, partialCount };
}

/** The documents of `candidates` that match every required clause, ascending. */
export function fullMatchDocs(candidates: Candidates): Uint32Array {
  const { docs, full, fullCount } = candidates;
  if (fullCount === docs.length) return docs;
  return docs.filter((_, i) => (full[i] ?? 0) > 0);
}

/** A test for the filters and the exclusions together. */
function admitted(
  pass: ((doc: number) => boolean) | undefined,
  excluded: Uint8Array,
): (doc: number) => boolean {
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

function add(
  list: Matches,
  score: Float64Array | undefined,
  hits?: Uint8Array,
  touched?: number[],
): void {
  const { docs, scores } = list;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] ?? 0;
    if (score) score[doc] = (score[doc] ?? 0) + (scores[i] ?? 0);
    if (!hits) continue;
    const h = hits[doc] ?? 0;
    if (h === 0) touched?.push(doc);
    hits[doc] = h + 1;
  }
}

/** Documents matching at least one required clause, ascending (every document when none is required). */
function matchedDocs(touched: number[], hits: Uint8Array, k: number): Uint32Array {
  if (k === 0) {
    const all = new Uint32Array(hits.length);
    for (let doc = 0; doc < all.length; doc++) all[doc] = doc;
    return all;
  }
  if (touched.length * 8 < hits.length) return new Uint32Array(touched).sort();
  const docs = new Uint32Array(touched.length);
  let i = 0;
  for (let doc = 0; doc < hits.length && i < docs.length; doc++) {
    if ((hits[doc] ?? 0) > 0) docs[i++] = doc;
  }
  return docs;
}

/** Of `docs`, those kept that match all `k` clauses, and those that match at least one. */
function collect(
  docs: Uint32Array,
  hits: Uint8Array,
  keep: (doc: number) => boolean,
  k: number,
): { docs: Uint32Array; partial: Uint32Array } {
  const full: number[] = [];
  const some: number[] = [];
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] ?? 0;
    const h = hits[doc] ?? 0;
    if (!keep(doc)) continue;
    some.push(doc);
    if (h === k) full.push(doc);
  }
  return { docs: new Uint32Array(full), partial: new Uint32Array(some) };
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
  const from = filters.dates?.from;
  const to = filters.dates?.to;
  if (from !== undefined) tests.push((doc) => (store.dates[doc] ?? Number.NaN) >= from);
  if (to !== undefined) tests.push((doc) => (store.dates[doc] ?? Number.NaN) < to);
  if (tests.length === 0) return undefined;
  return (doc) => tests.every((test) => test(doc));
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
