/** eachTokenAt against its definition: eachToken's tokens at the wanted positions, on made-up and real text. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { eachTokenAt } from '../../src/analysis/positions.ts';
import { eachToken } from '../../src/analysis/tokenize.ts';
import { bbcAndReutersTexts } from '../helpers/real-texts.ts';
import { anyText } from '../helpers/text-arbitraries.ts';

type Seen = [text: string, start: number, end: number, position: number, compound: boolean];

/** The definition: every token eachToken gives, kept when its position is wanted. */
function slowTokens(text: string, positions: readonly number[]): Seen[] {
  const wanted = new Set(positions);
  const out: Seen[] = [];
  eachToken(text, (word, start, end, position, compound) => {
    if (wanted.has(position)) out.push([word, start, end, position, compound]);
  });
  return out;
}

function fastTokens(text: string, positions: readonly number[]): Seen[] {
  const out: Seen[] = [];
  eachTokenAt(text, positions, (word, start, end, position, compound) => {
    out.push([word, start, end, position, compound]);
  });
  return out;
}

/** Every position eachToken numbers in `text`, and two past the end. */
function allPositions(text: string): number[] {
  let last = -1;
  eachToken(text, (_word, _start, _end, position) => {
    last = Math.max(last, position);
  });
  return Array.from({ length: last + 3 }, (_, position) => position);
}

/** Characters that make the tokenizer's joined chunks, ASCII-heavy so the counted shapes come up. */
const joinerText = fc
  .array(
    fc.constantFrom(
      'a',
      'B',
      's',
      'S',
      'ab',
      '0',
      '9',
      '42',
      'é',
      'e\u0301',
      '١',
      '😀',
      '\ud800',
      "'",
      "'",
      '’',
      'ʼ',
      '-',
      '-',
      '‐',
      '&',
      '.',
      '.',
      ',',
      ',',
      ' ',
      '\n',
    ),
    { maxLength: 40 },
  )
  .map((pieces) => pieces.join(''));

/** Wanted positions: ascending, no repeats, some past the text's end. */
const wantedPositions = fc
  .array(fc.nat(50), { maxLength: 12 })
  .map((positions) => [...new Set(positions)].sort((a, b) => a - b));

describe('eachTokenAt', () => {
  it.each([
    ['plain words', 'Oil prices rose on Monday'],
    ['possessives and contractions', "Washington's support, the students' union, don't"],
    ['compounds', 'pro-Iranian AT&T x-y-z 9-1/2 Belgian-based 2-0'],
    ['numbers', '2,500 bags 1,000,000 5.93 mln $1.13bn 1,000.5 1.2.3 3.a 1.5,2'],
    ['acronyms and run-on sentences', 'U.S. forces e.g. this end.Start a,b U.S.A. Mr.Smith'],
    ['curly apostrophes and modifier letters', 'O’Brien Washington’s ʼs ʼ Washingtonʼs'],
    ['mixed joiners', "pro-Iran's 1.5-2.5 U.S.-led a-b.c x,y-z"],
    ['non-ASCII words', 'Café ÉLYSÉE مرحبا 北京 İstanbul ﬁnance e\u0301'],
  ])('gives the tokens eachToken gives at every position, and at each one alone: %s', (_, text) => {
    const every = allPositions(text);
    expect(fastTokens(text, every)).toEqual(slowTokens(text, every));
    for (const position of every) {
      expect(fastTokens(text, [position])).toEqual(slowTokens(text, [position]));
    }
  });

  it('gives a compound and its first part at their shared position, the compound last', () => {
    expect(fastTokens('the pro-Iranian group', [1])).toEqual([
      ['pro', 4, 7, 1, false],
      ['proIranian', 4, 15, 1, true],
    ]);
  });

  it('gives nothing for no wanted positions or positions past the end', () => {
    expect(fastTokens('Oil prices rose', [])).toEqual([]);
    expect(fastTokens('Oil prices rose', [3, 7])).toEqual([]);
  });

  it.each([
    ['a compound of 200,000 parts', 'a-'.repeat(200_000), [0, 1, 199_999]],
    ['a number of 100,000 groups', '1,000'.repeat(20_000), [0, 1]],
    ['mixed joiner chains', "a-b.c'd,e&f’g".repeat(15_000), [5, 70_000]],
  ])('copes with %s as the definition does', (_, text, positions) => {
    expect(fastTokens(text, positions)).toEqual(slowTokens(text, positions));
  });

  it('matches the definition on arbitrary Unicode and joiner-heavy text at arbitrary positions', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, joinerText), wantedPositions, (text, positions) => {
        expect(fastTokens(text, positions)).toEqual(slowTokens(text, positions));
      }),
      { seed: 20261212, numRuns: 3000 },
    );
  });

  it('matches the definition at every position of arbitrary joiner-heavy text', () => {
    fc.assert(
      fc.property(joinerText, (text) => {
        const every = allPositions(text);
        expect(fastTokens(text, every)).toEqual(slowTokens(text, every));
      }),
      { seed: 20261213, numRuns: 1000 },
    );
  });
});

describe('eachTokenAt over BBC and Reuters', () => {
  let texts: string[] = [];
  beforeAll(async () => {
    texts = await bbcAndReutersTexts();
  });

  it('gives every headline and body the tokens of the definition at every fifth position', () => {
    expect(texts.length).toBeGreaterThan(40_000);
    const differing = texts.filter((text, at) => {
      // One eachToken pass gives the definition: its tokens at every fifth position.
      const slow: Seen[] = [];
      let last = -1;
      eachToken(text, (word, start, end, position, compound) => {
        last = Math.max(last, position);
        if (position % 5 === at % 5) slow.push([word, start, end, position, compound]);
      });
      const positions = Array.from(
        { length: Math.ceil((last + 3) / 5) },
        (_, k) => 5 * k + (at % 5),
      );
      const fast = fastTokens(text, positions);
      return fast.length !== slow.length || !fast.every((token, k) => sameToken(token, slow[k]));
    });
    expect(differing).toEqual([]);
  });
});

function sameToken(a: Seen, b: Seen | undefined): boolean {
  return b !== undefined && a.every((value, k) => value === b[k]);
}
