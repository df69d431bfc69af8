import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DecodeResult } from '../../src/corpus/decode.ts';
import { decodeBytes, looksBinary } from '../../src/corpus/decode.ts';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const BOM = [0xef, 0xbb, 0xbf];

/** The text of a successful decode; fails the test otherwise. */
function textOf(result: DecodeResult): string {
  if (!result.ok) throw new Error(`expected text, got ${result.problem.kind}`);
  return result.text;
}

describe('decodeBytes', () => {
  it('decodes UTF-8, accents and all', () => {
    expect(decodeBytes(utf8('Café in São Paulo — 2,500 €'), false)).toEqual({
      ok: true,
      text: 'Café in São Paulo — 2,500 €',
      encoding: 'utf-8',
    });
  });

  it('decodes an empty file as empty text', () => {
    expect(decodeBytes(bytes(), false)).toEqual({ ok: true, text: '', encoding: 'utf-8' });
  });

  it.each([
    ['a lone pound sign byte', [0xa3], '£'],
    ['a pound sign in a sentence', [...utf8('cost '), 0xa3, ...utf8('600m')], 'cost £600m'],
    ['curly quotes', [0x93, ...utf8('hi'), 0x94], '“hi”'],
    ['a Latin-1 umlaut', [...utf8('M'), 0xfc, ...utf8('nchen')], 'München'],
    ['a euro sign', [0x80], '€'],
    ['a curly apostrophe', [...utf8('Washington'), 0x92, ...utf8('s')], 'Washington’s'],
    ['en and em dashes', [0x96, 0x97], '–—'],
    ['the last special byte', [0x9f], 'Ÿ'],
    ['a byte Windows-1252 leaves undefined', [0x81, 0xa3], '\u0081£'],
  ])('falls back to Windows-1252 for %s', (_name, input, expected) => {
    expect(decodeBytes(bytes(...input), false)).toEqual({
      ok: true,
      text: expected,
      encoding: 'windows-1252',
    });
  });

  it('removes a byte-order mark from UTF-8 text', () => {
    expect(textOf(decodeBytes(bytes(...BOM, ...utf8('Headline')), false))).toBe('Headline');
  });

  it('removes a byte-order mark when falling back to Windows-1252', () => {
    const result = decodeBytes(bytes(...BOM, ...utf8('cost '), 0xa3, ...utf8('5')), false);
    expect(result).toEqual({ ok: true, text: 'cost £5', encoding: 'windows-1252' });
  });

  it('keeps a byte-order mark that is not at the start', () => {
    expect(textOf(decodeBytes(bytes(...utf8('a'), ...BOM), false))).toBe('a\ufeff');
  });

  it('undoes gzip before decoding', () => {
    const zipped = gzipSync(Buffer.from('Ad sales boost Time Warner profit\n\nBody', 'utf8'));
    expect(decodeBytes(zipped, true)).toEqual({
      ok: true,
      text: 'Ad sales boost Time Warner profit\n\nBody',
      encoding: 'utf-8',
    });
  });

  it('undoes gzip around a Windows-1252 file with a BOM', () => {
    const zipped = gzipSync(bytes(...BOM, 0xa3, ...utf8('1')));
    expect(decodeBytes(zipped, true)).toEqual({
      ok: true,
      text: '£1',
      encoding: 'windows-1252',
    });
  });

  it('leaves gzip bytes alone (and so refuses them as binary) when the name does not say gzip', () => {
    const zipped = gzipSync(Buffer.from('hello'));
    expect(decodeBytes(zipped, false)).toMatchObject({ ok: false, problem: { kind: 'binary' } });
  });

  it.each([
    ['random bytes', bytes(1, 2, 3, 4, 5)],
    ['plain text', utf8('not compressed at all')],
    ['a truncated archive', gzipSync(Buffer.from('x'.repeat(1000))).subarray(0, 12)],
    ['an empty file', bytes()],
  ])('reports corrupt gzip (%s) as an unreadable problem', (_name, input) => {
    const result = decodeBytes(input, true);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.kind).toBe('unreadable');
      expect(result.problem.reason).toMatch(/gzip/);
    }
  });

  it('refuses a file with a NUL byte as binary', () => {
    const result = decodeBytes(bytes(...utf8('PK'), 0, ...utf8('data')), false);
    expect(result).toEqual({
      ok: false,
      problem: { kind: 'binary', reason: expect.stringMatching(/binary/) },
    });
  });

  it('refuses a gzipped binary file as binary', () => {
    const result = decodeBytes(gzipSync(bytes(0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13)), true);
    expect(result.ok ? undefined : result.problem.kind).toBe('binary');
  });

  it('refuses UTF-16 text as binary, since it is full of NUL bytes', () => {
    const utf16 = Buffer.from('\ufeffHeadline', 'utf16le');
    expect(decodeBytes(utf16, false).ok).toBe(false);
  });

  it('decodes any valid UTF-8 text back to exactly that text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        // Leading `x`: a BOM would be removed; no C0 controls: they could make it look binary.
        const printable = [...text].filter((char) => (char.codePointAt(0) ?? 0) >= 0x20);
        const clean = `x${printable.join('')}`;
        expect(textOf(decodeBytes(utf8(clean), false))).toBe(clean);
      }),
    );
  });

  it('never throws on random bytes, gzipped or not', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), (input, gzipped) => {
        const result = decodeBytes(input, gzipped);
        if (result.ok) {
          expect(typeof result.text).toBe('string');
          expect(['utf-8', 'windows-1252']).toContain(result.encoding);
        } else {
          expect(['unreadable', 'binary']).toContain(result.problem.kind);
          expect(result.problem.reason).toMatch(/\S/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('decodes any gzipped random bytes like the same bytes unzipped', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 500 }), (input) => {
        expect(decodeBytes(gzipSync(input), true)).toEqual(decodeBytes(input, false));
      }),
    );
  });
});

describe('looksBinary', () => {
  it.each([
    ['text with tabs, newlines and form feeds', utf8('a\tb\r\nc\fd'), false],
    ['a NUL byte', bytes(0x41, 0), true],
    ['a few escape bytes among text', bytes(0x1b, ...utf8('x'.repeat(50))), false],
    ['mostly control bytes', bytes(1, 2, 3, 4, 0x41), true],
    ['an empty file', bytes(), false],
  ])('judges %s', (_name, input, expected) => {
    expect(looksBinary(input)).toBe(expected);
  });

  it('only inspects the first 8 KB', () => {
    const late = new Uint8Array(10_000).fill(0x41);
    late[9_000] = 0;
    expect(looksBinary(late)).toBe(false);
    late[100] = 0;
    expect(looksBinary(late)).toBe(true);
  });
});
