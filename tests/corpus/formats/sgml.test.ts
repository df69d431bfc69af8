import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecord, sgmlParser } from '../../../src/corpus/formats/sgml.ts';
import type { ParseOutput, RawRecord, SourceFile } from '../../../src/types.ts';
import { expectStringFields } from '../../helpers/parser-output.ts';
import { sourceFile } from '../../helpers/source-file.ts';

const source = sourceFile;

function fixture(name: string): SourceFile {
  const text = readFileSync(new URL(`../../fixtures/sgml/${name}`, import.meta.url), 'utf8');
  return source(name, text);
}

/** The parsed record with the given NEWID. */
function recordOf(output: ParseOutput, newId: string): RawRecord {
  const record = output.records.find((candidate) => candidate.recordId === newId);
  expect(record).toBeDefined();
  return record ?? {};
}

/** A minimal record around a TEXT element. */
const wrap = (text: string, attributes = 'NEWID="7"'): string =>
  `<REUTERS ${attributes}>\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n${text}\n</REUTERS>\n`;

/** Records with typed fields and lines; problems about SGML with a line and a reason. */
function expectWellFormed(output: ParseOutput, text: string): void {
  const lineCount = text.split('\n').length;
  const opens = text.split('<REUTERS').length - 1;
  expect(output.shape).toBe('records');
  for (const record of output.records) {
    expectStringFields(record);
    for (const value of [...(record.category ?? []), ...(record.places ?? [])]) {
      expect(value).toMatch(/\S/);
    }
    expect(Number.isInteger(record.line)).toBe(true);
    expect(record.line).toBeGreaterThan(0);
    expect(record.line).toBeLessThanOrEqual(lineCount);
  }
  for (const problem of output.problems) {
    expect(problem.kind).toBe('invalid-sgml');
    expect(problem.reason).toMatch(/\S/);
    expect(Number.isInteger(problem.line)).toBe(true);
    expect(problem.line).toBeGreaterThan(0);
    expect(problem.line).toBeLessThanOrEqual(lineCount);
    if (problem.record !== undefined) expect(problem.record).toMatch(/\S/);
  }
  // Every <REUTERS opening is either a record or a problem; a file without one is one problem.
  if (opens === 0) {
    expect(output.records).toEqual([]);
    expect(output.problems).toHaveLength(1);
  } else {
    expect(output.records.length + output.problems.length).toBe(opens);
  }
}

describe('sgmlParser', () => {
  it('reads .sgm and .sgml files', () => {
    expect(sgmlParser.extensions).toEqual(['sgm', 'sgml']);
  });

  it('reads every record of a well-formed file, without problems', () => {
    const output = sgmlParser.parse(fixture('wire.sgm'));
    expect(output.shape).toBe('records');
    expect(output.problems).toEqual([]);
    expect(output.records.map((record) => record.recordId)).toEqual(['101', '102', '103']);
  });

  it('reads a NORM record: title, body paragraphs, date, topics, places and source', () => {
    const record = recordOf(sgmlParser.parse(fixture('wire.sgm')), '101');
    expect(record).toEqual({
      recordId: '101',
      line: 2,
      title: 'HARBOUR GRAIN EXPORTS RISE <NPT> SAYS',
      body: [
        'Grain exports through the northern harbour rose to 1.2 mln tonnes in February, the port authority <NPT> said.',
        'Wheat made up most of the total, with shipments to Asian buyers up sharply from a year earlier.',
        'The authority said ice conditions had eased & that it expected a busy spring.',
      ].join('\n\n'),
      date: '3-MAR-1987 09:15:30.12',
      source: 'Reuters',
      category: ['grain', 'wheat'],
      places: ['canada', 'usa'],
    });
  });

  it('keeps the dateline, the control references and the Reuter sign-off out of the body', () => {
    const { body } = recordOf(sgmlParser.parse(fixture('wire.sgm')), '101');
    expect(body).not.toContain('WINNIPEG');
    expect(body).not.toMatch(/&#\d+;|Reuter/);
  });

  it('reads a BRIEF record as a title without a body', () => {
    const record = recordOf(sgmlParser.parse(fixture('wire.sgm')), '102');
    expect(record.title).toBe('NORTHPORT SHARES SUSPENDED PENDING STATEMENT');
    expect(record.body).toBeUndefined();
    expect(record.category).toBeUndefined();
    expect(record.places).toEqual(['uk']);
  });

  it('reads an UNPROC record: its raw text is the body, each indented line a paragraph', () => {
    const record = recordOf(sgmlParser.parse(fixture('wire.sgm')), '103');
    expect(record.title).toBeUndefined();
    expect(record.body?.split('\n\n')).toEqual([
      'GRAIN QUOTES - MARCH 3',
      'WHEAT    NO 1 NORTHERN   180.50 UP 1.25',
      'BARLEY   NO 2 FEED       112.00 UNCH',
    ]);
    expect(record.places).toBeUndefined();
  });

  it('reports the line of each record', () => {
    const output = sgmlParser.parse(fixture('wire.sgm'));
    const lines = fixture('wire.sgm').text.split('\n');
    for (const record of output.records) {
      expect(lines[(record.line ?? 0) - 1]).toContain(`NEWID="${record.recordId}"`);
    }
  });

  it('reports a record without </REUTERS> as invalid SGML and still reads the records after it', () => {
    const output = sgmlParser.parse(fixture('broken.sgm'));
    expect(output.records).toHaveLength(1);
    expect(output.records[0]).toMatchObject({
      recordId: '202',
      line: 8,
      title: 'ROTTERDAM PORT TRAFFIC STEADY',
      body: 'Port traffic was steady last week.',
      category: ['ship'],
      places: ['netherlands'],
    });
    expect(output.problems).toEqual([
      expect.objectContaining({ line: 2, kind: 'invalid-sgml', reason: expect.any(String) }),
      expect.objectContaining({ line: 18, kind: 'invalid-sgml', reason: expect.any(String) }),
    ]);
    for (const problem of output.problems) expect(problem.record).toEqual(expect.any(String));
  });

  it.each([
    ['an empty file', ''],
    ['plain text', 'not a Reuters file\n'],
    ['only a doctype', '<!DOCTYPE lewis SYSTEM "lewis.dtd">\n'],
  ])('reports %s as having no records', (_name, text) => {
    const output = sgmlParser.parse(source('x.sgm', text));
    expect(output.records).toEqual([]);
    expect(output.problems).toEqual([
      { line: 1, kind: 'invalid-sgml', reason: expect.stringMatching(/no <REUTERS>/) },
    ]);
  });

  it('passes the DATE string through, trimmed, for the reader to parse', () => {
    const [record] = sgmlParser.parse(source('x.sgm', wrap('<TEXT><BODY>x</BODY></TEXT>'))).records;
    expect(record?.date).toBe('26-FEB-1987 15:01:01.79');
  });

  it('drops wire routing codes that follow the DATE string', () => {
    const text =
      '<REUTERS NEWID="8">\n<DATE>26-FEB-1987 15:01:01.79&#5;&#5;&#5;RM</DATE>\n</REUTERS>';
    const [record] = sgmlParser.parse(source('x.sgm', text)).records;
    expect(record?.date).toBe('26-FEB-1987 15:01:01.79');
  });

  it('leaves the record id out when the record has no NEWID', () => {
    const text = wrap('<TEXT><TITLE>T</TITLE><BODY>x</BODY></TEXT>', 'OLDID="5"');
    const [record] = sgmlParser.parse(source('x.sgm', text)).records;
    expect(record?.recordId).toBeUndefined();
    expect(record?.title).toBe('T');
  });

  it('removes a sign-off whatever its case, and only at the end', () => {
    const text = wrap(
      '<TEXT>&#2;<TITLE>T</TITLE><BODY>Reuter said prices fell.\n    Traders agreed.\n REUTER\n&#3;</BODY></TEXT>',
    );
    const [record] = sgmlParser.parse(source('x.sgm', text)).records;
    expect(record?.body).toBe('Reuter said prices fell.\n\nTraders agreed.');
  });

  it('decodes entities in topics and places and skips empty ones', () => {
    const text = wrap(
      '<TOPICS><D>money-fx</D><D> </D><D>r&amp;d</D></TOPICS><PLACES><D></D></PLACES><TEXT><BODY>x</BODY></TEXT>',
    );
    const [record] = sgmlParser.parse(source('x.sgm', text)).records;
    expect(record?.category).toEqual(['money-fx', 'r&d']);
    expect(record?.places).toBeUndefined();
  });

  it('does not mistake a longer tag for TITLE or BODY', () => {
    const text = wrap('<TEXT><TITLES>no</TITLES><BODYX>no</BODYX><BODY>yes</BODY></TEXT>');
    const [record] = sgmlParser.parse(source('x.sgm', text)).records;
    expect(record?.title).toBeUndefined();
    expect(record?.body).toBe('yes');
  });

  it('reads a record on its own with parseRecord', () => {
    const record = parseRecord(
      '<REUTERS NEWID="9">\n<TEXT><TITLE>A &lt;B&gt;</TITLE><BODY>one\ntwo</BODY></TEXT>\n',
      40,
    );
    expect(record).toMatchObject({ recordId: '9', line: 40, title: 'A <B>', body: 'one two' });
  });

  it('never throws on random text, and its output is well formed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (text) => {
        expectWellFormed(sgmlParser.parse(source('x.sgm', text)), text);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random record-like text, and its output is well formed', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        '<REUTERS NEWID="1">',
        '<REUTERS TOPICS="YES" NEWID="2">',
        '<REUTERS',
        '</REUTERS>',
        '<TEXT>',
        '<TEXT TYPE="BRIEF">',
        '<TEXT TYPE="UNPROC">',
        '</TEXT>',
        '<TITLE>',
        '</TITLE>',
        '<BODY>',
        '</BODY>',
        '<DATE>',
        '</DATE>',
        '<TOPICS>',
        '<PLACES>',
        '</PLACES>',
        '<D>',
        '</D>',
        '&#2;',
        '&#3;',
        '&lt;',
        '&amp;',
        '&#',
        '<',
        '>',
        '"',
        ' Reuter',
        '\n',
        '    ',
      ),
      fc.string({ maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join('');
        expectWellFormed(sgmlParser.parse(source('x.sgm', text)), text);
      }),
      { numRuns: 500 },
    );
  });
});
