/** The format parsers, one per format, looked up by file extension. */
import type { FormatParser } from '../../types.ts';
import { csvParser, tsvParser } from './csv.ts';
import { feedParser } from './feed.ts';
import { htmlParser } from './html.ts';
import { jsonLinesParser, jsonParser } from './json.ts';
import { markdownParser } from './markdown.ts';
import { sgmlParser } from './sgml.ts';
import { txtParser } from './txt.ts';

/** Every built-in parser. Replace or extend by passing your own list to `readCorpus`. */
export const defaultParsers: readonly FormatParser[] = [
  txtParser,
  markdownParser,
  jsonParser,
  jsonLinesParser,
  csvParser,
  tsvParser,
  feedParser,
  htmlParser,
  sgmlParser,
];

/** The extension that selects a parser (`.gz` looked through) and the path without extensions. */
export function splitExtension(relPath: string): {
  extension: string;
  gzipped: boolean;
  base: string;
} {
  const gzipped = relPath.toLowerCase().endsWith('.gz');
  const path = gzipped ? relPath.slice(0, -3) : relPath;
  const slash = path.lastIndexOf('/');
  const dot = path.lastIndexOf('.');
  if (dot <= slash + 1) return { extension: '', gzipped, base: path };
  return { extension: path.slice(dot + 1).toLowerCase(), gzipped, base: path.slice(0, dot) };
}

/** A lookup from extension to parser; later parsers win. */
export function parserLookup(parsers: readonly FormatParser[]): Map<string, FormatParser> {
  const byExtension = new Map<string, FormatParser>();
  for (const parser of parsers) {
    for (const extension of parser.extensions) byExtension.set(extension.toLowerCase(), parser);
  }
  return byExtension;
}
