/**
 * Worker threads that start the same way from the compiled JavaScript
 * (`dist/`, what `bin/newsdesk.js` runs) and from the TypeScript sources
 * (vitest, `npm run dev`): a pool names its worker as the module beside its
 * own, with its own extension (`moduleBeside`), and `startWorker` starts a
 * `.ts` module through `bin/ts-worker.js`, which registers tsx first. One
 * path relation, so the two cannot drift apart.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Launcher that registers tsx in the worker, then imports the module given as its first argument. */
const TYPESCRIPT_LAUNCHER = new URL('../bin/ts-worker.js', import.meta.url);

/**
 * The module at `path` (given without an extension) relative to `base`, with
 * base's extension: `.ts` beside a source module, `.js` beside a compiled one.
 * @example moduleBeside('./search-worker', import.meta.url)
 */
export function moduleBeside(path: string, base: string): URL {
  const extension = new URL(base).pathname.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`${path}${extension}`, base);
}

/**
 * A worker thread running `entry`: a JavaScript module directly, a TypeScript
 * one through the tsx launcher (its `argv` then starts with the entry's URL).
 * @example startWorker(moduleBeside('./search-worker', import.meta.url), { workerData })
 */
export function startWorker(entry: URL, options: WorkerOptions = {}): Worker {
  if (!entry.pathname.endsWith('.ts')) return new Worker(entry, options);
  return new Worker(TYPESCRIPT_LAUNCHER, {
    ...options,
    argv: [entry.href, ...(options.argv ?? [])],
  });
}
