import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupThousands } from '../../src/cli/results.ts';

describe('terminal results', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [23_397, '23,397'],
    [1_000_000, '1,000,000'],
  ])('writes %d as %s', (n, text) => {
    expect(groupThousands(n)).toBe(text);
  });

  it('groups any whole number exactly as toLocaleString("en") does', () => {
    fc.assert(
      fc.property(fc.maxSafeNat(), (n) => {
        expect(groupThousands(n)).toBe(n.toLocaleString('en'));
      }),
      { seed: 13_003, numRuns: 2000 },
    );
  });
});
