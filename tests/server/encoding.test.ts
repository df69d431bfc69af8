import { createRequire } from 'node:module';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  COMPRESS_THRESHOLD,
  type ContentCoding,
  encodeBody,
  negotiateCoding,
} from '../../src/server/encoding.ts';

/** The Negotiator the `compression` middleware chooses with (its own dependency). */
const fromCompression = createRequire(createRequire(import.meta.url).resolve('compression'));
const Negotiator = fromCompression('negotiator') as new (request: {
  headers: Record<string, string>;
}) => { encoding(available: string[], preferred: string[]): string | undefined };

/** What the middleware sends for `header`: its choice, identity meaning none. */
function middlewareChoice(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const chosen = new Negotiator({ headers: { 'accept-encoding': header } }).encoding(
    ['br', 'gzip', 'deflate', 'identity'],
    ['br', 'gzip'],
  );
  return chosen === 'identity' ? undefined : chosen;
}

describe('negotiateCoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['deflate', 'deflate'],
    ['br;q=0.5, gzip', 'gzip'],
    ['identity', undefined],
    ['gzip;q=0.8, identity', undefined],
    ['*', 'br'],
    ['br;q=0, gzip;q=0, *', 'deflate'],
    ['*;q=0', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('chooses for "%s" what the compression middleware chooses (%s)', (header, expected) => {
    expect(negotiateCoding(header)).toBe(expected);
    expect(middlewareChoice(header)).toBe(expected);
  });

  it('agrees with the middleware on any Accept-Encoding header', () => {
    const coding = fc.constantFrom('gzip', 'GZIP', 'br', 'deflate', 'identity', '*', 'zstd', 'x');
    const q = fc.option(fc.constantFrom('0', '0.5', '1', '0.001', '', 'x', '0.50'), {
      nil: undefined,
    });
    const entry = fc
      .tuple(coding, q, fc.constantFrom('', ' ', '\t'))
      .map(
        ([name, weight, space]) => `${space}${name}${weight === undefined ? '' : `;q=${weight}`}`,
      );
    const header = fc.array(entry, { maxLength: 5 }).map((entries) => entries.join(','));
    fc.assert(
      fc.property(header, (value) => {
        expect(negotiateCoding(value)).toBe(middlewareChoice(value));
      }),
      { seed: 13, numRuns: 2000 },
    );
  });
});

describe('encodeBody', () => {
  const decode: Record<ContentCoding, (bytes: Uint8Array) => Buffer> = {
    br: brotliDecompressSync,
    gzip: gunzipSync,
    deflate: inflateSync,
  };

  it.each(['br', 'gzip', 'deflate'] as const)(
    'compresses a body of the threshold or more in %s, and it decodes to the same bytes',
    (coding) => {
      const body = new TextEncoder().encode('{"oil":"prices"}'.repeat(COMPRESS_THRESHOLD / 8));
      const encoded = encodeBody(body, coding);
      expect(encoded.coding).toBe(coding);
      expect(encoded.body.byteLength).toBeLessThan(body.byteLength);
      expect(new Uint8Array(decode[coding](encoded.body))).toEqual(body);
      // In a buffer of its own size, so that a worker transfers it and a cache keeps no more.
      expect(encoded.body.buffer.byteLength).toBe(encoded.body.byteLength);
      expect(encoded.body.byteOffset).toBe(0);
    },
  );

  it('leaves a body under the threshold, or one with no coding, as it is', () => {
    const small = new Uint8Array(COMPRESS_THRESHOLD - 1).fill(65);
    const large = new Uint8Array(COMPRESS_THRESHOLD * 4).fill(65);
    expect(encodeBody(small, 'gzip')).toEqual({ body: small });
    expect(encodeBody(large, undefined)).toEqual({ body: large });
  });
});
