/**
 * `createApp(engine)`: the request listener for the pages and the API: the
 * fast path (`fast-path.ts`) in front of the Express application, both over
 * the same routes. It never listens by itself (`listen.ts` does), so tests
 * drive it with supertest.
 */
import type { IncomingMessage, RequestListener } from 'node:http';
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import cors from 'cors';
import express, { type Express, type RequestHandler, type Router } from 'express';
import type { Engine } from '../engine/engine.ts';
import { NewsdeskError } from '../errors.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { type ApiRoutes, apiRouter, apiRoutes } from './api.ts';
import { type ExportOptions, exportRouter } from './export.ts';
import { type FastPathTable, fastPath } from './fast-path.ts';
import { healthRoute } from './health.ts';
import { errorHandler } from './http-errors.ts';
import { requestLimits } from './limits.ts';
import type { AppMetrics } from './metrics.ts';
import { type PageRoutes, pageRoutes, pagesRouter } from './pages.ts';
import { apiRateLimit, type RateLimitOptions } from './rate-limit.ts';
import { requestLog } from './request-log.ts';
import { expressRoute, type Route } from './routes.ts';
import { securityHeaderList, securityHeaders } from './security.ts';
import { createTemplates } from './templates.ts';
import { feedAndTrendRouters } from './trends.ts';

export interface AppOptions {
  /**
   * Where request logs and server errors go (default: nowhere).
   * @example `jsonLogger(process.stderr)`
   */
  log?: Logger;
  /**
   * Origins that may call the API from a browser: `'*'` (any), a list, or `false` (none).
   * @example `['https://newsroom.example']`
   */
  cors?: '*' | readonly string[] | false;
  /** The templates and assets folder. @example `'views'` */
  views?: string;
  /**
   * Requests each client (by address; `trust proxy` is off) may make to `/api` per window,
   * or `false` for no limit (the default). Pages, assets and `/healthz` are never limited.
   * @example `{ limit: 600, windowMs: 60_000 }`
   */
  rateLimit?: RateLimitOptions | false;
  /**
   * `/api/search.csv` and `.jsonl`: the operator's cap on rows, and the batch size.
   * @example `{ cap: 20_000 }`
   */
  export?: ExportOptions;
  /**
   * Metrics to count every request in and serve at `/metrics` (`createMetrics`),
   * or `false` for none (the default).
   * @example `createMetrics(engine, { access: 'local' })`
   */
  metrics?: AppMetrics | false;
}

export const DEFAULT_APP_OPTIONS: Required<AppOptions> = {
  log: silentLogger,
  cors: '*',
  views: fileURLToPath(new URL('../../views', import.meta.url)),
  rateLimit: false,
  export: {},
  metrics: false,
};

/** The routes both the fast path and Express answer. */
interface AppRoutes {
  api: ApiRoutes;
  pages: PageRoutes;
  health: Route;
  /** `/api/search.csv` and `.jsonl` (`export.ts`): streamed, Express only. */
  exports: Router;
  /** Atom feeds and trends (`feed.ts`, `trends.ts`): Express only, feeds need the Host. */
  follow: { pages: Router; api: Router };
}

/** The request listener; `express` is the application behind the fast path (its settings). */
export type App = RequestListener & { readonly express: Express };

/** The request listener serving `engine`. */
export function createApp(engine: Engine, options: AppOptions = {}): App {
  const settings = { ...DEFAULT_APP_OPTIONS, ...options };
  const templates = createTemplates(settings.views);
  const routes: AppRoutes = {
    api: apiRoutes(engine),
    pages: pageRoutes(engine, templates),
    health: healthRoute(engine),
    exports: exportRouter(engine, { log: settings.log, ...settings.export }),
    follow: feedAndTrendRouters(engine, settings.views),
  };
  /** Errors the fast path's routes threw, raised again inside Express (the error handler answers). */
  const failures = new WeakMap<IncomingMessage, { error: unknown }>();
  const app = expressApp(routes, settings, templates.engine, raiseFailure(failures));
  const listener = fastPath({
    table: fastTable(routes, settings),
    headers: securityHeaderList(),
    cors: settings.cors,
    log: settings.log,
    fallback: (request, response, failure) => {
      if (failure) failures.set(request, failure);
      app(request, response);
    },
  });
  const { metrics } = settings;
  const measured: RequestListener = metrics
    ? (request, response) => {
        metrics.observe(request, response);
        listener(request, response);
      }
    : listener;
  return Object.assign(measured, { express: app });
}

/** Where the fast path answers; the API only when it is not rate-limited (Express limits it). */
function fastTable(routes: AppRoutes, settings: Required<AppOptions>): FastPathTable {
  const page = (route: Route) => ({ route, api: false });
  const api = (route: Route) => ({ route, api: true });
  const exact = new Map([
    ['/', page(routes.pages.home)],
    ['/search', page(routes.pages.search)],
    ['/healthz', page(routes.health)],
  ]);
  const prefixed = [{ prefix: '/article/', ...page(routes.pages.article) }];
  if (!settings.rateLimit) {
    exact.set('/api/search', api(routes.api.search));
    exact.set('/api/suggest', api(routes.api.suggest));
    exact.set('/api/stats', api(routes.api.stats));
    prefixed.push({ prefix: '/api/articles/', ...api(routes.api.article) });
  }
  return { exact, prefixed };
}

function raiseFailure(failures: WeakMap<IncomingMessage, { error: unknown }>): RequestHandler {
  return (request, _response, next) => {
    const failure = failures.get(request);
    failures.delete(request);
    next(failure?.error);
  };
}

/** The Express application: everything the fast path leaves to it. */
function expressApp(
  routes: AppRoutes,
  settings: Required<AppOptions>,
  render: (path: string, data: object, done: (error: unknown, html?: string) => void) => void,
  raise: RequestHandler,
): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.engine('ejs', render);
  app.set('view engine', 'ejs');
  app.set('views', settings.views);
  app.set('view cache', true);
  const log = settings.log === silentLogger ? [] : [requestLog(settings.log)];
  app.use(...log, securityHeaders(), requestLimits, compression());
  app.use(
    '/assets',
    express.static(`${settings.views}/assets`, { maxAge: '1h', index: false, fallthrough: true }),
  );
  app.get('/favicon.ico', (_request, response) => {
    response.sendFile(`${settings.views}/assets/favicon.svg`, {
      headers: { 'Content-Type': 'image/svg+xml' },
      maxAge: '1d',
    });
  });
  const limited = settings.rateLimit ? [apiRateLimit(settings.rateLimit, settings.log)] : [];
  app.use(
    '/api',
    corsFor(settings.cors),
    ...limited,
    raise,
    routes.follow.api,
    routes.exports,
    apiRouter(routes.api),
  );
  app.use(raise);
  app.get('/healthz', expressRoute(routes.health));
  if (settings.metrics) app.get('/metrics', settings.metrics.handler);
  app.use(routes.follow.pages, pagesRouter(routes.pages));
  app.use((request) => {
    throw new NewsdeskError('NOT_FOUND', `no page at ${request.path}`);
  });
  app.use(errorHandler(settings.log));
  return app;
}

function corsFor(origins: Required<AppOptions>['cors']) {
  if (origins === false) return cors({ origin: false });
  return cors({ origin: origins === '*' ? '*' : [...origins], methods: ['GET', 'HEAD'] });
}
