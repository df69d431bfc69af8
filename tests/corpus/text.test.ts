import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeInline, toParagraphs } from '../../src/corpus/text.ts';

describe('normalizeInline', () => {
  it.each([
    ['composes accents (NFC)', 'Cafe\u0301', 'Café'],
    ['collapses white space and no-break spaces', ' a \u00a0\t b\u200b c ', 'a b c'],
    ['drops control characters', 'oil\u0007 price\u0085s', 'oil prices'],
    [
      'keeps up to 30 combining marks on a letter',
      `a${'\u0301'.repeat(30)}`,
      `\u00e1${'\u0301'.repeat(29)}`,
    ],
  ])('%s', (_name, input, expected) => {
    expect(normalizeInline(input)).toBe(expected);
  });

  it('cuts a run of combining marks to 30, as Unicode’s stream-safe format does', () => {
    const zalgo = `z${'\u0301\u0316'.repeat(100)}end`;
    const out = normalizeInline(zalgo);
    expect([...out.normalize('NFD')].filter((c) => /\p{M}/u.test(c))).toHaveLength(30);
    expect(out.endsWith('end')).toBe(true);
  });

  it('normalizes 200,000 alternating combining marks in linear time (under 2 s)', () => {
    const hostile = `a${'\u0301\u0316'.repeat(100_000)} b`;
    const started = performance.now();
    expect(normalizeInline(hostile)).toHaveLength(32);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('is idempotent and leaves no double spaces, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const once = normalizeInline(text);
        expect(normalizeInline(once)).toBe(once);
        expect(once).not.toMatch(/ {2}|^ | $/);
      }),
    );
  });
});

describe('toParagraphs', () => {
  it('keeps paragraphs apart by one blank line and unwraps lines inside them', () => {
    expect(toParagraphs('One\r\nline.\r\n\r\n\r\nTwo.\n \n')).toBe('One line.\n\nTwo.');
  });
});
