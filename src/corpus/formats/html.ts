/**
 * Saved news pages: one article per file. linkedom parses the page, Mozilla's
 * Readability finds the article among the page chrome (navigation, sidebars,
 * comments, footers), and the usual meta tags (Open Graph, `article:*`, Dublin
 * Core, JSON-LD) give the metadata. When Readability finds nothing, the body
 * text without navigation, header, footer and asides stands in.
 */

import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { describeError } from '../../errors.ts';
import type { FormatParser, ParseOutput, RawRecord, SourceFile } from '../../types.ts';
import { type DomNode, htmlToText, nodeToText } from './html-text.ts';

/** The DOM element members this parser reads (the project compiles without the DOM library). */
interface DomElement extends DomNode {
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
  getAttribute(name: string): string | null;
  appendChild(node: DomNode): DomNode;
  closest(selectors: string): DomElement | null;
  remove(): void;
}

/** The DOM document members this parser reads. */
interface DomDocument extends DomNode {
  readonly documentElement: DomElement | null;
  readonly head: DomElement | null;
  readonly body: DomElement | null;
  readonly childNodes: ArrayLike<DomNode>;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

/** Meta tag contents by lower-cased `property`, `name` or `itemprop`. */
type MetaTags = ReadonlyMap<string, readonly string[]>;

/** What Readability made of the page. */
interface ReadableArticle {
  title?: string;
  body?: string;
  byline?: string;
  siteName?: string;
  publishedTime?: string;
}

// Page chrome left out of the fallback body text.
const CHROME_ELEMENTS = ['nav', 'header', 'footer', 'aside'];

const DATE_META = [
  'article:published_time',
  'og:published_time',
  'og:article:published_time',
  'pubdate',
  'publishdate',
  'date',
  'dc.date',
  'dc.date.issued',
  'dcterms.date',
  'dcterms.created',
  'datepublished',
];
const SOURCE_META = ['og:site_name', 'application-name'];
const AUTHOR_META = ['author', 'article:author', 'dc.creator', 'dcterms.creator'];

const HAS_MARKUP = /<[A-Za-z!]/;
const TAG_LIKE = /<\/?[A-Za-z]/;
const DOCTYPE = /^\s*<!doctype[^>]*>/i;
const DOCUMENT_TYPE_NODE = 10;

/** HTML pages: the main article text and its metadata. */
export const htmlParser: FormatParser = {
  name: 'html',
  extensions: ['html', 'htm'],
  parse: parseHtmlFile,
};

function parseHtmlFile(file: SourceFile): ParseOutput {
  if (!HAS_MARKUP.test(file.text)) return invalidHtml('the file holds no HTML markup');
  try {
    return { shape: 'single', records: [readPage(file.text)], problems: [] };
  } catch (error) {
    return invalidHtml(`the page could not be parsed: ${describeError(error)}`);
  }
}

function readPage(html: string): RawRecord {
  const document = loadDocument(html);
  // Metadata first: Readability rewrites the document it reads (it drops scripts, JSON-LD included).
  const meta = metaTags(document);
  const date = metaValue(meta, DATE_META) ?? jsonLdDate(document) ?? timeElementDate(document);
  const headings = { h1: textOfFirst(document, 'h1'), title: textOfFirst(document, 'title') };
  const article = readArticle(document);
  return compact({
    title: plainText(
      metaValue(meta, ['og:title']) ?? article.title ?? headings.h1 ?? headings.title,
    ),
    body: article.body ?? fallbackBody(html),
    date: date ?? article.publishedTime,
    source: metaValue(meta, SOURCE_META) ?? article.siteName,
    url: metaValue(meta, ['og:url']) ?? canonicalUrl(document),
    author: authorOf(meta) ?? bylineName(article.byline),
    category: categoriesOf(meta),
  });
}

/**
 * The page as a document with `<html>`, `<head>` and `<body>`. linkedom takes the
 * first element of a fragment as the root, so fragments are wrapped; content it
 * leaves outside `<body>` (a page without a `<body>` tag) is moved into it.
 */
function loadDocument(html: string): DomDocument {
  let document = parseDocument(html);
  if (document.documentElement?.nodeName.toLowerCase() !== 'html') {
    document = parseDocument(`<html><head></head><body>${html.replace(DOCTYPE, '')}</body></html>`);
  }
  gatherIntoBody(document);
  return document;
}

function parseDocument(html: string): DomDocument {
  const { document } = parseHTML(html);
  return document;
}

function gatherIntoBody(document: DomDocument): void {
  const { documentElement: root, head, body } = document;
  if (!root || !body) return;
  const strays = [
    ...Array.from(root.childNodes).filter((node) => node !== head && node !== body),
    ...Array.from(document.childNodes).filter(
      (node) => node !== root && node.nodeType !== DOCUMENT_TYPE_NODE,
    ),
  ];
  for (const node of strays) body.appendChild(node);
}

/** Readability's view of the page; empty when it finds no article or fails. */
function readArticle(document: DomDocument): ReadableArticle {
  let result: ReturnType<Readability<DomNode>['parse']>;
  try {
    removeChrome(document);
    result = new Readability<DomNode>(document, { serializer: (node) => node }).parse();
  } catch {
    return {};
  }
  if (!result) return {};
  return compact({
    title: nonEmpty(result.title),
    body: result.content ? nonEmpty(nodeToText(result.content)) : undefined,
    byline: nonEmpty(result.byline),
    siteName: nonEmpty(result.siteName),
    publishedTime: nonEmpty(result.publishedTime),
  });
}

/**
 * Removes what HTML5 marks as page chrome before Readability looks, which it
 * would otherwise keep on short pages: every `nav` and `aside`, and `header` and
 * `footer` outside an `article` (an article's own header holds its headline).
 */
function removeChrome(document: DomDocument): void {
  for (const element of Array.from(document.querySelectorAll('nav, aside, header, footer'))) {
    const name = element.nodeName.toLowerCase();
    if ((name === 'header' || name === 'footer') && element.closest('article')) continue;
    element.remove();
  }
}

/** The body text without the page chrome, from a fresh parse (Readability altered the first). */
function fallbackBody(html: string): string | undefined {
  const { body } = loadDocument(html);
  return body ? nonEmpty(nodeToText(body, { drop: CHROME_ELEMENTS })) : undefined;
}

// ---------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------

function metaTags(document: DomDocument): MetaTags {
  const tags = new Map<string, string[]>();
  for (const meta of Array.from(document.querySelectorAll('meta[content]'))) {
    const content = meta.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attribute of ['property', 'name', 'itemprop']) {
      const key = meta.getAttribute(attribute)?.trim().toLowerCase();
      if (key) tags.set(key, [...(tags.get(key) ?? []), content]);
    }
  }
  return tags;
}

/** The first value of the first of `keys` present. */
function metaValue(meta: MetaTags, keys: readonly string[]): string | undefined {
  for (const key of keys) {
    const value = meta.get(key)?.[0];
    if (value) return value;
  }
  return undefined;
}

/** `datePublished` of the first JSON-LD object (or `@graph` member) that has one. */
function jsonLdDate(document: DomDocument): string | undefined {
  for (const script of Array.from(document.querySelectorAll('script[type]'))) {
    if (script.getAttribute('type')?.trim().toLowerCase() !== 'application/ld+json') continue;
    const date = datePublishedIn(parseJson(script.textContent ?? ''));
    if (date) return date;
  }
  return undefined;
}

function datePublishedIn(value: unknown): string | undefined {
  const candidates = Array.isArray(value) ? value : [value];
  for (const candidate of candidates) {
    if (typeof candidate !== 'object' || candidate === null) continue;
    const date: unknown = Reflect.get(candidate, 'datePublished');
    if (typeof date === 'string' && date.trim()) return date.trim();
    const graph: unknown = Reflect.get(candidate, '@graph');
    if (Array.isArray(graph)) {
      const inGraph = datePublishedIn(graph.filter((item) => !Array.isArray(item)));
      if (inGraph) return inGraph;
    }
  }
  return undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `<time datetime>`, preferring one inside the article. */
function timeElementDate(document: DomDocument): string | undefined {
  const time =
    document.querySelector('article time[datetime]') ?? document.querySelector('time[datetime]');
  return nonEmpty(time?.getAttribute('datetime'));
}

function canonicalUrl(document: DomDocument): string | undefined {
  return nonEmpty(document.querySelector('link[rel~="canonical"][href]')?.getAttribute('href'));
}

/** The author meta tags; `article:author` is often a profile URL, which is no name. */
function authorOf(meta: MetaTags): string | undefined {
  for (const key of AUTHOR_META) {
    const name = meta.get(key)?.find((value) => !/^https?:\/\//i.test(value));
    if (name) return name;
  }
  return undefined;
}

function bylineName(byline: string | undefined): string | undefined {
  return nonEmpty(byline?.replace(/^\s*by\s+/i, ''));
}

/** `article:section` then every `article:tag`, without repeats. */
function categoriesOf(meta: MetaTags): string[] | undefined {
  const names = [...(meta.get('article:section') ?? []), ...(meta.get('article:tag') ?? [])];
  return names.length > 0 ? [...new Set(names)] : undefined;
}

/**
 * A headline as plain text. `<title>` content is raw text to the HTML parser, so
 * markup written inside it (`<b>`, even `<script>`) arrives as text; it is read
 * as HTML here, scripts dropped, so no markup reaches the index.
 */
function plainText(headline: string | undefined): string | undefined {
  return headline && TAG_LIKE.test(headline) ? nonEmpty(htmlToText(headline)) : headline;
}

function textOfFirst(document: DomDocument, selector: string): string | undefined {
  return nonEmpty(document.querySelector(selector)?.textContent);
}

// ---------------------------------------------------------------------------
// Plumbing
// ---------------------------------------------------------------------------

function nonEmpty(text: string | null | undefined): string | undefined {
  return text?.trim() ? text : undefined;
}

/** Drops undefined fields so records compare and serialize cleanly. */
function compact<T extends object>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

function invalidHtml(reason: string): ParseOutput {
  return { shape: 'single', records: [], problems: [{ kind: 'invalid-html', reason }] };
}
