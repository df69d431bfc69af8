/**
 * A segment-writing worker thread: it receives buffers of articles, writes
 * each as a segment (`writeSegment`) and sends it back, its typed arrays
 * transferred rather than copied. Started by `segment-pool.ts` through
 * `startWorker` (src/workers.ts).
 */
import { parentPort } from 'node:worker_threads';
import { createAnalyzer } from '../../analysis/analyzer.ts';
import { transferables } from './segment.ts';
import type { FromSegmentWorker, ToSegmentWorker } from './segment-pool.ts';
import { writeSegment } from './write-segment.ts';

const port = parentPort;
if (!port) throw new Error('segment-worker.ts runs only as a worker thread');

port.on('message', ({ seq, articles, analyzer, options }: ToSegmentWorker) => {
  let answer: FromSegmentWorker;
  try {
    const segment = writeSegment(articles, createAnalyzer(analyzer), options);
    port.postMessage({ seq, segment } satisfies FromSegmentWorker, transferables(segment));
    return;
  } catch (error) {
    answer = { seq, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
});
