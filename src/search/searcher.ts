/**
 * The one door to an index, like Lucene's IndexSearcher: a searcher is bound
 * to one index and one set of resolved search options, and every search-like
 * question (a page of results, ranked ids, a count, completions, related
 * articles, an article's highlights, example queries) goes through it, so the
 * configured options reach them all.
 *
 * @example
 * ```ts
 * const searcher = createSearcher(index, { budgetMs: 250 });
 * searcher.search({ query: 'oil prices' }).total;
 * searcher.complete('oil pri'); // [{ query: 'oil prices', word: 'prices', count: 42 }, …]
 * ```
 */
import type { NewsIndex } from '../index/build.ts';
import { INDEX_FIELDS } from '../index/fields.ts';
import { parseQuery } from '../query/parse.ts';
import { type PlanOptions, planQuery, type QueryPlan } from '../query/plan.ts';
import type { SearchRequest, SearchResponse } from '../types.ts';
import { type Completion, complete } from './extras/complete.ts';
import { exampleQueries } from './extras/examples.ts';
import { FacetCounter } from './extras/facets.ts';
import { type RelatedHit, related } from './extras/related.ts';
import { type Candidates, type Filters, findCandidates, roles } from './matching/candidates.ts';
import type { ClauseContext } from './matching/clauses.ts';
import { DEFAULT_SEARCH_OPTIONS, type SearchOptions } from './options.ts';
import { BlockBounds } from './ranking/block-bounds.ts';
import { toleratedWords } from './ranking/rank.ts';
import { runRankIds, runSearch } from './search.ts';
import { type ArticleHighlights, highlightArticle } from './snippets/highlight.ts';

export interface Searcher {
  readonly index: NewsIndex;
  /** The options every question uses, defaults filled in. */
  readonly options: Required<SearchOptions>;
  /** Clause evaluation context: boosts by field id, BM25 parameters, scratch space. */
  readonly context: ClauseContext;
  /** Facet and timeline counting, keeping the counts over every article. */
  readonly facets: FacetCounter;
  /** One page of results with snippets, facets, timeline and suggestion. Never throws on odd queries. */
  search(request: SearchRequest): SearchResponse;
  /** Only the ids of the `depth` best results, in order (partial matches fill the list). */
  rankIds(query: string, depth: number): string[];
  /** Articles matching every required clause of `query` within `filters`. */
  count(query: string, filters?: Filters): number;
  /** `query` parsed and planned with this searcher's options (`plan` overrides some). */
  plan(query: string, plan?: PlanOptions): QueryPlan;
  /**
   * The candidates of a plan: full matches, the partial matches a long query
   * ranks among them, and every partial match when full ones number fewer than `fillTo`.
   */
  candidates(plan: QueryPlan, filters?: Filters, fillTo?: number): Candidates;
  /** Up to `limit` completions of the query's last word. */
  complete(input: string, limit?: number): Completion[];
  /** Up to `limit` articles like document `doc`, best first. */
  related(doc: number, limit?: number): RelatedHit[];
  /** Document `doc`'s headline and body matches for `query` (none for an empty query). */
  highlightArticle(doc: number, query: string): ArticleHighlights;
  /** Up to `count` queries that each find something, for a home page. */
  examples(count?: number): string[];
}

/** A searcher over `index` with `options` (defaults: `DEFAULT_SEARCH_OPTIONS`). */
export function createSearcher(index: NewsIndex, options: SearchOptions = {}): Searcher {
  return new IndexSearcher(index, { ...DEFAULT_SEARCH_OPTIONS, ...options });
}

class IndexSearcher implements Searcher {
  readonly context: ClauseContext;
  readonly facets: FacetCounter;

  constructor(
    readonly index: NewsIndex,
    readonly options: Required<SearchOptions>,
  ) {
    this.context = {
      index,
      boosts: INDEX_FIELDS.map((field) => options.boosts[field] ?? 1),
      bm25: options.bm25,
      scratch: index.workspace.scratchScores,
      bounds: new BlockBounds(index.postings, options.bm25),
    };
    this.facets = new FacetCounter(index.store);
  }

  search(request: SearchRequest): SearchResponse {
    return runSearch(this, request);
  }

  rankIds(query: string, depth: number): string[] {
    return runRankIds(this, query, depth);
  }

  count(query: string, filters: Filters = {}): number {
    return this.candidates(this.plan(query), filters, 0).fullCount;
  }

  plan(query: string, plan: PlanOptions = {}): QueryPlan {
    const parsed = parseQuery(query, this.options.parse);
    return planQuery(parsed.root, this.index, { ...this.options.plan, ...plan });
  }

  candidates(plan: QueryPlan, filters: Filters = {}, fillTo = 0): Candidates {
    const { required, optional } = roles(plan.root);
    return findCandidates(plan, this.context, filters, fillTo, {
      coordination: this.options.coordination,
      listMissing: toleratedWords(this.options, required.length + optional.length),
    });
  }

  complete(input: string, limit?: number): Completion[] {
    return complete(this, input, limit);
  }

  related(doc: number, limit?: number): RelatedHit[] {
    return related(this, doc, limit);
  }

  highlightArticle(doc: number, query: string): ArticleHighlights {
    return highlightArticle(this.index, this.plan(query), doc, this.index.store.article(doc));
  }

  examples(count?: number): string[] {
    return exampleQueries(this, count);
  }
}
