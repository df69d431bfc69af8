/** utcMonth: a date's month by integer arithmetic, against the Date it replaced. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utcMonth } from '../../src/index/store.ts';

const byDate = (ms: number) => {
  const day = new Date(ms);
  return Int32Array.of(day.getUTCFullYear() * 12 + day.getUTCMonth())[0];
};

describe('utcMonth', () => {
  it.each([
    ['the epoch', 0],
    ['the last millisecond before it', -1],
    ['a leap day', Date.UTC(2004, 1, 29, 23, 59, 59, 999)],
    ['the first of March after it', Date.UTC(2004, 2, 1)],
    ['a century that is not a leap year', Date.UTC(1900, 1, 28, 12)],
    ['year 0', Date.UTC(0, 0, 1) - 1],
    ['the furthest date', 8.64e15],
    ['the earliest date', -8.64e15],
    ['past the furthest date', 8.64e15 + 1],
    ['half a millisecond before the epoch', -0.5],
  ])('gives the Date month for %s', (_, ms) => {
    expect(utcMonth(ms)).toBe(byDate(ms));
  });

  it('gives the Date month for any instant a Date can hold', () => {
    fc.assert(
      fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), (ms) => {
        expect(utcMonth(ms)).toBe(byDate(ms));
      }),
      { seed: 13_003, numRuns: 5000 },
    );
  });
});
