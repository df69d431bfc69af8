/**
 * The fast reader gives exactly what the reference reader (the code before it
 * was made fast, tests/helpers/reference-reader.ts) gives: fast-check (seeded)
 * over awkward text, dates, field maps, JSON Lines files and raw records.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toArticles } from '../../src/corpus/articles.ts';
import { parseDate } from '../../src/corpus/dates.ts';
import { decodeBytes } from '../../src/corpus/decode.ts';
import { fieldKey, mapFields } from '../../src/corpus/fields.ts';
import { jsonLinesParser, jsonParser } from '../../src/corpus/formats/json.ts';
import { isCleanText, normalizeInline, toParagraphs } from '../../src/corpus/text.ts';
import type { ParseOutput, ParseProblem, RawRecord } from '../../src/types.ts';
import {
  referenceDecodeBytes,
  referenceFieldKey,
  referenceJsonLinesParser,
  referenceJsonParser,
  referenceMapFields,
  referenceNormalizeInline,
  referenceParseDate,
  referenceToArticles,
  referenceToParagraphs,
} from '../helpers/reference-reader.ts';
import { anyText } from '../helpers/text-arbitraries.ts';

const SEED = 20260112;
const RUNS = { seed: SEED, numRuns: 2000 };

/** Every white space JavaScript or the reader knows, and the characters next to its ranges. */
const SPACES = [
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  '\n\n\n',
  '\r',
  '\r\n',
  '\n\r\n',
  '\r\n\r\n',
  '\n \n',
  '\n\t\u00a0\n',
  '\v',
  '\f',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u200a',
  '\u200b',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
];
const MARKS_AND_CONTROLS = [
  '\u0000',
  '\u0007',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u0300',
  '\u0301',
  '\u0316',
  '\u0301'.repeat(31),
  '\u0301\u0316'.repeat(20),
  '\u093c',
  '\u20d7',
  '\ud800',
  '\udfff',
];
/** Characters the fast path lets through, and their neighbours outside it. */
const EDGES = [
  'a',
  'Z',
  '!',
  '~',
  '£',
  'é',
  '\u00a1',
  '\u00ad',
  '\u02ff',
  'ǅ',
  '\u2010',
  '’',
  '…',
  '\u2027',
  '\u200f',
  '\u2030',
  '€',
  '\u20ab',
  '\u20ad',
  'Å',
  '\u212b',
  'ﬁ',
  '한',
  '\u1100\u1161',
  '👍🏽',
];
const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...SPACES) },
  { weight: 2, arbitrary: fc.constantFrom(...MARKS_AND_CONTROLS) },
  { weight: 3, arbitrary: fc.constantFrom(...EDGES) },
  { weight: 4, arbitrary: fc.constantFrom('Oil', 'prices', 'rose', 'U.S.', '2,500', 'a', '') },
  { weight: 1, arbitrary: anyText },
);
/** Text built of awkward pieces: all kinds of white space, marks, controls, CR/LF mixes. */
const awkwardText = fc.array(piece, { maxLength: 40 }).map((pieces) => pieces.join(''));
/** Mostly clean text, so both the fast path and the edge right next to it are tried. */
const nearlyClean = fc
  .array(fc.constantFrom('Oil', 'prices', '£5', 'café', '€1', '“up”', '—', ' ', '\n\n'), {
    maxLength: 30,
  })
  .chain((words) =>
    fc.tuple(fc.constant(words.join('')), fc.constantFrom('', ' ', '\n', '\u00a0', '\u0301')),
  )
  .map(([text, spoiler]) => text + spoiler);
const text = fc.oneof(awkwardText, nearlyClean);

describe('normalizeInline and toParagraphs', () => {
  it('normalize any text exactly as the reference does', () => {
    fc.assert(
      fc.property(text, (input) => {
        expect(normalizeInline(input)).toBe(referenceNormalizeInline(input));
        expect(toParagraphs(input)).toBe(referenceToParagraphs(input));
      }),
      RUNS,
    );
  });

  it('normalize every UTF-16 code unit, alone and between letters, as the reference does', () => {
    const differing: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      for (const input of [char, `a${char}b`, `a\n\n${char}\n\nb`]) {
        const same =
          normalizeInline(input) === referenceNormalizeInline(input) &&
          toParagraphs(input) === referenceToParagraphs(input);
        if (!same) differing.push(JSON.stringify(input));
      }
    }
    expect(differing).toEqual([]);
  });

  it('let through only pairs of characters that NFC leaves as they are', () => {
    const stable: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const char = String.fromCharCode(code);
      if (isCleanText(char, false)) stable.push(char);
    }
    expect(stable.length).toBeGreaterThan(700);
    for (const first of stable) {
      for (const second of stable) {
        const pair = first + second;
        if (pair.normalize('NFC') !== pair) expect.fail(`NFC changes ${JSON.stringify(pair)}`);
      }
    }
  });

  it('take the full path for text too long for the clean-text regexes, with the same result', () => {
    const words = 'Oil prices rose. '.repeat(200_000).trim();
    const long = `${words}\n\n${words}`;
    expect(isCleanText(long, true)).toBe(false);
    expect(toParagraphs(long)).toBe(long);
    expect(normalizeInline(words)).toBe(words);
  });
});

/** Date-like strings: canonical UTC times with any digits, other ISO forms, wire forms, noise. */
const digits = (count: number) =>
  fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: count, maxLength: count })
    .map((d) => d.join(''));
const isoLike = fc
  .tuple(
    digits(4),
    fc.constantFrom('01', '02', '04', '12', '13', '00', ...['1', '2'].map((d) => `0${d}`)),
    fc.oneof(digits(2), fc.constantFrom('28', '29', '30', '31', '32')),
    fc.oneof(digits(2), fc.constantFrom('23', '24')),
    fc.oneof(digits(2), fc.constantFrom('59', '60')),
    fc.oneof(digits(2), fc.constantFrom('59', '60')),
    fc.constantFrom('.000Z', '.999Z', '.5Z', 'Z', '', '+01:00', '.123+02:00', 'z', '.000'),
    fc.constantFrom('T', 't', ' '),
    fc.constantFrom('', ' ', '\n'),
  )
  .map(
    ([y, mo, d, h, mi, s, tail, t, pad]) => `${pad}${y}-${mo}-${d}${t}${h}:${mi}:${s}${tail}${pad}`,
  );
const dateText = fc.oneof(
  isoLike,
  fc.constantFrom(
    '2004-06-01',
    '2004-02-30',
    '26-FEB-1987 15:01:01.79',
    '31-MAR-1987 605:12:19.12',
    'Tue, 10 Jun 2003 04:00:00 GMT',
    '+012004-01-01T00:00:00.000Z',
    '٢٠٠٤-01-01T00:00:00.000Z',
  ),
  fc.string({ maxLength: 30 }),
);

describe('parseDate', () => {
  it('reads any date string exactly as the reference does', () => {
    fc.assert(
      fc.property(fc.option(dateText, { nil: undefined }), (value) => {
        expect(parseDate(value)).toBe(referenceParseDate(value));
      }),
      { seed: SEED, numRuns: 5000 },
    );
  });
});

const KEY_NAMES = [
  'id',
  'ID',
  'İd',
  'title',
  'Title',
  'HEADLINE',
  'head_line',
  'body',
  'Text',
  'content',
  'article',
  'description',
  'date',
  'published_at',
  'Pub-Date',
  'pub date',
  'source',
  'site',
  'url',
  'LINK',
  'author',
  'by line',
  'category',
  'Topics',
  'section',
  'tags',
  '__proto__',
  'constructor',
  'K\u0131nd',
];
const fieldValue = fc.oneof(
  text,
  fc.constantFrom('', ' ', 'oil, opec', ' , x ,x'),
  fc.double(),
  fc.integer({ min: -9e15, max: 9e15 }),
  fc.constantFrom(null, true, undefined),
  fc.array(fc.oneof(text, fc.integer(), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
);
const recordObject = fc.dictionary(
  fc.oneof(fc.constantFrom(...KEY_NAMES), fc.string({ maxLength: 8 })),
  fieldValue,
  { maxKeys: 10 },
);

/** Same values and the same key order. */
function expectSameRecord(actual: RawRecord, expected: RawRecord): void {
  expect(actual).toStrictEqual(expected);
  expect(Object.keys(actual)).toEqual(Object.keys(expected));
}

describe('mapFields and fieldKey', () => {
  it('map any record object exactly as the reference does, keys in the same order', () => {
    fc.assert(
      fc.property(recordObject, (record) => {
        expectSameRecord(mapFields(record), referenceMapFields(record));
        for (const key of Object.keys(record)) expect(fieldKey(key)).toBe(referenceFieldKey(key));
      }),
      RUNS,
    );
  });
});

/** A JSON Lines file of record objects and broken lines, with LF or CRLF line ends. */
const jsonLinesFile = fc
  .array(
    fc.oneof(
      { weight: 6, arbitrary: recordObject.map((record) => JSON.stringify(record)) },
      { weight: 1, arbitrary: fc.constantFrom('', '  ', '[1]', '{"title": "cut', 'null', '{}') },
    ),
    { maxLength: 12 },
  )
  .chain((lines) => fc.tuple(fc.constant(lines), fc.constantFrom('\n', '\r\n')))
  .map(([lines, end]) => lines.join(end));

/** Records as parsers give them: every field free-form text, lines and ids optional. */
const rawRecord: fc.Arbitrary<RawRecord> = fc.record(
  {
    recordId: fc.constantFrom('1', ' 7 ', '', 'a:b'),
    line: fc.nat({ max: 99 }),
    title: text,
    body: text,
    date: dateText,
    source: text,
    url: fc.constantFrom(' http://x/ ', '', ' '),
    author: text,
    category: fc.array(text, { maxLength: 3 }),
    places: fc.array(fc.constantFrom('usa', ' usa', 'uk\u00a0', ''), { maxLength: 3 }),
  },
  { requiredKeys: [] },
);

describe('JSON files and records to articles', () => {
  it('parse any JSON Lines or JSON file exactly as the reference does', () => {
    fc.assert(
      fc.property(jsonLinesFile, (content) => {
        const file = { relPath: 'wire/x.jsonl', folder: 'wire', text: content };
        expect(jsonLinesParser.parse(file)).toStrictEqual(referenceJsonLinesParser.parse(file));
        const array = { ...file, text: `[${content.split(/\r?\n/).filter(Boolean).join(',\n')}]` };
        expect(jsonParser.parse(array)).toStrictEqual(referenceJsonParser.parse(array));
      }),
      { seed: SEED, numRuns: 500 },
    );
  });

  it('turn any raw records into exactly the reference articles and problems', () => {
    const output = fc.record({
      shape: fc.constantFrom<ParseOutput['shape']>('single', 'records'),
      records: fc.array(rawRecord, { maxLength: 4 }),
      problems: fc.constantFrom<ParseProblem[][]>([], [{ kind: 'invalid-json', reason: 'cut' }]),
    });
    fc.assert(
      fc.property(output, (parsed) => {
        expect(toArticles(parsed, 'wire/x.jsonl', 'wire/x')).toStrictEqual(
          referenceToArticles(parsed, 'wire/x.jsonl', 'wire/x'),
        );
      }),
      { seed: SEED, numRuns: 1000 },
    );
  });
});

describe('decodeBytes', () => {
  it('decodes any bytes, gzipped or not, exactly as the reference does', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      text.map((value) => new TextEncoder().encode(value)),
    );
    fc.assert(
      fc.property(bytes, fc.boolean(), (data, truncate) => {
        expect(decodeBytes(data, false)).toStrictEqual(referenceDecodeBytes(data, false));
        const zipped = gzipSync(data);
        const input = truncate ? zipped.subarray(0, zipped.length - 3) : zipped;
        expect(decodeBytes(input, true)).toStrictEqual(referenceDecodeBytes(input, true));
      }),
      { seed: SEED, numRuns: 200 },
    );
  });
});

describe('decodeBytes on gzip whose trailer understates the size', () => {
  const first = gzipSync('Oil prices rose.\n'.repeat(5000));
  const second = gzipSync('Shares fell.\n');
  it.each([
    ['two members (the trailer gives the last one’s size)', Buffer.concat([first, second])],
    ['a member followed by garbage', Buffer.concat([first, Buffer.from('not gzip')])],
    ['an empty member', gzipSync('')],
  ])('decodes %s as the reference does', (_name, bytes) => {
    expect(decodeBytes(bytes, true)).toStrictEqual(referenceDecodeBytes(bytes, true));
  });
});
