/**
 * Plain-text articles (the BBC layout and the seed article): headline on the
 * first non-empty line, body after it. A repeated headline line is dropped,
 * and so are boilerplate lines such as translation footers. A file in a
 * sub-folder takes that folder as its category.
 */
import type { FormatParser, ParseOutput, SourceFile } from '../../types.ts';
import { normalizeInline } from '../text.ts';

/**
 * Lines that are boilerplate, not article text: matched case-insensitively
 * against the start of a normalized line.
 */
export const BOILERPLATE_LINES: readonly string[] = [
  'this news article has been translated',
  'you can visit the original source',
  'original source link',
];

/** Enough of a line to recognise a boilerplate start. */
const BOILERPLATE_PREFIX_CHARS = 80;

export const txtParser: FormatParser = {
  name: 'txt',
  extensions: ['txt', 'text'],
  parse: parseText,
};

function parseText(file: SourceFile): ParseOutput {
  const lines = file.text.split(/\r\n?|\n/);
  const headIndex = lines.findIndex(hasText);
  if (headIndex < 0) return { shape: 'single', records: [{ line: 1 }], problems: [] };
  const title = normalizeInline(lines[headIndex] ?? '');
  const bodyLines = dropRepeatedHeadline(lines.slice(headIndex + 1), title).filter(
    (line) => !isBoilerplate(line),
  );
  const category = categoryOf(file.folder);
  return {
    shape: 'single',
    records: [{ line: headIndex + 1, title, body: bodyLines.join('\n'), category }],
    problems: [],
  };
}

function dropRepeatedHeadline(lines: string[], title: string): string[] {
  const next = lines.findIndex(hasText);
  if (next < 0 || normalizeInline(lines[next] ?? '').toLowerCase() !== title.toLowerCase()) {
    return lines;
  }
  return lines.slice(next + 1);
}

/** A line with visible text (zero-width spaces and control characters do not count). */
function hasText(line: string): boolean {
  return line.trim() !== '' && normalizeInline(line) !== '';
}

/** True for a translation footer or similar line that is not article text. */
export function isBoilerplate(line: string): boolean {
  const text = normalizeInline(line.slice(0, BOILERPLATE_PREFIX_CHARS)).toLowerCase();
  return text !== '' && BOILERPLATE_LINES.some((start) => text.startsWith(start));
}

function categoryOf(folder: string): string[] | undefined {
  const name = folder.split('/').pop();
  return name ? [name] : undefined;
}
