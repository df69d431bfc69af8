/**
 * The search engine's one entry point, shared by the terminal, the pages and
 * the API: search → parse → plan → find candidates → rank → page of hits with
 * snippets, facets, timeline and a spelling suggestion.
 */
import type { NewsIndex } from '../index/build.ts';
import { clusterSize } from '../index/near-duplicates.ts';
import { indexOfSorted } from '../index/postings.ts';
import { columnValues, entitiesOf } from '../index/store.ts';
import { parseQuery } from '../query/parse.ts';
import { type PlanOptions, planQuery, type QueryPlan } from '../query/plan.ts';
import type {
  DateRange,
  EntityFilter,
  SearchHit,
  SearchRequest,
  SearchResponse,
  SortOrder,
} from '../types.ts';
import { spellingAdvice } from './extras/suggest.ts';
import { type Candidates, type Filters, fullMatchDocs } from './matching/candidates.ts';
import type { ClauseContext } from './matching/clauses.ts';
import type { SearchOptions } from './options.ts';
import {
  collapseRanked,
  countStories,
  onlyCluster,
  otherVersions,
  type StoryCounts,
} from './ranking/collapse.ts';
import { feedbackClauses, feedbackScores } from './ranking/feedback.ts';
import { byRank, type Ranked, rank } from './ranking/rank.ts';
import { createSearcher, type Searcher } from './searcher.ts';
import { highlightHit } from './snippets/highlight.ts';

/**
 * Runs one search: `createSearcher(index, options).search(request)`.
 * Never throws on odd queries: problems become `notices`.
 */
export function search(
  index: NewsIndex,
  request: SearchRequest,
  options: SearchOptions = {},
): SearchResponse {
  return createSearcher(index, options).search(request);
}

/** The search pipeline behind `Searcher.search`: match → rank → page → spelling advice. */
export function runSearch(searcher: Searcher, request: SearchRequest): SearchResponse {
  const started = performance.now();
  const { index, options: settings } = searcher;
  const notices: string[] = [];
  const { page, size } = paging(request, settings, notices);
  const { plan, filters, found, stories, spell } = matchRequest(
    searcher,
    request,
    page * size,
    notices,
  );
  const sort = request.sort ?? 'relevance';
  const deadline = started + settings.budgetMs;
  const { candidates, ranked } = rankCandidates(index, plan, found, searcher.context, settings, {
    sort,
    needed: page * size + (stories?.folded ?? 0),
    deadline,
  });
  const listed = stories ? collapseRanked(ranked, index.clusters) : ranked;
  const hits = listed
    .slice((page - 1) * size, page * size)
    .map((hit) =>
      withCluster(toHit(index, plan, candidates, hit), index, candidates, stories, hit),
    );
  const inTime = performance.now() < deadline;
  if (!inTime) {
    notices.push(
      `the search took over ${settings.budgetMs} ms, so refinements (relevance feedback, spelling suggestion) were skipped`,
    );
  }
  const advice =
    settings.suggest && inTime && spell
      ? spellingAdvice(searcher, request.query, plan, filters, stories !== undefined)
      : undefined;
  if (advice?.action === 'correct') {
    return correctedSearch(searcher, request, advice.query, started);
  }
  const suggestion = advice ? { query: advice.query, total: advice.total } : undefined;
  return {
    query: request.query,
    ...matchCounts(candidates, stories),
    page,
    size,
    sort,
    tookMs: Math.round((performance.now() - started) * 1000) / 1000,
    hits,
    ...facetsOf(searcher, candidates, stories !== undefined),
    ...(suggestion ? { suggestion } : {}),
    notices,
  };
}

/** What a request matches: its plan, filters, candidates (one cluster's, if asked) and stories. */
export interface MatchedRequest {
  plan: QueryPlan;
  filters: Filters;
  found: Candidates;
  /** Set when collapsing. */
  stories: StoryCounts | undefined;
  /** Whether spelling may change the query (`spell` not off). */
  spell: boolean;
}

/** Parse, plan and match `request`; the parse and plan notices go to `notices`. */
export function matchRequest(
  searcher: Searcher,
  request: SearchRequest,
  fillTo: number,
  notices: string[],
): MatchedRequest {
  const { index, options: settings } = searcher;
  const parsed = parseQuery(request.query, settings.parse);
  const spell = request.spell !== false;
  const plan = planQuery(parsed.root, index, spell ? settings.plan : asTyped(settings.plan));
  notices.push(...parsed.notices, ...plan.notices);
  const filters = {
    sources: request.sources,
    categories: request.categories,
    dates: intersectDates(parsed.dates, request.dates),
    entities: [...requestEntities(request), ...(parsed.entities ?? [])],
  };
  const matched = searcher.candidates(plan, filters, fillTo);
  const found =
    request.cluster === undefined ? matched : onlyCluster(matched, index.clusters, request.cluster);
  const stories =
    request.collapse === true && request.cluster === undefined
      ? countStories(found, index.clusters)
      : undefined;
  return { plan, filters, found, stories, spell };
}

/** The request's `people`, `places` and `orgs` as entity filters (each: any of its names). */
function requestEntities(request: SearchRequest): EntityFilter[] {
  const lists = [
    ['person', request.people],
    ['place', request.places],
    ['org', request.orgs],
  ] as const;
  return lists.flatMap(([facet, names]) => (names?.length ? [{ facet, names }] : []));
}

/**
 * `total`, `fullMatches` and `partialMatches`: articles, or with collapsing
 * stories (partial ones counted as stories only when they are listed), and
 * how many articles were folded.
 */
function matchCounts(
  candidates: Candidates,
  stories: StoryCounts | undefined,
): Pick<SearchResponse, 'total' | 'fullMatches' | 'partialMatches' | 'collapsed'> {
  if (stories === undefined) {
    const { fullCount, partialCount } = candidates;
    return { total: fullCount, fullMatches: fullCount, partialMatches: partialCount };
  }
  const listsPartial = candidates.docs.length > candidates.fullCount;
  return {
    total: stories.full,
    fullMatches: stories.full,
    partialMatches: listsPartial ? stories.partial : candidates.partialCount,
    collapsed: stories.folded,
  };
}

/** Facets and timeline of the full matches: stories when collapsing, else articles. */
function facetsOf(
  searcher: Searcher,
  candidates: Candidates,
  collapsing: boolean,
): Pick<SearchResponse, 'facets' | 'histogram'> {
  const docs = fullMatchDocs(candidates);
  return searcher.facets.count(docs, collapsing ? searcher.index.clusters : undefined);
}

/** `hit` with its cluster, and with collapsing how many versions it stands for. */
function withCluster(
  hit: SearchHit,
  index: NewsIndex,
  candidates: Candidates,
  stories: StoryCounts | undefined,
  ranked: Ranked,
): SearchHit {
  const size = clusterSize(index.clusters, ranked.doc);
  if (size < 2) return hit;
  const id = index.clusters.of[ranked.doc] ?? 0;
  const similar = stories ? otherVersions(candidates, index.clusters, ranked.doc) : 0;
  return { ...hit, cluster: { id, size }, ...(similar > 0 ? { similar } : {}) };
}

/** Plan options that match every word exactly as typed (`spell: false`). */
const asTyped = (plan: PlanOptions): PlanOptions => ({ ...plan, maxFuzzyExpansions: 0 });

/** The results of `to`, the respelled form of the request's query, saying so (timed from `started`). */
function correctedSearch(
  searcher: Searcher,
  request: SearchRequest,
  to: string,
  started: number,
): SearchResponse {
  const response = runSearch(searcher, { ...request, query: to, spell: false });
  const tookMs = Math.round((performance.now() - started) * 1000) / 1000;
  return { ...response, tookMs, corrected: { from: request.query, to } };
}

/**
 * Only the ids of the `depth` best results, in order: no snippets, facets or
 * suggestion. Partial matches fill the list up to `depth`. For evaluation.
 */
export function rankIds(
  index: NewsIndex,
  query: string,
  depth: number,
  options: SearchOptions = {},
): string[] {
  return createSearcher(index, options).rankIds(query, depth);
}

/** The ranking behind `Searcher.rankIds`. */
export function runRankIds(searcher: Searcher, query: string, depth: number): string[] {
  const { index, options: settings, context } = searcher;
  const plan = searcher.plan(query);
  const found = searcher.candidates(plan, {}, depth);
  const { ranked } = rankCandidates(index, plan, found, context, settings, {
    sort: 'relevance',
    needed: depth,
  });
  return ranked.map((hit) => index.store.ids[hit.doc] ?? '');
}

/**
 * Rank; then, by relevance, rescore the best-ranked window with feedback from
 * the top results and sort the window again.
 */
export function rankCandidates(
  index: NewsIndex,
  plan: QueryPlan,
  found: Candidates,
  context: ClauseContext,
  settings: Required<SearchOptions>,
  order: { sort: SortOrder; needed: number; deadline?: number },
): { candidates: Candidates; ranked: Ranked[] } {
  const { feedback } = settings;
  const useFeedback =
    order.sort === 'relevance' && feedback.documents > 0 && plan.clauses.length > 0;
  const deadline = order.deadline ?? Number.POSITIVE_INFINITY;
  const first = rank(found, index, plan, {
    sort: order.sort,
    needed: useFeedback ? Math.max(order.needed, feedback.window) : order.needed,
    proximityWindow: settings.proximityWindow,
    proximityWeight: settings.proximityWeight,
    tiers: settings.tiers,
    tierTolerance: settings.tierTolerance,
    proximitySpan: settings.proximitySpan,
  });
  if (!useFeedback || performance.now() >= deadline) {
    return { candidates: found, ranked: first.slice(0, order.needed) };
  }
  const top = first.slice(0, feedback.documents).map((hit) => hit.doc);
  const clauses = feedbackClauses(index, plan, top, feedback);
  if (clauses.length === 0) return { candidates: found, ranked: first.slice(0, order.needed) };
  // Only the window is rescored: what lies past it keeps its first rank, so a
  // deeper page never reorders (and repeats or skips) what a shallower one showed.
  const window = first.slice(0, feedback.window);
  const extra = feedbackScores(
    clauses,
    window.map((hit) => hit.doc),
    context,
  );
  const rescored = window.map((hit, i) => ({
    ...hit,
    score: hit.score + feedback.weight * (extra[i] ?? 0),
  }));
  rescored.sort(byRank(index.store.dates, settings.tiers !== 'none'));
  for (let i = window.length; i < first.length && rescored.length < order.needed; i++) {
    const hit = first[i];
    if (hit) rescored.push(hit);
  }
  return { candidates: found, ranked: rescored.slice(0, order.needed) };
}

function paging(
  request: SearchRequest,
  settings: Required<SearchOptions>,
  notices: string[],
): { page: number; size: number } {
  let size = Math.floor(request.size ?? settings.defaultPageSize);
  if (!(size >= 1)) size = settings.defaultPageSize;
  if (size > settings.maxPageSize) {
    notices.push(`page size cut to ${settings.maxPageSize}`);
    size = settings.maxPageSize;
  }
  let page = Math.floor(request.page ?? 1);
  if (!(page >= 1)) page = 1;
  const deepest = Math.max(1, Math.floor(settings.maxDepth / size));
  if (page > deepest) {
    notices.push(
      `only the first ${settings.maxDepth} results can be paged to; showing page ${deepest}`,
    );
    page = deepest;
  }
  return { page, size };
}

/** The narrower of two date ranges. */
export function intersectDates(a: DateRange, b: DateRange | undefined): DateRange {
  const from = maxDefined(a.from, b?.from);
  const to = minDefined(a.to, b?.to);
  return { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
}

function maxDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.max(a, b);
}

function minDefined(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  return b === undefined ? a : Math.min(a, b);
}

function toHit(index: NewsIndex, plan: QueryPlan, candidates: Candidates, hit: Ranked): SearchHit {
  const article = index.store.article(hit.doc);
  const { title, snippet } = highlightHit(index, plan, hit.doc, article);
  const at = indexOfSorted(candidates.docs, hit.doc);
  return {
    id: article.id,
    title: article.title,
    titleHtml: title.html,
    titleHighlights: title.highlights,
    snippet,
    score: Math.round(hit.score * 1e4) / 1e4,
    partial: candidates.full[at] === 0,
    ...(article.date ? { date: article.date } : {}),
    ...(article.source ? { source: article.source } : {}),
    category: columnValues(index.store.categories, hit.doc),
    ...(article.url ? { url: article.url } : {}),
    entities: entitiesOf(index.store, hit.doc),
  };
}
