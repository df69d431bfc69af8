/**
 * Calendar periods for date limits (`after:2004-06`, `before:2005`): a year, a month or a day,
 * turned into a half-open range of UTC epoch milliseconds.
 */

/** A calendar period in UTC epoch milliseconds: `start` inclusive, `end` exclusive. */
export interface DatePeriod {
  start: number;
  end: number;
}

// Linear: a fixed number of bounded digit runs, no nested quantifiers.
const PERIOD = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;
const FIRST_YEAR = 1000;
const LAST_YEAR = 9999;

/**
 * The period `text` names: `YYYY` (a year), `YYYY-MM` (a month) or `YYYY-MM-DD` (a day), with
 * years 1000–9999, months 1–12 and real days of the month (leap years included). Surrounding
 * whitespace is ignored. Null for anything else.
 *
 * @example parseDateLimit('2004-06') // { start: Date.UTC(2004, 5, 1), end: Date.UTC(2004, 6, 1) }
 */
export function parseDateLimit(text: string): DatePeriod | null {
  const match = PERIOD.exec(text.trim());
  if (!match) return null;
  const year = Number(match[1]);
  if (year < FIRST_YEAR || year > LAST_YEAR) return null;
  if (match[2] === undefined) return { start: Date.UTC(year, 0, 1), end: Date.UTC(year + 1, 0, 1) };
  const month = Number(match[2]);
  if (month < 1 || month > 12) return null;
  if (match[3] === undefined) {
    return { start: Date.UTC(year, month - 1, 1), end: Date.UTC(year, month, 1) };
  }
  return dayPeriod(year, month, Number(match[3]));
}

/** One day, or null when the month has no such day (`2005-02-29`). */
function dayPeriod(year: number, month: number, day: number): DatePeriod | null {
  const start = Date.UTC(year, month - 1, day);
  const date = new Date(start);
  if (day < 1 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { start, end: Date.UTC(year, month - 1, day + 1) };
}
