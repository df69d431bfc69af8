/**
 * The questions the server asks a searcher, as plain data that crosses to a
 * search worker and back: a page of results, completions of a query, and one
 * article with its related articles and highlights. Every search-like request
 * of the pages and the API is one of these, so none runs on the event loop
 * when the engine has workers.
 */

import { type FoundArticle, findArticle } from '../search/extras/article.ts';
import type { Completion } from '../search/extras/complete.ts';
import {
  type ExportBatch,
  type ExportRanking,
  type ExportRows,
  exportRows,
  rankForExport,
} from '../search/extras/export.ts';
import { type Trends, type TrendsRequest, trends } from '../search/extras/trends.ts';
import type { Searcher } from '../search/searcher.ts';
import type { SearchRequest, SearchResponse } from '../types.ts';

/** Each call's arguments and answer, by operation. */
export interface SearcherCalls {
  search: { args: SearchRequest; answer: SearchResponse };
  complete: { args: { input: string; limit: number }; answer: Completion[] };
  article: { args: { id: string; query: string }; answer: FoundArticle };
  trends: { args: TrendsRequest; answer: Trends };
  /** Every result of a search, up to `cap`, as ids and order (`search/extras/export.ts`). */
  'export-rank': { args: { request: SearchRequest; cap: number }; answer: ExportRanking };
  /** One batch of an export's rows. */
  'export-rows': { args: ExportBatch; answer: ExportRows };
}

export type SearcherOp = keyof SearcherCalls;

/** One call: an operation and its arguments. */
export type SearcherCall = {
  [K in SearcherOp]: { op: K; args: SearcherCalls[K]['args'] };
}[SearcherOp];

export type SearcherAnswer = SearcherCalls[SearcherOp]['answer'];

/** Answer `call` with `searcher` (on whichever thread holds it). */
export function answerCall(searcher: Searcher, call: SearcherCall): SearcherAnswer {
  switch (call.op) {
    case 'search':
      return searcher.search(call.args);
    case 'complete':
      return searcher.complete(call.args.input, call.args.limit);
    case 'article':
      return findArticle(searcher, call.args.id, call.args.query);
    case 'trends':
      return trends(searcher, call.args);
    case 'export-rank':
      return rankForExport(searcher, call.args.request, call.args.cap);
    case 'export-rows':
      return exportRows(searcher, call.args);
  }
}

/** The query text a call carries, for scheduling and messages. */
export function callQuery(call: SearcherCall): string {
  switch (call.op) {
    case 'search':
      return call.args.query;
    case 'complete':
      return call.args.input;
    case 'article':
      return call.args.query;
    case 'trends':
      return call.args.queries.join(' ');
    case 'export-rank':
      return call.args.request.query;
    case 'export-rows':
      return call.args.query;
  }
}

/** Names the call in an error message: `the search "oil"`, `the article "business/001"`. */
export function describeCall(call: SearcherCall): string {
  const clipped = (text: string) => (text.length > 80 ? `${text.slice(0, 80)}…` : text);
  switch (call.op) {
    case 'search':
      return `the search "${clipped(call.args.query)}"`;
    case 'complete':
      return `the completion of "${clipped(call.args.input)}"`;
    case 'article':
      return `the article "${clipped(call.args.id)}"`;
    case 'trends':
      return `the trends of "${clipped(call.args.queries.join('", "'))}"`;
    case 'export-rank':
      return `the export of "${clipped(call.args.request.query)}"`;
    case 'export-rows':
      return `${call.args.docs.length} rows of the export of "${clipped(call.args.query)}"`;
  }
}
