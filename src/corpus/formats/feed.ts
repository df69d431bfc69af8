/**
 * News feeds: RSS 2.0 (`rss > channel > item`), RSS 1.0 (`rdf:RDF > item`) and
 * Atom (`feed > entry`). Each item or entry is one article.
 *
 * The XML is checked with fast-xml-parser's validator (so a broken feed is
 * reported with its line), then parsed with entity processing turned off: DTD
 * entities are never expanded, so an entity-expansion bomb stays inert text, and
 * text is decoded exactly once here with `entities`. Elements that may hold HTML
 * (`description`, `content:encoded`, Atom `content`, `summary`, `title`) are
 * kept raw as stop nodes, so escaped HTML, CDATA and inline XHTML are told apart.
 */

import { decodeHTML, escapeText } from 'entities';
import { type X2jOptions, XMLParser, XMLValidator } from 'fast-xml-parser';
import { describeError } from '../../errors.ts';
import type { FormatParser, ParseOutput, RawRecord, SourceFile } from '../../types.ts';
import { lineAt } from '../text.ts';
import { htmlToText } from './html-text.ts';

const ATTRIBUTE_PREFIX = '@_';
const TEXT_KEY = '#text';
const CDATA_KEY = '#cdata';

// Elements that can repeat inside an item, a channel or an entry.
const REPEATED_ELEMENTS: ReadonlySet<string> = new Set([
  'item',
  'entry',
  'link',
  'category',
  'author',
  'dc:creator',
  'dc:subject',
]);

const PARSER_OPTIONS: X2jOptions = {
  ignoreAttributes: false,
  attributeNamePrefix: ATTRIBUTE_PREFIX,
  textNodeName: TEXT_KEY,
  cdataPropName: CDATA_KEY,
  // No entity processing: DTD entities are never expanded (no billion laughs); we decode text once.
  processEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  captureMetaData: true,
  stopNodes: ['*.title', '*.description', '*.content:encoded', '*.content', '*.summary'],
  isArray: (name) => REPEATED_ELEMENTS.has(name),
};

// Where fast-xml-parser records each element's start offset (captureMetaData).
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

const CDATA_SECTION = /<!\[CDATA\[([\s\S]*?)\]\]>/g;
const MARKUP = /<[A-Za-z!/?]/;
const LEADING_SPACE = /^\s+(?=<\?xml)/;

type XmlNode = Record<string, unknown>;

/** Where a feed's items sit and what their defaults are. */
interface FeedContext {
  /** Channel or feed title, the default source. */
  title?: string;
  /** Atom feed authors, inherited by entries without their own. */
  author?: string;
  lineAt: (offset: number) => number;
}

/** RSS 2.0, RSS 1.0 and Atom feeds: each item is an article. */
export const feedParser: FormatParser = {
  name: 'feed',
  extensions: ['rss', 'atom', 'xml'],
  parse: parseFeed,
};

function parseFeed(file: SourceFile): ParseOutput {
  try {
    return parseFeedText(file.text);
  } catch (error) {
    return invalidFeed(`the feed could not be read: ${describeError(error)}`);
  }
}

function parseFeedText(original: string): ParseOutput {
  // Tolerate white space before the XML declaration (common in generated feeds), keeping lines right.
  const lead = LEADING_SPACE.exec(original)?.[0] ?? '';
  const text = original.slice(lead.length);
  const skippedLines = lead.split('\n').length - 1;
  const validation = XMLValidator.validate(text);
  if (validation !== true) {
    const { msg, line } = validation.err;
    return invalidFeed(`the XML is not well-formed: ${msg}`, line + skippedLines);
  }
  const document: unknown = new XMLParser(PARSER_OPTIONS).parse(text);
  const lineAt = lineFinder(text, skippedLines);
  return readDocument(isNode(document) ? document : {}, lineAt);
}

/** Dispatches on the root element. */
function readDocument(document: XmlNode, lineAt: (offset: number) => number): ParseOutput {
  const rss = document.rss;
  if (rss !== undefined) {
    const channel = firstNode(isNode(rss) ? rss.channel : undefined);
    if (!channel) return invalidFeed('the RSS document has no <channel>');
    return readRssItems(nodes(channel.item), { title: textOf(channel.title), lineAt });
  }
  const rdf = firstNode(document['rdf:RDF']);
  if (rdf) {
    const channel = firstNode(rdf.channel);
    return readRssItems(nodes(rdf.item), { title: textOf(channel?.title), lineAt });
  }
  const feed = document.feed;
  if (feed !== undefined) {
    const node = isNode(feed) ? feed : {};
    const context = { title: atomTextOf(node.title), author: authorsOf(node.author), lineAt };
    return records(nodes(node.entry).map((entry) => readAtomEntry(entry, context)));
  }
  const root = Object.keys(document).find((key) => !key.startsWith('?'));
  return invalidFeed(
    root ? `<${root}> is neither an RSS nor an Atom feed` : 'the document has no root element',
  );
}

function readRssItems(items: XmlNode[], context: FeedContext): ParseOutput {
  return records(items.map((item) => readRssItem(item, context)));
}

/** An RSS 2.0 or RSS 1.0 item. */
function readRssItem(item: XmlNode, context: FeedContext): RawRecord {
  const guid = textOf(item.guid);
  return compact({
    recordId: guid ?? attributeOf(item, 'rdf:about'),
    line: lineOf(item, context),
    title: textOf(item.title),
    body: htmlBodyOf(item['content:encoded']) ?? htmlBodyOf(item.description),
    date: textOf(item.pubDate) ?? textOf(item['dc:date']),
    source: textOf(item.source) ?? context.title,
    url: textOf(item.link) ?? permalinkOf(item.guid, guid),
    author: authorNameOf(textOf(item.author) ?? joinTexts(item['dc:creator'])),
    category: categoriesOf(
      [...nodesOrText(item.category), ...nodesOrText(item['dc:subject'])].map(textOf),
    ),
  });
}

/** An Atom entry. */
function readAtomEntry(entry: XmlNode, context: FeedContext): RawRecord {
  const source = firstNode(entry.source);
  return compact({
    recordId: textOf(entry.id),
    line: lineOf(entry, context),
    title: atomTextOf(entry.title),
    body: atomContentOf(entry.content) ?? atomTextOf(entry.summary),
    date: textOf(entry.published) ?? textOf(entry.updated),
    source: atomTextOf(source?.title) ?? context.title,
    url: alternateLinkOf(entry.link),
    author: authorsOf(entry.author) ?? context.author,
    category: categoriesOf(nodesOrText(entry.category).map(atomCategoryOf)),
  });
}

// ---------------------------------------------------------------------------
// Element values
// ---------------------------------------------------------------------------

/** The plain text of an element: entities decoded, CDATA verbatim, inline markup turned to text. */
function textOf(value: unknown): string | undefined {
  const node = first(value);
  if (typeof node === 'string') return nonEmpty(innerText(node));
  if (!isNode(node)) return undefined;
  const text = innerText(stringOf(node[TEXT_KEY]));
  const cdata = nodesOrText(node[CDATA_KEY]).filter((part) => typeof part === 'string');
  return nonEmpty(text + cdata.join(''));
}

/** The HTML held by an element (escaped, in CDATA or inline XHTML) as plain text with paragraphs. */
function htmlBodyOf(value: unknown): string | undefined {
  const raw = rawOf(value);
  return raw === undefined ? undefined : nonEmpty(htmlToText(innerHtml(raw)));
}

/** An Atom text construct (`title`, `summary`): `type` is `text` (default), `html` or `xhtml`. */
function atomTextOf(value: unknown): string | undefined {
  const raw = rawOf(value);
  if (raw === undefined) return undefined;
  const type = (attributeOf(first(value), 'type') ?? 'text').toLowerCase();
  const isHtml = type.endsWith('html') || type.endsWith('xml');
  return nonEmpty(isHtml ? htmlToText(innerHtml(raw)) : innerText(raw));
}

/** Atom `content`: like a text construct, except out-of-line content (`src`) has no text here. */
function atomContentOf(value: unknown): string | undefined {
  if (attributeOf(first(value), 'src') !== undefined) return undefined;
  return atomTextOf(value);
}

/** The raw inner XML of a stop node (`title`, `description`…), attributes aside. */
function rawOf(value: unknown): string | undefined {
  const node = first(value);
  if (typeof node === 'string') return node;
  if (isNode(node)) return stringOf(node[TEXT_KEY]);
  return undefined;
}

/**
 * The HTML source inside raw inner XML: inline XHTML markup is kept as it is
 * (its CDATA escaped); escaped HTML is unescaped and CDATA taken verbatim.
 */
function innerHtml(raw: string): string {
  const parts = splitCdata(raw);
  const isMarkup = parts.some((part) => !part.cdata && MARKUP.test(part.text));
  return parts
    .map((part) => {
      if (isMarkup) return part.cdata ? escapeText(part.text) : part.text;
      return part.cdata ? part.text : decodeHTML(part.text);
    })
    .join('');
}

/** The plain text of raw inner XML: entities decoded, CDATA verbatim, markup turned to text. */
function innerText(raw: string): string {
  const parts = splitCdata(raw);
  if (parts.some((part) => !part.cdata && MARKUP.test(part.text))) {
    return htmlToText(innerHtml(raw));
  }
  return parts.map((part) => (part.cdata ? part.text : decodeHTML(part.text))).join('');
}

function splitCdata(raw: string): { cdata: boolean; text: string }[] {
  const parts: { cdata: boolean; text: string }[] = [];
  let end = 0;
  for (const match of raw.matchAll(CDATA_SECTION)) {
    parts.push({ cdata: false, text: raw.slice(end, match.index) });
    parts.push({ cdata: true, text: match[1] ?? '' });
    end = match.index + match[0].length;
  }
  parts.push({ cdata: false, text: raw.slice(end) });
  return parts;
}

function attributeOf(node: unknown, name: string): string | undefined {
  if (!isNode(node)) return undefined;
  const value = node[ATTRIBUTE_PREFIX + name];
  return typeof value === 'string' ? nonEmpty(decodeHTML(value)) : undefined;
}

// ---------------------------------------------------------------------------
// Fields
// ---------------------------------------------------------------------------

/** RSS `guid` doubles as the link when it is a permalink (the default) and looks like a URL. */
function permalinkOf(guid: unknown, text: string | undefined): string | undefined {
  if (!text || attributeOf(first(guid), 'isPermaLink')?.toLowerCase() === 'false') return undefined;
  return /^https?:\/\//i.test(text) ? text : undefined;
}

/** Atom `link[rel=alternate]` (a link without `rel` is an alternate link). */
function alternateLinkOf(value: unknown): string | undefined {
  for (const link of nodesOrText(value)) {
    const rel = attributeOf(link, 'rel') ?? 'alternate';
    const href = attributeOf(link, 'href');
    if (rel.toLowerCase() === 'alternate' && href) return href;
  }
  return undefined;
}

/** Atom `author > name` of every author, joined. */
function authorsOf(value: unknown): string | undefined {
  const names = nodesOrText(value)
    .map((author) => (isNode(author) ? textOf(author.name) : textOf(author)))
    .filter((name) => name !== undefined);
  return names.length > 0 ? names.join(', ') : undefined;
}

/** RSS `author` is an e-mail address, often with the name in brackets: `jo@x.com (Jo Smith)`. */
function authorNameOf(author: string | undefined): string | undefined {
  const named = author ? /^\S+@\S+\s*\((.+)\)\s*$/.exec(author.trim()) : null;
  return named?.[1] ?? author;
}

function atomCategoryOf(category: unknown): string | undefined {
  return attributeOf(category, 'term') ?? textOf(category);
}

function categoriesOf(values: readonly (string | undefined)[]): string[] | undefined {
  const names = values.map((name) => name?.trim()).filter((name): name is string => Boolean(name));
  return names.length > 0 ? [...new Set(names)] : undefined;
}

function joinTexts(value: unknown): string | undefined {
  const texts = nodesOrText(value)
    .map(textOf)
    .filter((text) => text !== undefined);
  return texts.length > 0 ? texts.join(', ') : undefined;
}

function lineOf(node: XmlNode, context: FeedContext): number | undefined {
  const meta: unknown = Reflect.get(node, META);
  const offset = isNode(meta) ? meta.startIndex : undefined;
  return typeof offset === 'number' ? context.lineAt(offset) : undefined;
}

/** 1-based line of a character offset, counting lines skipped before the text. */
function lineFinder(text: string, skippedLines: number): (offset: number) => number {
  const starts = [0];
  for (let index = text.indexOf('\n'); index !== -1; index = text.indexOf('\n', index + 1)) {
    starts.push(index + 1);
  }
  return (offset) => lineAt(starts, offset) + skippedLines;
}

// ---------------------------------------------------------------------------
// Plumbing
// ---------------------------------------------------------------------------

function isNode(value: unknown): value is XmlNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}

function firstNode(value: unknown): XmlNode | undefined {
  const node = first(value);
  return isNode(node) ? node : undefined;
}

/** The elements among a value that may be one element or several; an empty element is `{}`. */
function nodes(value: unknown): XmlNode[] {
  return nodesOrText(value).map((node) => (isNode(node) ? node : {}));
}

function nodesOrText(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function stringOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return Array.isArray(value) ? value.map(stringOf).join('') : '';
}

function nonEmpty(text: string): string | undefined {
  return text.trim() === '' ? undefined : text;
}

/** Drops undefined fields so records compare and serialize cleanly. */
function compact(record: RawRecord): RawRecord {
  return Object.fromEntries(
    Object.entries(record).filter(([, value]) => value !== undefined),
  ) as RawRecord;
}

function records(list: RawRecord[]): ParseOutput {
  return { shape: 'records', records: list, problems: [] };
}

function invalidFeed(reason: string, line?: number): ParseOutput {
  return {
    shape: 'records',
    records: [],
    problems: [
      line === undefined
        ? { kind: 'invalid-feed', reason }
        : { kind: 'invalid-feed', line, reason },
    ],
  };
}
