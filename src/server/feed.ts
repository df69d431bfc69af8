/**
 * `/search.atom`: any search as an Atom feed, newest first, so that a feed
 * reader follows a query as the archive grows. It takes the search page's
 * parameters (the query language, filters, dates, spelling, collapsing) and
 * `limit` (entries, default 50, at most 100) instead of `page` and `size`.
 * Undated articles sort last, as with `sort=newest` (a corpus without dates,
 * such as BBC's, still has a feed); their entries are `updated` when the
 * index was built and carry no `published`. Entry ids are tag URIs made from
 * the article id alone, so they stay the same across rebuilds and hosts.
 */
import type { RequestHandler } from 'express';
import type { Engine } from '../engine/engine.ts';
import { NewsdeskError } from '../errors.ts';
import type { RequestFields } from '../search/request.ts';
import type { Searcher } from '../search/searcher.ts';
import type { SearchHit, SearchRequest, SearchResponse } from '../types.ts';
import type { ContentCoding } from './encoding.ts';
import { ATOM_TYPE, type AtomEntry, atomXml } from './feed-atom.ts';
import { articleHref, searchHref } from './links.ts';
import { searchFields, searchRequestFrom, single, type UrlQuery } from './params.ts';
import { type Reply, textReply, writeReply } from './reply.ts';
import { codingFor } from './routes.ts';

/** Entries a feed lists unless `limit` says otherwise, and the most it may ask for. */
export const FEED_LIMITS = { entries: 50, maxEntries: 100 } as const;

/** The tag URI authority and date every feed and entry id starts with (RFC 4151). */
const TAG = 'tag:newsdesk,2026:';

/** What the feed of a search is made from, where the search runs. */
export interface FeedPresentation {
  form: 'search-atom';
  request: SearchRequest;
  fields: RequestFields;
  /** `http://host:port`: feeds need absolute links. */
  origin: string;
  /** When the live index was built: the `updated` of undated entries and of an empty feed. */
  builtAt: string;
}

/** The search a feed request asks for, newest first; BAD_PARAMETER naming the first bad one. */
export function feedRequest(query: UrlQuery): { request: SearchRequest; fields: RequestFields } {
  for (const name of ['page', 'size'] as const) {
    if (single(query, name) !== undefined) {
      throw new NewsdeskError(
        'BAD_PARAMETER',
        `${name} is not taken by a feed, which lists the newest entries: use limit (1 to ${FEED_LIMITS.maxEntries})`,
        { parameter: name },
      );
    }
  }
  const sort = single(query, 'sort');
  if (sort !== undefined && sort !== '' && sort !== 'newest') {
    throw new NewsdeskError(
      'BAD_PARAMETER',
      `sort must be newest (a feed lists the newest first) or left out, not "${sort.slice(0, 40)}"`,
      { parameter: 'sort' },
    );
  }
  const limit = feedLimit(single(query, 'limit'));
  const fields = { ...searchFields(query), sort: undefined };
  const request = searchRequestFrom({ ...query, size: String(limit), sort: 'newest' });
  return { request, fields };
}

function feedLimit(value: string | undefined): number {
  if (value === undefined || value === '') return FEED_LIMITS.entries;
  const number = /^\d{1,9}$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(number >= 1 && number <= FEED_LIMITS.maxEntries)) {
    throw new NewsdeskError(
      'BAD_PARAMETER',
      `limit must be a whole number from 1 to ${FEED_LIMITS.maxEntries}, not "${value.slice(0, 40)}"`,
      { parameter: 'limit' },
    );
  }
  return number;
}

/** The feed of the search page for `fields` (page, size and sort left out). */
export function feedHref(fields: RequestFields): string {
  const page = searchHref(fields, { sort: undefined, size: undefined, page: undefined });
  return `/search.atom${page.slice('/search'.length)}`;
}

/** `GET /search.atom`, answered where searches run (and kept in the reply cache). */
export function feedRoute(engine: Engine): RequestHandler {
  return async (request, response) => {
    const { request: search, fields } = feedRequest(request.query);
    const origin = `${request.protocol}://${request.get('host') ?? 'localhost'}`;
    const { builtAt } = engine.current().info;
    const presentation: FeedPresentation = {
      form: 'search-atom',
      request: search,
      fields,
      origin,
      builtAt,
    };
    const reply = await engine.present(presentation, codingFor(request));
    writeReply(response, reply, [], request.method === 'HEAD');
  };
}

/** The Atom reply for `found`, the search of `presentation` (run by `searcher`). */
export function feedReply(
  searcher: Searcher,
  presentation: FeedPresentation,
  found: SearchResponse,
  coding?: ContentCoding,
): Reply {
  const { fields, origin, builtAt } = presentation;
  const entries = found.hits
    .filter((hit) => !hit.partial)
    .map((hit) => entryOf(searcher, hit, origin, builtAt));
  const dated = entries.filter((entry) => entry.published !== undefined);
  const href = feedHref(fields);
  const xml = atomXml({
    id: `${TAG}${href.slice(1)}`,
    title: `newsdesk: ${describeSearch(fields)}`,
    subtitle: `The newest articles matching ${describeSearch(fields)} in the archive (${found.total.toLocaleString('en-US')} in all)`,
    updated: dated[0]?.updated ?? builtAt,
    self: `${origin}${href}`,
    alternate: `${origin}${searchHref(fields, { sort: 'newest' })}`,
    author: 'newsdesk',
    entries,
  });
  return textReply(xml, ATOM_TYPE, coding);
}

/** The permanent id of article `id`'s entry. @example entryId('business/001') // 'tag:newsdesk,2026:article/business/001' */
export function entryId(id: string): string {
  return `${TAG}${articleHref(id).slice(1)}`;
}

function entryOf(searcher: Searcher, hit: SearchHit, origin: string, builtAt: string): AtomEntry {
  const { store } = searcher.index;
  const doc = store.docOf(hit.id);
  const author = doc === undefined ? undefined : store.article(doc).author;
  const date = hit.date === undefined ? undefined : dateTime(hit.date);
  return {
    id: entryId(hit.id),
    title: hit.title,
    link: `${origin}${articleHref(hit.id)}`,
    updated: date ?? builtAt,
    ...(date ? { published: date } : {}),
    summary: hit.snippet.text,
    authors: author ? [author] : [],
    categories: hit.category,
  };
}

/** An article date (`2004-06-01`, ISO 8601) as an RFC 3339 date-time, or undefined. */
function dateTime(date: string): string | undefined {
  const ms = Date.parse(date);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** `"oil" · source: Reuters · from 1987-03` for a feed's title. */
function describeSearch(fields: RequestFields): string {
  const parts = [fields.q?.trim() ? `“${fields.q.trim()}”` : 'all articles'];
  for (const value of fields.source ?? []) parts.push(`source: ${value}`);
  for (const value of fields.category ?? []) parts.push(`category: ${value}`);
  if (fields.from) parts.push(`from ${fields.from}`);
  if (fields.to) parts.push(`to ${fields.to}`);
  return parts.join(' · ');
}
