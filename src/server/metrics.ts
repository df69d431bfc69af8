/**
 * Prometheus metrics for the people who run a server (`GET /metrics`, through
 * prom-client, in a Registry of this app's own, never prom-client's global
 * one): requests by route and status and their latency, counted where every
 * reply passes (the app's listener, before the fast path and Express part);
 * searches running and waiting; the served index's size, generation and build;
 * reloads; and prom-client's process metrics, event-loop delay among them.
 * Routes are labelled by their pattern (`/article/:id`), never the raw URL,
 * so a crawler of random URLs cannot grow the label set (`metrics-routes.ts`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Engine } from '../engine/engine.ts';
import { routeLabel } from './metrics-routes.ts';

/**
 * Who may read `/metrics`: `local` answers only requests made on this machine
 * that no proxy forwarded (no `Forwarded`/`X-Forwarded-For` header), `on`
 * answers anyone, `off` serves no metrics at all.
 */
export type MetricsAccess = 'off' | 'local' | 'on';

export const METRICS_ACCESS: readonly MetricsAccess[] = ['off', 'local', 'on'];

export interface MetricsOptions {
  /**
   * Who may read `/metrics` (see `MetricsAccess`).
   * @example 'on'
   */
  access?: Exclude<MetricsAccess, 'off'>;
  /**
   * Latency histogram buckets in seconds.
   * @example [0.005, 0.025, 0.1, 0.5, 2.5]
   */
  buckets?: readonly number[];
}

export const DEFAULT_METRICS_OPTIONS: Required<MetricsOptions> = {
  access: 'local',
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
};

/** One app's metrics. */
export interface AppMetrics {
  readonly registry: Registry;
  /** Count and time the reply to `request` once it is sent (or cut off: status `aborted`). */
  observe(request: IncomingMessage, response: ServerResponse): void;
  /** A live-reload attempt: whether the snapshot went live, and how long it took. */
  reloaded(outcome: { ok: boolean; ms?: number }): void;
  /** `GET /metrics`: the exposition text, or 404 for whoever `access` leaves out. */
  readonly handler: RequestHandler;
}

/** Metrics of an app serving `engine`. */
export function createMetrics(engine: Engine, options: MetricsOptions = {}): AppMetrics {
  const settings = { ...DEFAULT_METRICS_OPTIONS, ...options };
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requests = new Counter({
    name: 'newsdesk_http_requests_total',
    help: 'Requests answered, by route pattern, method and status (aborted: cut off before the end)',
    labelNames: ['route', 'method', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'newsdesk_http_request_duration_seconds',
    help: 'Time from a request to the end of its reply, by route pattern',
    labelNames: ['route'] as const,
    buckets: [...settings.buckets],
    registers: [registry],
  });
  const reloads = reloadMetrics(registry);
  searchGauges(registry, engine);
  indexGauges(registry, engine, reloads.generation);
  return {
    registry,
    observe(request, response) {
      const started = performance.now();
      const route = routeLabel(request.url ?? '/');
      const method = methodLabel(request.method);
      response.once('close', () => {
        const status = response.writableFinished ? String(response.statusCode) : 'aborted';
        requests.inc({ route, method, status });
        latency.observe({ route }, (performance.now() - started) / 1000);
      });
    },
    reloaded: reloads.record,
    handler: async (request, response, next) => {
      if (settings.access === 'local' && !isLocalRequest(request)) {
        next();
        return;
      }
      const text = await registry.metrics();
      response.setHeader('Content-Type', registry.contentType);
      response.setHeader('Cache-Control', 'no-store');
      response.end(text);
    },
  };
}

/** Reloads by outcome, the last one's time and duration, and the generation they make. */
function reloadMetrics(registry: Registry) {
  const outcomes = new Counter({
    name: 'newsdesk_reloads_total',
    help: 'Live reloads of the snapshot, by outcome (live: served; rejected: the serving index kept)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const last = new Gauge({
    name: 'newsdesk_last_reload_timestamp_seconds',
    help: 'When the last live reload attempt ended (Unix time; 0: none yet)',
    registers: [registry],
  });
  const duration = new Gauge({
    name: 'newsdesk_last_reload_duration_seconds',
    help: 'How long the last successful live reload took, from the file changing to serving it',
    registers: [registry],
  });
  let live = 0;
  return {
    /** 1 for the index served at start, plus one per reload that went live. */
    generation: () => 1 + live,
    record(outcome: { ok: boolean; ms?: number }) {
      outcomes.inc({ outcome: outcome.ok ? 'live' : 'rejected' });
      last.set(Date.now() / 1000);
      if (!outcome.ok) return;
      live++;
      if (outcome.ms !== undefined) duration.set(outcome.ms / 1000);
    },
  };
}

/** Searches running and waiting on the workers, read when scraped. */
function searchGauges(registry: Registry, engine: Engine): void {
  new Gauge({
    name: 'newsdesk_searches_running',
    help: 'Searches (and exports, pages, suggestions) running on search workers now',
    registers: [registry],
    collect() {
      this.set(engine.pending().running);
    },
  });
  new Gauge({
    name: 'newsdesk_searches_waiting',
    help: 'Searches waiting for a search worker now',
    registers: [registry],
    collect() {
      this.set(engine.pending().waiting);
    },
  });
}

/** The served index: size, generation, build time and duration, read when scraped. */
function indexGauges(registry: Registry, engine: Engine, generation: () => number): void {
  const gauge = (name: string, help: string, value: () => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value());
      },
    });
  const info = () => engine.current().info;
  gauge('newsdesk_index_articles', 'Articles in the served index', () => info().counts.articles);
  gauge('newsdesk_index_terms', 'Distinct terms in the served index', () => info().counts.terms);
  gauge(
    'newsdesk_snapshot_bytes',
    'Size of the served snapshot file',
    () => engine.current().bytes,
  );
  gauge('newsdesk_index_generation', 'Indexes served since start (1 + live reloads)', generation);
  gauge(
    'newsdesk_index_built_timestamp_seconds',
    'When the served snapshot was built (Unix time)',
    () => Date.parse(info().builtAt) / 1000,
  );
  gauge(
    'newsdesk_index_build_duration_seconds',
    'How long building the served snapshot took',
    () => info().buildMs / 1000,
  );
  gauge(
    'newsdesk_index_loaded_timestamp_seconds',
    'When the served index went live (Unix time)',
    () => Date.parse(engine.current().loadedAt) / 1000,
  );
}

/** GET, HEAD, or `other`: methods as a bounded label. */
function methodLabel(method: string | undefined): string {
  return method === 'GET' || method === 'HEAD' ? method : 'other';
}

/** Made on this machine and not forwarded by a proxy (which would make any client look local). */
export function isLocalRequest(request: IncomingMessage): boolean {
  const address = request.socket.remoteAddress ?? '';
  const local =
    address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  const { headers } = request;
  return local && headers.forwarded === undefined && headers['x-forwarded-for'] === undefined;
}
