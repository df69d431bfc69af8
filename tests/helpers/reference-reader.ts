/**
 * THE REFERENCE READER: the corpus reader's text cleaning, field mapping, date
 * parsing, JSON Lines parsing and record-to-article conversion exactly as they were
 * before they were made fast (commit a94bb51), kept as the oracle the fast code is
 * tested against. Do not "fix" or speed up anything here: it is the definition of
 * the right output. Names carry a `reference` prefix.
 */
import { gunzipSync } from 'node:zlib';
import { describeError } from '../../src/errors.ts';
import type {
  Article,
  FormatParser,
  ParseOutput,
  ParseProblem,
  RawRecord,
  SourceFile,
} from '../../src/types.ts';

// ---- src/corpus/text.ts ----

// Any run of white space inside a line, including no-break and zero-width spaces.
const INLINE_SPACE = /[\s\u00a0\u200b\u2028\u2029\ufeff]+/g;
// C0/C1 control characters other than tab and newlines (wire-service codes, stray bytes).
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LINE_BREAK = /\r\n?/g;
const BLANK_LINES = /\n[ \t\u00a0]*\n\s*/;

// Printable ASCII and plain white space: nothing to normalize or strip but spacing.
const PLAIN_ASCII = /^[\x20-\x7e\t\n\r]*$/;
// A run of more combining marks than Unicode's stream-safe format allows (UAX #15: 30).
const LONG_MARK_RUN = /\p{M}{31,}/gu;
const STREAM_SAFE_MARKS = 30;

/**
 * NFC, control characters removed, all white space collapsed to single spaces,
 * trimmed. Runs of combining marks are cut to 30 first (no real text has more),
 * since normalizing a long run of mixed marks takes quadratic time.
 */
export function referenceNormalizeInline(text: string): string {
  const cleaned = PLAIN_ASCII.test(text)
    ? text
    : text.replace(LONG_MARK_RUN, streamSafe).normalize('NFC').replace(CONTROL, '');
  return cleaned.replace(INLINE_SPACE, ' ').trim();
}

function streamSafe(run: string): string {
  return Array.from(run).slice(0, STREAM_SAFE_MARKS).join('');
}

/**
 * Plain text with paragraphs separated by exactly one blank line. Lines inside
 * a paragraph are unwrapped (joined with a space); empty paragraphs vanish.
 */
export function referenceToParagraphs(text: string): string {
  return referenceSplitParagraphs(text.replace(LINE_BREAK, '\n')).join('\n\n');
}

/** The paragraphs of a text (split on blank lines), each normalized inline. */
export function referenceSplitParagraphs(text: string): string[] {
  return text
    .split(BLANK_LINES)
    .map(referenceNormalizeInline)
    .filter((paragraph) => paragraph.length > 0);
}

// ---- src/corpus/dates.ts ----

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
export function referenceParseDate(value: string | undefined): string | undefined {
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

// ---- src/corpus/fields.ts ----

/**
 * The names each `RawRecord` field is read from, in order of preference: the
 * first one holding a usable value wins. Names are compared after
 * {@link referenceFieldKey} folding, so `Headline`, `published_at` and `Pub-Date` match.
 */
export const REFERENCE_FIELD_NAMES = {
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
export function referenceFieldKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/g, '');
}

/**
 * The known fields of one record object. Only own enumerable keys are read
 * (`__proto__` and `constructor` are ordinary, ignored names here), and the
 * result is built from known keys only.
 *
 * @example referenceMapFields({ Headline: 'Oil up', text: '…', publishedAt: 1700000000000 })
 *   // → { title: 'Oil up', body: '…', date: '2023-11-14T22:13:20.000Z' }
 */
export function referenceMapFields(record: Record<string, unknown>): RawRecord {
  const values = valuesByKey(record);
  const mapped: RawRecord = {
    recordId: pick(values, REFERENCE_FIELD_NAMES.recordId, toRecordId),
    title: pick(values, REFERENCE_FIELD_NAMES.title, referenceToText),
    body: pick(values, REFERENCE_FIELD_NAMES.body, referenceToText),
    date: pick(values, REFERENCE_FIELD_NAMES.date, toDate),
    source: pick(values, REFERENCE_FIELD_NAMES.source, referenceToText),
    url: pick(values, REFERENCE_FIELD_NAMES.url, referenceToText),
    author: pick(values, REFERENCE_FIELD_NAMES.author, referenceToText),
    category: pick(values, REFERENCE_FIELD_NAMES.category, referenceToCategories),
  };
  return referenceCompactRecord(mapped);
}

/**
 * The first usable value among `names` (folded with {@link referenceFieldKey}) in
 * `record`'s own keys, converted by `convert`.
 *
 * @example referenceLookupField({ Tags: 'oil, opec' }, ['tags'], referenceToCategories) // → ['oil', 'opec']
 */
export function referenceLookupField<T>(
  record: Record<string, unknown>,
  names: readonly string[],
  convert: (value: unknown) => T | undefined,
): T | undefined {
  return pick(valuesByKey(record), names, convert);
}

/** Text of a string (kept as-is unless blank) or a finite number; otherwise undefined. */
export function referenceToText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/**
 * Categories from a comma-separated string or an array of strings, trimmed,
 * blanks and repeats dropped; undefined when none remain.
 */
export function referenceToCategories(value: unknown): string[] | undefined {
  const parts = Array.isArray(value)
    ? value.map(referenceToText).filter((part) => part !== undefined)
    : (referenceToText(value)?.split(',') ?? []);
  const kept = [...new Set(parts.map((part) => part.trim()).filter((part) => part !== ''))];
  return kept.length > 0 ? kept : undefined;
}

/** A date string as-is, or epoch milliseconds / a `Date` as ISO 8601. */
function toDate(value: unknown): string | undefined {
  if (typeof value === 'number') return epochToIso(value);
  if (value instanceof Date) return epochToIso(value.getTime());
  return typeof value === 'string' ? referenceToText(value) : undefined;
}

function epochToIso(ms: number): string | undefined {
  if (!Number.isFinite(ms) || Math.abs(ms) > MAX_EPOCH_MS) return undefined;
  return new Date(ms).toISOString();
}

function toRecordId(value: unknown): string | undefined {
  return referenceToText(value)?.trim();
}

/** Own values of `record` grouped by folded key, in key order. */
function valuesByKey(record: Record<string, unknown>): Map<string, unknown[]> {
  const byKey = new Map<string, unknown[]>();
  for (const name of Object.keys(record)) {
    const key = referenceFieldKey(name);
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
  for (const name of names) {
    for (const value of values.get(referenceFieldKey(name)) ?? []) {
      const converted = convert(value);
      if (converted !== undefined) return converted;
    }
  }
  return undefined;
}

/** The record without its `undefined` fields. */
export function referenceCompactRecord(record: RawRecord): RawRecord {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as RawRecord;
}

// ---- src/corpus/articles.ts ----

/** Longest headline derived from the body when a record has none. */
const DERIVED_TITLE_CHARS = 120;

export interface ReferenceFileArticles {
  articles: Article[];
  problems: ParseProblem[];
}

/**
 * The articles of one parsed file. `idBase` is the file's path without its
 * extensions (`business/001`, `reut2-000`).
 */
export function referenceToArticles(
  output: ParseOutput,
  relPath: string,
  idBase: string,
): ReferenceFileArticles {
  const articles: Article[] = [];
  const problems: ParseProblem[] = [...output.problems];
  output.records.forEach((record, index) => {
    const recordKey =
      output.shape === 'records' ? record.recordId?.trim() || String(index + 1) : undefined;
    const article = referenceToArticle(record, relPath, idBase, recordKey);
    if (article) articles.push(article);
    else problems.push(emptyProblem(record, recordKey));
  });
  return { articles, problems };
}

/** One clean article, or undefined when the record has neither headline nor body. */
export function referenceToArticle(
  record: RawRecord,
  relPath: string,
  idBase: string,
  recordKey: string | undefined,
): Article | undefined {
  const body = referenceToParagraphs(record.body ?? '');
  const title = referenceNormalizeInline(record.title ?? '') || referenceDeriveTitle(body);
  if (title === '' && body === '') return undefined;
  const article: Article = {
    id: recordKey === undefined ? idBase : `${idBase}:${recordKey}`,
    title,
    body,
    origin: { file: relPath },
  };
  if (recordKey !== undefined) article.origin.record = recordKey;
  if (record.line !== undefined) article.origin.line = record.line;
  assignOptional(article, record);
  return article;
}

function assignOptional(article: Article, record: RawRecord): void {
  const date = referenceParseDate(record.date);
  if (date) article.date = date;
  const source = referenceNormalizeInline(record.source ?? '');
  if (source) article.source = source;
  const url = record.url?.trim();
  if (url) article.url = url;
  const author = referenceNormalizeInline(record.author ?? '');
  if (author) article.author = author;
  const category = cleanList(record.category);
  if (category) article.category = category;
  const places = cleanList(record.places);
  if (places) article.places = places;
}

function cleanList(values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  const kept = [...new Set(values.map(referenceNormalizeInline).filter((value) => value !== ''))];
  return kept.length > 0 ? kept : undefined;
}

/** The first sentence (or line) of the body, cut at a word boundary. */
export function referenceDeriveTitle(body: string): string {
  const first = body.split('\n\n', 1)[0] ?? '';
  const sentenceEnd = first.search(/[.!?](?:\s|$)/);
  const sentence = sentenceEnd > 0 ? first.slice(0, sentenceEnd + 1) : first;
  if (sentence.length <= DERIVED_TITLE_CHARS) return sentence;
  const cut = sentence.lastIndexOf(' ', DERIVED_TITLE_CHARS);
  return `${sentence.slice(0, cut > 0 ? cut : DERIVED_TITLE_CHARS)}…`;
}

function emptyProblem(record: RawRecord, recordKey: string | undefined): ParseProblem {
  const problem: ParseProblem = {
    kind: 'empty-record',
    reason: 'record has neither headline nor body',
  };
  if (record.line !== undefined) problem.line = record.line;
  if (recordKey !== undefined) problem.record = recordKey;
  return problem;
}

// ---- src/corpus/formats/json.ts (JSON Lines) ----

export const referenceJsonParser: FormatParser = {
  name: 'json',
  extensions: ['json'],
  parse: parseJsonFile,
};

export const referenceJsonLinesParser: FormatParser = {
  name: 'jsonl',
  extensions: ['jsonl', 'ndjson'],
  parse: parseJsonLinesFile,
};

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function parseJsonFile(file: SourceFile): ParseOutput {
  const parsed = parseJson(file.text);
  if (!parsed.ok) {
    return { shape: 'single', records: [], problems: [syntaxProblem(parsed.message, file.text)] };
  }
  const { value } = parsed;
  if (isRecordObject(value))
    return { shape: 'single', records: [referenceMapFields(value)], problems: [] };
  if (Array.isArray(value)) return parseArray(value, file.text);
  const reason = `the top-level value is ${describe(value)}, expected an object or an array of objects`;
  return { shape: 'single', records: [], problems: [{ kind: 'invalid-json', reason }] };
}

/** One record per object element; other elements become problems naming their position. */
function parseArray(elements: unknown[], text: string): ParseOutput {
  const records: RawRecord[] = [];
  const problems: ParseProblem[] = [];
  const lines = arrayElementLines(text);
  elements.forEach((element, index) => {
    const position = String(index + 1);
    const line = lines[index];
    if (isRecordObject(element)) {
      records.push(withPosition(referenceMapFields(element), position, line));
      return;
    }
    const reason = `array element ${position} is ${describe(element)}, expected an object`;
    problems.push(withLine({ kind: 'invalid-json', record: position, reason }, line));
  });
  return { shape: 'records', records, problems };
}

function parseJsonLinesFile(file: SourceFile): ParseOutput {
  const records: RawRecord[] = [];
  const problems: ParseProblem[] = [];
  let position = 0;
  file.text.split('\n').forEach((rawLine, index) => {
    const text = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (text.trim() === '') return;
    position += 1;
    const line = index + 1;
    const parsed = parseJson(text);
    if (parsed.ok && isRecordObject(parsed.value)) {
      records.push(withPosition(referenceMapFields(parsed.value), String(position), line));
      return;
    }
    const reason = parsed.ok
      ? `the line holds ${describe(parsed.value)}, expected an object`
      : `not valid JSON: ${oneLine(parsed.message)}`;
    problems.push({ kind: 'invalid-json', line, record: String(position), reason });
  });
  return { shape: 'records', records, problems };
}

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** A problem for a file that is not JSON, with the line when the message names a position. */
function syntaxProblem(message: string, text: string): ParseProblem {
  const problem: ParseProblem = {
    kind: 'invalid-json',
    reason: `not valid JSON: ${oneLine(message)}`,
  };
  return withLine(problem, errorLine(message, text));
}

/** The line of a `JSON.parse` error: V8 names `(line L column C)` or `at position N`. */
function errorLine(message: string, text: string): number | undefined {
  const lineColumn = /\(line (\d+) column \d+\)/.exec(message);
  if (lineColumn) return Number(lineColumn[1]);
  const position = /at position (\d+)/.exec(message);
  return position ? lineAt(text, Math.min(Number(position[1]), text.length)) : undefined;
}

/**
 * The 1-based lines where the top-level elements of a JSON array start, in
 * order. Only called on text `JSON.parse` accepted, so a small scanner over
 * strings, brackets and line breaks is enough (strings hold no raw newlines).
 */
function arrayElementLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === '\\') i++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '\n' || (char === '\r' && text[i + 1] !== '\n')) line++;
    if (char === ' ' || char === '\t' || char === '\n' || char === '\r') continue;
    if (depth === 1 && expectElement && char !== ']') {
      lines.push(line);
      expectElement = false;
    }
    if (char === '"') inString = true;
    else if (char === '[' || char === '{') {
      depth++;
      expectElement = depth === 1;
    } else if (char === ']' || char === '}') depth--;
    else if (char === ',' && depth === 1) expectElement = true;
  }
  return lines;
}

/** 1-based line of a character offset (`\n`, `\r\n` and `\r` end lines). */
function lineAt(text: string, offset: number): number {
  const before = text.slice(0, offset);
  return 1 + (before.match(/\r\n?|\n/g)?.length ?? 0);
}

function isRecordObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'object' ? 'an object' : `a ${type}`;
}

/** A record keeping its own id, or else numbered by its position in the file. */
function withPosition(record: RawRecord, position: string, line: number | undefined): RawRecord {
  const numbered: RawRecord = { ...record, recordId: record.recordId ?? position };
  if (line !== undefined) numbered.line = line;
  return numbered;
}

function withLine(problem: ParseProblem, line: number | undefined): ParseProblem {
  return line === undefined ? problem : { ...problem, line };
}

/** An error message on one line (V8 quotes the offending input, newlines included). */
function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}

// ---- src/corpus/decode.ts ----

export type ReferenceEncoding = 'utf-8' | 'windows-1252';

export type ReferenceDecodeResult =
  | { ok: true; text: string; encoding: ReferenceEncoding }
  | { ok: false; problem: ParseProblem };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const windows1252 = new TextDecoder('windows-1252');
/**
 * Windows-1252 characters of bytes 0x80–0x9F (WHATWG index). Node 20's TextDecoder decodes
 * those bytes as Latin-1 C1 controls (nodejs/node#56542), which would lose `€`, `’`, `“`.
 */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1_RANGE = /[\u0080-\u009f]/g;
const windows1252Char = (c1: string): string => WINDOWS_1252_C1.charAt(c1.charCodeAt(0) - 0x80);
/** How much of a file is inspected for binary content. */
const SNIFF_BYTES = 8192;
/** Share of control bytes above which a file counts as binary. */
const MAX_CONTROL_RATIO = 0.1;

/** Decode one corpus file's bytes; `gzipped` when its name ends in `.gz`. */
export function referenceDecodeBytes(bytes: Uint8Array, gzipped: boolean): ReferenceDecodeResult {
  let data = bytes;
  if (gzipped) {
    try {
      data = gunzipSync(bytes);
    } catch (error) {
      return fail('unreadable', `not valid gzip: ${describeError(error)}`);
    }
  }
  if (referenceLooksBinary(data))
    return fail('binary', 'binary content (NUL or control bytes), not text');
  try {
    return { ok: true, text: utf8.decode(data), encoding: 'utf-8' };
  } catch {
    const text = windows1252.decode(stripBom(data)).replace(C1_RANGE, windows1252Char);
    return { ok: true, text, encoding: 'windows-1252' };
  }
}

/** A NUL byte, or many control bytes, in the first few kilobytes. */
export function referenceLooksBinary(data: Uint8Array): boolean {
  const end = Math.min(data.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const byte = data[i] ?? 0;
    if (byte === 0) return true;
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control++;
  }
  return end > 0 && control / end > MAX_CONTROL_RATIO;
}

/** Drops a UTF-8 BOM's bytes: Windows-1252 would decode them as `ï»¿`, never as U+FEFF. */
function stripBom(data: Uint8Array): Uint8Array {
  return data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
}

function fail(kind: ParseProblem['kind'], reason: string): ReferenceDecodeResult {
  return { ok: false, problem: { kind, reason } };
}
