import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvParser, tsvParser } from '../../../src/corpus/formats/csv.ts';
import type { ParseOutput, SourceFile } from '../../../src/types.ts';
import { expectParserOutput } from '../../helpers/parser-output.ts';
import { sourceFile } from '../../helpers/source-file.ts';

const source = sourceFile;

function fixture(name: string): SourceFile {
  const text = readFileSync(new URL(`../../fixtures/csv/${name}`, import.meta.url), 'utf8');
  return source(`csv/${name}`, text);
}

/** Records and problems have the contract's shape: typed fields, positive lines, a reason. */
function expectWellFormed(output: ParseOutput): void {
  expect(output.shape).toBe('records');
  expectParserOutput(output, {
    kind: 'invalid-csv',
    recordLines: 'required',
    problemLines: 'required',
  });
  for (const record of output.records) expect(record.recordId).toMatch(/\S/);
}

describe('csvParser', () => {
  it('reads .csv files', () => {
    expect(csvParser.extensions).toEqual(['csv']);
  });

  it('reads one record per row, naming columns from the header row', () => {
    const output = csvParser.parse(fixture('newsroom-export.csv'));
    expect(output.shape).toBe('records');
    expect(output.problems).toEqual([]);
    expect(output.records[0]).toEqual({
      recordId: 'n-1',
      line: 2,
      title: 'Markets rally as inflation cools',
      body: 'Shares rose across Europe on Friday after figures showed inflation slowing to 2.9%.\n\nAnalysts said the data made a rate cut in June more likely.',
      date: '2024-04-12',
      source: 'Financial Wire',
      category: ['markets', 'economy'],
      author: 'Lena Ortiz',
    });
  });

  it('gives each record the line where it starts, past multi-line quoted fields', () => {
    const output = csvParser.parse(fixture('newsroom-export.csv'));
    expect(output.records.map((record) => [record.recordId, record.line])).toEqual([
      ['n-1', 2],
      ['n-2', 5],
      ['n-3', 6],
    ]);
  });

  it('unescapes doubled quotes and keeps a stray quote inside an unquoted field', () => {
    const [, ferry, library] = csvParser.parse(fixture('newsroom-export.csv')).records;
    expect(ferry?.title).toBe('Ferry service "suspended indefinitely"');
    expect(ferry?.author).toBeUndefined();
    expect(library?.body).toContain('a 5" display wall');
  });

  it('a CSV row with a missing column becomes a problem naming its line', () => {
    const output = csvParser.parse(fixture('damaged-export.csv'));
    expect(output.problems).toContainEqual({
      kind: 'invalid-csv',
      line: 3,
      record: '2',
      reason: 'expected 4 columns (as in the header), found 3',
    });
  });

  it('a CSV row with an extra column becomes a problem naming its line', () => {
    const output = csvParser.parse(fixture('damaged-export.csv'));
    expect(output.problems).toContainEqual({
      kind: 'invalid-csv',
      line: 4,
      record: '3',
      reason: 'expected 4 columns (as in the header), found 5',
    });
  });

  it('an unclosed quote becomes a problem at the line it opens, keeping the rows before it', () => {
    const output = csvParser.parse(fixture('damaged-export.csv'));
    expect(output.records.map((record) => [record.recordId, record.line])).toEqual([
      ['d-1', 2],
      ['d-4', 6],
    ]);
    expect(output.problems).toHaveLength(3);
    expect(output.problems[2]).toEqual({
      kind: 'invalid-csv',
      line: 8,
      record: '5',
      reason: expect.stringContaining('never closed') as string,
    });
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('counts lines the same with %s line endings', (_name, eol) => {
    const text = ['title,body', 'One,"first', 'second"', '', 'Two,b', 'Three'].join(eol);
    const output = csvParser.parse(source('eol.csv', text));
    expect(output.records.map((record) => [record.title, record.line])).toEqual([
      ['One', 2],
      ['Two', 5],
    ]);
    expect(output.problems).toEqual([expect.objectContaining({ line: 6, record: '3' })]);
  });

  it('numbers rows without an id column by their position, counting skipped rows', () => {
    const output = csvParser.parse(source('plain.csv', 'title,body\nA,a\nB\nC,c\n'));
    expect(output.records.map((record) => record.recordId)).toEqual(['1', '3']);
  });

  it('skips a byte order mark before the header', () => {
    const output = csvParser.parse(source('bom.csv', '\ufeffTitle,Body\nA,a\n'));
    expect(output.records).toEqual([{ recordId: '1', line: 2, title: 'A', body: 'a' }]);
  });

  it('keeps a __proto__ column from touching any prototype', () => {
    const output = csvParser.parse(source('proto.csv', '__proto__,title\n{"x":1},Safe\n'));
    expect(output.records).toEqual([{ recordId: '1', line: 2, title: 'Safe' }]);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it.each([
    ['an empty file', ''],
    ['a header only', 'id,title,body\n'],
    ['blank rows', 'title,body\n\n , \n,\n'],
  ])('returns no records and no problems for %s', (_name, text) => {
    expect(csvParser.parse(source('empty.csv', text))).toEqual({
      shape: 'records',
      records: [],
      problems: [],
    });
  });

  it('never throws and returns well-formed output for any text', () => {
    const csvish = fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r', ' ', 'é', '\t') });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), csvish), (body) => {
        expectWellFormed(csvParser.parse(source('random.csv', `title,body\n${body}`)));
      }),
    );
  });

  it('never throws for any bytes read as text', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        const text = Buffer.from(data).toString('latin1');
        expectWellFormed(csvParser.parse(source('bytes.csv', text)));
      }),
    );
  });

  it('reads back any table of records it is given, at the right lines', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', ' ', 'ü') });
    const rows = fc.array(fc.tuple(cell, cell), { minLength: 1, maxLength: 8 });
    const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;
    fc.assert(
      fc.property(rows, (table) => {
        const lines = table.map(([title, body]) => `${quote(title)},${quote(body)}`);
        const output = csvParser.parse(source('table.csv', `title,body\n${lines.join('\n')}\n`));
        expect(output.problems).toEqual([]);
        let line = 2;
        const kept = table.flatMap(([title, body], index) => {
          const start = line;
          line += (title.match(/\n/g)?.length ?? 0) + (body.match(/\n/g)?.length ?? 0) + 1;
          return `${title}${body}`.trim() === '' ? [] : [{ index, start, title, body }];
        });
        expect(output.records.map((record) => record.line)).toEqual(kept.map((row) => row.start));
        expect(output.records.map((record) => record.recordId)).toEqual(
          kept.map((row) => String(row.index + 1)),
        );
      }),
    );
  });
});

describe('tsvParser', () => {
  it('reads .tsv files', () => {
    expect(tsvParser.extensions).toEqual(['tsv']);
  });

  it('reads tab-separated rows, taking quotes as plain text', () => {
    const output = tsvParser.parse(fixture('agency.tsv'));
    expect(output.records).toEqual([
      expect.objectContaining({
        recordId: '1',
        line: 2,
        title: 'Rail strike called off',
        date: '2024-06-07',
        category: ['transport'],
      }),
      expect.objectContaining({
        recordId: '2',
        line: 3,
        title: '"Yes," says the minister',
        body: 'The minister said "yes" to the plan, then asked for a review.',
      }),
    ]);
  });

  it('a TSV row with a missing column becomes a problem naming its line', () => {
    const output = tsvParser.parse(fixture('agency.tsv'));
    expect(output.problems).toEqual([
      {
        kind: 'invalid-csv',
        line: 4,
        record: '3',
        reason: 'expected 4 columns (as in the header), found 2',
      },
    ]);
  });

  it('never throws and returns well-formed output for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expectWellFormed(tsvParser.parse(source('random.tsv', text)));
      }),
    );
  });
});
