/**
 * `createApp(engine)`: the Express application for the pages and the API. It
 * never listens by itself (`listen.ts` does), so tests drive it with supertest.
 */
import { fileURLToPath } from 'node:url';
import compression from 'compression';
import cors from 'cors';
import ejs from 'ejs';
import express, { type Express } from 'express';
import type { Engine } from '../engine/engine.ts';
import { NewsdeskError } from '../errors.ts';
import { type Logger, silentLogger } from '../logger.ts';
import { apiRouter } from './api.ts';
import { healthRoute } from './health.ts';
import { errorHandler } from './http-errors.ts';
import { requestLimits } from './limits.ts';
import { pagesRouter } from './pages.ts';
import { apiRateLimit, type RateLimitOptions } from './rate-limit.ts';
import { requestLog } from './request-log.ts';
import { securityHeaders } from './security.ts';

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
}

export const DEFAULT_APP_OPTIONS: Required<AppOptions> = {
  log: silentLogger,
  cors: '*',
  views: fileURLToPath(new URL('../../views', import.meta.url)),
  rateLimit: false,
};

/** The application serving `engine`. */
export function createApp(engine: Engine, options: AppOptions = {}): Express {
  const settings = { ...DEFAULT_APP_OPTIONS, ...options };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.engine('ejs', ejs.renderFile);
  app.set('view engine', 'ejs');
  app.set('views', settings.views);
  app.use(requestLog(settings.log), securityHeaders(), requestLimits, compression());
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
  app.get('/healthz', healthRoute(engine));
  const limited = settings.rateLimit ? [apiRateLimit(settings.rateLimit, settings.log)] : [];
  app.use('/api', corsFor(settings.cors), ...limited, apiRouter(engine));
  app.use(pagesRouter(engine));
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
