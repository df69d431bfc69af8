/**
 * `/trends` and `/api/trends`: one to five queries compared over time. The
 * parameters: `q` repeated (1 to 5 queries), `interval` (`month`, `year`, or
 * automatic by the span), and the search page's filters (`source`,
 * `category`, `from`, `to`, `spell`), which apply to every query and to the
 * articles each period's count is divided by. The counting runs where
 * searches run (`search/extras/trends.ts`).
 */
import { type RequestHandler, Router } from 'express';
import type { Engine } from '../engine/engine.ts';
import { NewsdeskError } from '../errors.ts';
import {
  MAX_TREND_QUERIES,
  type TrendInterval,
  type TrendsRequest,
} from '../search/extras/trends.ts';
import type { RequestFields } from '../search/request.ts';
import { feedRoute } from './feed.ts';
import { list, searchFields, searchRequestFrom, single, type UrlQuery } from './params.ts';
import { writeReply } from './reply.ts';
import { codingFor } from './routes.ts';

/** What a trends request asks: the queries, the interval, and the filters as the search page's fields. */
export interface TrendsAsk {
  /** Empty when no query was given (the page then shows its form). */
  queries: string[];
  /** As given (`month`, `year`), or undefined for automatic. */
  interval: TrendInterval | undefined;
  /** The filters, as the search page takes them (no `q`). */
  filters: RequestFields;
  /** The request for the searcher (its `queries` as above). */
  request: TrendsRequest;
}

/** The trends a request asks for; BAD_PARAMETER naming the first bad parameter. */
export function trendsAsk(query: UrlQuery): TrendsAsk {
  const queries = (list({ q: query.q }, 'q') ?? []).map((item) => item.trim()).filter(Boolean);
  if (queries.length > MAX_TREND_QUERIES) {
    throw new NewsdeskError(
      'BAD_PARAMETER',
      `q can be given at most ${MAX_TREND_QUERIES} times for a trend, not ${queries.length}`,
      { parameter: 'q' },
    );
  }
  const interval = intervalOf(single(query, 'interval'));
  const rest: UrlQuery = { ...query, q: undefined };
  const { page, size, sort, collapse, cluster, ...filters } = searchFields(rest);
  const { query: _query, ...searched } = searchRequestFrom(rest);
  const { page: _p, size: _s, sort: _o, collapse: _c, cluster: _k, ...within } = searched;
  const request: TrendsRequest = { ...within, queries, ...(interval ? { interval } : {}) };
  return { queries, interval, filters, request };
}

function intervalOf(value: string | undefined): TrendInterval | undefined {
  if (value === undefined || value === '' || value === 'auto') return undefined;
  if (value === 'month' || value === 'year') return value;
  throw new NewsdeskError(
    'BAD_PARAMETER',
    `interval must be month, year or auto, not "${value.slice(0, 40)}"`,
    { parameter: 'interval' },
  );
}

/** `GET /api/trends`: the series as JSON (at least one query). */
export function trendsApiRoute(engine: Engine): RequestHandler {
  return async (request, response) => {
    const ask = trendsAsk(request.query);
    if (ask.queries.length === 0) {
      throw new NewsdeskError(
        'BAD_PARAMETER',
        `q must be given 1 to ${MAX_TREND_QUERIES} times (one query each)`,
        { parameter: 'q' },
      );
    }
    const reply = await engine.present(
      { form: 'trends-json', request: ask.request },
      codingFor(request),
    );
    writeReply(response, reply, [], request.method === 'HEAD');
  };
}

/** `GET /trends`: the chart, the table and the form (only the form without a query). */
export function trendsPageRoute(engine: Engine, views: string): RequestHandler {
  return async (request, response) => {
    const ask = trendsAsk(request.query);
    const { examples } = engine.current();
    const reply = await engine.present(
      {
        form: 'trends-page',
        request: ask.request,
        filters: ask.filters,
        views,
        example: examples[0] ?? '',
      },
      codingFor(request),
    );
    writeReply(response, reply, [], request.method === 'HEAD');
  };
}

/** The Express routes of the feeds and trends: pages (`/search.atom`, `/trends`) and API (`/trends` under `/api`). */
export function feedAndTrendRouters(engine: Engine, views: string): { pages: Router; api: Router } {
  const pages = Router();
  pages.get('/search.atom', feedRoute(engine));
  pages.get('/trends', trendsPageRoute(engine, views));
  const api = Router();
  api.get('/trends', trendsApiRoute(engine));
  return { pages, api };
}
