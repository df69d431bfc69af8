/**
 * Dates in the forms news sources use, turned into ISO 8601:
 * ISO (`2004-06-01`, `2004-06-01T10:00:00Z`), RFC 822 as in RSS
 * (`Tue, 10 Jun 2003 04:00:00 GMT`) and Reuters (`26-FEB-1987 15:01:01.79`).
 */

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
// The time is optional and anything after it is ignored: the wire has `31-MAR-1987 605:12:19.12`
// and `9-APR-1987 00:00:00.00    # date added by S Finch as guesswork`.
const REUTERS =
  /^(\d{1,2})-([A-Za-z]{3})-(\d{4})(?:\s+(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))?\b)?/;

/** The ISO 8601 form of `value`, or `undefined` when it is not a date we can read. */
export function parseDate(value: string | undefined): string | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) return validDay(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]));
  const reuters = REUTERS.exec(text);
  if (reuters) return parseReuters(reuters);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

function validDay(year: number, month: number, day: number): string | undefined {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.toISOString().slice(0, 10);
}

function parseReuters(match: RegExpExecArray): string | undefined {
  const [, day, mon, year, hour = '0', minute = '0', second = '0', fraction = '0'] = match;
  const month = MONTHS[(mon ?? '').toLowerCase()];
  if (month === undefined) return undefined;
  const [h, m, s] = [Number(hour), Number(minute), Number(second)];
  const valid = h < 24 && m < 60 && s < 60;
  const ms = valid ? Number(fraction.padEnd(3, '0')) : 0;
  const date = new Date(
    Date.UTC(Number(year), month - 1, Number(day), ...(valid ? [h, m, s] : [0, 0, 0]), ms),
  );
  if (date.getUTCDate() !== Number(day)) return undefined;
  return date.toISOString();
}
