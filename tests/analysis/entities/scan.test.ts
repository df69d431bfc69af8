/** The name scanner: which runs of capitalised words it takes, and its invariants. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanNames } from '../../../src/analysis/entities/scan.ts';

const names = (text: string) => scanNames(text).map((chunk) => chunk.text);
const titled = (text: string) => scanNames(text).map((chunk) => `${chunk.honorific}|${chunk.text}`);

describe('scanNames', () => {
  it.each([
    ['a full name', 'Then Tony Blair spoke.', ['Tony Blair']],
    [
      'two names joined by "and"',
      'It was Tony Blair and Gordon Brown.',
      ['Tony Blair', 'Gordon Brown'],
    ],
    ['an "of" inside a name', 'The Bank of England raised rates.', ['Bank of England']],
    [
      '"and" inside an organisation',
      'the Securities and Exchange Commission said',
      ['Securities and Exchange Commission'],
    ],
    [
      'a possessive inside an organisation',
      "at Moody's Investors Service Inc",
      ["Moody's Investors Service Inc"],
    ],
    ['a possessive', "It is Britain's Tony Blair.", ['Britain', 'Tony Blair']],
    ['a leading "The"', 'as the talks in The Hague ended', ['Hague']],
    ['a sentence-initial stop word', 'But Iraq said no.', ['Iraq']],
    [
      'a sentence-initial word the text also writes in lower case',
      'Officials met. Officials said the officials in Paris agreed.',
      ['Paris'],
    ],
    ['leading calendar words', 'On Monday OPEC met. April Fools', ['OPEC', 'Fools']],
    ['acronyms with periods', 'the U.S. Treasury said', ['U.S. Treasury']],
    [
      'nothing in a line without lower case',
      'OIL PRICES RISE IN TOKYO\nprices rose in Tokyo',
      ['Tokyo'],
    ],
    ['nothing across a sentence end', 'He met Brown. Blair left.', ['Brown', 'Blair']],
  ])('takes %s', (_name, text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it.each([
    ['an honorific', 'He said Mr Blair was right.', ['Mr|Blair']],
    ['an honorific with a period', 'He said Mrs. Thatcher was right.', ['Mrs|Thatcher']],
    [
      'an office title inside a chunk',
      'said Treasury Secretary James Baker today',
      ['|Treasury', 'Secretary|James Baker'],
    ],
    ['"Secretary of State"', 'said Secretary of State George Shultz', ['Secretary|George Shultz']],
    ['no title before an organisation word', 'at Burger King Corp today', ['|Burger King Corp']],
    ['a title alone', 'the President said', []],
    [
      'titles of several words',
      'said Deputy Prime Minister John Prescott',
      ['|Deputy Prime', 'Minister|John Prescott'],
    ],
  ])('keeps %s apart', (_name, text, expected) => {
    expect(titled(text)).toEqual(expected);
  });

  it('never throws, and each chunk is the text of its span, in order', () => {
    const word = fc.constantFrom(
      'Tony',
      'Blair',
      'Mr',
      'Mrs.',
      'the',
      'The',
      'of',
      'and',
      'U.S.',
      "Brown's",
      'Bank',
      'Inc',
      'Secretary',
      'said',
      'April',
      'OPEC',
      'Zoë',
      '.',
      ',',
      '"',
      '\n',
      '\t',
      '  ',
    );
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(word, { maxLength: 60 }).map((words) => words.join(' ')),
      fc.array(word, { maxLength: 60 }).map((words) => words.join('')),
    );
    fc.assert(
      fc.property(text, (input) => {
        const chunks = scanNames(input);
        let previous = 0;
        for (const chunk of chunks) {
          expect(chunk.start).toBeGreaterThanOrEqual(previous);
          expect(chunk.end).toBeGreaterThan(chunk.start);
          expect(chunk.end).toBeLessThanOrEqual(input.length);
          expect(input.slice(chunk.start, chunk.end).replaceAll('\t', ' ')).toBe(chunk.text);
          previous = chunk.end;
        }
        expect(scanNames(input)).toEqual(chunks);
      }),
      { seed: 15_101, numRuns: 1500 },
    );
  });
});
