/**
 * `/search.atom`: the feed of any search, read back by a real feed parser
 * (@rowanmanning/feed-parser) and checked for well-formed XML.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import fc from 'fast-check';
import { XMLValidator } from 'fast-xml-parser';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { entryId } from '../../src/server/feed.ts';
import { atomXml, xmlText } from '../../src/server/feed-atom.ts';
import { article, engineOver, HOSTILE, newsArticles } from '../helpers/engine.ts';
import { percentEncode } from '../helpers/raw-http.ts';
import { anyText } from '../helpers/text-arbitraries.ts';

const UNDATED = article('desk/undated', 'Oil undated note', 'An oil note without a date.', {
  source: 'Wire',
  category: ['crude'],
});
const app = createApp(engineOver([...newsArticles(), UNDATED]));

async function feedOf(path: string, server = app) {
  const response = await request(server).get(path).buffer(true).expect(200);
  expect(response.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
  const xml = response.text;
  expect(XMLValidator.validate(xml)).toBe(true);
  const feed = parseFeed(xml);
  expect(feed.meta.type).toBe('atom');
  return { xml, feed };
}

describe('GET /search.atom', () => {
  it('serves a search as an Atom feed, newest first, the snippet as summary and the article page as link', async () => {
    const { feed } = await feedOf('/search.atom?q=oil');
    const { body } = await request(app).get('/api/search?q=oil&sort=newest&size=50');
    const expected = (
      body.hits as { id: string; partial: boolean; snippet: { text: string } }[]
    ).filter((hit) => !hit.partial);
    expect(feed.items.map((item) => item.id)).toEqual(expected.map((hit) => entryId(hit.id)));
    expect(feed.items.map((item) => item.description)).toEqual(
      expected.map((hit) => hit.snippet.text),
    );
    const published = feed.items.flatMap((item) =>
      item.published ? [item.published.getTime()] : [],
    );
    expect(published).toEqual([...published].sort((a, b) => b - a));
    expect(feed.items.at(-1)?.title).toBe('Oil undated note');
    expect(feed.items.at(-1)?.published).toBeNull();
    expect(feed.items[0]?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/article\/wire\/\d{3}$/);
    expect(feed.items[0]?.authors.map((author) => author.name)).toEqual(['Desk Staff']);
    expect(feed.items[0]?.categories.length).toBeGreaterThan(0);
    expect(feed.self).toMatch(/\/search\.atom\?q=oil$/);
    expect(feed.url).toMatch(/\/search\?q=oil&sort=newest$/);
  });

  it('takes the filters, dates and query language of the search page, and limit', async () => {
    const { feed } = await feedOf(
      '/search.atom?q=oil%20-tanker&source=Daily&from=1987-01&to=1987-05&limit=3',
    );
    const { body } = await request(app).get(
      '/api/search?q=oil%20-tanker&source=Daily&from=1987-01&to=1987-05&sort=newest&size=3',
    );
    expect(feed.items.map((item) => item.id)).toEqual(
      (body.hits as { id: string }[]).map((hit) => entryId(hit.id)),
    );
    expect(feed.items).toHaveLength(3);
  });

  it('gives each article the same entry id in two builds of different archives', async () => {
    const more = [...newsArticles()].reverse();
    more.splice(
      3,
      0,
      article('wire/900', 'Oil news added later', 'Oil rose again.', { date: '1987-07-01' }),
    );
    const other = createApp(engineOver(more));
    const first = (await feedOf('/search.atom?q=oil&limit=100')).feed.items;
    const second = (await feedOf('/search.atom?q=oil&limit=100', other)).feed.items;
    const byTitle = new Map(second.map((item) => [item.title, item.id]));
    for (const item of first.filter((entry) => entry.title !== 'Oil undated note')) {
      expect(byTitle.get(item.title), item.title ?? '').toBe(item.id);
    }
    expect(second[0]?.title).toBe('Oil news added later');
  });

  it('answers a search with no results with a valid empty feed', async () => {
    const { feed, xml } = await feedOf('/search.atom?q=zzyzxqq&spell=off');
    expect(feed.items).toEqual([]);
    expect(xml).toContain('<updated>2026-11-23T00:00:00.000Z</updated>');
  });

  it('escapes XML special characters in headlines, summaries and categories', async () => {
    const { feed, xml } = await feedOf('/search.atom?q=rally');
    const entry = feed.items.find((item) => item.id === entryId(HOSTILE.id));
    expect(entry?.title).toBe(HOSTILE.title);
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('Oil &lt;script&gt;alert(1)&lt;/script&gt; &quot;onerror=alert(2) rally');
  });

  it.each([
    ['limit', '?q=oil&limit=0', /limit must be a whole number from 1 to 100/],
    ['limit', '?q=oil&limit=101', /limit must be a whole number from 1 to 100/],
    ['sort', '?q=oil&sort=relevance', /sort must be newest/],
    ['page', '?q=oil&page=2', /page is not taken by a feed/],
    ['size', '?q=oil&size=5', /size is not taken by a feed/],
    ['from', '?q=oil&from=1987-13', /from must be a date/],
    ['q', '?q=a&q=b', /q must be given once/],
  ])("refuses a bad %s with the pages' 400 (%s)", async (_parameter, query, message) => {
    const { text } = await request(app).get(`/search.atom${query}`).expect(400);
    expect(text).toContain('class="error-page"');
    expect(text).toMatch(message);
  });

  it('answers arbitrary query strings with a feed a parser reads, or a clear 400', async () => {
    const names = fc.constantFrom(
      'q',
      'source',
      'category',
      'from',
      'to',
      'limit',
      'sort',
      'spell',
      'collapse',
      'cluster',
    );
    const pair = fc.tuple(
      names,
      fc.oneof(anyText, fc.constantFrom('1', '50', 'newest', 'off', '1987')),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(pair, { maxLength: 4 }), async (pairs) => {
        const query = pairs.map(([name, value]) => `${name}=${percentEncode(value)}`).join('&');
        const response = await request(app).get(`/search.atom?${query}`).buffer(true);
        expect([200, 400], query).toContain(response.status);
        const body = response.text;
        if (response.status === 400) {
          expect(body, query).toMatch(/<h1>400 ·/);
          return;
        }
        expect(XMLValidator.validate(body), query).toBe(true);
        expect(parseFeed(body).meta.type).toBe('atom');
      }),
      { numRuns: 120, seed: 15 },
    );
  });
});

describe('atomXml', () => {
  it('drops the characters XML cannot hold and keeps the rest, astral ones included', () => {
    expect(xmlText('a\u0001b\u0008c\td\ud800e\udc00f😀\uFFFEg')).toBe('abc\tdef😀g');
    const xml = atomXml({
      id: 'tag:x,2026:a',
      title: 'bad \u0000 title \ud83d',
      subtitle: '',
      updated: '2026-01-01T00:00:00.000Z',
      self: 'http://h/x',
      alternate: 'http://h/y',
      author: 'newsdesk',
      entries: [],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(parseFeed(xml).title).toBe('bad  title');
  });
});

describe('the feed on the pages', () => {
  it('is linked from every search page, in the head and visibly, and from the OpenSearch description', async () => {
    const { text } = await request(app).get('/search?q=oil&source=Daily&sort=oldest&page=2&size=3');
    expect(text).toContain(
      '<link rel="alternate" type="application/atom+xml" title="Atom feed of this search" href="/search.atom?q=oil&amp;source=Daily">',
    );
    expect(text).toMatch(
      /<a href="\/search\.atom\?q=oil&amp;source=Daily" type="application\/atom\+xml" class="feed-link">Feed<\/a>/,
    );
    const opensearch = await request(app).get('/opensearch.xml');
    expect(opensearch.text).toContain('type="application/atom+xml"');
  });
});
