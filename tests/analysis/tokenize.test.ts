import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Token } from '../../src/analysis/tokenize.ts';
import { tokenize, words } from '../../src/analysis/tokenize.ts';
import { anyText } from '../helpers/text-arbitraries.ts';

const texts = (text: string): string[] => tokenize(text).map((token) => token.text);

/** Tokens that are single words, without the joined wholes of compounds. */
const plain = (tokens: Token[]): Token[] => tokens.filter((token) => !token.compound);

describe('tokenize', () => {
  it.each([
    ['apostrophes', "Washington's support", ['Washington', 'support']],
    ['curly apostrophes', 'Washington’s support', ['Washington', 'support']],
    ['modifier-letter apostrophes', 'Washingtonʼs', ['Washington']],
    ['a plural possessive', "the students' union", ['the', 'students', 'union']],
    ['a contraction', "don't", ['dont']],
    ['a curly contraction', 'O’Brien', ['OBrien']],
    ['curly quotes around a word', '“US forces” said ‘drones’', ['US', 'forces', 'said', 'drones']],
    ['a hyphenated name', 'pro-Iranian', ['pro', 'Iranian', 'proIranian']],
    ['an Arabic article', 'Hachd al-Chaabi', ['Hachd', 'al', 'Chaabi', 'alChaabi']],
    ['a non-breaking hyphen', 'pro‑Iranian', ['pro', 'Iranian', 'proIranian']],
    ['an ampersand', 'AT&T', ['AT', 'T', 'ATT']],
    ['a three-part compound', 'x-y-z', ['x', 'y', 'z', 'xyz']],
    ['an acronym', 'U.S. forces', ['US', 'forces']],
    ['a lower-case acronym', 'e.g. this', ['eg', 'this']],
    ['a thousands separator', '2,500 bags', ['2500', 'bags']],
    ['several thousands separators', '1,000,000', ['1000000']],
    ['a decimal', '5.93 mln', ['5.93', 'mln']],
    ['a decimal with a unit', '$1.13bn', ['1.13bn']],
    ['thousands and a decimal', '1,000.5', ['1000.5']],
    ['a version number', '1.2.3', ['1', '2', '3']],
    ['a digit then a letter', '3.a', ['3', 'a']],
    ['two sentences without a space', 'end.Start', ['end', 'Start']],
    ['a list without spaces', 'a,b', ['a', 'b']],
    ['a trailing period', 'Iraq.', ['Iraq']],
    ['accented words', 'Café ÉLYSÉE', ['Café', 'ÉLYSÉE']],
    ['Arabic script', 'مرحبا بالعالم', ['مرحبا', 'بالعالم']],
    ['Chinese characters', '北京', ['北京']],
    ['emoji and punctuation', '👍 -- ... !!', []],
    ['lone modifier-letter apostrophes', 'ʼ ʼs', []],
  ])('splits %s as the header describes', (_rule, text, expected) => {
    expect(texts(text)).toEqual(expected);
  });

  it('finds a hyphenated name by its parts and as a whole', () => {
    const tokens = tokenize('pro-Iranian forces');
    expect(tokens).toEqual([
      { text: 'pro', start: 0, end: 3, position: 0 },
      { text: 'Iranian', start: 4, end: 11, position: 1 },
      { text: 'proIranian', start: 0, end: 11, position: 0, compound: true },
      { text: 'forces', start: 12, end: 18, position: 2 },
    ]);
  });

  it('gives a compound the position of its first part', () => {
    const tokens = tokenize('Hachd al-Chaabi fighters');
    const byText = new Map(tokens.map((token) => [token.text, token.position]));
    expect(byText.get('al')).toBe(1);
    expect(byText.get('Chaabi')).toBe(2);
    expect(byText.get('alChaabi')).toBe(1);
    expect(byText.get('fighters')).toBe(3);
  });

  it('numbers word positions consecutively across chunks', () => {
    const tokens = plain(tokenize('U.S. forces, 2,500 of them, hit pro-Iranian groups'));
    expect(tokens.map((token) => token.position)).toEqual(tokens.map((_, index) => index));
  });

  it.each([
    ['Washington’s support', ['Washington', 'support']],
    ["don't", ["don't"]],
    ['U.S. forces', ['U.S', 'forces']],
    ['almost 2,500 in Iraq', ['almost', '2,500', 'in', 'Iraq']],
    ['pro-Iranian', ['pro', 'Iranian', 'pro-Iranian']],
    ['a Café', ['a', 'Café']],
    ['“drones”', ['drones']],
  ])('points the offsets of %j at the surface text', (text, surfaces) => {
    expect(tokenize(text).map((token) => text.slice(token.start, token.end))).toEqual(surfaces);
  });

  it('keeps UTF-16 offsets after emoji and astral characters', () => {
    const text = '👍🏽 𝐀 Café';
    const [token] = tokenize(text).filter((t) => t.text === 'Café');
    expect(token).toBeDefined();
    expect(text.slice(token?.start, token?.end)).toBe('Café');
  });

  it('gives the same words as tokenize, without offsets', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(words(text)).toEqual(texts(text));
      }),
    );
  });

  it('never throws, whatever the string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(Array.isArray(tokenize(text))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps offsets within the text, in order, and compounds over their parts', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const tokens = tokenize(text);
        let previousEnd = 0;
        for (const token of plain(tokens)) {
          expect(token.start).toBeGreaterThanOrEqual(previousEnd);
          expect(token.end).toBeGreaterThan(token.start);
          expect(token.end).toBeLessThanOrEqual(text.length);
          expect(token.text).not.toBe('');
          previousEnd = token.end;
        }
        expect(plain(tokens).map((token) => token.position)).toEqual(
          plain(tokens).map((_, index) => index),
        );
        for (const token of tokens.filter((t) => t.compound)) {
          const first = plain(tokens).find((t) => t.position === token.position);
          expect(first?.start).toBeGreaterThanOrEqual(token.start);
          expect(first?.end).toBeLessThanOrEqual(token.end);
          expect(token.end).toBeLessThanOrEqual(text.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('copes with a compound of 200,000 parts without overflowing the stack', () => {
    const tokens = tokenize('a-'.repeat(200_000));
    expect(tokens).toHaveLength(200_001);
    expect(tokens.at(-1)?.compound).toBe(true);
    expect(words('a-'.repeat(200_000))).toHaveLength(200_001);
  });
});
