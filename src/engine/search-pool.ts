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
import type { Worker } from 'node:worker_threads';
import { type ErrorCode, errorCodes, NewsdeskError } from '../errors.ts';
import type { SnapshotFile } from '../index/snapshot.ts';
import type { SearchOptions } from '../search/options.ts';
import type { ContentCoding } from '../server/encoding.ts';
import { callOf, type Presentation } from '../server/present.ts';
import type { Reply } from '../server/reply.ts';
import type { SearchRequest } from '../types.ts';
import { moduleBeside, startWorker } from '../workers.ts';
import { callQuery, describeCall, type SearcherAnswer, type SearcherCall } from './calls.ts';
import type {
  FromWorker,
  SharedFile,
  ToWorker,
  WorkerError,
  WorkerSetup,
} from './worker-protocol.ts';

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
  workerUrl: moduleBeside('./search-worker', import.meta.url),
};

export interface SearchPool {
  /**
   * Give every worker (and every replacement) this verified snapshot (`file`:
   * the open file its stored text is read from, when the bytes end before it;
   * the pool owns it from now on). Resolves once no worker can read an
   * earlier snapshot any more (each has answered this load or a later one, or
   * was stopped), when the earlier snapshot's file is closed.
   * @example `pool.load(loaded.shared, 'index.snapshot', loaded.file)`
   */
  load(snapshot: Uint8Array, source: string, file?: SnapshotFile): Promise<void>;
  /** Resolves once every worker has loaded the latest snapshot. */
  ready(): Promise<void>;
  /** Answer `call` (a search, completions, an article) on a worker. */
  call(call: SearcherCall): Promise<SearcherAnswer>;
  /** Answer `presentation` on a worker as a finished reply (its bytes transferred back). */
  present(presentation: Presentation, coding?: ContentCoding): Promise<Reply>;
  /** Searches running and waiting now. */
  pending(): { running: number; waiting: number };
  /** Stop every worker. */
  close(): Promise<void>;
}

/** What a worker answered: the answer itself, or a presented reply. */
type Outcome = { answer: SearcherAnswer } | { reply: Reply };

interface Job {
  id: number;
  call: SearcherCall;
  /** Set when the answer comes back presented. */
  present?: { presentation: Presentation; coding?: ContentCoding };
  heavy: boolean;
  resolve: (outcome: Outcome) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** The generations of the loads sent to this worker that it has not answered yet, oldest first. */
  loading: number[];
  /** The generation of the last load this worker answered (0: none). */
  answered: number;
}

/** A `load`'s promise: kept until no worker can read a generation before `generation`. */
interface Release {
  generation: number;
  /** The file of the generation before, closed then. */
  previous: SnapshotFile | undefined;
  resolve: () => void;
}

/** Start a pool of search workers (they wait for `load` before searching). */
export function createSearchPool(options: SearchPoolOptions = {}): SearchPool {
  return new WorkerPool({ ...DEFAULT_POOL_OPTIONS, ...options });
}

type PoolSettings = typeof DEFAULT_POOL_OPTIONS & Pick<SearchPoolOptions, 'onEvent'>;

class WorkerPool implements SearchPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly waiters: (() => void)[] = [];
  private snapshot:
    | { bytes: Uint8Array; source: string; shared?: SharedFile; file?: SnapshotFile }
    | undefined;
  /** Each `load` is a generation, numbered from 1. */
  private generation = 0;
  private readonly releases: Release[] = [];
  /** Replaced workers not yet terminated (one may still be reading). */
  private stopping = 0;
  private nextId = 1;
  private closed = false;
  /** Most workers that heavy searches may hold at once: all but one. */
  private readonly heavyLimit: number;

  constructor(private readonly settings: PoolSettings) {
    this.heavyLimit = Math.max(1, settings.size - 1);
    for (let i = 0; i < settings.size; i++) this.slots.push(this.spawn());
  }

  load(bytes: Uint8Array, source: string, file?: SnapshotFile): Promise<void> {
    const previous = this.snapshot?.file;
    const shared = file ? { shared: { fd: file.fd, bytes: file.bytes }, file } : {};
    this.snapshot = { bytes, source, ...shared };
    const generation = ++this.generation;
    for (const slot of this.slots) this.sendLoad(slot);
    return new Promise((resolve) => {
      this.releases.push({ generation, previous, resolve });
      this.release();
    });
  }

  /** The latest snapshot to `slot`. */
  private sendLoad(slot: Slot): void {
    const snapshot = this.snapshot;
    if (!snapshot) return;
    slot.loading.push(this.generation);
    const { bytes, source, shared } = snapshot;
    post(slot, { type: 'load', snapshot: bytes, source, ...(shared ? { file: shared } : {}) });
  }

  /** Resolve the loads whose earlier generations no worker can read any more. */
  private release(): void {
    const oldest = Math.min(...this.slots.map((slot) => slot.answered));
    const done = (release: Release) =>
      this.closed || (this.stopping === 0 && release.generation <= oldest);
    for (let at = this.releases.length - 1; at >= 0; at--) {
      const release = this.releases[at];
      if (release && done(release)) {
        this.releases.splice(at, 1);
        release.previous?.close();
        release.resolve();
      }
    }
  }

  ready(): Promise<void> {
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      this.wake();
    });
  }

  async call(call: SearcherCall): Promise<SearcherAnswer> {
    const outcome = await this.enqueue(call);
    if ('answer' in outcome) return outcome.answer;
    throw new Error('search worker answered a call with a reply');
  }

  async present(presentation: Presentation, coding?: ContentCoding): Promise<Reply> {
    const present = { presentation, ...(coding ? { coding } : {}) };
    const outcome = await this.enqueue(callOf(presentation), present);
    if ('reply' in outcome) return outcome.reply;
    throw new Error('search worker answered a presentation with a bare answer');
  }

  private enqueue(call: SearcherCall, present?: Job['present']): Promise<Outcome> {
    if (this.closed) return Promise.reject(new Error('the search pool is closed'));
    if (this.queue.length >= this.settings.maxQueue) {
      const message = `${this.queue.length} searches are already waiting; try again shortly`;
      return Promise.reject(new NewsdeskError('OVERLOADED', message));
    }
    return new Promise((resolve, reject) => {
      // Ranking every result for an export is always heavy: it leaves a worker to the rest.
      const heavy =
        call.op === 'export-rank' ||
        (call.op === 'search' ? isHeavy(call.args) : isHeavy({ query: callQuery(call) }));
      const job: Job = { id: this.nextId++, call, heavy, resolve, reject };
      if (present) job.present = present;
      this.queue.push(job);
      this.pump();
    });
  }

  pending(): { running: number; waiting: number } {
    const running = this.slots.filter((slot) => slot.job).length;
    return { running, waiting: this.queue.length };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const waiter of this.waiters.splice(0)) waiter();
    for (const job of this.queue.splice(0)) job.reject(new Error('the search pool is closed'));
    await Promise.all(this.slots.map((slot) => stopSlot(slot)));
    this.release();
    this.snapshot?.file?.close();
  }

  /** A new worker, given the latest snapshot. */
  private spawn(): Slot {
    const setup: WorkerSetup = { searchOptions: this.settings.searchOptions };
    const worker = startWorker(this.settings.workerUrl, { workerData: setup });
    const slot: Slot = { worker, loading: [], answered: this.generation };
    worker.on('message', (message: FromWorker) => this.settle(slot, message));
    worker.on('error', (error) => this.replace(slot, error.message));
    worker.on('exit', (code) => this.replace(slot, `worker exited with code ${code}`));
    this.sendLoad(slot);
    return slot;
  }

  /** A worker answered: a load done, or the search it was running. */
  private settle(slot: Slot, message: FromWorker): void {
    if (message.type === 'loaded' || message.type === 'load-failed') {
      slot.answered = slot.loading.shift() ?? slot.answered;
      this.release();
      if (message.type === 'load-failed') {
        this.settings.onEvent?.({ event: 'worker-load-failed', message: message.error.message });
      }
      this.wake();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== message.id) return;
    free(slot);
    if (message.type === 'result') job.resolve({ answer: message.answer });
    else if (message.type === 'presented') job.resolve({ reply: message.reply });
    else job.reject(fromWorkerError(message.error));
    this.pump();
  }

  /** Put a fresh worker in `slot`'s place, failing the search it was running. */
  private replace(slot: Slot, reason: string, error?: Error): void {
    const at = this.slots.indexOf(slot);
    if (at < 0) return;
    const job = slot.job;
    free(slot);
    slot.worker.removeAllListeners();
    this.stopping++;
    void slot.worker.terminate().finally(() => {
      this.stopping--;
      this.release();
    });
    this.slots.splice(at, 1);
    job?.reject(error ?? new Error(`search worker failed: ${reason}`));
    if (!this.closed) {
      this.settings.onEvent?.({ event: 'worker-replaced', message: reason });
      this.slots.push(this.spawn());
    }
    this.wake();
    this.pump();
  }

  /** Start waiting searches on idle workers, heavy ones within their limit. */
  private pump(): void {
    for (let at = 0; at < this.queue.length; ) {
      const job = this.queue[at];
      const slot = job && this.idleSlot(job.heavy);
      if (!job || !slot) {
        at++;
        continue;
      }
      this.queue.splice(at, 1);
      this.run(slot, job);
    }
  }

  private idleSlot(heavy: boolean): Slot | undefined {
    const heavyRunning = this.slots.filter((slot) => slot.job?.heavy).length;
    if (heavy && heavyRunning >= this.heavyLimit) return undefined;
    return this.slots.find((slot) => !slot.job);
  }

  private run(slot: Slot, job: Job): void {
    const limit = this.settings.hardLimitMs;
    slot.job = job;
    slot.timer = setTimeout(() => {
      const message = `${describeCall(job.call)} ran past ${limit} ms and was stopped`;
      this.replace(slot, message, new NewsdeskError('SEARCH_TIMEOUT', message));
    }, limit);
    post(
      slot,
      job.present
        ? { type: 'present', id: job.id, ...job.present }
        : { type: 'call', id: job.id, call: job.call },
    );
  }

  /** Resolve `ready()` callers once no worker has a load outstanding. */
  private wake(): void {
    if (!this.slots.every((slot) => slot.loading.length === 0)) return;
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}

function free(slot: Slot): void {
  clearTimeout(slot.timer);
  slot.job = undefined;
  slot.timer = undefined;
}

async function stopSlot(slot: Slot): Promise<void> {
  clearTimeout(slot.timer);
  slot.job?.reject(new Error('the search pool is closed'));
  slot.worker.removeAllListeners();
  await slot.worker.terminate();
}

function post(slot: Slot, message: ToWorker): void {
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
