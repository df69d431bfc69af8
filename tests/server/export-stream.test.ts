import { EventEmitter } from 'node:events';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type {
  ExportBatch,
  ExportRanking,
  ExportRow,
  ExportRows,
} from '../../src/search/extras/export.ts';
import {
  CSV_COLUMNS,
  type ExportSink,
  encodeRows,
  VALUE_SEPARATOR,
  writeExport,
} from '../../src/server/export-stream.ts';

const hostileText = fc.oneof(
  fc.string({
    unit: fc.constantFrom('"', ',', '\n', '\r', '\r\n', ' ', 'a', 'é', '\t', "'", '=', ';'),
  }),
  fc.string({ unit: 'grapheme' }),
  fc.string(),
);

// Values that hold the separator cannot be told apart in one cell; the JSON Lines keep them apart.
const names = fc.array(
  hostileText.filter((value) => value !== '' && !value.includes(';')),
  { maxLength: 3 },
);

const rowArbitrary: fc.Arbitrary<ExportRow> = fc.record({
  id: hostileText,
  headline: hostileText,
  date: fc.option(hostileText, { nil: null }),
  source: fc.option(hostileText, { nil: null }),
  category: names,
  people: names,
  places: names,
  orgs: names,
  url: fc.option(hostileText, { nil: null }),
  partial: fc.boolean(),
  snippet: hostileText,
});

/** A CSV record's cells read back into a row, as a spreadsheet user would read them. */
function fromCells(cells: string[]): ExportRow {
  const cell = (name: string) =>
    cells[CSV_COLUMNS.findIndex((column) => column.name === name)] ?? '';
  const nullable = (name: string) => (cell(name) === '' ? null : cell(name));
  const list = (name: string) => (cell(name) === '' ? [] : cell(name).split(VALUE_SEPARATOR));
  return {
    id: cell('id'),
    headline: cell('headline'),
    date: nullable('date'),
    source: nullable('source'),
    category: list('category'),
    people: list('people'),
    places: list('places'),
    orgs: list('orgs'),
    url: nullable('url'),
    partial: cell('partial') === 'true',
    snippet: cell('snippet'),
  };
}

/** Empty text and null are one empty cell in CSV. */
const asCsvReads = (row: ExportRow): ExportRow => ({
  ...row,
  date: row.date === '' ? null : row.date,
  source: row.source === '' ? null : row.source,
  url: row.url === '' ? null : row.url,
});

describe('encodeRows', () => {
  it('writes CSV that csv-parse reads back field for field, whatever the headlines hold', () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { maxLength: 6 }), (rows) => {
        const text = encodeRows(rows, 'csv');
        const records: string[][] = parse(text, { relax_column_count: false });
        expect(records.map(fromCells)).toEqual(rows.map(asCsvReads));
      }),
      { seed: 4_2026, numRuns: 400 },
    );
  });

  it('writes one JSON object per line that reads back exactly', () => {
    fc.assert(
      fc.property(fc.array(rowArbitrary, { maxLength: 6 }), (rows) => {
        const lines = encodeRows(rows, 'jsonl').split('\n');
        expect(lines.pop()).toBe('');
        expect(lines.map((line) => JSON.parse(line))).toEqual(rows);
      }),
      { seed: 4_2027, numRuns: 400 },
    );
  });

  it('quotes what needs quoting and ends records with CRLF', () => {
    const row: ExportRow = {
      id: 'a/1',
      headline: 'Oil, "crude" and\nmore',
      date: null,
      source: 'Wire',
      category: ['crude', 'ship'],
      people: [],
      places: ['Kuwait'],
      orgs: ['OPEC', 'Bank of England'],
      url: null,
      partial: false,
      snippet: ' padded ',
    };
    expect(encodeRows([row], 'csv')).toBe(
      'a/1,"Oil, ""crude"" and\nmore",,Wire,crude; ship,,Kuwait,OPEC; Bank of England,,false," padded "\r\n',
    );
  });
});

/** A ranking of `count` made-up rows. */
function ranking(count: number): ExportRanking {
  const docs = Uint32Array.from({ length: count }, (_, i) => i);
  return {
    query: 'q',
    spell: true,
    docs,
    partial: new Uint8Array(count),
    hashes: new Uint32Array(count),
    total: count,
  };
}

const rowsOf = async (batch: ExportBatch): Promise<ExportRows> => ({
  rows: Array.from(batch.docs, (doc) => ({
    id: `n/${doc}`,
    headline: `headline ${doc}`,
    date: null,
    source: null,
    category: [],
    people: [],
    places: [],
    orgs: [],
    url: null,
    partial: false,
    snippet: 'x'.repeat(50),
  })),
  changed: false,
});

/** A sink that reports itself full after every write until `drain()` is called. */
class SlowSink extends EventEmitter implements ExportSink {
  destroyed = false;
  chunks: string[] = [];
  write(chunk: string): boolean {
    this.chunks.push(chunk);
    return false;
  }
  drain(): void {
    this.emit('drain');
  }
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('writeExport', () => {
  it('reads the next batch only once the output has drained, so one batch at most is held', async () => {
    const sink = new SlowSink();
    let reads = 0;
    let inFlight = 0;
    const writing = writeExport(
      ranking(1000),
      async (batch) => {
        reads++;
        return rowsOf(batch);
      },
      sink,
      {
        format: 'jsonl',
        batchSize: 100,
        onBatch: (p) => (inFlight = Math.max(inFlight, p.inFlight)),
      },
    );
    for (let turn = 0; turn < 5; turn++) await tick();
    expect(reads).toBe(1);
    for (let drains = 1; drains <= 9; drains++) {
      sink.drain();
      for (let turn = 0; turn < 5; turn++) await tick();
      expect(reads).toBe(drains + 1);
    }
    expect(await writing).toEqual({ ended: 'complete', written: 1000 });
    expect(inFlight).toBe(100);
    expect(sink.chunks.join('').split('\n')).toHaveLength(1001);
  });

  it('stops before the next batch once aborted, even while waiting for room', async () => {
    const sink = new SlowSink();
    const stop = new AbortController();
    let reads = 0;
    const writing = writeExport(
      ranking(1000),
      async (batch) => {
        reads++;
        return rowsOf(batch);
      },
      sink,
      { format: 'csv', batchSize: 100, signal: stop.signal },
    );
    for (let turn = 0; turn < 5; turn++) await tick();
    sink.drain();
    for (let turn = 0; turn < 5; turn++) await tick();
    stop.abort();
    // The header, then one batch, each waiting for room: the abort comes while waiting after the batch.
    expect(await writing).toEqual({ ended: 'aborted', written: 100 });
    expect(reads).toBe(1);
  });

  it('stops when the output is gone', async () => {
    const sink = new SlowSink();
    const writing = writeExport(ranking(500), rowsOf, sink, { format: 'jsonl', batchSize: 100 });
    for (let turn = 0; turn < 5; turn++) await tick();
    sink.destroyed = true;
    sink.emit('close');
    expect(await writing).toEqual({ ended: 'aborted', written: 100 });
  });

  it('stops at a batch read from another index, writing nothing of it', async () => {
    const sink = new SlowSink();
    sink.write = (chunk) => {
      sink.chunks.push(chunk);
      return true;
    };
    let reads = 0;
    const outcome = await writeExport(
      ranking(500),
      async (batch) => (++reads === 3 ? { rows: [], changed: true } : rowsOf(batch)),
      sink,
      { format: 'jsonl', batchSize: 100 },
    );
    expect(outcome).toEqual({ ended: 'index-changed', written: 200 });
    expect(sink.chunks.join('').split('\n')).toHaveLength(201);
  });

  it('writes the CSV header first, even for no rows', async () => {
    const sink = new SlowSink();
    sink.write = (chunk) => {
      sink.chunks.push(chunk);
      return true;
    };
    expect(await writeExport(ranking(0), rowsOf, sink, { format: 'csv' })).toEqual({
      ended: 'complete',
      written: 0,
    });
    expect(sink.chunks.join('')).toBe(`${CSV_COLUMNS.map((column) => column.name).join(',')}\r\n`);
  });
});
