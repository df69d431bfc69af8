/**
 * The messages between the engine's search pool and its worker threads.
 * Messages are handled in the order sent, so a call sent after a `load`
 * runs on the loaded index.
 */
import type { SearchOptions } from '../search/options.ts';
import type { ContentCoding } from '../server/encoding.ts';
import type { Presentation } from '../server/present.ts';
import type { Reply } from '../server/reply.ts';
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
      /**
       * When the bytes end before the stored text: the snapshot file's open
       * descriptor (threads share the process's descriptors) and its size,
       * the text read from it a block at a time.
       */
      file?: SharedFile;
    }
  | { type: 'call'; id: number; call: SearcherCall }
  | {
      type: 'present';
      id: number;
      presentation: Presentation;
      /** How to compress the reply where that pays (none when absent). */
      coding?: ContentCoding;
    };

/** A snapshot file open in this process, as a worker is told of it. */
export interface SharedFile {
  fd: number;
  bytes: number;
}

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
  /** A presented answer; its body's buffer is transferred, not copied. */
  | { type: 'presented'; id: number; reply: Reply }
  | { type: 'failed'; id: number; error: WorkerError };
