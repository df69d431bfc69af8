import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDateLimit } from '../../src/query/date-limit.ts';

describe('parseDateLimit', () => {
  it.each([
    ['2004', Date.UTC(2004, 0, 1), Date.UTC(2005, 0, 1)],
    ['2004-06', Date.UTC(2004, 5, 1), Date.UTC(2004, 6, 1)],
    ['2004-12', Date.UTC(2004, 11, 1), Date.UTC(2005, 0, 1)],
    ['2004-6', Date.UTC(2004, 5, 1), Date.UTC(2004, 6, 1)],
    ['2004-06-15', Date.UTC(2004, 5, 15), Date.UTC(2004, 5, 16)],
    ['2004-6-5', Date.UTC(2004, 5, 5), Date.UTC(2004, 5, 6)],
    ['2004-12-31', Date.UTC(2004, 11, 31), Date.UTC(2005, 0, 1)],
    ['2004-02-29', Date.UTC(2004, 1, 29), Date.UTC(2004, 2, 1)],
    ['2000-02-29', Date.UTC(2000, 1, 29), Date.UTC(2000, 2, 1)],
    ['1000', Date.UTC(1000, 0, 1), Date.UTC(1001, 0, 1)],
    ['9999-12-31', Date.UTC(9999, 11, 31), Date.UTC(10000, 0, 1)],
    [' 1987-02-26 ', Date.UTC(1987, 1, 26), Date.UTC(1987, 1, 27)],
  ])('%j is the period from %d to %d', (text, start, end) => {
    expect(parseDateLimit(text)).toEqual({ start, end });
  });

  it.each([
    [''],
    ['   '],
    ['yesterday'],
    ['04'],
    ['20045'],
    ['0999'],
    ['2004-13'],
    ['2004-00'],
    ['2004-06-00'],
    ['2004-06-31'],
    ['2005-02-29'],
    ['1900-02-29'],
    ['2004-02-30'],
    ['2004-006'],
    ['2004/06/15'],
    ['2004-06-15T10:00'],
    ['２００４'],
    ['-2004'],
    ['2004-'],
  ])('%j is not a date limit', (text) => {
    expect(parseDateLimit(text)).toBeNull();
  });

  it('a day lies inside its month, which lies inside its year', () => {
    const day = fc.date({
      min: new Date('1000-01-01'),
      max: new Date('9999-12-31'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(day, (date) => {
        const iso = date.toISOString();
        const [year, month, dayOfMonth] = [iso.slice(0, 4), iso.slice(0, 7), iso.slice(0, 10)].map(
          parseDateLimit,
        );
        if (!year || !month || !dayOfMonth) throw new Error(`${iso} should be a valid limit`);
        expect(dayOfMonth.start).toBe(
          Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
        );
        expect(dayOfMonth.end - dayOfMonth.start).toBe(86_400_000);
        expect(year.start).toBeLessThanOrEqual(month.start);
        expect(month.start).toBeLessThanOrEqual(dayOfMonth.start);
        expect(dayOfMonth.end).toBeLessThanOrEqual(month.end);
        expect(month.end).toBeLessThanOrEqual(year.end);
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const period = parseDateLimit(text);
        if (period) expect(period.start).toBeLessThan(period.end);
      }),
    );
  });
});
