/**
 * A pool of search worker threads, so that searches run off the server's
 * event loop: pages, suggestions and health checks keep answering while an
 * expensive search runs. Each worker views the live snapshot's shared bytes.
 *
 * Scheduling: searches wait in one queue; a search that looks expensive
 * (`isHeavy`) may occupy all workers but one, so a cheap one always has a
 * worker within one cheap search's time. A search that runs past `hardLimitMs`
 * is stopped by replacing its worker (SEARCH_TIMEOUT); one that would wait
 * behind more than `maxQueue` others is refused (OVERLOADED).
 */
import { Worker } from 'node:worker_threads';
import { type ErrorCode, errorCodes, NewsdeskError } from '../errors.ts';
import type { SearchOptions } from '../search/search.ts';
import type { SearchRequest, SearchResponse } from '../types.ts';
import type { FromWorker, ToWorker, WorkerError, WorkerSetup } from './worker-protocol.ts';

export interface SearchPoolOptions {
  /** Worker threads. @example 2 */
  size?: number;
  /** A search running longer than this is stopped and answered with SEARCH_TIMEOUT. @example 5000 */
  hardLimitMs?: number;
  /** Searches that may wait for a worker; more are refused with OVERLOADED. @example 256 */
  maxQueue?: number;
  /** Options every search uses. @example `{ budgetMs: 250 }` */
  searchOptions?: SearchOptions;
  /** Told when a worker is replaced or fails to load, for the log. */
  onEvent?: (event: { event: string; message: string }) => void;
  /**
   * The worker's entry module (tests give a stand-in that speaks the same
   * messages). @example `new URL('./slow-worker.js', import.meta.url)`
   */
  workerUrl?: URL;
}

export const DEFAULT_POOL_OPTIONS: Required<Omit<SearchPoolOptions, 'onEvent'>> = {
  size: 2,
  hardLimitMs: 5000,
  maxQueue: 256,
  searchOptions: {},
  workerUrl: new URL('../../bin/search-worker.js', import.meta.url),
};

export interface SearchPool {
  /** Give every worker (and every replacement) this verified snapshot. */
  load(snapshot: Uint8Array, source: string): void;
  /** Resolves once every worker has loaded the latest snapshot. */
  ready(): Promise<void>;
  /** Run `request` on a worker. */
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Searches running and waiting now. */
  pending(): { running: number; waiting: number };
  /** Stop every worker. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  request: SearchRequest;
  heavy: boolean;
  resolve: (response: SearchResponse) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** Loads sent to this worker that it has not answered yet. */
  loading: number;
}

/** Start a pool of search workers (they wait for `load` before searching). */
export function createSearchPool(options: SearchPoolOptions = {}): SearchPool {
  const settings = { ...DEFAULT_POOL_OPTIONS, ...options };
  const slots: Slot[] = [];
  const queue: Job[] = [];
  let snapshot: { bytes: Uint8Array; source: string } | undefined;
  let nextId = 1;
  let closed = false;
  const waiters: (() => void)[] = [];
  const loaded = () => slots.every((slot) => slot.loading === 0);
  const wake = () => {
    if (!loaded()) return;
    for (const waiter of waiters.splice(0)) waiter();
  };
  const heavyLimit = Math.max(1, settings.size - 1);

  const spawn = (): Slot => {
    const setup: WorkerSetup = { searchOptions: settings.searchOptions };
    const slot: Slot = {
      worker: new Worker(settings.workerUrl, { workerData: setup }),
      loading: 0,
    };
    slot.worker.on('message', (message: FromWorker) => settle(slot, message));
    slot.worker.on('error', (error) => replace(slot, error.message));
    slot.worker.on('exit', (code) => replace(slot, `worker exited with code ${code}`));
    if (snapshot) post(slot, { type: 'load', snapshot: snapshot.bytes, source: snapshot.source });
    return slot;
  };

  const settle = (slot: Slot, message: FromWorker): void => {
    if (message.type === 'loaded' || message.type === 'load-failed') {
      slot.loading--;
      if (message.type === 'load-failed') {
        settings.onEvent?.({ event: 'worker-load-failed', message: message.error.message });
      }
      wake();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    finish(slot);
    if (message.type === 'result') job.resolve(message.response);
    else job.reject(fromWorkerError(message.error));
    pump();
  };

  const finish = (slot: Slot): void => {
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
  };

  /** Put a fresh worker in `slot`'s place, failing the search it was running. */
  const replace = (slot: Slot, reason: string, error?: Error): void => {
    const at = slots.indexOf(slot);
    if (at < 0) return;
    const job = slot.job;
    finish(slot);
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    slots.splice(at, 1);
    job?.reject(error ?? new Error(`search worker failed: ${reason}`));
    if (!closed) {
      settings.onEvent?.({ event: 'worker-replaced', message: reason });
      slots.push(spawn());
    }
    wake();
    pump();
  };

  const run = (slot: Slot, job: Job): void => {
    slot.job = job;
    slot.timer = setTimeout(() => {
      const message = `the search "${clipped(job.request.query)}" ran past ${settings.hardLimitMs} ms and was stopped`;
      replace(slot, message, new NewsdeskError('SEARCH_TIMEOUT', message));
    }, settings.hardLimitMs);
    post(slot, { type: 'search', id: job.id, request: job.request });
  };

  const pump = (): void => {
    for (let at = 0; at < queue.length; ) {
      const job = queue[at];
      const slot = job && idleSlot(job.heavy);
      if (!job || !slot) {
        at++;
        continue;
      }
      queue.splice(at, 1);
      run(slot, job);
    }
  };

  const idleSlot = (heavy: boolean): Slot | undefined => {
    if (heavy && slots.filter((slot) => slot.job?.heavy).length >= heavyLimit) return undefined;
    return slots.find((slot) => !slot.job);
  };

  for (let i = 0; i < settings.size; i++) slots.push(spawn());

  return {
    load(bytes, source) {
      snapshot = { bytes, source };
      for (const slot of slots) post(slot, { type: 'load', snapshot: bytes, source });
    },
    ready: () =>
      new Promise((resolve) => {
        waiters.push(resolve);
        wake();
      }),
    search(request) {
      if (closed) return Promise.reject(new Error('the search pool is closed'));
      if (queue.length >= settings.maxQueue) {
        return Promise.reject(
          new NewsdeskError(
            'OVERLOADED',
            `${queue.length} searches are already waiting; try again shortly`,
          ),
        );
      }
      return new Promise((resolve, reject) => {
        queue.push({ id: nextId++, request, heavy: isHeavy(request), resolve, reject });
        pump();
      });
    },
    pending: () => ({ running: slots.filter((slot) => slot.job).length, waiting: queue.length }),
    async close() {
      closed = true;
      for (const waiter of waiters.splice(0)) waiter();
      for (const job of queue.splice(0)) job.reject(new Error('the search pool is closed'));
      await Promise.all(slots.map((slot) => stopSlot(slot)));
    },
  };
}

async function stopSlot(slot: Slot): Promise<void> {
  clearTimeout(slot.timer);
  slot.job?.reject(new Error('the search pool is closed'));
  slot.worker.removeAllListeners();
  await slot.worker.terminate();
}

function post(slot: Slot, message: ToWorker): void {
  if (message.type === 'load') slot.loading++;
  slot.worker.postMessage(message);
}

/** Words in a query beyond which a search counts as heavy. */
const MANY_WORDS = 8;
/** Results skipped beyond which a search counts as heavy. */
const DEEP = 1000;
/** A word this long is looked up by many close spellings. */
const LONG_WORD = 20;

/**
 * Does `request` look expensive before it runs? Prefix words, many words, a
 * very long word (many close spellings) or a deep page.
 */
export function isHeavy(request: SearchRequest): boolean {
  const words = request.query.split(/\s+/).filter((word) => word.length > 0);
  const depth = ((request.page ?? 1) - 1) * (request.size ?? 10);
  return (
    request.query.includes('*') ||
    words.length > MANY_WORDS ||
    words.some((word) => word.length > LONG_WORD) ||
    depth > DEEP
  );
}

function fromWorkerError(error: WorkerError): Error {
  if (error.code !== undefined && Object.hasOwn(errorCodes, error.code)) {
    return new NewsdeskError(error.code as ErrorCode, error.message, {
      ...(error.parameter ? { parameter: error.parameter } : {}),
    });
  }
  return new Error(error.message);
}

function clipped(query: string): string {
  return query.length > 80 ? `${query.slice(0, 80)}…` : query;
}
