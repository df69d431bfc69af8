/**
 * CSV and TSV articles: a header row names the columns, each further row is
 * one article, its fields mapped by `mapFields`. Parsing is csv-parse's; rows
 * are taken one at a time through its `on_record` / `on_skip` hooks so that a
 * bad row becomes a problem naming its line while the other rows still come
 * through, and the rows read before a fatal error are kept. Rows without an
 * `id` column get their 1-based data-row number as `recordId`, so a broken
 * row never renumbers the rows after it.
 *
 * Line numbers are computed here from csv-parse's byte offsets: its own
 * `lines` counter names the line where a record ends, and counts a CRLF
 * inside a quoted field twice.
 */
import { type CsvError, type Options, parse } from 'csv-parse/sync';
import { describeError } from '../../errors.ts';
import type {
  FormatParser,
  ParseOutput,
  ParseProblem,
  RawRecord,
  SourceFile,
} from '../../types.ts';
import { mapFields } from '../fields.ts';
import { lineAt } from '../text.ts';

const CSV_OPTIONS: Options = {
  bom: true,
  // Keep stray quotes inside fields (`5" screen`, `"Yes" he said`) as text.
  relax_quotes: true,
  // Rows of the wrong width reach `on_record`, which reports and skips them.
  relax_column_count: true,
  // Anything else wrong with a row (an unclosed quote) goes to `on_skip`.
  skip_records_with_error: true,
  skip_empty_lines: true,
};

/**
 * TSV as IANA `text/tab-separated-values` defines it: no quoting, so a `"`
 * is plain text and one line is one row.
 */
const TSV_OPTIONS: Options = { ...CSV_OPTIONS, delimiter: '\t', quote: false };

export const csvParser: FormatParser = {
  name: 'csv',
  extensions: ['csv'],
  parse: (file) => parseDelimited(file, CSV_OPTIONS),
};

export const tsvParser: FormatParser = {
  name: 'tsv',
  extensions: ['tsv'],
  parse: (file) => parseDelimited(file, TSV_OPTIONS),
};

/** What the row hooks gather while csv-parse runs. */
interface RowState {
  bytes: Buffer;
  lineStarts: number[];
  /** Byte offset just past the last row read. */
  cursor: number;
  header: string[] | undefined;
  /** 1-based data row number, counting rows skipped as blank or as problems. */
  position: number;
  records: RawRecord[];
  problems: ParseProblem[];
}

function parseDelimited(file: SourceFile, options: Options): ParseOutput {
  const bytes = Buffer.from(file.text, 'utf8');
  const state: RowState = {
    bytes,
    lineStarts: lineStartsOf(bytes),
    cursor: 0,
    header: undefined,
    position: 0,
    records: [],
    problems: [],
  };
  try {
    parse(bytes, {
      ...options,
      on_record: (fields: string[], context) => {
        takeRow(state, fields, context.bytes);
        return null;
      },
      on_skip: (error) => {
        reportSkipped(state, error);
        return undefined;
      },
    });
  } catch (error) {
    state.problems.push({
      kind: 'invalid-csv',
      line: nextRowLine(state),
      reason: `the file could not be parsed from here on: ${messageOf(error)}`,
    });
  }
  return { shape: 'records', records: state.records, problems: state.problems };
}

/**
 * The header row, or one data row: a record, a column-count problem, or
 * nothing when every field is blank (a spreadsheet's trailing `,,,` rows).
 */
function takeRow(state: RowState, fields: string[], endOffset: number): void {
  const line = nextRowLine(state);
  state.cursor = endOffset;
  if (state.header === undefined) {
    state.header = fields;
    return;
  }
  state.position += 1;
  if (fields.every((field) => field.trim() === '')) return;
  const record = String(state.position);
  const expected = state.header.length;
  if (fields.length !== expected) {
    const reason = `expected ${expected} columns (as in the header), found ${fields.length}`;
    state.problems.push({ kind: 'invalid-csv', line, record, reason });
    return;
  }
  const mapped = mapFields(rowObject(state.header, fields));
  state.records.push({ ...mapped, recordId: mapped.recordId ?? record, line });
}

/** A row csv-parse could not read (in practice an unclosed quote, which ends the file). */
function reportSkipped(state: RowState, error: CsvError | undefined): void {
  const reason =
    error?.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'a quoted field opened on this line is never closed'
      : `the row could not be parsed: ${messageOf(error)}`;
  const problem: ParseProblem = { kind: 'invalid-csv', line: nextRowLine(state), reason };
  if (state.header !== undefined) problem.record = String(state.position + 1);
  state.problems.push(problem);
}

/** Column name → field, first of repeated names winning; own keys only. */
function rowObject(header: string[], fields: string[]): Record<string, unknown> {
  const entries = new Map<string, string>();
  header.forEach((name, index) => {
    if (!entries.has(name)) entries.set(name, fields[index] ?? '');
  });
  return Object.fromEntries(entries);
}

/** The line where the next row starts: past the cursor and any empty lines. */
function nextRowLine(state: RowState): number {
  let offset = state.cursor;
  while (state.bytes[offset] === 0x0a || state.bytes[offset] === 0x0d) offset++;
  return lineAt(state.lineStarts, offset);
}

/** Byte offsets where each line starts (`\n`, `\r\n` and `\r` end lines). */
function lineStartsOf(bytes: Buffer): number[] {
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (byte === 0x0a || (byte === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
  }
  return starts;
}

function messageOf(error: unknown): string {
  return describeError(error).replace(/\s+/g, ' ').trim();
}
