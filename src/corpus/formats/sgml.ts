/**
 * Reuters-21578 SGML (`.sgm`): each `<REUTERS>` record is an article. TITLE,
 * BODY, DATE, TOPICS (as category) and PLACES are read; UNPROC records' raw
 * text is the body; the wire's control-character entities are removed.
 */
import { decodeHTML } from 'entities';
import type {
  FormatParser,
  ParseOutput,
  ParseProblem,
  RawRecord,
  SourceFile,
} from '../../types.ts';

const OPEN = '<REUTERS';
const CLOSE = '</REUTERS>';
/** Numeric references to control characters (`&#2;` opens a TEXT, `&#3;` closes it). */
const CONTROL_REFERENCE = /&#(?:[0-9]|[12][0-9]|3[01]|127);/g;
const ATTRIBUTE = /([A-Za-z_][\w-]*)\s*=\s*"([^"]*)"/g;
const D_ELEMENT = /<D>([^<]*)<\/D>/g;
/** The sign-off that closes most Reuters stories. */
const SIGN_OFF = /\s*\bReuter\s*$/i;

export const sgmlParser: FormatParser = {
  name: 'sgml',
  extensions: ['sgm', 'sgml'],
  parse: parseSgml,
};

function parseSgml(file: SourceFile): ParseOutput {
  const records: RawRecord[] = [];
  const problems: ParseProblem[] = [];
  const text = file.text;
  let cursor = text.indexOf(OPEN);
  let line = 1;
  let counted = 0;
  let position = 0;
  while (cursor >= 0) {
    line += countNewlines(text, counted, cursor);
    counted = cursor;
    position++;
    const end = text.indexOf(CLOSE, cursor);
    const nextOpen = text.indexOf(OPEN, cursor + OPEN.length);
    if (end < 0 || (nextOpen >= 0 && nextOpen < end)) {
      const newId = readAttributes(text.slice(cursor, text.indexOf('>', cursor) + 1)).NEWID;
      problems.push({
        line,
        record: newId ?? String(position),
        kind: 'invalid-sgml',
        reason: 'record has no </REUTERS>',
      });
      cursor = nextOpen;
      continue;
    }
    records.push(parseRecord(text.slice(cursor, end), line));
    cursor = nextOpen;
  }
  if (records.length === 0 && problems.length === 0) {
    problems.push({ line: 1, kind: 'invalid-sgml', reason: 'no <REUTERS> records found' });
  }
  return { shape: 'records', records, problems };
}

/** One record's text from `<REUTERS ...>` up to (not including) `</REUTERS>`. */
export function parseRecord(record: string, line: number): RawRecord {
  const attributes = readAttributes(record.slice(0, record.indexOf('>') + 1));
  const text = element(record, 'TEXT');
  const type = text ? readAttributes(text.open).TYPE : undefined;
  const inner = text?.inner ?? '';
  const title = element(inner, 'TITLE')?.inner;
  const body = type === 'UNPROC' ? inner : element(inner, 'BODY')?.inner;
  return {
    recordId: attributes.NEWID,
    line,
    title: title === undefined ? undefined : clean(title),
    body: body === undefined ? undefined : toBody(body),
    // Some DATEs carry wire routing codes after control characters (`…59.13&#5;&#5;&#5;RM`).
    date: clean((element(record, 'DATE')?.inner ?? '').split('&#', 1)[0] ?? ''),
    source: 'Reuters',
    category: list(element(record, 'TOPICS')?.inner),
    places: list(element(record, 'PLACES')?.inner),
  };
}

interface Element {
  open: string;
  inner: string;
}

/** The first `<NAME ...>…</NAME>` in `text`, or undefined. */
function element(text: string, name: string): Element | undefined {
  let start = text.indexOf(`<${name}`);
  while (start >= 0) {
    const after = text.charAt(start + name.length + 1);
    if (after === '>' || after === ' ') break;
    start = text.indexOf(`<${name}`, start + 1);
  }
  if (start < 0) return undefined;
  const openEnd = text.indexOf('>', start);
  const close = text.indexOf(`</${name}>`, openEnd);
  if (openEnd < 0) return undefined;
  return {
    open: text.slice(start, openEnd + 1),
    inner: text.slice(openEnd + 1, close < 0 ? text.length : close),
  };
}

function readAttributes(tag: string): Record<string, string> {
  const attributes: Record<string, string> = Object.create(null);
  for (const match of tag.matchAll(ATTRIBUTE)) {
    const [, key, value] = match;
    if (key !== undefined && value !== undefined) attributes[key] = value;
  }
  return attributes;
}

function list(inner: string | undefined): string[] | undefined {
  if (!inner) return undefined;
  const values = [...inner.matchAll(D_ELEMENT)].map((match) => clean(match[1] ?? ''));
  const kept = values.filter((value) => value !== '');
  return kept.length > 0 ? kept : undefined;
}

function clean(text: string): string {
  return decodeHTML(text.replace(CONTROL_REFERENCE, ' ')).trim();
}

/**
 * Wire text to paragraphs: Reuters starts each paragraph with an indented
 * line and hard-wraps the rest; the closing "Reuter" sign-off is dropped.
 */
function toBody(raw: string): string {
  const lines = clean(raw).replace(SIGN_OFF, '').split('\n');
  const paragraphs: string[] = [];
  let current: string[] = [];
  for (const line of lines) {
    const startsParagraph = /^\s/.test(line) || line.trim() === '';
    if (startsParagraph && current.length > 0) {
      paragraphs.push(current.join(' '));
      current = [];
    }
    if (line.trim() !== '') current.push(line.trim());
  }
  if (current.length > 0) paragraphs.push(current.join(' '));
  return paragraphs.join('\n\n');
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
