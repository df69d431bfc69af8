import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonLinesParser, jsonParser } from '../../../src/corpus/formats/json.ts';
import type { ParseOutput, SourceFile } from '../../../src/types.ts';
import { expectParserOutput } from '../../helpers/parser-output.ts';
import { sourceFile } from '../../helpers/source-file.ts';

const source = sourceFile;

function fixture(name: string): SourceFile {
  const text = readFileSync(new URL(`../../fixtures/json/${name}`, import.meta.url), 'utf8');
  return source(`json/${name}`, text);
}

/** Records and problems have the contract's shape: typed fields, positive lines, a reason. */
function expectWellFormed(output: ParseOutput): void {
  expect(['single', 'records']).toContain(output.shape);
  if (output.shape === 'single') expect(output.records.length).toBeLessThanOrEqual(1);
  expectParserOutput(output, {
    kind: 'invalid-json',
    recordLines: 'optional',
    problemLines: 'optional',
  });
  for (const problem of output.problems) {
    if (problem.record !== undefined) expect(typeof problem.record).toBe('string');
  }
}

describe('jsonParser', () => {
  it('reads .json files', () => {
    expect(jsonParser.extensions).toEqual(['json']);
  });

  it('reads a single article object as one single-shape record', () => {
    const output = jsonParser.parse(fixture('harbour-strike.json'));
    expect(output).toEqual({
      shape: 'single',
      problems: [],
      records: [
        {
          recordId: 'dw-2023-0412',
          title: 'Dock workers end three-day strike at Hamburg port',
          body: expect.stringContaining('returned to work on Wednesday') as string,
          date: '2023-04-12T09:30:00Z',
          source: 'Rhine Valley Courier',
          url: 'https://example.com/news/hamburg-port-strike',
          author: 'Anna Keller',
          category: ['business', 'labour'],
        },
      ],
    });
  });

  it('keeps paragraph breaks in the body', () => {
    const [record] = jsonParser.parse(fixture('harbour-strike.json')).records;
    expect(record?.body).toContain('over pay.\n\nThe union said');
  });

  it('reads an array as one record per object, with the line where each starts', () => {
    const output = jsonParser.parse(fixture('morning-briefing.json'));
    expect(output.shape).toBe('records');
    expect(output.records).toEqual([
      expect.objectContaining({
        recordId: '101',
        line: 2,
        title: 'City council approves new tram line',
        category: ['local', 'transport'],
      }),
      expect.objectContaining({
        recordId: '3',
        line: 11,
        title: 'Heatwave warning issued for the south',
        date: '2024-03-06T08:00:00.000Z',
        category: ['weather'],
      }),
    ]);
  });

  it('turns a non-object array element into a problem naming its position and line', () => {
    const output = jsonParser.parse(fixture('morning-briefing.json'));
    expect(output.problems).toEqual([
      { kind: 'invalid-json', record: '2', line: 10, reason: expect.stringContaining('string') },
    ]);
  });

  it('turns a file that is not JSON into one problem with the parser message and line', () => {
    const output = jsonParser.parse(fixture('truncated-export.json'));
    expect(output.records).toEqual([]);
    expect(output.problems).toHaveLength(1);
    const [problem] = output.problems;
    expect(problem?.kind).toBe('invalid-json');
    expect(problem?.reason).toMatch(/^not valid JSON: .*(Expected|Unexpected)/);
    expect(problem?.line).toBe(4);
  });

  it.each([
    ['an empty file', ''],
    ['a bare number', '42'],
    ['a string', '"headline"'],
    ['null', 'null'],
    ['a truncated object', '{"title": "x"'],
  ])('reports %s as a problem and returns no records', (_name, text) => {
    const output = jsonParser.parse(source('bad.json', text));
    expect(output.records).toEqual([]);
    expect(output.problems).toEqual([
      expect.objectContaining({ kind: 'invalid-json', reason: expect.any(String) }),
    ]);
  });

  it('returns no records and no problems for an empty array', () => {
    expect(jsonParser.parse(source('empty.json', '[]'))).toEqual({
      shape: 'records',
      records: [],
      problems: [],
    });
  });

  it('finds element lines past strings holding brackets, commas and escaped quotes', () => {
    const text = '[{"title": "a [b], \\"c\\" {d}"},\n\n  {"title": "e"}\r\n,{"title": "f"}]';
    expect(jsonParser.parse(source('tricky.json', text)).records.map((r) => r.line)).toEqual([
      1, 3, 4,
    ]);
  });

  it('never throws and returns well-formed output for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expectWellFormed(jsonParser.parse(source('random.json', text)));
      }),
    );
  });

  it('never throws for any bytes read as text', () => {
    const bytes = fc.uint8Array({ maxLength: 300 });
    fc.assert(
      fc.property(bytes, (data) => {
        const text = Buffer.from(data).toString('latin1');
        expectWellFormed(jsonParser.parse(source('bytes.json', text)));
      }),
    );
  });

  it('returns well-formed records for any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const output = jsonParser.parse(source('value.json', JSON.stringify(value, null, 2)));
        expectWellFormed(output);
        if (Array.isArray(value)) {
          expect(output.records.length + output.problems.length).toBe(value.length);
          for (const record of output.records) expect(record.line).toBeDefined();
        }
      }),
    );
  });
});

describe('jsonLinesParser', () => {
  it('reads .jsonl and .ndjson files', () => {
    expect(jsonLinesParser.extensions).toEqual(['jsonl', 'ndjson']);
  });

  it('reads one record per line with its line number, skipping blank lines', () => {
    const output = jsonLinesParser.parse(fixture('wire.jsonl'));
    expect(output.shape).toBe('records');
    expect(output.records).toEqual([
      expect.objectContaining({ recordId: 'w-1', line: 1, date: 'Tue, 10 Jun 2003 04:00:00 GMT' }),
      expect.objectContaining({ recordId: 'w-2', line: 2, body: expect.stringMatching(/^A stop/) }),
      expect.objectContaining({
        recordId: '5',
        line: 6,
        title: 'Drought eases after week of rain',
      }),
    ]);
  });

  it('turns a broken line into a problem naming its line while the other lines come through', () => {
    const output = jsonLinesParser.parse(fixture('wire.jsonl'));
    expect(output.problems).toEqual([
      {
        kind: 'invalid-json',
        line: 4,
        record: '3',
        reason: expect.stringMatching(/^not valid JSON/),
      },
      { kind: 'invalid-json', line: 5, record: '4', reason: expect.stringContaining('an array') },
    ]);
  });

  it('reads CRLF line endings', () => {
    const output = jsonLinesParser.parse(fixture('regional.ndjson'));
    expect(output.problems).toEqual([]);
    expect(output.records.map((record) => [record.line, record.title])).toEqual([
      [1, 'Election turnout hits record'],
      [2, 'Port reopens after storm'],
    ]);
  });

  it.each([
    ['a number', '7', 'a number'],
    ['null', 'null', 'null'],
    ['a string', '"text"', 'a string'],
  ])('reports a line holding %s', (_name, line, described) => {
    const output = jsonLinesParser.parse(source('x.jsonl', `{"title": "ok"}\n${line}\n`));
    expect(output.records).toHaveLength(1);
    expect(output.problems).toEqual([
      expect.objectContaining({ line: 2, reason: expect.stringContaining(described) }),
    ]);
  });

  it('never throws and returns well-formed output for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expectWellFormed(jsonLinesParser.parse(source('random.jsonl', text)));
      }),
    );
  });

  it('returns one record or one problem per non-blank line of random JSON values', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.jsonValue(), fc.object())), (values) => {
        const text = values.map((value) => JSON.stringify(value) ?? '').join('\n');
        const output = jsonLinesParser.parse(source('values.jsonl', text));
        expectWellFormed(output);
        const lines = text.split('\n').filter((line) => line.trim() !== '').length;
        expect(output.records.length + output.problems.length).toBe(lines);
      }),
    );
  });
});
