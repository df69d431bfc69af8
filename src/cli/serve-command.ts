/** `newsdesk serve`: load (or build) the snapshot, serve the pages and the API, reload on rebuilds. */
import { isIPv4 } from 'node:net';
import { setFlagsFromString } from 'node:v8';
import { createEngine } from '../engine/engine.ts';
import { prepareSnapshot } from '../engine/prepare.ts';
import { watchSnapshot } from '../engine/reload.ts';
import { NewsdeskError } from '../errors.ts';
import { DEFAULT_SNAPSHOT_PATH } from '../index/snapshot.ts';
import { jsonLogger, silentLogger } from '../logger.ts';
import { type AppOptions, createApp } from '../server/app.ts';
import { DEFAULT_EXPORT_OPTIONS } from '../server/export.ts';
import { listen, serverUrl, shutdown } from '../server/listen.ts';
import { createMetrics, METRICS_ACCESS, type MetricsAccess } from '../server/metrics.ts';
import { DEFAULT_RATE_LIMIT } from '../server/rate-limit.ts';
import { integerOption, parseOptions } from './args.ts';
import type { CommandIO } from './io.ts';
import { createProgress } from './progress.ts';

export const SERVE_USAGE = `Usage: newsdesk serve [options]

Serve the search pages and the JSON API. Builds the snapshot first when there is none or
the corpus changed since; reloads it without a restart whenever \`newsdesk index\` rewrites it.

Options:
  --port N          port to listen on (default 3000; 0 picks a free one)
  --host HOST       address to bind (default 127.0.0.1; 0.0.0.0 for every interface)
  --snapshot FILE   snapshot to serve (default: ${DEFAULT_SNAPSHOT_PATH})
  --corpus DIR      corpus folder to build it from (default: the folders it was built from,
                    or corpus); repeatable: several folders are served as one index
  --exclude GLOB    leave out matching files when building; repeatable (default: the globs
                    the snapshot was built with)
  --cors ORIGINS    who may call the API from a browser: * (default), none, or a
                    comma-separated list of origins
  --budget MS       time budget per search in ms (default 250)
  --workers N       search worker threads (default 2; 0 searches on the main thread)
  --rate-limit N    API requests per minute per client address (0: no limit; default
                    none on a loopback host, ${DEFAULT_RATE_LIMIT.limit} otherwise)
  --cache-mb N      megabytes of finished replies kept per index, to answer a request
                    asked again at once (default 32; 0 keeps none)
  --export-cap N    most rows one /api/search.csv or .jsonl export writes (default
                    ${DEFAULT_EXPORT_OPTIONS.cap.toLocaleString('en-US')}); its headers say how many more the query has
  --metrics WHO     Prometheus metrics at /metrics: local (default: requests from this
                    machine that no proxy forwarded), on (anyone), off (none)
  --quiet           no request log (reloads and errors are still logged)`;

export interface ServeOptions {
  port: number;
  host: string;
  snapshot: string;
  corpus: string[] | undefined;
  exclude: string[] | undefined;
  cors: NonNullable<AppOptions['cors']>;
  budgetMs: number;
  workers: number;
  /** API requests per minute per client address; 0 for no limit. */
  rateLimit: number;
  /** Megabytes of replies the reply cache keeps per live index; 0 for none. */
  cacheMb: number;
  /** Most rows one export writes. */
  exportCap: number;
  /** Who may read `/metrics`. */
  metrics: MetricsAccess;
  quiet: boolean;
}

/** Parse `serve` arguments; throws a USAGE error naming the bad option. */
export function parseServeArgs(args: readonly string[]): ServeOptions {
  const { values } = parseOptions('serve', SERVE_USAGE, {
    args: [...args],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      snapshot: { type: 'string' },
      corpus: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      cors: { type: 'string' },
      budget: { type: 'string' },
      workers: { type: 'string' },
      'rate-limit': { type: 'string' },
      'cache-mb': { type: 'string' },
      'export-cap': { type: 'string' },
      metrics: { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
  const host = values.host ?? '127.0.0.1';
  return {
    port: integerOption('port', values.port, 3000, { min: 0, max: 65_535 }),
    host,
    snapshot: values.snapshot ?? DEFAULT_SNAPSHOT_PATH,
    corpus: values.corpus,
    exclude: values.exclude,
    cors: corsOption(values.cors),
    budgetMs: integerOption('budget', values.budget, 250, { min: 10, max: 60_000 }),
    workers: integerOption('workers', values.workers, 2, { min: 0, max: 64 }),
    rateLimit: integerOption(
      'rate-limit',
      values['rate-limit'],
      isLoopback(host) ? 0 : DEFAULT_RATE_LIMIT.limit,
      { min: 0, max: 1_000_000 },
    ),
    cacheMb: integerOption('cache-mb', values['cache-mb'], 32, { min: 0, max: 65_536 }),
    exportCap: integerOption('export-cap', values['export-cap'], DEFAULT_EXPORT_OPTIONS.cap, {
      min: 1,
      max: 100_000_000,
    }),
    metrics: metricsOption(values.metrics),
    quiet: values.quiet ?? false,
  };
}

/** True for a host only this machine can reach: `localhost`, `::1`, `127.x.x.x`. */
export function isLoopback(host: string): boolean {
  const name = host.toLowerCase();
  return (
    name === 'localhost' ||
    name === '::1' ||
    name === '[::1]' ||
    (isIPv4(name) && name.startsWith('127.'))
  );
}

function metricsOption(value: string | undefined): MetricsAccess {
  const access = METRICS_ACCESS.find((known) => known === (value ?? 'local'));
  if (access === undefined) {
    throw new NewsdeskError('USAGE', `--metrics must be local, on or off, not "${value}"`, {
      parameter: 'metrics',
    });
  }
  return access;
}

function corsOption(value: string | undefined): ServeOptions['cors'] {
  if (value === undefined || value === '*') return '*';
  if (value === 'none') return false;
  const origins = value.split(',').map((origin) => origin.trim());
  const bad = origins.find((origin) => !/^https?:\/\/[^/\s]+$/.test(origin));
  if (bad !== undefined) {
    throw new NewsdeskError(
      'USAGE',
      `--cors must be *, none or origins like https://example.org, not "${bad}"`,
      { parameter: 'cors' },
    );
  }
  return origins;
}

/**
 * V8 grows a heap to a multiple of what survived the last full collection
 * (up to 4×), so a server holding a large index swells for its first tens of
 * thousands of requests before it levels off. Growing by 30 % instead keeps
 * its memory flat from the first requests on, at no measurable cost in
 * throughput (see README, Reliability). Applies to the search workers too.
 */
const HEAP_GROWING_PERCENT = 30;

/** Run `newsdesk serve` until SIGTERM or SIGINT; returns the exit code. */
export async function serveCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const options = parseServeArgs(args);
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  const log = jsonLogger(io.stderr);
  const progress = createProgress(io.stderr, false);
  let loaded: Awaited<ReturnType<typeof prepareSnapshot>>;
  try {
    loaded = await prepareSnapshot({ ...options, log, onProgress: (p) => progress.update(p) });
  } finally {
    progress.stop();
  }
  const engine = createEngine(loaded, {
    search: { budgetMs: options.budgetMs },
    replyCache: { maxBytes: options.cacheMb * 2 ** 20 },
    workers: options.workers > 0 && {
      size: options.workers,
      hardLimitMs: hardLimit(options.budgetMs),
      onEvent: log,
    },
  });
  try {
    await engine.ready();
    const metrics =
      options.metrics === 'off' ? undefined : createMetrics(engine, { access: options.metrics });
    const app = createApp(engine, {
      export: { cap: options.exportCap },
      metrics: metrics ?? false,
      log: options.quiet ? silentLogger : log,
      cors: options.cors,
      rateLimit: options.rateLimit > 0 && { ...DEFAULT_RATE_LIMIT, limit: options.rateLimit },
    });
    const server = await listen(app, options);
    const watcher = watchSnapshot(engine, options.snapshot, {
      log,
      ...(metrics ? { onReload: metrics.reloaded } : {}),
    });
    const articles = loaded.info.counts.articles;
    io.stdout.write(
      `newsdesk: serving ${articles.toLocaleString('en-US')} ${articles === 1 ? 'article' : 'articles'} at ${serverUrl(server)}\n`,
    );
    io.stdout.write(`newsdesk: ${rateLimitNote(options)}\n`);
    const signal = await stopSignal();
    log({ event: 'shutdown', signal });
    watcher.close();
    await shutdown(server);
    return 0;
  } finally {
    await engine.close();
  }
}

/** The API rate limit that applies, in words, for the start-up message. */
export function rateLimitNote({
  rateLimit,
  host,
}: Pick<ServeOptions, 'rateLimit' | 'host'>): string {
  if (rateLimit > 0) {
    return `API rate limit: ${rateLimit.toLocaleString('en-US')} requests a minute per client address`;
  }
  return isLoopback(host)
    ? 'API rate limit: none on a loopback address (--rate-limit N sets one)'
    : 'API rate limit: none (--rate-limit 0)';
}

/** A search this far past its budget is stopped: 20 budgets, at least 2 s. */
function hardLimit(budgetMs: number): number {
  return Math.max(2000, budgetMs * 20);
}

function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      resolve(signal);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
}
