/**
 * Markdown articles: optional YAML front matter between `---` lines at the
 * top (title, date, source, url, author, category or tags), then Markdown
 * turned into plain text by walking marked's tokens. Without a front-matter
 * title, the first level-1 heading (else the first heading, else the first
 * line) is the headline and is not repeated in the body.
 */
import { decodeHTML } from 'entities';
import { Lexer, type MarkedToken, type Token, type Tokens } from 'marked';
import { parseDocument } from 'yaml';
import type {
  FormatParser,
  ParseOutput,
  ParseProblem,
  RawRecord,
  SourceFile,
} from '../../types.ts';
import { compactRecord, lookupField, mapFields, toCategories } from '../fields.ts';
import { normalizeInline } from '../text.ts';

export const markdownParser: FormatParser = {
  name: 'markdown',
  extensions: ['md', 'markdown'],
  parse: parseMarkdownFile,
};

/** Front-matter keys read as categories when no category, section or topic is given. */
const TAG_FIELDS: readonly string[] = ['tags'];

/** The opening fence, on the first line. */
const FRONT_MATTER_OPEN = /^---[ \t]*(?:\r\n|\n|\r)/;
/** The closing fence: `---` or YAML's document end `...` on a line of its own. */
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r\n|\n|\r|$)/m;
/** Line of the file where the YAML starts (right after the opening fence). */
const YAML_FIRST_LINE = 2;

const DROPPED_HTML = /<(script|style)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
const BREAKING_HTML_TAG =
  /<\/?(?:p|div|br|h[1-6]|li|ul|ol|dl|dt|dd|tr|table|blockquote|section|article|header|footer|figure|figcaption|pre|hr)\b[^>]*>/gi;
const HTML_TAG = /<\/?[a-zA-Z][^>]*>/g;
const LINE_BREAK_TAG = /^<br\s*\/?>$/i;

/** A piece of text in reading order; `depth` marks a top-level heading. */
interface Block {
  text: string;
  depth?: number;
}

interface FrontMatter {
  /** The YAML text between the fences; undefined when the file has no front matter. */
  yaml?: string;
  /** The Markdown after the front matter. */
  markdown: string;
}

function parseMarkdownFile(file: SourceFile): ParseOutput {
  const { yaml, markdown } = splitFrontMatter(file.text);
  const problems: ParseProblem[] = [];
  const metadata = yaml === undefined ? {} : readFrontMatter(yaml, problems);
  const blocks = markdownBlocks(markdown).filter((block) => block.text.trim() !== '');
  const { title, body } = headlineAndBody(blocks, metadata.title);
  return { shape: 'single', records: [compactRecord({ ...metadata, title, body })], problems };
}

/** The front matter and the Markdown after it; no closing fence means no front matter. */
function splitFrontMatter(text: string): FrontMatter {
  const open = FRONT_MATTER_OPEN.exec(text);
  if (!open) return { markdown: text };
  const rest = text.slice(open[0].length);
  const close = FRONT_MATTER_CLOSE.exec(rest);
  if (!close) return { markdown: text };
  return { yaml: rest.slice(0, close.index), markdown: rest.slice(close.index + close[0].length) };
}

/** The article fields of the front matter; bad YAML adds a problem and yields none. */
function readFrontMatter(yaml: string, problems: ParseProblem[]): RawRecord {
  const document = parseDocument(yaml);
  const [error] = document.errors;
  if (error) {
    const line = YAML_FIRST_LINE + (error.linePos?.[0].line ?? 1) - 1;
    problems.push({ kind: 'invalid-front-matter', line, reason: yamlReason(error.message) });
    return {};
  }
  let data: unknown;
  try {
    data = document.toJS();
  } catch (cause) {
    const reason = yamlReason(cause instanceof Error ? cause.message : String(cause));
    problems.push({ kind: 'invalid-front-matter', line: YAML_FIRST_LINE, reason });
    return {};
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    const reason = 'the front matter is not a list of `key: value` fields';
    problems.push({ kind: 'invalid-front-matter', line: YAML_FIRST_LINE, reason });
    return {};
  }
  return frontMatterFields(data as Record<string, unknown>);
}

function frontMatterFields(data: Record<string, unknown>): RawRecord {
  const { title, date, source, url, author, category } = mapFields(data);
  return compactRecord({
    title,
    date,
    source,
    url,
    author,
    category: category ?? lookupField(data, TAG_FIELDS, toCategories),
  });
}

/** The first line of a `yaml` error, without its `at line L, column C:` (the problem has the line). */
function yamlReason(message: string): string {
  const first = message.split('\n', 1)[0] ?? message;
  return `invalid YAML front matter: ${first.replace(/\s+at line \d+, column \d+:?\s*$/, '')}`;
}

/** The headline (front matter, else a heading, else the first line) and the rest as the body. */
function headlineAndBody(blocks: Block[], frontTitle: string | undefined): RawRecord {
  if (frontTitle !== undefined) {
    const [first, ...rest] = blocks;
    const repeated = first?.depth !== undefined && sameText(first.text, frontTitle);
    return { title: frontTitle, body: joinBlocks(repeated ? rest : blocks) };
  }
  const headings = blocks.filter((block) => block.depth !== undefined);
  const heading = headings.find((block) => block.depth === 1) ?? headings[0];
  if (heading) {
    return { title: heading.text, body: joinBlocks(blocks.filter((block) => block !== heading)) };
  }
  const [first, ...rest] = blocks;
  if (!first) return { body: '' };
  const [firstLine = '', ...more] = first.text.trim().split('\n');
  const remainder = more.join('\n');
  const body = remainder.trim() === '' ? rest : [{ text: remainder }, ...rest];
  return { title: firstLine, body: joinBlocks(body) };
}

function sameText(a: string, b: string): boolean {
  return normalizeInline(a).toLowerCase() === normalizeInline(b).toLowerCase();
}

function joinBlocks(blocks: Block[]): string {
  return blocks.map((block) => block.text).join('\n\n');
}

/** Markdown as blocks of plain text; the raw text if marked ever gives up. */
function markdownBlocks(markdown: string): Block[] {
  let tokens: Token[];
  try {
    tokens = new Lexer({ gfm: true }).lex(markdown);
  } catch {
    return [{ text: markdown }];
  }
  return tokens.flatMap((token): Block[] => {
    const known = token as MarkedToken;
    if (known.type === 'heading') return [{ text: inlineText(known.tokens), depth: known.depth }];
    return blockTexts(token).map((text) => ({ text }));
  });
}

/** The paragraphs of one block token. */
function blockTexts(token: Token): string[] {
  const known = token as MarkedToken;
  switch (known.type) {
    case 'heading':
    case 'paragraph':
      return [inlineText(known.tokens)];
    case 'text':
      return [known.tokens ? inlineText(known.tokens) : decodeHTML(known.text)];
    case 'list':
      return known.items.flatMap((item) => item.tokens.flatMap(blockTexts));
    case 'blockquote':
      return known.tokens.flatMap(blockTexts);
    case 'code':
      return [known.text];
    case 'html':
      return [htmlToText(known.text)];
    case 'table':
      return [known.header, ...known.rows].map(tableRowText);
    case 'space':
    case 'hr':
    case 'def':
    case 'checkbox':
      return [];
    default:
      return genericTexts(token);
  }
}

function tableRowText(cells: Tokens.TableCell[]): string {
  return cells.map((cell) => inlineText(cell.tokens)).join(' | ');
}

/** Inline tokens as text: emphasis and links unwrapped, images and tags dropped. */
function inlineText(tokens: Token[]): string {
  return tokens.map(inlinePiece).join('');
}

function inlinePiece(token: Token): string {
  const known = token as MarkedToken;
  switch (known.type) {
    case 'text':
      return known.tokens ? inlineText(known.tokens) : decodeHTML(known.text);
    case 'escape':
    case 'codespan':
      return known.text;
    case 'strong':
    case 'em':
    case 'del':
    case 'link':
      return inlineText(known.tokens);
    case 'br':
      return '\n';
    case 'html':
      return LINE_BREAK_TAG.test(known.text.trim()) ? '\n' : '';
    case 'image':
    case 'checkbox':
      return '';
    default:
      return genericTexts(token).join('');
  }
}

/** An HTML block as text: scripts, styles and comments dropped, block tags as paragraph breaks. */
function htmlToText(html: string): string {
  const text = html.replace(DROPPED_HTML, ' ').replace(BREAKING_HTML_TAG, '\n\n');
  return decodeHTML(text.replace(HTML_TAG, ''));
}

/** The text of a token marked's extensions may add: its child tokens, if any. */
function genericTexts(token: Token): string[] {
  const { tokens } = token as Tokens.Generic;
  return Array.isArray(tokens) ? [inlineText(tokens)] : [];
}
