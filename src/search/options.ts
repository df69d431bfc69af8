/** The options of a searcher, and their defaults: one object resolved once per searcher. */
import { DEFAULT_FIELD_BOOSTS, type INDEX_FIELDS } from '../index/fields.ts';
import { DEFAULT_PARSE_OPTIONS, type ParseOptions } from '../query/parse.ts';
import { DEFAULT_PLAN_OPTIONS, type PlanOptions } from '../query/plan.ts';
import { DEFAULT_FEEDBACK, type FeedbackOptions } from './ranking/feedback.ts';
import { type BM25Params, DEFAULT_BM25 } from './ranking/score.ts';

export interface SearchOptions {
  /** BM25+ parameters (MiniSearch's defaults). @example `{ k: 1.2, b: 0.7, d: 0.5 }` */
  bm25?: BM25Params;
  /** Weight per index field. @example `{ title: 2.5, body: 1 }` */
  boosts?: Partial<Record<(typeof INDEX_FIELDS)[number], number>>;
  /** Top candidates that get the proximity bonus. @example 100 */
  proximityWindow?: number;
  /** Weight of the proximity bonus (0 turns it off). @example 1 */
  proximityWeight?: number;
  /**
   * Tiers before scores: `all-first` ranks articles that match every word
   * before the rest, `levels` by how many words match, `none` by score only.
   * @example 'all-first'
   */
  tiers?: 'all-first' | 'levels' | 'none';
  /**
   * With `all-first`, the share of a query's required words an article may
   * miss and still rank in the first tier (⌊share × words⌋): every word is
   * demanded of short queries, less of long ones. 0 demands every word.
   * @example 0.25
   */
  tierTolerance?: number;
  /** Query words apart that the proximity bonus pairs (1: neighbours only). @example 2 */
  proximitySpan?: number;
  /** Pseudo-relevance feedback from the top results' keywords (`documents: 0` turns it off). */
  feedback?: FeedbackOptions;
  /** Multiply each score by the number of query words matched. @example true */
  coordination?: boolean;
  /** Results per page when the request names none. @example 10 */
  defaultPageSize?: number;
  /** Largest page size; bigger requests are cut with a notice. @example 100 */
  maxPageSize?: number;
  /** Deepest result reachable (page × size); deeper pages are cut with a notice. @example 10000 */
  maxDepth?: number;
  /**
   * Spelling advice when words were matched by close spellings: show the
   * respelled query's results when the words as typed find nothing
   * (`corrected`), or offer it when it finds more (`suggestion`). @example true
   */
  suggest?: boolean;
  /**
   * Time budget per search in milliseconds: once spent, the optional stages
   * (relevance feedback, spelling suggestion) are skipped, with a notice.
   * @example 250
   */
  budgetMs?: number;
  parse?: ParseOptions;
  plan?: PlanOptions;
}

export const DEFAULT_SEARCH_OPTIONS: Required<SearchOptions> = {
  bm25: DEFAULT_BM25,
  boosts: DEFAULT_FIELD_BOOSTS,
  proximityWindow: 100,
  proximityWeight: 1,
  tiers: 'all-first',
  tierTolerance: 0.2,
  proximitySpan: 1,
  coordination: true,
  feedback: DEFAULT_FEEDBACK,
  defaultPageSize: 10,
  maxPageSize: 100,
  maxDepth: 10_000,
  suggest: true,
  budgetMs: Number.POSITIVE_INFINITY,
  parse: DEFAULT_PARSE_OPTIONS,
  plan: DEFAULT_PLAN_OPTIONS,
};
