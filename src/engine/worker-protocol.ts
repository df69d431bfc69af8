/**
 * The messages between the engine's search pool and its worker threads.
 * Messages are handled in the order sent, so a call sent after a `load`
 * runs on the loaded index.
 */
import type { SearchOptions } from '../search/options.ts';
import type { SearcherAnswer, SearcherCall } from './calls.ts';

/** What a worker is started with. */
export interface WorkerSetup {
  /** Options every search in this worker uses. */
  searchOptions: SearchOptions;
}

export type ToWorker =
  | {
      type: 'load';
      /** A verified snapshot's bytes, in shared memory. */
      snapshot: Uint8Array;
      /** Names the snapshot in error messages. */
      source: string;
    }
  | { type: 'call'; id: number; call: SearcherCall };

/** A thrown error, in a form that crosses threads. */
export interface WorkerError {
  code?: string;
  message: string;
  parameter?: string;
}

export type FromWorker =
  | { type: 'loaded' }
  | { type: 'load-failed'; error: WorkerError }
  | { type: 'result'; id: number; answer: SearcherAnswer }
  | { type: 'failed'; id: number; error: WorkerError };
