import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlParser } from '../../../src/corpus/formats/html.ts';
import type { ParseOutput, RawRecord, SourceFile } from '../../../src/types.ts';
import { expectParserOutput } from '../../helpers/parser-output.ts';
import { sourceFile } from '../../helpers/source-file.ts';

const source = sourceFile;

function fixture(name: string): SourceFile {
  const text = readFileSync(new URL(`../../fixtures/html/${name}`, import.meta.url), 'utf8');
  return source(`html/${name}`, text);
}

/** The one record of a page that must parse without problems. */
function recordOf(html: string): RawRecord {
  const output = htmlParser.parse(source('news/page.html', html));
  expect(output.problems).toEqual([]);
  expect(output.shape).toBe('single');
  expect(output.records).toHaveLength(1);
  return output.records[0] ?? {};
}

/** A page with the given head and an article long enough for Readability. */
function page(head: string, article = ''): string {
  return `<!DOCTYPE html><html><head>${head}</head><body>
<article>${article}<p>The council voted on Monday to rebuild the old harbour wall, which was badly damaged in the winter storms, at a cost of four million pounds.</p>
<p>Work will start in the spring and should take two years, the council said.</p></article></body></html>`;
}

/** Records and problems have the contract's shape: one record at most, typed fields, a reason. */
function expectWellFormed(output: ParseOutput): void {
  expect(output.shape).toBe('single');
  expect(output.records.length + output.problems.length).toBe(1);
  expectParserOutput(output, {
    kind: 'invalid-html',
    recordLines: 'absent',
    problemLines: 'unchecked',
  });
}

describe('htmlParser', () => {
  it('reads .html and .htm files', () => {
    expect(htmlParser.extensions).toEqual(['html', 'htm']);
  });

  describe('a news page with navigation, sidebar, comments and footer around the article', () => {
    const output = htmlParser.parse(fixture('rates-article.html'));
    const record = output.records[0];
    const body = record?.body ?? '';

    it('gives one record and no problems', () => {
      expect(output.shape).toBe('single');
      expect(output.problems).toEqual([]);
      expect(output.records).toHaveLength(1);
    });

    it('takes its metadata from the meta tags', () => {
      expect(record).toMatchObject({
        title: 'Central bank raises interest rates for third time this year',
        date: '2024-03-05T09:30:00Z',
        source: 'Daily Planet',
        url: 'https://planet.example/business/2024/03/rates-rise',
        author: 'Lois Lane',
        category: ['Business', 'Interest rates', 'Inflation'],
      });
    });

    it('keeps the article paragraphs separated by blank lines', () => {
      expect(body).toContain(
        'citing persistent inflation in services and housing costs.\n\nOfficials said further increases',
      );
      expect(body).toContain('“This was priced in,” said Anna Kowalski');
      expect(body).toContain('within days.\nSavers may see better rates by April.');
    });

    it.each([
      ['the navigation', 'Sport'],
      ['the advert', 'Metro Mart'],
      ['the sidebar', 'Cat rescued'],
      ['the comments', 'First! Rates'],
      ['the footer', 'All rights reserved'],
      ['the scripts', 'dataLayer'],
    ])('leaves out %s', (_, text) => {
      expect(body).not.toContain(text);
    });
  });

  it('reads a minimal page with only a title and paragraphs', () => {
    expect(recordOf(fixture('minimal.html').text)).toEqual({
      title: 'Town hall to reopen in May',
      body:
        'The town hall will reopen to the public in May after two years of repairs.' +
        "\n\nThe council said the building's clock tower would be lit at night.",
    });
  });

  it('keeps a <script> written inside <title> out of the headline and the body', () => {
    const record = recordOf(fixture('script-in-title.html').text);
    expect(record).toEqual({
      title: 'Storm warning for coast',
      body:
        'Forecasters issued a storm warning for the whole coast on Tuesday, with gusts of up to 90 km/h expected overnight.' +
        '\n\nFerries to the islands have been cancelled until Thursday.',
      date: '2024-01-02T06:00:00Z',
    });
  });

  describe('metadata', () => {
    it.each([
      {
        name: 'og:title is the headline before the <title>',
        head: '<title>Site | Old</title><meta property="og:title" content="Harbour wall to be rebuilt">',
        expected: { title: 'Harbour wall to be rebuilt' },
      },
      {
        name: 'the <title> is the headline without og:title',
        head: '<title>Harbour wall to be rebuilt</title>',
        expected: { title: 'Harbour wall to be rebuilt' },
      },
      {
        name: 'the <h1> is the headline when the page has no title',
        head: '',
        article: '<h1>Harbour wall to be rebuilt</h1>',
        expected: { title: 'Harbour wall to be rebuilt' },
      },
      {
        name: 'markup inside a headline is read as text',
        head: '<meta property="og:title" content="A &lt;b&gt;bold&lt;/b&gt; plan">',
        expected: { title: 'A bold plan' },
      },
      {
        name: 'the pubdate meta tag is the date',
        head: '<meta name="pubdate" content="2024-06-01">',
        expected: { date: '2024-06-01' },
      },
      {
        name: 'the Dublin Core date is the date, whatever its case',
        head: '<meta name="DC.date" content="2024-06-02">',
        expected: { date: '2024-06-02' },
      },
      {
        name: 'a JSON-LD datePublished is the date',
        head: '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-06-03T08:00:00Z"}</script>',
        expected: { date: '2024-06-03T08:00:00Z' },
      },
      {
        name: 'broken JSON-LD is ignored',
        head: '<script type="application/ld+json">{"datePublished": </script>',
        expected: {},
      },
      {
        name: 'a <time datetime> in the article is the date when no meta tag gives one',
        head: '',
        article: '<time datetime="2024-06-04T12:00:00Z">4 June</time>',
        expected: { date: '2024-06-04T12:00:00Z' },
      },
      {
        name: 'application-name is the source without og:site_name',
        head: '<meta name="application-name" content="Harbour Herald">',
        expected: { source: 'Harbour Herald' },
      },
      {
        name: 'the canonical link is the url without og:url',
        head: '<link rel="canonical" href="https://herald.example/harbour-wall">',
        expected: { url: 'https://herald.example/harbour-wall' },
      },
      {
        name: 'article:author is the author unless it is a profile URL',
        head: '<meta property="article:author" content="https://social.example/sam"><meta property="article:author" content="Sam Lee">',
        expected: { author: 'Sam Lee' },
      },
      {
        name: 'section and every tag are the categories, without repeats',
        head: '<meta property="article:section" content="Local"><meta property="article:tag" content="Harbour"><meta property="article:tag" content="Local">',
        expected: { category: ['Local', 'Harbour'] },
      },
    ])('$name', ({ head, article, expected }) => {
      const { title, date, source, url, author, category } = recordOf(page(head, article));
      const fields = { title, date, source, url, author, category };
      for (const [key, value] of Object.entries(expected)) {
        expect(fields[key as keyof typeof fields]).toEqual(value);
      }
      if (!('date' in expected)) expect(date).toBeUndefined();
    });

    it("Readability's byline is the author when no meta tag names one", () => {
      const article = '<p class="byline">By Sam Lee</p>';
      expect(recordOf(page('<title>Harbour wall</title>', article)).author).toBe('Sam Lee');
    });
  });

  describe('fragments and odd pages', () => {
    it('a fragment without <html> or <body> is read as the body of a page', () => {
      expect(recordOf('<h1>Ferry cancelled</h1><p>The morning ferry is cancelled.</p>')).toEqual({
        title: 'Ferry cancelled',
        body: expect.stringContaining('The morning ferry is cancelled.') as string,
      });
    });

    it('content a page leaves outside <body> is still read', () => {
      const html =
        '<html><head><title>Late news</title></head><p>Stray paragraph before any body tag.</p></html>';
      expect(recordOf(html).body).toBe('Stray paragraph before any body tag.');
    });

    it('a page Readability finds no article in falls back to its body without the chrome', () => {
      const html = `<html><head><title>Polls</title></head><body>
<nav>Home | Politics</nav><header>Evening Post</header>
<div style="display:none">Polls close at ten tonight.</div>
<aside>Related: weather</aside><footer>(c) Evening Post</footer></body></html>`;
      expect(recordOf(html)).toEqual({ title: 'Polls', body: 'Polls close at ten tonight.' });
    });

    it('a page with no text is still one record (the reader reports it as empty)', () => {
      expect(recordOf('<html><head></head><body><img src="a.png"></body></html>')).toEqual({});
    });

    it.each([
      ['an empty file', ''],
      ['plain text without markup', 'Polls close at ten tonight.'],
    ])('%s is an invalid-html problem', (_, text) => {
      expect(htmlParser.parse(source('news/bad.html', text))).toEqual({
        shape: 'single',
        records: [],
        problems: [{ kind: 'invalid-html', reason: 'the file holds no HTML markup' }],
      });
    });
  });

  describe('properties', () => {
    it('random strings never make parse throw and give well-formed output', () => {
      fc.assert(
        fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
          expectWellFormed(htmlParser.parse(source('news/random.html', text)));
        }),
        { numRuns: 200 },
      );
    });

    const pieces = fc.constantFrom(
      '<!DOCTYPE html>',
      '<html>',
      '</html>',
      '<head>',
      '</head>',
      '<body>',
      '</body>',
      '<title>',
      '</title>',
      '<meta property="og:title" content="T">',
      '<meta name="date" content="2024-01-01">',
      '<script type="application/ld+json">{"datePublished":',
      '<script>',
      '</script>',
      '<article>',
      '</article>',
      '<nav>',
      '</nav>',
      '<p>',
      '</p>',
      '<br>',
      '<h1>',
      '</h1>',
      '<time datetime="2024-01-01">',
      '&amp;',
      '&nbsp;',
      'Words of a sentence',
      ' ',
      '\n',
    );

    it('strings of page-like pieces never make parse throw and give well-formed output', () => {
      fc.assert(
        fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
          expectWellFormed(htmlParser.parse(source('news/pieces.html', parts.join(''))));
        }),
        { numRuns: 200 },
      );
    });
  });
});
