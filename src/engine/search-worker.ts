/**
 * A search worker thread: holds its own view of the live index (over the
 * snapshot's shared bytes) and answers searcher calls (searches, completions,
 * articles), so that an expensive one never blocks the server's event loop. Started by `search-pool.ts` through
 * `startWorker` (src/workers.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { isNewsdeskError } from '../errors.ts';
import { indexFromVerifiedBytes } from '../index/snapshot.ts';
import { createSearcher, type Searcher } from '../search/searcher.ts';
import { createPresenter } from '../server/present.ts';
import { transferable } from '../server/reply.ts';
import { answerCall } from './calls.ts';
import type { FromWorker, ToWorker, WorkerError, WorkerSetup } from './worker-protocol.ts';

const port = parentPort;
if (!port) throw new Error('search-worker.ts runs only as a worker thread');
const setup = workerData as WorkerSetup;
let searcher: Searcher | undefined;
const presenter = createPresenter();

port.on('message', (message: ToWorker) => {
  const answer = handle(message);
  // A presented reply's bytes move to the main thread instead of being copied.
  port.postMessage(answer, answer.type === 'presented' ? transferable(answer.reply) : []);
});

function handle(message: ToWorker): FromWorker {
  if (message.type === 'load') {
    // The earlier index goes even if this one fails: its file may be closed once this load is answered.
    searcher = undefined;
    try {
      const index = indexFromVerifiedBytes(message.snapshot, message.source, message.file);
      index.vocabulary.fuzzy('warm', 1);
      searcher = createSearcher(index, setup.searchOptions);
      return { type: 'loaded' };
    } catch (error) {
      return { type: 'load-failed', error: toWorkerError(error) };
    }
  }
  try {
    if (!searcher) throw new Error('no index loaded in this search worker');
    if (message.type === 'present') {
      const reply = presenter.present(searcher, message.presentation, message.coding);
      return { type: 'presented', id: message.id, reply };
    }
    return { type: 'result', id: message.id, answer: answerCall(searcher, message.call) };
  } catch (error) {
    return { type: 'failed', id: message.id, error: toWorkerError(error) };
  }
}

function toWorkerError(error: unknown): WorkerError {
  const message = error instanceof Error ? error.message : String(error);
  if (!isNewsdeskError(error)) return { message };
  return { code: error.code, message, ...(error.parameter ? { parameter: error.parameter } : {}) };
}
