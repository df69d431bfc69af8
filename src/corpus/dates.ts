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
  const utc = canonicalUtc(text);
  if (utc !== undefined) return utc;
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) return validDay(Number(dateOnly[1]), Number(dateOnly[2]), Number(dateOnly[3]));
  const reuters = REUTERS.exec(text);
  if (reuters) return parseReuters(reuters);
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/**
 * The ISO form of a UTC time already written as `toISOString` writes it
 * (`2004-03-28T00:24:14.000Z`) or without its milliseconds (`…T00:24:14Z`),
 * when every part is in range; undefined for anything else, which the general
 * parse then reads (it also takes out-of-range days and hours, rolling over).
 */
function canonicalUtc(text: string): string | undefined {
  const length = text.length;
  if (length !== 24 && length !== 20) return undefined;
  if (!matchesShape(text, length === 24 ? ISO_MS_SHAPE : ISO_SECONDS_SHAPE)) return undefined;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (digitsAt(text, 11, 2) > 23 || digitsAt(text, 14, 2) > 59 || digitsAt(text, 17, 2) > 59) {
    return undefined;
  }
  return length === 24 ? text : `${text.slice(0, 19)}.000Z`;
}

// `9` stands for a digit, any other character for itself.
const ISO_MS_SHAPE = '9999-99-99T99:99:99.999Z';
const ISO_SECONDS_SHAPE = '9999-99-99T99:99:99Z';
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

function matchesShape(text: string, shape: string): boolean {
  for (let i = 0; i < shape.length; i++) {
    const code = text.charCodeAt(i);
    const want = shape.charCodeAt(i);
    if (want === DIGIT_9 ? code < DIGIT_0 || code > DIGIT_9 : code !== want) return false;
  }
  return true;
}

/** The number written by `count` ASCII digits at `start` (already checked to be digits). */
function digitsAt(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) value = value * 10 + text.charCodeAt(i) - DIGIT_0;
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
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
