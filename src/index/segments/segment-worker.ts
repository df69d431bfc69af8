/**
 * A segment-writing worker thread: it receives buffers of articles, writes
 * each as a segment (`writeSegment`) and sends it back, its typed arrays
 * transferred rather than copied. Started by `segment-pool.ts` through
 * `startWorker` (src/workers.ts).
 */
import { parentPort } from 'node:worker_threads';
import { createAnalyzer } from '../../analysis/analyzer.ts';
import { createEntityExtractor, type EntityExtractor } from '../../analysis/entities/extract.ts';
import { transferables } from './segment.ts';
import type { FromSegmentWorker, ToSegmentWorker } from './segment-pool.ts';
import { writeSegment } from './write-segment.ts';

const port = parentPort;
if (!port) throw new Error('segment-worker.ts runs only as a worker thread');

// One extractor for the worker's life: the names it classifies are remembered across segments.
port.on('message', answer(createEntityExtractor()));

function answer(extractor: EntityExtractor): (message: ToSegmentWorker) => void {
  return ({ seq, articles, analyzer, options }) => {
    let reply: FromSegmentWorker;
    try {
      const segment = writeSegment(articles, createAnalyzer(analyzer), options, extractor);
      port?.postMessage({ seq, segment } satisfies FromSegmentWorker, transferables(segment));
      return;
    } catch (error) {
      reply = { seq, error: error instanceof Error ? error.message : String(error) };
    }
    port?.postMessage(reply);
  };
}
