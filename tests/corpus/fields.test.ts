import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fieldKey, lookupField, mapFields, toCategories, toText } from '../../src/corpus/fields.ts';
import type { RawRecord } from '../../src/types.ts';

const TEXT_FIELDS = ['recordId', 'title', 'body', 'date', 'source', 'url', 'author'] as const;

/** Every mapped field has the type the contract promises, and nothing else is there. */
function expectWellFormedRecord(record: RawRecord): void {
  const allowed = new Set<string>([...TEXT_FIELDS, 'category']);
  for (const key of Object.keys(record)) expect(allowed.has(key), key).toBe(true);
  for (const key of TEXT_FIELDS) {
    const value = record[key];
    if (value !== undefined) expect(typeof value).toBe('string');
  }
  if (record.category !== undefined) {
    expect(record.category.length).toBeGreaterThan(0);
    for (const category of record.category) expect(typeof category).toBe('string');
  }
}

describe('mapFields', () => {
  it.each([
    ['title', { title: 'Oil up' }, { title: 'Oil up' }],
    ['headline', { headline: 'Oil up' }, { title: 'Oil up' }],
    ['upper-case Headline', { HEADLINE: 'Oil up' }, { title: 'Oil up' }],
    ['text', { text: 'Body.' }, { body: 'Body.' }],
    ['content', { Content: 'Body.' }, { body: 'Body.' }],
    ['article', { article: 'Body.' }, { body: 'Body.' }],
    ['description', { description: 'Body.' }, { body: 'Body.' }],
    ['published', { published: '2004-06-01' }, { date: '2004-06-01' }],
    ['publishedAt', { publishedAt: '2004-06-01' }, { date: '2004-06-01' }],
    ['published_at', { published_at: '2004-06-01' }, { date: '2004-06-01' }],
    [
      'pubDate',
      { pubDate: 'Tue, 10 Jun 2003 04:00:00 GMT' },
      { date: 'Tue, 10 Jun 2003 04:00:00 GMT' },
    ],
    ['publisher', { publisher: 'Reuters' }, { source: 'Reuters' }],
    ['site', { site: 'BBC' }, { source: 'BBC' }],
    ['link', { link: 'https://example.com/a' }, { url: 'https://example.com/a' }],
    ['byline', { Byline: 'A. Writer' }, { author: 'A. Writer' }],
    ['section', { section: 'sport' }, { category: ['sport'] }],
    ['topic', { topic: 'crude' }, { category: ['crude'] }],
    ['id', { ID: 'r-7' }, { recordId: 'r-7' }],
  ])('reads the %s field', (_name, input, expected) => {
    expect(mapFields(input)).toEqual(expected);
  });

  it('maps a realistic article record and leaves unknown fields out', () => {
    const record = {
      id: 42,
      headline: 'Port strike ends',
      text: 'Workers returned on Wednesday.\n\nTraffic resumes.',
      publishedAt: '2023-04-12T09:30:00Z',
      publisher: 'Courier',
      url: 'https://example.com/strike',
      author: 'Anna Keller',
      category: 'business, labour',
      wordCount: 7,
      image: { src: 'x.jpg' },
    };
    expect(mapFields(record)).toEqual({
      recordId: '42',
      title: 'Port strike ends',
      body: 'Workers returned on Wednesday.\n\nTraffic resumes.',
      date: '2023-04-12T09:30:00Z',
      source: 'Courier',
      url: 'https://example.com/strike',
      author: 'Anna Keller',
      category: ['business', 'labour'],
    });
  });

  it('takes the body from the first non-empty field in order of preference', () => {
    const record = { description: 'Summary', content: 'Content', text: '  ', body: '' };
    expect(mapFields(record).body).toBe('Content');
  });

  it('prefers title over headline whatever the key order', () => {
    expect(mapFields({ headline: 'Second choice', title: 'First choice' }).title).toBe(
      'First choice',
    );
  });

  it.each([
    ['a number', 2024, '2024'],
    ['an object', { text: 'nested' }, undefined],
    ['an array', ['a', 'b'], undefined],
    ['a boolean', true, undefined],
    ['null', null, undefined],
    ['NaN', Number.NaN, undefined],
  ])('turns %s in a text field into %j', (_name, value, expected) => {
    expect(mapFields({ title: value }).title).toBe(expected);
  });

  it.each([
    ['epoch milliseconds', 1_086_048_000_000, '2004-06-01T00:00:00.000Z'],
    ['a Date', new Date('2004-06-01T10:00:00Z'), '2004-06-01T10:00:00.000Z'],
    ['a date string, kept as it is', ' 26-FEB-1987 15:01:01.79', ' 26-FEB-1987 15:01:01.79'],
    ['an out-of-range number', 1e20, undefined],
    ['an object', { year: 2004 }, undefined],
  ])('reads a date given as %s', (_name, value, expected) => {
    expect(mapFields({ date: value }).date).toBe(expected);
  });

  it.each([
    ['a string', 'sport', ['sport']],
    ['a comma-separated string', ' money-fx, crude ,,gold ', ['money-fx', 'crude', 'gold']],
    ['an array of strings', ['politics', 'uk'], ['politics', 'uk']],
    ['an array with non-strings', ['politics', { x: 1 }, null, 7], ['politics', '7']],
    ['repeated names', 'oil, oil, gas', ['oil', 'gas']],
    ['an empty array', [], undefined],
    ['a blank string', ' , ', undefined],
  ])('reads categories from %s', (_name, value, expected) => {
    expect(mapFields({ category: value }).category).toEqual(expected);
  });

  it('falls back to section when category is empty', () => {
    expect(mapFields({ category: '', section: 'world' }).category).toEqual(['world']);
  });

  it.each([
    ['a string id, trimmed', ' 127 ', '127'],
    ['a number id', 127, '127'],
    ['a blank id', '   ', undefined],
    ['an object id', { value: 1 }, undefined],
  ])('reads %s', (_name, value, expected) => {
    expect(mapFields({ id: value }).recordId).toBe(expected);
  });

  it('ignores __proto__ and constructor keys and never pollutes prototypes', () => {
    const record = JSON.parse(
      '{"__proto__": {"title": "polluted"}, "constructor": {"prototype": {"x": 1}}, "body": "Safe."}',
    ) as Record<string, unknown>;
    const mapped = mapFields(record);
    expect(mapped).toEqual({ body: 'Safe.' });
    expect(Object.getPrototypeOf(mapped)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).title).toBeUndefined();
  });

  it('returns an empty record for an object with no known fields', () => {
    expect(mapFields({ foo: 'bar', count: 3 })).toEqual({});
  });

  it('maps any record object to a well-formed RawRecord without throwing', () => {
    const key = fc.oneof(
      fc.constantFrom(
        'title',
        'Headline',
        'BODY',
        'text',
        'date',
        'publishedAt',
        'id',
        'category',
        'section',
        'url',
        '__proto__',
        'constructor',
        'toString',
      ),
      fc.string(),
    );
    const value = fc.oneof(
      fc.jsonValue(),
      fc.date({ noInvalidDate: false }),
      fc.double(),
      fc.array(fc.string()),
    );
    fc.assert(
      fc.property(fc.dictionary(key, value), (record) => {
        expectWellFormedRecord(mapFields(record));
      }),
    );
  });
});

describe('field helpers', () => {
  it.each([
    ['Published At', 'publishedat'],
    ['pub_date', 'pubdate'],
    ['By-Line', 'byline'],
  ])('folds the field name %j to %j', (name, expected) => {
    expect(fieldKey(name)).toBe(expected);
  });

  it('looks up a field by any of its names', () => {
    expect(lookupField({ Tags: 'oil, opec' }, ['tags'], toCategories)).toEqual(['oil', 'opec']);
    expect(lookupField({ other: 'x' }, ['tags'], toText)).toBeUndefined();
  });
});
