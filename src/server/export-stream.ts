/**
 * Writing an export: a ranking's rows read a batch at a time and written as
 * CSV or JSON Lines, waiting for the output to drain whenever it says it is
 * full, so that no more than one batch of rows is held at once however slow
 * the reader. Shared by `/api/search.csv|jsonl` and `newsdesk search --all`.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stringify } from 'csv-stringify/sync';
import {
  batchOf,
  type ExportBatch,
  type ExportRanking,
  type ExportRow,
  type ExportRows,
} from '../search/extras/export.ts';

export type ExportFormat = 'csv' | 'jsonl';

/** Most rows one export writes unless the operator says otherwise (`serve --export-cap`, `search --cap`). */
export const DEFAULT_EXPORT_CAP = 100_000;

export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'jsonl'];

/** Each format's Content-Type. */
export const EXPORT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  jsonl: 'application/x-ndjson; charset=utf-8',
};

/** A CSV column: its header and its text in a row. */
interface Column {
  name: string;
  value: (row: ExportRow) => string;
}

/** Several values in one CSV cell (categories, people, places, organisations): joined by this. */
export const VALUE_SEPARATOR = '; ';

/** The CSV columns, in order; JSON Lines carries the row as it is. */
export const CSV_COLUMNS: readonly Column[] = [
  { name: 'id', value: (row) => row.id },
  { name: 'headline', value: (row) => row.headline },
  { name: 'date', value: (row) => row.date ?? '' },
  { name: 'source', value: (row) => row.source ?? '' },
  { name: 'category', value: (row) => row.category.join(VALUE_SEPARATOR) },
  { name: 'people', value: (row) => row.people.join(VALUE_SEPARATOR) },
  { name: 'places', value: (row) => row.places.join(VALUE_SEPARATOR) },
  { name: 'orgs', value: (row) => row.orgs.join(VALUE_SEPARATOR) },
  { name: 'url', value: (row) => row.url ?? '' },
  { name: 'partial', value: (row) => (row.partial ? 'true' : 'false') },
  { name: 'snippet', value: (row) => row.snippet },
];

/**
 * RFC 4180 records (CRLF ends); a field with a comma, quote or any line break
 * is quoted (csv-stringify quotes lone CR and LF only when told to once the
 * record delimiter is set), and so is one with spaces at an edge, which some
 * readers trim.
 */
const CSV_OPTIONS = {
  eof: true,
  record_delimiter: '\r\n',
  quote_record_delimiter: true,
  quoted_match: /^\s|\s$/,
} as const;

/** The CSV header line. */
export function csvHeader(): string {
  return stringify([CSV_COLUMNS.map((column) => column.name)], CSV_OPTIONS);
}

/** `rows` as text in `format` (CSV without its header; JSON Lines one object a line). */
export function encodeRows(rows: readonly ExportRow[], format: ExportFormat): string {
  if (format === 'jsonl') {
    let text = '';
    for (const row of rows) text += `${JSON.stringify(row)}\n`;
    return text;
  }
  if (rows.length === 0) return '';
  const records = rows.map((row) => CSV_COLUMNS.map((column) => column.value(row)));
  return stringify(records, CSV_OPTIONS);
}

/** Where an export is written: a response, or standard output. */
export interface ExportSink {
  /** True once the output is gone (a closed connection, a broken pipe). */
  readonly destroyed: boolean;
  /** As `Writable.write`: false when the output is full (wait for `drain`). */
  write(chunk: string): boolean;
  once(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
  off(event: 'drain' | 'close' | 'error', listener: () => void): unknown;
}

export interface WriteExportOptions {
  format: ExportFormat;
  /**
   * Rows read and written per batch.
   * @example 200
   */
  batchSize?: number;
  /**
   * Told after each batch is handed to the output: rows written so far, and
   * the rows read but not yet written (never more than one batch).
   * @example `({ written }) => bar.update(written)`
   */
  onBatch?: (progress: { written: number; inFlight: number }) => void;
  /**
   * Stops the export before its next batch (a client that went away).
   * @example `controller.signal`
   */
  signal?: AbortSignal;
}

export const DEFAULT_WRITE_EXPORT_OPTIONS = { batchSize: 200 };

/** How an export ended. */
export type ExportOutcome =
  | { ended: 'complete'; written: number }
  | { ended: 'aborted'; written: number }
  | { ended: 'index-changed'; written: number };

/**
 * Write every row of `ranking` to `sink` in `options.format` (CSV with its
 * header), reading each batch through `read` only once the one before is
 * written and the sink has room.
 */
export async function writeExport(
  ranking: ExportRanking,
  read: (batch: ExportBatch) => Promise<ExportRows>,
  sink: ExportSink,
  options: WriteExportOptions,
): Promise<ExportOutcome> {
  const { format, onBatch, signal } = options;
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_WRITE_EXPORT_OPTIONS.batchSize);
  let room = format === 'csv' ? sink.write(csvHeader()) : true;
  let written = 0;
  for (let start = 0; start < ranking.docs.length; start += batchSize) {
    // Each batch in a turn of its own: read inline, a batch never waits for I/O, and a fast
    // client's socket never says it is full, so without this an export would hold the event loop.
    if (room) await nextTurn();
    else await drained(sink, signal);
    if (signal?.aborted || sink.destroyed) return { ended: 'aborted', written };
    const { rows, changed } = await read(batchOf(ranking, start, start + batchSize));
    if (changed) return { ended: 'index-changed', written };
    if (signal?.aborted || sink.destroyed) return { ended: 'aborted', written };
    onBatch?.({ written, inFlight: rows.length });
    room = sink.write(encodeRows(rows, format));
    written += rows.length;
    onBatch?.({ written, inFlight: 0 });
  }
  return { ended: 'complete', written };
}

/** Resolves once `sink` has room again, or is closed, fails or `signal` aborts. */
function drained(sink: ExportSink, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted || sink.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let waiting = true;
    const done = () => {
      if (!waiting) return;
      waiting = false;
      sink.off('drain', done);
      sink.off('close', done);
      sink.off('error', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    sink.once('drain', done);
    sink.once('close', done);
    sink.once('error', done);
    signal?.addEventListener('abort', done, { once: true });
  });
}
