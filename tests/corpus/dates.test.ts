import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/corpus/dates.ts';

describe('dates in the forms news sources use', () => {
  it.each([
    ['2004-06-01', '2004-06-01'],
    ['2024-04-01T08:00:00Z', '2024-04-01T08:00:00.000Z'],
    ['2024-04-01T10:00:00+02:00', '2024-04-01T08:00:00.000Z'],
    ['Tue, 21 Nov 2023 09:30:00 GMT', '2023-11-21T09:30:00.000Z'],
    ['Tue, 21 Nov 2023 09:30:00 +0100', '2023-11-21T08:30:00.000Z'],
    ['26-FEB-1987 15:01:01.79', '1987-02-26T15:01:01.790Z'],
    [' 3-APR-1987 07:09:06.48', '1987-04-03T07:09:06.480Z'],
    ['7-APR-1987 16:22:00.0', '1987-04-07T16:22:00.000Z'],
    ['9-APR-1987 00:00:00.00    # date added by S Finch as guesswork', '1987-04-09T00:00:00.000Z'],
    ['31-MAR-1987 605:12:19.12', '1987-03-31T00:00:00.000Z'],
  ])('%s reads as %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([
    [undefined],
    [''],
    ['   '],
    ['yesterday'],
    ['2004-02-30'],
    ['31-FOO-1987 10:00:00.00'],
    ['30-FEB-1987 10:00:00.00'],
  ])('%s is not a date', (input) => {
    expect(parseDate(input)).toBeUndefined();
  });
});
