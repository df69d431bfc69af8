import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BOILERPLATE_LINES, isBoilerplate, txtParser } from '../../../src/corpus/formats/txt.ts';
import { splitParagraphs } from '../../../src/corpus/text.ts';
import type { RawRecord, SourceFile } from '../../../src/types.ts';
import { sourceFile } from '../../helpers/source-file.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const SEED = path.resolve(here, '../../../../shared/seed/000_3967b8add1cdc5f9.txt');

const source = sourceFile;

function fixture(relPath: string): SourceFile {
  return source(relPath, readFileSync(path.join(here, '../../fixtures/txt', relPath), 'utf8'));
}

/** The one record of a text file. */
function parseOne(file: SourceFile): RawRecord {
  const output = txtParser.parse(file);
  expect(output.shape).toBe('single');
  expect(output.problems).toEqual([]);
  expect(output.records).toHaveLength(1);
  return output.records[0] ?? {};
}

/** Body paragraphs as the reader will see them. */
const paragraphs = (record: RawRecord): string[] => splitParagraphs(record.body ?? '');

describe('txtParser', () => {
  it('reads .txt and .text files', () => {
    expect(txtParser.extensions).toEqual(['txt', 'text']);
  });

  it('reads the BBC layout: headline, blank line, body, category from the folder', () => {
    const record = parseOne(fixture('business/harbour-profits.txt'));
    expect(record).toMatchObject({
      line: 1,
      title: 'Harbour operator profits rise 12%',
      category: ['business'],
    });
    expect(paragraphs(record)).toEqual([
      'Quarterly profits at the harbour operator NorthPort rose 12% to £48m in the three months to June, helped by record container traffic.',
      'The firm said volumes at its two deep-water terminals were up 9%. Its chief executive said the strike earlier in the year had cost about £3m.',
      'Shares closed 2p higher.',
    ]);
  });

  it('reads the seed layout without repeating the headline or keeping the translation footer', () => {
    const record = parseOne(source('000_3967b8add1cdc5f9.txt', readFileSync(SEED, 'utf8')));
    expect(record.title).toBe('US drone attack hits pro-Iranian forces in Iraq');
    expect(record.category).toBeUndefined();
    const body = paragraphs(record);
    expect(body[0]).toMatch(/^The United States admitted this Tuesday the attack/);
    expect(body.at(-1)).toMatch(/^Washington has around 900 soldiers in Syria/);
    expect(record.body).not.toContain('US drone attack hits pro-Iranian forces in Iraq');
    expect(record.body).not.toMatch(/translated|original source/i);
    expect(body).toHaveLength(11);
  });

  it.each([
    ['an empty file', ''],
    ['a file of blank lines', '\n\n   \n\t\n'],
    ['a file of CRLF blank lines', '\r\n\r\n'],
  ])('gives %s one record with no title or body', (_name, text) => {
    expect(parseOne(source('sport/empty.txt', text))).toEqual({ line: 1 });
  });

  it('gives the blank-lines fixture one record with no title or body', () => {
    expect(parseOne(fixture('blank-lines.txt'))).toEqual({ line: 1 });
  });

  it('takes the first non-empty line as the headline and reports its line', () => {
    const record = parseOne(source('a.txt', '\n\n   Storm   closes\tports  \n\nBody text.'));
    expect(record).toMatchObject({ line: 3, title: 'Storm closes ports' });
    expect(paragraphs(record)).toEqual(['Body text.']);
  });

  it('reads Windows and old Mac line endings', () => {
    const record = parseOne(source('a.txt', 'Headline\r\n\r\nFirst.\r\n\r\nSecond.\rThird.'));
    expect(record.title).toBe('Headline');
    expect(paragraphs(record)).toEqual(['First.', 'Second. Third.']);
  });

  it('drops a repeated headline whatever its case and spacing', () => {
    const record = parseOne(
      source('a.txt', 'Storm closes ports\n\n  STORM  closes PORTS \n\nBody.'),
    );
    expect(paragraphs(record)).toEqual(['Body.']);
  });

  it('keeps a headline repeated later in the body', () => {
    const record = parseOne(
      source('a.txt', 'Storm closes ports\n\nBody.\n\nStorm closes ports\n\nMore.'),
    );
    expect(paragraphs(record)).toEqual(['Body.', 'Storm closes ports', 'More.']);
  });

  it('gives a headline-only file an empty body', () => {
    const record = parseOne(source('a.txt', 'Just a headline\n'));
    expect(record.title).toBe('Just a headline');
    expect(paragraphs(record)).toEqual([]);
  });

  it.each([
    ['', undefined],
    ['sport', ['sport']],
    ['bbc/sport', ['sport']],
  ])('takes the category of folder %j from its last part', (folder, category) => {
    const relPath = folder === '' ? 'a.txt' : `${folder}/a.txt`;
    expect(parseOne(source(relPath, 'Headline\n\nBody.')).category).toEqual(category);
  });

  it('drops boilerplate lines anywhere in the body', () => {
    const text =
      'Headline\n\nFirst.\n\nOriginal Source Link\n\nSecond.\n\nTHIS NEWS ARTICLE HAS BEEN TRANSLATED by a machine';
    expect(paragraphs(parseOne(source('a.txt', text)))).toEqual(['First.', 'Second.']);
  });

  it('never throws and always gives one well-formed record', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.constantFrom('', 'sport'), (text, folder) => {
        const output = txtParser.parse(source(folder ? `${folder}/a.txt` : 'a.txt', text));
        expect(output.problems).toEqual([]);
        expect(output.records).toHaveLength(1);
        const [record] = output.records;
        expect(record?.line).toBeGreaterThan(0);
        if (record?.title !== undefined) expect(record.title).toBe(record.title.trim());
        if (record?.body !== undefined) expect(typeof record.body).toBe('string');
      }),
    );
  });
});

describe('isBoilerplate', () => {
  it.each([
    ['This news article has been translated from the original language to English by', true],
    ['You can visit the original source at the link below.', true],
    ['Original Source Link', true],
    ['   original   source\u00a0link  ', true],
    ['THIS NEWS ARTICLE HAS BEEN TRANSLATED', true],
    ['', false],
    ['   ', false],
    ['The article has been translated into French.', false],
    ['Reporters said you can visit the original source of the leak.', false],
    ['Source: Reuters', false],
    ['original source', false],
  ])('judges %j as boilerplate: %s', (line, expected) => {
    expect(isBoilerplate(line)).toBe(expected);
  });

  it('recognises every listed boilerplate start', () => {
    for (const start of BOILERPLATE_LINES) {
      expect(isBoilerplate(`${start.toUpperCase()} and more`)).toBe(true);
    }
  });
});
