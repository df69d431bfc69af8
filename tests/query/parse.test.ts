import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PARSE_OPTIONS, parseQuery } from '../../src/query/parse.ts';
import type { QueryField, QueryNode } from '../../src/types.ts';

type Extra = { field?: QueryField; prefix?: boolean };
const w = (text: string, extra: Extra = {}): QueryNode => ({
  kind: 'word',
  text,
  prefix: false,
  ...extra,
});
const ph = (text: string, field?: QueryField): QueryNode =>
  field === undefined ? { kind: 'phrase', text } : { kind: 'phrase', text, field };
const and = (...children: QueryNode[]): QueryNode => ({ kind: 'and', children });
const or = (...children: QueryNode[]): QueryNode => ({ kind: 'or', children });
const not = (child: QueryNode): QueryNode => ({ kind: 'not', child });

const NOTICE = {
  dash: 'a lone - was ignored',
  star: 'a lone * was ignored (put it right after a word: oil*)',
  or: 'an OR without a word on both sides was ignored',
  quote: 'a closing quote was missing, so the phrase runs to the end of the query',
  emptyQuotes: 'empty quotes were ignored',
  emptyParens: 'empty parentheses were ignored',
  missingParen: 'a missing ) was added at the end of the query',
  extraParen: 'an unmatched ) was ignored',
  deepParens: 'parentheses deeper than 8 levels were ignored',
  cut: 'query cut to 1000 characters',
};

/** Every node of `root`, depth first, in reading order. */
function nodes(root: QueryNode | null): QueryNode[] {
  const out: QueryNode[] = [];
  const stack = root ? [root] : [];
  for (let node = stack.pop(); node; node = stack.pop()) {
    out.push(node);
    if (node.kind === 'not') stack.push(node.child);
    else if (node.kind === 'and' || node.kind === 'or') stack.push(...[...node.children].reverse());
  }
  return out;
}

const clauses = (root: QueryNode | null) =>
  nodes(root).filter((node) => node.kind === 'word' || node.kind === 'phrase');

describe('the query language', () => {
  it.each([
    ['a single word stands alone', 'oil', w('oil')],
    ['juxtaposed words must all match', 'oil prices', and(w('oil'), w('prices'))],
    ['words keep their surface text', 'Elections', w('Elections')],
    [
      'punctuation inside a word stays',
      "U.S. pro-Iranian 2,500 don't",
      and(w('U.S.'), w('pro-Iranian'), w('2,500'), w("don't")),
    ],
    [
      'punctuation at word edges is dropped',
      'oil, gas; (prices)! why?',
      and(w('oil'), w('gas'), w('prices'), w('why')),
    ],
    ['a sentence period is dropped', 'end. U.S.', and(w('end'), w('U.S.'))],
    ['lowercase or is a word', 'oil or gas', and(w('oil'), w('or'), w('gas'))],
    ['RTL words are words', 'مرحبا שלום', and(w('مرحبا'), w('שלום'))],
    [
      'any whitespace separates words',
      'a\tb\u00a0c\u3000d\ne',
      and(w('a'), w('b'), w('c'), w('d'), w('e')),
    ],
    [
      'control and format characters separate words',
      'a\u0000b\u200bc\u202ed',
      and(w('a'), w('b'), w('c'), w('d')),
    ],
    ['a phrase is the text between quotes', '"oil price"', ph('oil price')],
    ['a phrase is trimmed', '" oil price "', ph('oil price')],
    ['curly quotes make a phrase', '“oil price”', ph('oil price')],
    ['operators inside a phrase are text', '"a OR -b* (c)"', ph('a OR -b* (c)')],
    ['phrases mix with words', 'oil "price rise" opec', and(w('oil'), ph('price rise'), w('opec'))],
    ['a minus negates a word', '-opec', not(w('opec'))],
    ['a minus negates a phrase', '-"oil price"', not(ph('oil price'))],
    ['a minus negates a group', '-(a b)', not(and(w('a'), w('b')))],
    ['NOT negates like a minus', 'oil NOT opec', and(w('oil'), not(w('opec')))],
    ['lowercase not is a word', 'not opec', and(w('not'), w('opec'))],
    ['two minuses cancel out', '--opec', w('opec')],
    ['OR joins alternatives', 'oil OR gas', or(w('oil'), w('gas'))],
    ['OR binds tighter than juxtaposition', 'a b OR c d', and(w('a'), or(w('b'), w('c')), w('d'))],
    ['a chain of ORs is one or', 'a OR b OR c', or(w('a'), w('b'), w('c'))],
    ['a pipe is an OR', 'a | b||c', or(w('a'), w('b'), w('c'))],
    ['AND changes nothing', 'oil AND gas', and(w('oil'), w('gas'))],
    ['OR takes negated sides', 'oil OR -gas', or(w('oil'), not(w('gas')))],
    ['parentheses group alternatives', '(a OR b) c', and(or(w('a'), w('b')), w('c'))],
    ['a group can be an alternative', '(a b) OR c', or(and(w('a'), w('b')), w('c'))],
    ['a group merges into an enclosing and', '(a b) c', and(w('a'), w('b'), w('c'))],
    ['a group merges into an enclosing or', '(a OR b) OR c', or(w('a'), w('b'), w('c'))],
    ['redundant parentheses vanish', '((oil))', w('oil')],
    ['a field scopes a word', 'title:oil', w('oil', { field: 'title' })],
    ['a field scopes a phrase', 'title:"oil price"', ph('oil price', 'title')],
    ['field names ignore case', 'CATEGORY:sport', w('sport', { field: 'category' })],
    ['the places field', 'places:japan', w('japan', { field: 'places' })],
    [
      'every field is known',
      'body:a source:Reuters author:Smith',
      and(
        w('a', { field: 'body' }),
        w('Reuters', { field: 'source' }),
        w('Smith', { field: 'author' }),
      ),
    ],
    [
      'a field scopes only what directly follows it',
      'title:oil prices',
      and(w('oil', { field: 'title' }), w('prices')),
    ],
    [
      'a field before a group scopes everything inside',
      'title:(a OR "b c")',
      or(w('a', { field: 'title' }), ph('b c', 'title')),
    ],
    [
      'an inner field wins over an outer one',
      'title:(a body:b)',
      and(w('a', { field: 'title' }), w('b', { field: 'body' })),
    ],
    ['a field may scope a negation', 'title:-opec', not(w('opec', { field: 'title' }))],
    ['a negation may scope a field', '-title:opec', not(w('opec', { field: 'title' }))],
    ['a star makes a prefix', 'econom*', w('econom', { prefix: true })],
    [
      'a field and a prefix combine',
      'title:oil* growth',
      and(w('oil', { field: 'title', prefix: true }), w('growth')),
    ],
    ['unknown prefixes are plain words', 'foo:bar', and(w('foo'), w('bar'))],
    ['a URL is plain words', 'http://x', and(w('http'), w('x'))],
    ['a time is plain words', '10:30', and(w('10'), w('30'))],
  ])('%s: %s', (_, query, tree) => {
    expect(parseQuery(query)).toEqual({ root: tree, dates: {}, notices: [] });
  });
});

describe('date limits', () => {
  const june = { from: Date.UTC(2004, 5, 1), to: Date.UTC(2004, 6, 1) };
  it.each([
    ['after:2004', { from: Date.UTC(2004, 0, 1) }],
    ['after:2004-06', { from: Date.UTC(2004, 5, 1) }],
    ['after:2004-06-15', { from: Date.UTC(2004, 5, 15) }],
    ['before:2004', { to: Date.UTC(2005, 0, 1) }],
    ['before:2004-06', { to: Date.UTC(2004, 6, 1) }],
    ['before:2004-12-31', { to: Date.UTC(2005, 0, 1) }],
    ['after:2004-06 before:2004-06', june],
    ['BEFORE:2004-06 After:2004-06', june],
    ['after:2003 after:2004-06 before:2004-06', june],
    ['after:2004-06 after:nonsense before:2004-06', june],
  ])('%s limits the dates to %j', (query, dates) => {
    expect(parseQuery(query).dates).toEqual(dates);
  });

  it.each([
    ['after:2004-13', 'after:2004-13 is not a date (use YYYY, YYYY-MM or YYYY-MM-DD); ignored'],
    [
      'before:2005-02-29',
      'before:2005-02-29 is not a date (use YYYY, YYYY-MM or YYYY-MM-DD); ignored',
    ],
    ['after:yesterday', 'after:yesterday is not a date (use YYYY, YYYY-MM or YYYY-MM-DD); ignored'],
    ['after:', 'after: needs a date (YYYY, YYYY-MM or YYYY-MM-DD); ignored'],
    [
      `before:${'9'.repeat(50)}`,
      `before:${'9'.repeat(20)}… is not a date (use YYYY, YYYY-MM or YYYY-MM-DD); ignored`,
    ],
  ])('an invalid limit %j is ignored with a notice naming it', (query, notice) => {
    expect(parseQuery(query)).toEqual({ root: null, dates: {}, notices: [notice] });
  });

  it('date limits are not clauses', () => {
    expect(parseQuery('oil after:2004 prices')).toEqual({
      root: and(w('oil'), w('prices')),
      dates: { from: Date.UTC(2004, 0, 1) },
      notices: [],
    });
  });

  it('limits that leave no dates at all are kept and explained', () => {
    const parsed = parseQuery('after:2005 before:2004');
    expect(parsed.dates).toEqual({ from: Date.UTC(2005, 0, 1), to: Date.UTC(2005, 0, 1) });
    expect(parsed.notices).toEqual([
      'the after: date is not before the before: date, so no article can match',
    ]);
  });
});

describe('repairs', () => {
  it.each([
    [
      'an unbalanced quote runs the phrase to the end of the query',
      'oil "price rise',
      and(w('oil'), ph('price rise')),
      [NOTICE.quote],
    ],
    ['empty quotes are dropped', 'oil ""', w('oil'), [NOTICE.emptyQuotes]],
    [
      'a missing closing parenthesis is added at the end',
      'a (b OR c',
      and(w('a'), or(w('b'), w('c'))),
      [NOTICE.missingParen],
    ],
    ['an extra closing parenthesis is ignored', 'a) b', and(w('a'), w('b')), [NOTICE.extraParen]],
    ['empty parentheses are dropped', 'oil ()', w('oil'), [NOTICE.emptyParens]],
    ['a leading OR is dropped', 'OR a', w('a'), [NOTICE.or]],
    ['a trailing OR is dropped', 'a OR', w('a'), [NOTICE.or]],
    ['a doubled OR is dropped', 'a OR OR b', or(w('a'), w('b')), [NOTICE.or]],
    ['a lone minus is dropped', 'oil - gas', and(w('oil'), w('gas')), [NOTICE.dash]],
    ['a lone star is dropped', 'oil *', w('oil'), [NOTICE.star]],
    [
      'a field with nothing after it is dropped',
      'title: oil',
      w('oil'),
      ['title: with nothing after it was ignored'],
    ],
    [
      'NOT with nothing after it is dropped',
      'oil NOT',
      w('oil'),
      ['NOT with nothing after it was ignored'],
    ],
    [
      'parentheses nested deeper than eight levels are flattened into their enclosing group',
      `${'('.repeat(10)}a OR b${')'.repeat(9)} c) d`,
      and(or(w('a'), w('b')), w('c'), w('d')),
      [NOTICE.deepParens],
    ],
    ['each notice is reported once', '- a - b -', and(w('a'), w('b')), [NOTICE.dash]],
  ])('%s', (_, query, tree, notices) => {
    expect(parseQuery(query)).toEqual({ root: tree, dates: {}, notices });
  });
});

describe('hostile input', () => {
  it.each([
    ['', null, []],
    [' \t\n\r ', null, []],
    ['-', null, [NOTICE.dash]],
    ['OR', null, [NOTICE.or]],
    ['| |', null, [NOTICE.or]],
    ['AND', null, []],
    ['NOT', null, ['NOT with nothing after it was ignored']],
    ['*', null, [NOTICE.star]],
    ['"', null, [NOTICE.quote, NOTICE.emptyQuotes]],
    ['(', null, [NOTICE.missingParen, NOTICE.emptyParens]],
    [')', null, [NOTICE.extraParen]],
    ['()', null, [NOTICE.emptyParens]],
    [':', null, []],
    ['title:', null, ['title: with nothing after it was ignored']],
    ['title:)', null, [NOTICE.extraParen, 'title: with nothing after it was ignored']],
    ['- OR * " ( )', ph('( )'), [NOTICE.dash, NOTICE.star, NOTICE.quote, NOTICE.or]],
    ['👍🏽', null, ['"👍🏽" was ignored: it has no letters or digits']],
    ['!?,;', null, []],
    ['\u0000\u0001\u007f\u202e\ufeff', null, []],
    ['__proto__:x', and(w('proto'), w('x')), []],
    ['constructor:y', and(w('constructor'), w('y')), []],
    ['hasOwnProperty:z toString:', and(w('hasOwnProperty'), w('z'), w('toString')), []],
    ['שלום "עולם', and(w('שלום'), ph('עולם')), [NOTICE.quote]],
  ])('%j is handled without throwing', (query, tree, notices) => {
    expect(parseQuery(query)).toEqual({ root: tree, dates: {}, notices });
  });

  it.each([
    ['words', 'oil '.repeat(2500)],
    ['one long word', 'x'.repeat(10_000)],
    ['open parentheses', '('.repeat(10_000)],
    ['close parentheses', ')'.repeat(10_000)],
    ['quotes', '"'.repeat(10_000)],
    ['minuses', `${'-'.repeat(9_999)}x`],
    ['fields', `${'title:'.repeat(1_666)}x`],
    ['ORs', 'a OR '.repeat(2_000)],
    ['nested groups', `${'(a OR '.repeat(1_666)}b`],
    ['emoji', '😀'.repeat(5_000)],
  ])('a 10,000-character query of %s parses, whole or cut', (_, query) => {
    for (const maxLength of [DEFAULT_PARSE_OPTIONS.maxLength, 20_000]) {
      const parsed = parseQuery(query, { maxLength });
      expect(clauses(parsed.root).length).toBeLessThanOrEqual(DEFAULT_PARSE_OPTIONS.maxClauses);
    }
  });
});

describe('limits', () => {
  it('has documented defaults', () => {
    expect(DEFAULT_PARSE_OPTIONS).toEqual({ maxLength: 1000, maxClauses: 32 });
  });

  it('a long query is cut on a space near the limit', () => {
    expect(parseQuery('oil prices rise', { maxLength: 12 })).toEqual({
      root: and(w('oil'), w('prices')),
      dates: {},
      notices: ['query cut to 12 characters'],
    });
  });

  it('a long query without a space near the limit is cut at the limit', () => {
    expect(parseQuery('x'.repeat(2000)).root).toEqual(w('x'.repeat(1000)));
    expect(parseQuery('x'.repeat(2000)).notices).toEqual([NOTICE.cut]);
  });

  it('a cut never splits a character outside the BMP', () => {
    expect(parseQuery('𝐀'.repeat(600), { maxLength: 999 }).root).toEqual(w('𝐀'.repeat(499)));
  });

  it('words and phrases beyond the limit are dropped in reading order', () => {
    expect(parseQuery('(a OR "b c") -d e', { maxClauses: 2 })).toEqual({
      root: or(w('a'), ph('b c')),
      dates: {},
      notices: ['only the first 2 words and phrases are used; 2 more were ignored'],
    });
  });

  it('the default clause limit keeps 32 words', () => {
    const parsed = parseQuery(Array.from({ length: 40 }, (_, i) => `w${i}`).join(' '));
    expect(clauses(parsed.root)).toHaveLength(32);
    expect(clauses(parsed.root).at(-1)).toEqual(w('w31'));
  });

  it.each([[{ maxLength: Number.NaN }], [{ maxLength: -1, maxClauses: Number.POSITIVE_INFINITY }]])(
    'unusable options %j fall back to the defaults',
    (options) => {
      expect(parseQuery('oil prices', options).root).toEqual(and(w('oil'), w('prices')));
    },
  );
});

/** Operators, field names and awkward words, space separated; spaces and controls added. */
const PIECES = `" “ ” ( ) - * : | OR AND NOT or title: Body: after: before:2004-02-30 after:2004-06
  __proto__: oil U.S. pro-Iranian 2,500 don't שלום 👍`.split(/\s+/);
const operatorSoup = fc
  .array(fc.constantFrom(...PIECES, ' ', '\t', '\u0000', '\u202e'), { maxLength: 60 })
  .map((pieces) => pieces.join(''));
const loneSurrogate = fc
  .integer({ min: 0xd800, max: 0xdfff })
  .map((code) => String.fromCharCode(code));
const anyQuery = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc
    .array(fc.oneof(loneSurrogate, fc.string({ unit: 'grapheme' }), operatorSoup), {
      maxLength: 10,
    })
    .map((parts) => parts.join('')),
  operatorSoup,
);

describe('properties', () => {
  it('never throws, and its tree is well formed', () => {
    fc.assert(
      fc.property(anyQuery, (query) => {
        const { root, notices } = parseQuery(query);
        for (const node of nodes(root)) {
          if (node.kind === 'and' || node.kind === 'or') {
            expect(node.children.length).toBeGreaterThanOrEqual(2);
            expect(node.children.some((child) => child.kind === node.kind)).toBe(false);
          }
        }
        expect(new Set(notices).size).toBe(notices.length);
      }),
      { numRuns: 500 },
    );
  });

  it('every word is non-empty text without whitespace, every phrase non-empty and trimmed', () => {
    fc.assert(
      fc.property(anyQuery, (query) => {
        for (const node of clauses(parseQuery(query).root)) {
          if (node.kind === 'word') expect(node.text).toMatch(/^\S+$/u);
          if (node.kind === 'phrase') expect(node.text).toBe(node.text.trim());
          if (node.kind === 'phrase') expect(node.text).not.toBe('');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never keeps more words and phrases than maxClauses', () => {
    fc.assert(
      fc.property(anyQuery, fc.nat(40), (query, maxClauses) => {
        expect(clauses(parseQuery(query, { maxClauses }).root).length).toBeLessThanOrEqual(
          maxClauses,
        );
      }),
    );
  });

  it('never reads more than maxLength characters', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.nat(20), (query, maxLength) => {
        const parsed = parseQuery(query, { maxLength });
        for (const node of clauses(parsed.root))
          expect(node.text.length).toBeLessThanOrEqual(maxLength);
      }),
    );
  });
});

describe('entity filters', () => {
  it.each([
    ['person:"Tony Blair"', null, [{ facet: 'person', names: ['Tony Blair'] }]],
    ['oil place:Iraq', w('oil'), [{ facet: 'place', names: ['Iraq'] }]],
    ['org:OPEC prices', w('prices'), [{ facet: 'org', names: ['OPEC'] }]],
    ['-org:OPEC oil', w('oil'), [{ facet: 'org', names: ['OPEC'], exclude: true }]],
    ['NOT place:Iraq oil', w('oil'), [{ facet: 'place', names: ['Iraq'], exclude: true }]],
    [
      'PERSON:Blair (war place:“New York”)',
      w('war'),
      [
        { facet: 'person', names: ['Blair'] },
        { facet: 'place', names: ['New York'] },
      ],
    ],
  ])('%s filters on the names, wherever they stand', (query, root, entities) => {
    expect(parseQuery(query)).toEqual({ root, dates: {}, entities, notices: [] });
  });

  it('keeps places: a field scope on the Reuters PLACES metadata, apart from place:', () => {
    expect(parseQuery('places:iran')).toEqual({
      root: w('iran', { field: 'places' }),
      dates: {},
      notices: [],
    });
  });

  it.each([
    ['person: oil', w('oil'), 'person: with nothing after it was ignored'],
    ['org:"" oil', w('oil'), 'org: with nothing after it was ignored'],
  ])('ignores an empty filter in %s and says so', (query, root, notice) => {
    expect(parseQuery(query)).toEqual({ root, dates: {}, notices: [notice] });
  });
});
