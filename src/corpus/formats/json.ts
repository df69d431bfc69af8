/**
 * JSON articles. A `.json` file holds one article object or an array of
 * them; a `.jsonl` / `.ndjson` file holds one article object per line. Field
 * names are mapped by `mapFields`. Records without an `id` get their 1-based
 * position as `recordId`, so a broken neighbour never renumbers them.
 */
import type {
  FormatParser,
  ParseOutput,
  ParseProblem,
  RawRecord,
  SourceFile,
} from '../../types.ts';
import { mapFields } from '../fields.ts';

export const jsonParser: FormatParser = {
  name: 'json',
  extensions: ['json'],
  parse: parseJsonFile,
};

export const jsonLinesParser: FormatParser = {
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
  if (isRecordObject(value)) return { shape: 'single', records: [mapFields(value)], problems: [] };
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
      records.push(withPosition(mapFields(element), position, line));
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
      records.push(withPosition(mapFields(parsed.value), String(position), line));
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

/**
 * A fresh record from mapFields, keeping its own id or else numbered by its
 * position in the file, and given its line (set in place: nothing else holds it).
 */
function withPosition(record: RawRecord, position: string, line: number | undefined): RawRecord {
  record.recordId ??= position;
  if (line !== undefined) record.line = line;
  return record;
}

function withLine(problem: ParseProblem, line: number | undefined): ParseProblem {
  return line === undefined ? problem : { ...problem, line };
}

/** An error message on one line (V8 quotes the offending input, newlines included). */
function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}
