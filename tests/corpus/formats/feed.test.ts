import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedParser } from '../../../src/corpus/formats/feed.ts';
import type { ParseOutput, RawRecord, SourceFile } from '../../../src/types.ts';
import { expectParserOutput } from '../../helpers/parser-output.ts';
import { sourceFile } from '../../helpers/source-file.ts';

const source = sourceFile;

function fixture(name: string): SourceFile {
  const text = readFileSync(new URL(`../../fixtures/feeds/${name}`, import.meta.url), 'utf8');
  return source(`feeds/${name}`, text);
}

/** The records of a feed that must parse without problems. */
function recordsOf(text: string): RawRecord[] {
  const output = feedParser.parse(source('feeds/test.xml', text));
  expect(output.problems).toEqual([]);
  return output.records;
}

/** One RSS 2.0 item inside a channel titled "Channel Title". */
function rssItem(inner: string): string {
  return `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Channel Title</title><item>${inner}</item></channel></rss>`;
}

/** One Atom entry inside a feed titled "Feed Title". */
function atomEntry(inner: string, feedInner = ''): string {
  return `<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed Title</title>${feedInner}<entry>${inner}</entry></feed>`;
}

/** Records and problems have the contract's shape: typed fields, positive lines, a reason. */
function expectWellFormed(output: ParseOutput): void {
  expect(output.shape).toBe('records');
  expectParserOutput(output, {
    kind: 'invalid-feed',
    recordLines: 'optional',
    problemLines: 'optional',
  });
  if (output.problems.length > 0) expect(output.records).toEqual([]);
}

describe('feedParser', () => {
  it('reads .rss, .atom and .xml files', () => {
    expect(feedParser.extensions).toEqual(['rss', 'atom', 'xml']);
  });

  it('reads every item of an RSS 2.0 feed with CDATA HTML, several categories and a source', () => {
    expect(feedParser.parse(fixture('world-news.rss'))).toEqual({
      shape: 'records',
      problems: [],
      records: [
        {
          recordId: 'gazette-2024-0311-fleet',
          line: 12,
          title: 'Fishing fleet returns after record storm',
          body:
            'More than forty trawlers limped back into port on Sunday after the worst storm in a generation.' +
            '\n\nHarbour master Tom Reyes said no lives were lost.\nTwo boats are still missing their nets.',
          date: 'Mon, 11 Mar 2024 07:45:00 GMT',
          source: 'Harbour Gazette & Courier — World',
          url: 'https://gazette.example/world/2024/03/fleet-returns',
          author: 'Maria Okafor',
          category: ['World', 'Weather', 'Fishing'],
        },
        {
          recordId: 'https://gazette.example/world/2024/03/fuel-deal',
          line: 26,
          title: 'Ministers agree ‘fair share’ deal on fuel prices',
          body:
            'Energy ministers from six countries agreed on Sunday to cap wholesale fuel prices until the end of the year.' +
            '\n\nCritics said the cap & rebate scheme came too late for households already in arrears.',
          date: 'Sun, 10 Mar 2024 18:20:00 +0100',
          source: 'Continental Wire',
          url: 'https://gazette.example/world/2024/03/fuel-deal?ref=rss&src=feed',
          author: 'Jon Baptiste',
          category: ['Politics'],
        },
        {
          recordId: 'gazette-2024-0309-empty',
          line: 37,
          date: 'Sat, 09 Mar 2024 12:00:00 GMT',
          source: 'Harbour Gazette & Courier — World',
        },
      ],
    });
  });

  it('reads every entry of an Atom feed', () => {
    expect(feedParser.parse(fixture('tech.atom'))).toEqual({
      shape: 'records',
      problems: [],
      records: [
        {
          recordId: 'tag:ledger.example,2024:tech/chip-plant',
          line: 8,
          title: 'Chip plant opens ahead of schedule',
          body:
            'The factory on the river front began production on Monday, three months early.' +
            '\n\nIt will employ 1,200 people & make sensors for electric cars.',
          date: '2024-04-01T08:30:00+02:00',
          source: 'Northern Ledger: Technology',
          url: 'https://ledger.example/tech/chip-plant',
          author: 'Aiko Tanaka',
          category: ['semiconductors', 'industry'],
        },
        {
          recordId: 'tag:ledger.example,2024:tech/battery-fine',
          line: 26,
          title: 'Regulator fines phone maker over battery claims',
          body: 'The fine is the largest of its kind.\n\nThe company said it would appeal.',
          date: '2024-03-30T16:00:00Z',
          source: 'Consumer Watch',
          url: 'https://ledger.example/tech/battery-fine',
          author: 'Ledger Tech Desk',
        },
      ],
    });
  });

  it('reads the items of an RSS 1.0 (RDF) feed', () => {
    expect(recordsOf(fixture('headlines.rdf.xml').text)).toEqual([
      {
        recordId: 'https://valley.example/news/floods',
        line: 10,
        title: 'River levels fall after week of floods',
        body: 'Residents began returning home on Friday.',
        date: '2024-02-16T09:00:00Z',
        source: 'Valley Times',
        url: 'https://valley.example/news/floods',
        author: 'Ruth Evans',
        category: ['Weather'],
      },
    ]);
  });

  describe('RSS items', () => {
    it.each([
      {
        name: 'the body comes from content:encoded before the description',
        inner:
          '<description>Short.</description><content:encoded><![CDATA[<p>Long.</p>]]></content:encoded>',
        expected: { body: 'Long.' },
      },
      {
        name: 'an empty content:encoded leaves the body to the description',
        inner: '<content:encoded></content:encoded><description>Short.</description>',
        expected: { body: 'Short.' },
      },
      {
        name: 'an entity-escaped HTML description is unescaped once, then read as HTML',
        inner:
          '<description>&lt;p&gt;Salt &amp;amp; pepper&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;</description>',
        expected: { body: 'Salt & pepper\n\nTwo' },
      },
      {
        name: 'escaped markup inside CDATA stays text',
        inner: '<description><![CDATA[<p>Use &lt;br&gt; tags</p>]]></description>',
        expected: { body: 'Use <br> tags' },
      },
      {
        name: 'scripts and styles in the HTML body are dropped',
        inner:
          '<description><![CDATA[<p>Text</p><script>alert(1)</script><style>p{}</style>]]></description>',
        expected: { body: 'Text' },
      },
      {
        name: 'a title in CDATA is taken verbatim, entities and all',
        inner: '<title><![CDATA[AT&T &amp; partners]]></title>',
        expected: { title: 'AT&T &amp; partners' },
      },
      {
        name: 'numeric and HTML named entities in a title are decoded',
        inner: '<title>Caf&#233; owner&#x2019;s &quot;big&quot; day&nbsp;out</title>',
        expected: { title: 'Café owner’s "big" day\u00a0out' },
      },
      {
        name: 'a permalink guid stands in for a missing link',
        inner: '<guid>https://news.example/a/1</guid>',
        expected: { recordId: 'https://news.example/a/1', url: 'https://news.example/a/1' },
      },
      {
        name: 'a guid that is not a permalink is only the record id',
        inner: '<guid isPermaLink="false">https://news.example/a/1</guid>',
        expected: { recordId: 'https://news.example/a/1' },
      },
      {
        name: 'dc:date stands in for a missing pubDate',
        inner: '<dc:date>2024-05-01T10:00:00Z</dc:date>',
        expected: { date: '2024-05-01T10:00:00Z' },
      },
      {
        name: 'the name in an author e-mail address is the author',
        inner: '<author>news@paper.example (Ada Byron)</author>',
        expected: { author: 'Ada Byron' },
      },
      {
        name: 'several dc:creator elements are joined',
        inner: '<dc:creator>Ada Byron</dc:creator><dc:creator>Alan Turing</dc:creator>',
        expected: { author: 'Ada Byron, Alan Turing' },
      },
      {
        name: 'categories keep their text, skip repeats and add dc:subject',
        inner:
          '<category domain="https://x.example/t">Sport</category><category>Sport</category><category/><dc:subject>Rugby</dc:subject>',
        expected: { category: ['Sport', 'Rugby'] },
      },
    ])('$name', ({ inner, expected }) => {
      const [record] = recordsOf(rssItem(inner));
      expect(record).toEqual({ line: 3, source: 'Channel Title', ...expected });
    });

    it('an item with its own source element keeps it instead of the channel title', () => {
      const [record] = recordsOf(rssItem('<source url="https://wire.example/">The Wire</source>'));
      expect(record?.source).toBe('The Wire');
    });

    it('items are returned even with neither title nor body', () => {
      expect(recordsOf(rssItem('<guid isPermaLink="false">g1</guid>'))).toEqual([
        { recordId: 'g1', line: 3, source: 'Channel Title' },
      ]);
      expect(recordsOf(rssItem(''))).toEqual([{ source: 'Channel Title' }]);
    });

    it('a channel without items gives no records and no problems', () => {
      expect(recordsOf('<rss version="2.0"><channel><title>Quiet</title></channel></rss>')).toEqual(
        [],
      );
    });
  });

  describe('Atom entries', () => {
    it.each([
      {
        name: 'an Atom entry without a source takes the feed title as its source',
        inner: '<title>T</title>',
        expected: { title: 'T', source: 'Feed Title' },
      },
      {
        name: 'the alternate link is the url, not the self link',
        inner:
          '<link rel="self" href="https://x.example/self"/><link rel="alternate" href="https://x.example/a?b=1&amp;c=2"/>',
        expected: { url: 'https://x.example/a?b=1&c=2' },
      },
      {
        name: 'a link without rel counts as the alternate link',
        inner: '<link href="https://x.example/story"/>',
        expected: { url: 'https://x.example/story' },
      },
      {
        name: 'published wins over updated as the date',
        inner: '<updated>2024-02-02T00:00:00Z</updated><published>2024-02-01T00:00:00Z</published>',
        expected: { date: '2024-02-01T00:00:00Z' },
      },
      {
        name: 'updated is the date when published is missing',
        inner: '<updated>2024-02-02T00:00:00Z</updated>',
        expected: { date: '2024-02-02T00:00:00Z' },
      },
      {
        name: 'text content keeps its characters as text, not markup',
        inner: '<content type="text">x &lt; y &amp;&amp; y &lt;z</content>',
        expected: { body: 'x < y && y <z' },
      },
      {
        name: 'html content is unescaped and read as HTML',
        inner: '<content type="html">&lt;p&gt;One&lt;/p&gt;&lt;p&gt;Two&lt;/p&gt;</content>',
        expected: { body: 'One\n\nTwo' },
      },
      {
        name: 'html content may come in CDATA',
        inner: '<content type="html"><![CDATA[<p>One</p><p>Two</p>]]></content>',
        expected: { body: 'One\n\nTwo' },
      },
      {
        name: 'out-of-line content leaves the body to the summary',
        inner: '<content src="https://x.example/full" type="text/html"/><summary>Short.</summary>',
        expected: { body: 'Short.' },
      },
      {
        name: 'all authors are named, joined',
        inner: '<author><name>Ann</name></author><author><name>Bob</name></author>',
        expected: { author: 'Ann, Bob' },
      },
      {
        name: 'category terms are the categories',
        inner: '<category term="world" label="World news"/><category term="europe"/>',
        expected: { category: ['world', 'europe'] },
      },
      {
        name: 'the id is the record id',
        inner: '<id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>',
        expected: { recordId: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a' },
      },
    ])('$name', ({ inner, expected }) => {
      const [record] = recordsOf(atomEntry(inner));
      expect(record).toEqual({ line: 1, source: 'Feed Title', ...expected });
    });

    it('an entry without an author takes the feed authors', () => {
      const text = atomEntry('<title>T</title>', '<author><name>Desk</name></author>');
      expect(recordsOf(text)[0]?.author).toBe('Desk');
    });
  });

  describe('problems', () => {
    it('broken XML is one invalid-feed problem with the line of the error', () => {
      expect(feedParser.parse(fixture('broken.rss'))).toEqual({
        shape: 'records',
        records: [],
        problems: [
          {
            kind: 'invalid-feed',
            line: 8,
            reason: expect.stringContaining("closing tag 'item'") as string,
          },
        ],
      });
    });

    it.each([
      {
        name: 'XML that is neither RSS nor Atom',
        text: fixture('sitemap.xml').text,
        problem: { reason: '<urlset> is neither an RSS nor an Atom feed' },
      },
      {
        name: 'an RSS document without a channel',
        text: '<rss version="2.0"><item><title>x</title></item></rss>',
        problem: { reason: 'the RSS document has no <channel>' },
      },
      {
        name: 'text that is not XML at all',
        text: 'Just a plain sentence, no markup.',
        problem: { line: 1, reason: expect.stringContaining('not well-formed') as string },
      },
      {
        name: 'an empty file',
        text: '',
        problem: { line: 1, reason: expect.stringContaining('not well-formed') as string },
      },
    ])('$name is one invalid-feed problem', ({ text, problem }) => {
      const output = feedParser.parse(source('feeds/other.xml', text));
      expect(output.records).toEqual([]);
      expect(output.problems).toEqual([{ kind: 'invalid-feed', ...problem }]);
    });

    it('white space before the XML declaration is tolerated and lines still count it', () => {
      const [record] = recordsOf(`\n\n${rssItem('<title>T</title>')}`);
      expect(record).toMatchObject({ title: 'T', line: 5 });
      const output = feedParser.parse(
        source('feeds/x.rss', '\n\n<?xml version="1.0"?>\n<rss><a></rss>'),
      );
      expect(output.problems[0]?.line).toBe(4);
    });

    it('entities declared in a DTD are never expanded, so an entity bomb stays inert', () => {
      const lol = Array.from({ length: 10 }, () => '&lol;').join('');
      const entities = Array.from(
        { length: 9 },
        (_, level) => `<!ENTITY lol${level + 1} "${lol.replaceAll('lol', `lol${level || ''}`)}">`,
      ).join('');
      const text = `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol">${entities}]>
<rss version="2.0"><channel><title>Bomb</title><item><title>&lol9;</title></item></channel></rss>`;
      const [record] = recordsOf(text);
      expect(record?.title).toBe('&lol9;');
    });
  });

  describe('properties', () => {
    it('random strings never make parse throw and give well-formed output', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
          expectWellFormed(feedParser.parse(source('feeds/random.xml', text)));
        }),
      );
    });

    const pieces = fc.constantFrom(
      '<?xml version="1.0"?>',
      '<rss version="2.0">',
      '</rss>',
      '<channel>',
      '</channel>',
      '<item>',
      '</item>',
      '<feed xmlns="http://www.w3.org/2005/Atom">',
      '</feed>',
      '<entry>',
      '</entry>',
      '<title>',
      '</title>',
      '<description>',
      '</description>',
      '<content type="html">',
      '<content type="xhtml">',
      '</content>',
      '<link href="x"/>',
      '<category term="t"/>',
      '<guid isPermaLink="false">',
      '</guid>',
      '<![CDATA[<p>a</p>]]>',
      '&amp;',
      '&lt;p&gt;',
      '&#8217;',
      '&nbsp;',
      'text',
      ' ',
      '\n',
      '<p>',
      '</p>',
    );

    it('strings of feed-like pieces never make parse throw and give well-formed output', () => {
      fc.assert(
        fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
          expectWellFormed(feedParser.parse(source('feeds/pieces.rss', parts.join(''))));
        }),
      );
    });

    it('any text in an item description is returned without throwing', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 200 }), (text) => {
          const cdata = `<![CDATA[${text.replaceAll(']]>', ']] >')}]]>`;
          const output = feedParser.parse(
            source('feeds/one.rss', rssItem(`<description>${cdata}</description>`)),
          );
          expectWellFormed(output);
        }),
      );
    });
  });
});
