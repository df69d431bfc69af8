/**
 * `GET /api/search.csv` and `/api/search.jsonl`: every result of a search
 * (the parameters of `/api/search`; `page` and `size` are ignored), up to the
 * operator's cap, streamed. The search is ranked once, where searches run,
 * before the reply starts, so its headers say how many rows follow and how
 * many the cap left out; then the rows are read a batch at a time, each batch
 * only once the client has taken the one before (`export-stream.ts`). A client
 * that goes away stops the export before its next batch; an export that
 * cannot finish (the index replaced under it, a worker failing) is cut off
 * without its last chunk, so the client sees an incomplete reply, never a
 * short one passed off as whole.
 */
import { Router } from 'express';
import type { Engine } from '../engine/engine.ts';
import { describeError } from '../errors.ts';
import { type Logger, silentLogger } from '../logger.ts';
import type { ExportRanking } from '../search/extras/export.ts';
import {
  DEFAULT_EXPORT_CAP,
  DEFAULT_WRITE_EXPORT_OPTIONS,
  EXPORT_FORMATS,
  EXPORT_TYPES,
  type ExportFormat,
  writeExport,
} from './export-stream.ts';
import { searchRequestFrom } from './params.ts';

export interface ExportOptions {
  /**
   * Most rows one export writes; the headers say how many more the query has.
   * @example 100_000
   */
  cap?: number;
  /**
   * Rows read and written per batch (the most an export holds at once).
   * @example 200
   */
  batchSize?: number;
  /** Where exports cut off are reported. @example `jsonLogger(process.stderr)` */
  log?: Logger;
  /**
   * Told after each batch of each export (tests count the rows in flight).
   * @example `({ inFlight }) => assert(inFlight <= 200)`
   */
  onBatch?: (progress: { written: number; inFlight: number }) => void;
}

export const DEFAULT_EXPORT_OPTIONS: Required<Omit<ExportOptions, 'onBatch'>> = {
  cap: DEFAULT_EXPORT_CAP,
  batchSize: DEFAULT_WRITE_EXPORT_OPTIONS.batchSize,
  log: silentLogger,
};

/** The export endpoints, for the API router (mounted under `/api`). */
export function exportRouter(engine: Engine, options: ExportOptions = {}): Router {
  const settings = { ...DEFAULT_EXPORT_OPTIONS, ...options };
  const router = Router();
  for (const format of EXPORT_FORMATS) {
    router.get(`/search.${format}`, async (request, response) => {
      const search = searchRequestFrom(request.query);
      const ranking = await engine.exportRanking(search, settings.cap);
      response.status(200);
      for (const [name, value] of exportHeaders(ranking, format, settings.cap)) {
        response.setHeader(name, value);
      }
      if (request.method === 'HEAD') {
        response.end();
        return;
      }
      const stop = new AbortController();
      response.once('close', () => stop.abort());
      const outcome = await writeExport(ranking, (batch) => engine.exportRows(batch), response, {
        format,
        batchSize: settings.batchSize,
        signal: stop.signal,
        ...(settings.onBatch ? { onBatch: settings.onBatch } : {}),
      }).catch((error: unknown) => ({ ended: 'failed' as const, error }));
      if (outcome.ended === 'complete') {
        response.end();
        return;
      }
      if (outcome.ended !== 'aborted') {
        settings.log({
          event: 'export-cut-off',
          reason: outcome.ended === 'failed' ? describeError(outcome.error) : 'index replaced',
        });
      }
      response.destroy();
    });
  }
  return router;
}

const EXPOSED_HEADERS =
  'X-Total-Count, X-Export-Rows, X-Export-Left-Out, X-Export-Cap, X-Corrected-Query';

/**
 * The headers of an export: its type, a file name, and the counts known
 * before the first row (`X-Total-Count`: results of the query; `X-Export-Rows`:
 * rows that follow; `X-Export-Left-Out`: results the cap left out).
 */
export function exportHeaders(
  ranking: ExportRanking,
  format: ExportFormat,
  cap: number,
): [string, string][] {
  const rows = ranking.docs.length;
  return [
    ['Content-Type', EXPORT_TYPES[format]],
    ['Content-Disposition', `attachment; filename="newsdesk-export.${format}"`],
    ['Cache-Control', 'no-store'],
    ['X-Total-Count', String(ranking.total)],
    ['X-Export-Rows', String(rows)],
    ['X-Export-Left-Out', String(ranking.total - rows)],
    ['X-Export-Cap', String(cap)],
    // So that a page on another origin allowed by --cors can read the counts too.
    ['Access-Control-Expose-Headers', EXPOSED_HEADERS],
    ...(ranking.corrected
      ? [['X-Corrected-Query', encodeURIComponent(ranking.corrected.to)] as [string, string]]
      : []),
  ];
}
