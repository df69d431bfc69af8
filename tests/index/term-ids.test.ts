/** eachTermId against its definition: eachToken + TermTable.idOf, on made-up and real text. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { eachToken } from '../../src/analysis/tokenize.ts';
import { eachTermId } from '../../src/index/term-ids.ts';
import { TermTable } from '../../src/index/term-table.ts';
import { bbcAndReutersTexts } from '../helpers/real-texts.ts';
import { anyText } from '../helpers/text-arbitraries.ts';

/** `[id, position]` pairs flattened, by the definition in eachTermId's documentation. */
function slowIds(text: string, table: TermTable): number[] {
  const out: number[] = [];
  eachToken(text, (word, _start, _end, position) => {
    const id = table.idOf(word);
    if (id >= 0) out.push(id, position);
  });
  return out;
}

function fastIds(text: string, table: TermTable): number[] {
  const out: number[] = [];
  eachTermId(text, table, (id, position) => {
    out.push(id, position);
  });
  return out;
}

/** Feeds `texts` to two fresh tables, one each way; both logs and both tables' ends. */
function bothWays(texts: readonly string[]) {
  const slow = new TermTable(createAnalyzer());
  const fast = new TermTable(createAnalyzer());
  return {
    slow: texts.map((text) => slowIds(text, slow)),
    fast: texts.map((text) => fastIds(text, fast)),
    slowTable: slow,
    fastTable: fast,
  };
}

function expectSameTables(slow: TermTable, fast: TermTable): void {
  expect(fast.size).toBe(slow.size);
  expect(fast.termsById()).toEqual(slow.termsById());
  expect(fast.sorted()).toEqual(slow.sorted());
  expect(fast.formCounts()).toEqual(slow.formCounts());
}

/** Characters that make the tokenizer's joined chunks, in every combination. */
const joinerText = fc
  .array(
    fc.constantFrom(
      'a',
      'B',
      'x',
      's',
      'S',
      '0',
      '9',
      '42',
      'é',
      'e\u0301',
      '\u0301',
      'ß',
      'İ',
      '𝐀',
      '😀',
      '\ud800',
      '١',
      "'",
      '’',
      '‘',
      'ʼ',
      '-',
      '‐',
      '‑',
      '&',
      '.',
      ',',
      ' ',
      '\n',
    ),
    { maxLength: 40 },
  )
  .map((pieces) => pieces.join(''));

describe('eachTermId', () => {
  it.each([
    ['plain words', 'Oil prices rose on Monday'],
    [
      'possessives and contractions',
      "Washington's support, the students' union, don't, rock'n'roll's",
    ],
    ['an uppercase possessive', "BRITAIN'S OIL"],
    ['compounds', 'pro-Iranian AT&T x-y-z 9-1/2 Belgian-based 2-0'],
    ['numbers', '2,500 bags 1,000,000 5.93 mln $1.13bn 1,000.5 1.2.3 3.a 1.5,2'],
    ['acronyms and run-on sentences', 'U.S. forces e.g. this end.Start a,b U.S.A. Mr.Smith'],
    ['curly apostrophes and modifier letters', 'O’Brien Washington’s ʼs ʼ Washingtonʼs'],
    ['mixed joiners', "pro-Iran's 1.5-2.5 U.S.-led a-b.c x,y-z"],
    ['non-ASCII words', 'Café ÉLYSÉE مرحبا 北京 İstanbul ﬁnance e\u0301'],
    ['emoji and lone surrogates', '👍🏽 \ud800 a\udc00b 𝐀𝐁'],
  ])('gives the same ids, positions and form counts as idOf per token: %s', (_, text) => {
    const run = bothWays([text, text.toUpperCase(), text]);
    expect(run.fast).toEqual(run.slow);
    expectSameTables(run.slowTable, run.fastTable);
  });

  it('counts a written form as one form whether it was found in the text or through a joiner', () => {
    const table = new TermTable(createAnalyzer());
    const [first, second, third] = ['dont', "don't", '2500'].map((text) => fastIds(text, table));
    expect(second).toEqual(first);
    expect(fastIds('2,500', table)).toEqual(third);
    expect(table.formCounts().text).toEqual(['dont', '2500']);
    expect([...table.formCounts().count]).toEqual([2, 2]);
  });

  it.each([
    ['a compound of 200,000 parts', 'a-'.repeat(200_000)],
    ['a number of 100,000 groups', '1,000'.repeat(20_000)],
    ['mixed joiner chains', "a-b.c'd,e&f’g".repeat(15_000)],
  ])('copes with %s as the definition does', (_, text) => {
    const run = bothWays([text]);
    expect(run.fast).toEqual(run.slow);
    expectSameTables(run.slowTable, run.fastTable);
  });

  it('matches the definition on arbitrary text, with identical tables at the end', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(anyText, joinerText), { maxLength: 6 }), (texts) => {
        const run = bothWays(texts);
        expect(run.fast).toEqual(run.slow);
        expectSameTables(run.slowTable, run.fastTable);
      }),
      { seed: 20261201, numRuns: 1500 },
    );
  });
});

describe('eachTermId over BBC and Reuters', () => {
  let texts: string[] = [];
  beforeAll(async () => {
    texts = await bbcAndReutersTexts();
  });

  it('gives every headline and body the ids of the definition, with identical tables at the end', () => {
    expect(texts.length).toBeGreaterThan(40_000);
    const slow = new TermTable(createAnalyzer());
    const fast = new TermTable(createAnalyzer());
    const differing = texts.filter(
      (text) => firstDifference(slowIds(text, slow), fastIds(text, fast)) >= 0,
    );
    expect(differing).toEqual([]);
    // Loops, not toEqual: the tables hold about 100,000 terms and 130,000 forms.
    const [a, b] = [slow.sorted(), fast.sorted()];
    const [formsA, formsB] = [slow.formCounts(), fast.formCounts()];
    expect({
      terms: firstDifference(a.terms, b.terms),
      display: firstDifference(a.display, b.display),
      rank: firstDifference(a.rank, b.rank),
      forms: firstDifference(formsA.text, formsB.text),
      formTerms: firstDifference(formsA.term, formsB.term),
      formCounts: firstDifference(formsA.count, formsB.count),
    }).toEqual({ terms: -1, display: -1, rank: -1, forms: -1, formTerms: -1, formCounts: -1 });
  });
});

/** The first index where `a` and `b` differ (a missing item counts), or -1. */
function firstDifference<T>(a: ArrayLike<T>, b: ArrayLike<T>): number {
  const length = Math.max(a.length, b.length);
  for (let at = 0; at < length; at++) if (a[at] !== b[at] || at >= a.length) return at;
  return a.length === b.length ? -1 : Math.min(a.length, b.length);
}
