/**
 * Field mapping shared by the structured formats (JSON, JSON Lines, CSV/TSV,
 * Markdown front matter): common field names, matched case-insensitively,
 * become `RawRecord` fields; everything else is left out.
 */
import type { RawRecord } from '../types.ts';

/**
 * The names each `RawRecord` field is read from, in order of preference: the
 * first one holding a usable value wins. Names are compared after
 * {@link fieldKey} folding, so `Headline`, `published_at` and `Pub-Date` match.
 */
export const FIELD_NAMES = {
  recordId: ['id'],
  title: ['title', 'headline'],
  body: ['body', 'text', 'content', 'article', 'description'],
  date: ['date', 'published', 'publishedat', 'pubdate'],
  source: ['source', 'publisher', 'site'],
  url: ['url', 'link'],
  author: ['author', 'byline'],
  category: ['category', 'categories', 'section', 'topic', 'topics'],
} as const satisfies Record<string, readonly string[]>;

/** Largest epoch-millisecond value a `Date` can hold. */
const MAX_EPOCH_MS = 8.64e15;

/** A field name folded for matching: lower case, without spaces, `_` and `-`. */
export function fieldKey(name: string): string {
  return isFolded(name) ? name : name.toLowerCase().replace(/[\s_-]+/g, '');
}

/** Printable ASCII without capitals, `_` and `-` (`title`, `pubdate`): folding keeps it as it is. */
function isFolded(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const code = name.charCodeAt(i);
    const capital = code >= 0x41 && code <= 0x5a;
    if (code <= 0x20 || code >= 0x7f || capital || code === 0x5f || code === 0x2d) return false;
  }
  return true;
}

/**
 * The known fields of one record object. Only own enumerable keys are read
 * (`__proto__` and `constructor` are ordinary, ignored names here), and the
 * result is built from known keys only.
 *
 * @example mapFields({ Headline: 'Oil up', text: '…', publishedAt: 1700000000000 })
 *   // → { title: 'Oil up', body: '…', date: '2023-11-14T22:13:20.000Z' }
 */
export function mapFields(record: Record<string, unknown>): RawRecord {
  const values = valuesByKey(record);
  const mapped: RawRecord = {};
  const recordId = pickFolded(values, FIELD_NAMES.recordId, toRecordId);
  if (recordId !== undefined) mapped.recordId = recordId;
  const title = pickFolded(values, FIELD_NAMES.title, toText);
  if (title !== undefined) mapped.title = title;
  const body = pickFolded(values, FIELD_NAMES.body, toText);
  if (body !== undefined) mapped.body = body;
  const date = pickFolded(values, FIELD_NAMES.date, toDate);
  if (date !== undefined) mapped.date = date;
  const source = pickFolded(values, FIELD_NAMES.source, toText);
  if (source !== undefined) mapped.source = source;
  const url = pickFolded(values, FIELD_NAMES.url, toText);
  if (url !== undefined) mapped.url = url;
  const author = pickFolded(values, FIELD_NAMES.author, toText);
  if (author !== undefined) mapped.author = author;
  const category = pickFolded(values, FIELD_NAMES.category, toCategories);
  if (category !== undefined) mapped.category = category;
  return mapped;
}

/**
 * The first usable value among `names` (folded with {@link fieldKey}) in
 * `record`'s own keys, converted by `convert`.
 *
 * @example lookupField({ Tags: 'oil, opec' }, ['tags'], toCategories) // → ['oil', 'opec']
 */
export function lookupField<T>(
  record: Record<string, unknown>,
  names: readonly string[],
  convert: (value: unknown) => T | undefined,
): T | undefined {
  return pick(valuesByKey(record), names, convert);
}

/** Text of a string (kept as-is unless blank) or a finite number; otherwise undefined. */
export function toText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Categories from a comma-separated string or an array of strings, trimmed,
 * blanks and repeats dropped; undefined when none remain.
 */
export function toCategories(value: unknown): string[] | undefined {
  const parts = Array.isArray(value)
    ? value.map(toText).filter((part) => part !== undefined)
    : (toText(value)?.split(',') ?? []);
  const kept = [...new Set(parts.map((part) => part.trim()).filter((part) => part !== ''))];
  return kept.length > 0 ? kept : undefined;
}

/** A date string as-is, or epoch milliseconds / a `Date` as ISO 8601. */
function toDate(value: unknown): string | undefined {
  if (typeof value === 'number') return epochToIso(value);
  if (value instanceof Date) return epochToIso(value.getTime());
  return typeof value === 'string' ? toText(value) : undefined;
}

function epochToIso(ms: number): string | undefined {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_EPOCH_MS) return undefined;
  return new Date(ms).toISOString();
}

function toRecordId(value: unknown): string | undefined {
  return toText(value)?.trim();
}

/** Own values of `record` grouped by folded key, in key order. */
function valuesByKey(record: Record<string, unknown>): Map<string, unknown[]> {
  const byKey = new Map<string, unknown[]>();
  for (const name of Object.keys(record)) {
    const key = fieldKey(name);
    const value = record[name];
    const known = byKey.get(key);
    if (known) known.push(value);
    else byKey.set(key, [value]);
  }
  return byKey;
}

function pick<T>(
  values: Map<string, unknown[]>,
  names: readonly string[],
  convert: (value: unknown) => T | undefined,
): T | undefined {
  return pickFolded(values, names.map(fieldKey), convert);
}

/** {@link pick} for names already folded (as FIELD_NAMES are). */
function pickFolded<T>(
  values: Map<string, unknown[]>,
  names: readonly string[],
  convert: (value: unknown) => T | undefined,
): T | undefined {
  for (const name of names) {
    const found = values.get(name);
    if (found === undefined) continue;
    for (const value of found) {
      const converted = convert(value);
      if (converted !== undefined) return converted;
    }
  }
  return undefined;
}

/** The record without its `undefined` fields. */
export function compactRecord(record: RawRecord): RawRecord {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as RawRecord;
}
