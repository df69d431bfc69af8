/**
 * The fast path: the requests that make up a news site's traffic (searches,
 * pages, articles, suggestions, stats, health) are answered here, before
 * Express, by the same routes Express uses (`routes.ts`) and with the headers
 * Express would send (helmet's, CORS, Vary). Express's routing, middleware and
 * response helpers cost about as much CPU as a search on this machine
 * (README, Load). Whatever the fast path does not recognise exactly — another
 * method, a body, a long URL, a path in other case or with a trailing slash,
 * a malformed escape, an empty search — goes to Express as it came, and so
 * does a route's error, to be answered by the app's one error handler.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { type Logger, silentLogger } from '../logger.ts';
import { MAX_URL_LENGTH } from './limits.ts';
import { writeReply } from './reply.ts';
import { logWhenFinished } from './request-log.ts';
import { codingFor, type Route } from './routes.ts';

/** A route of the fast path; `api` routes get the API's CORS headers. */
export interface FastRoute {
  route: Route;
  api: boolean;
}

export interface FastPathTable {
  /** Routes by exact path. */
  exact: ReadonlyMap<string, FastRoute>;
  /** Routes by path prefix; the rest of the path is the route's `id`. */
  prefixed: readonly (FastRoute & { prefix: string })[];
}

export interface FastPathOptions {
  table: FastPathTable;
  /** Headers every answer carries (the security headers). */
  headers: readonly (readonly [string, string])[];
  /** Origins allowed to call the API, as for the app. */
  cors: '*' | readonly string[] | false;
  log: Logger;
  /** Answer a request in Express: as it came, or with the error a route threw. */
  fallback: (
    request: IncomingMessage,
    response: ServerResponse,
    failure?: { error: unknown },
  ) => void;
}

interface Target {
  fast: FastRoute;
  path: string;
  search: string;
  id: string;
}

/** A request listener answering `options.table`'s routes itself and the rest through Express. */
export function fastPath(options: FastPathOptions): RequestListener {
  const { fallback, log } = options;
  return (request, response) => {
    const target = targetOf(request, options.table);
    if (!target) {
      fallback(request, response);
      return;
    }
    const started = performance.now();
    const fail = (error: unknown) => fallback(request, response, { error });
    let answer: ReturnType<Route>;
    try {
      answer = target.fast.route({
        query: parseQuery(target.search),
        id: target.id,
        coding: codingFor(request),
      });
    } catch (error) {
      fail(error);
      return;
    }
    Promise.resolve(answer).then((reply) => {
      if (!reply) {
        fallback(request, response);
        return;
      }
      if (log !== silentLogger) {
        logWhenFinished(log, request.method ?? 'GET', target.path, response, started);
      }
      const headers = target.fast.api
        ? [...options.headers, ...corsHeaders(options.cors, request.headers.origin)]
        : options.headers;
      writeReply(response, reply, headers, request.method === 'HEAD');
    }, fail);
  };
}

/** The route `request` is for, when the fast path takes it as it is. */
function targetOf(request: IncomingMessage, table: FastPathTable): Target | undefined {
  const { method, url = '', headers } = request;
  if (method !== 'GET' && method !== 'HEAD') return undefined;
  if (url.length > MAX_URL_LENGTH || url.charCodeAt(0) !== 0x2f || url.includes('#')) {
    return undefined;
  }
  const length = Number(headers['content-length'] ?? 0);
  if (length > 0 || headers['transfer-encoding'] !== undefined) return undefined;
  const mark = url.indexOf('?');
  const path = mark < 0 ? url : url.slice(0, mark);
  const search = mark < 0 ? '' : url.slice(mark + 1);
  const exact = table.exact.get(path);
  if (exact) return { fast: exact, path, search, id: '' };
  for (const fast of table.prefixed) {
    if (!path.startsWith(fast.prefix)) continue;
    const id = decodeId(path.slice(fast.prefix.length));
    return id === undefined ? undefined : { fast, path, search, id };
  }
  return undefined;
}

/**
 * The id in the rest of a path, each segment decoded as Express decodes a
 * wildcard; undefined for what Express should judge (nothing, a trailing
 * slash, a malformed escape).
 */
function decodeId(rest: string): string | undefined {
  if (rest === '' || rest.endsWith('/')) return undefined;
  try {
    return rest
      .split('/')
      .map((segment) => (segment.includes('%') ? decodeURIComponent(segment) : segment))
      .join('/');
  } catch {
    return undefined;
  }
}

/** What the `cors` middleware adds to a GET for `origins`. */
function corsHeaders(
  origins: FastPathOptions['cors'],
  origin: string | undefined,
): [string, string][] {
  if (origins === false) return [];
  if (origins === '*') return [['Access-Control-Allow-Origin', '*']];
  const allowed = origin !== undefined && origins.includes(origin);
  return [
    ...(allowed ? [['Access-Control-Allow-Origin', origin] as [string, string]] : []),
    ['Vary', 'Origin'],
  ];
}
