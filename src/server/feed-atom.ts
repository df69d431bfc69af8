/**
 * Atom 1.0 (RFC 4287) documents built with fast-xml-parser's XMLBuilder,
 * which escapes every text and attribute; characters XML 1.0 cannot carry
 * at all (most control characters, lone surrogates) are dropped first.
 */
import { XMLBuilder } from 'fast-xml-parser';

/** One entry: an article. */
export interface AtomEntry {
  /** A permanent IRI (`tag:…`). */
  id: string;
  title: string;
  /** The article page, absolute. */
  link: string;
  /** RFC 3339 date-time. */
  updated: string;
  published?: string;
  /** Plain text. */
  summary: string;
  authors: readonly string[];
  categories: readonly string[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle: string;
  /** RFC 3339 date-time. */
  updated: string;
  /** This feed's own URL, absolute. */
  self: string;
  /** The same search as a page, absolute. */
  alternate: string;
  /** Who the feed is by when an entry names no author (Atom wants one). */
  author: string;
  entries: readonly AtomEntry[];
}

export const ATOM_TYPE = 'application/atom+xml; charset=utf-8';
const ATOM_NS = 'http://www.w3.org/2005/Atom';

/** Whether code point `cp` is an XML 1.0 `Char`: not a C0 control but tab/LF/CR, U+FFFE/F or a lone surrogate. */
function isXmlChar(cp: number): boolean {
  if (cp < 0x20) return cp === 0x09 || cp === 0x0a || cp === 0x0d;
  return cp <= 0xd7ff || (cp >= 0xe000 && cp <= 0xfffd) || cp >= 0x10000;
}

/** `text` without the characters XML cannot hold. @example xmlText('a\u0001b') // 'ab' */
export function xmlText(text: string): string {
  let clean = true;
  for (const char of text) {
    if (!isXmlChar(char.codePointAt(0) ?? 0)) clean = false;
  }
  if (clean) return text;
  let out = '';
  for (const char of text) if (isXmlChar(char.codePointAt(0) ?? 0)) out += char;
  return out;
}

/** The feed as an Atom document. */
export function atomXml(feed: AtomFeed): string {
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    suppressEmptyNode: true,
    suppressBooleanAttributes: false,
  });
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    feed: {
      '@_xmlns': ATOM_NS,
      id: xmlText(feed.id),
      title: textNode(feed.title),
      subtitle: textNode(feed.subtitle),
      updated: feed.updated,
      link: [
        { '@_rel': 'self', '@_type': 'application/atom+xml', '@_href': xmlText(feed.self) },
        { '@_rel': 'alternate', '@_type': 'text/html', '@_href': xmlText(feed.alternate) },
      ],
      author: { name: xmlText(feed.author) },
      generator: 'newsdesk',
      entry: feed.entries.map(entryNode),
    },
  };
  return builder.build(document) as string;
}

function entryNode(entry: AtomEntry) {
  return {
    id: xmlText(entry.id),
    title: textNode(entry.title),
    link: { '@_rel': 'alternate', '@_type': 'text/html', '@_href': xmlText(entry.link) },
    updated: entry.updated,
    ...(entry.published ? { published: entry.published } : {}),
    ...(entry.authors.length > 0
      ? { author: entry.authors.map((name) => ({ name: xmlText(name) })) }
      : {}),
    category: entry.categories.map((term) => ({ '@_term': xmlText(term) })),
    summary: textNode(entry.summary),
  };
}

/** A text construct of type text (escaped by the builder). */
function textNode(text: string) {
  return { '@_type': 'text', '#text': xmlText(text) };
}
