import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { engineOver, newsArticles } from '../helpers/engine.ts';

const engine = engineOver(newsArticles());
const app = createApp(engine);

/** Every `href` in `html`, unescaped. */
const hrefs = (html: string) =>
  [...html.matchAll(/href="([^"]*)"/g)].map((match) => (match[1] ?? '').replaceAll('&amp;', '&'));

describe('the home page', () => {
  it('shows a focused search form, the corpus size and example queries that find something', async () => {
    const response = await request(app).get('/').expect(200).expect('Content-Type', /html/);
    expect(response.text).toMatch(/<input id="q" name="q" type="search"[^>]*autofocus/);
    expect(response.text).toContain('<strong>25</strong>');
    const examples = hrefs(response.text).filter((href) => href.startsWith('/search?q='));
    expect(examples.length).toBeGreaterThanOrEqual(2);
    for (const example of examples) {
      const page = await request(app).get(example).expect(200);
      expect(page.text).not.toContain('No articles match');
    }
  });

  it('links the OpenSearch description, the stylesheet, the favicon and the autocomplete script', async () => {
    const { text } = await request(app).get('/');
    expect(text).toContain('<link rel="search" type="application/opensearchdescription+xml"');
    for (const asset of ['/assets/style.css', '/assets/favicon.svg', '/assets/suggest.js']) {
      expect(text).toContain(asset);
      await request(app).get(asset).expect(200);
    }
    await request(app).get('/favicon.ico').expect(200).expect('Content-Type', /svg/);
  });

  it('has landmarks and a labelled search box', async () => {
    const { text } = await request(app).get('/');
    expect(text).toContain('<main id="main"');
    expect(text).toContain('role="search"');
    expect(text).toContain('<label for="q"');
    expect(text).toContain('<html lang="en">');
  });
});

describe('the search page', () => {
  it('shows the count, the time and highlighted results linking to their articles', async () => {
    const { text } = await request(app).get('/search?q=oil').expect(200);
    expect(text).toMatch(/<strong>\d+<\/strong> results[\s\S]*in [\d.]+ ms/);
    expect(text).toMatch(
      /<h2 class="hit-title"><a href="\/article\/wire\/\d+\?q=oil">[^<]*<mark>Oil<\/mark>/,
    );
    expect(text).toContain('<p class="snippet">');
    expect(text).toMatch(/<time datetime="1987-\d\d-\d\d">/);
  });

  it('offers facets whose links add a filter, and remove it once active', async () => {
    const first = await request(app).get('/search?q=oil').expect(200);
    const add = hrefs(first.text).find((href) => href.includes('category=crude'));
    expect(add).toBe('/search?q=oil&category=crude');
    const filtered = await request(app)
      .get(add ?? '')
      .expect(200);
    expect(filtered.text).toContain('aria-current="true"');
    const remove = hrefs(filtered.text).filter((href) => href === '/search?q=oil');
    expect(remove.length).toBeGreaterThan(0);
    const counts = (html: string) => Number(/<strong>(\d+)<\/strong>/.exec(html)?.[1]);
    expect(counts(filtered.text)).toBeLessThan(counts(first.text));
  });

  it('sorts by newest and oldest through links that keep the query', async () => {
    const { text } = await request(app).get('/search?q=oil&category=crude').expect(200);
    expect(hrefs(text)).toContain('/search?q=oil&category=crude&sort=newest');
    const newest = await request(app).get('/search?q=oil&category=crude&sort=newest');
    const dates = [...newest.text.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(dates.length).toBeGreaterThan(1);
    expect([...dates].sort().reverse()).toEqual(dates);
  });

  it('paginates with links that keep every parameter', async () => {
    const { text } = await request(app)
      .get('/search?q=oil&source=Wire&size=2&sort=oldest&from=1987&to=1987-12')
      .expect(200);
    const next = hrefs(text).find((href) => href.includes('page=2'));
    expect(next).toBe('/search?q=oil&source=Wire&from=1987&to=1987-12&sort=oldest&size=2&page=2');
    const page2 = await request(app)
      .get(next ?? '')
      .expect(200);
    expect(page2.text).toContain('aria-current="page"');
    expect(page2.text).toMatch(/<ol class="hits" start="3">/);
    expect(hrefs(page2.text)).toContain(
      '/search?q=oil&source=Wire&from=1987&to=1987-12&sort=oldest&size=2',
    );
  });

  it('draws a timeline whose bars link to their month', async () => {
    const { text } = await request(app).get('/search?q=oil').expect(200);
    expect(text).toContain('<svg viewBox=');
    const bars = hrefs(text).filter((href) => /from=1987-\d\d&to=1987-\d\d/.test(href));
    expect(bars.length).toBe(6);
    const february = await request(app).get('/search?q=oil&from=1987-02&to=1987-02').expect(200);
    const dates = [...february.text.matchAll(/<time datetime="([^"]+)"/g)].map((m) => m[1]);
    expect(dates.length).toBeGreaterThan(0);
    for (const date of dates) expect(date).toMatch(/^1987-02/);
  });

  it('shows the respelled results for a misspelled word, with a link to search as typed', async () => {
    const { text } = await request(app).get('/search?q=tankr').expect(200);
    expect(text).toMatch(
      /Showing results for <a href="\/search\?q=tanker">tanker<\/a> — search instead for <a href="\/search\?q=tankr&amp;spell=off">tankr<\/a>/,
    );
    expect(text).not.toContain('No articles match');
  });

  it('searches the words as typed with spell=off', async () => {
    const { text } = await request(app).get('/search?q=tankr&spell=off').expect(200);
    expect(text).not.toContain('Showing results for');
    expect(text).toContain('No articles match');
  });

  it('explains the syntax and suggests queries when nothing matches', async () => {
    const { text } = await request(app).get('/search?q=zzyzx+qwvb').expect(200);
    expect(text).toContain('No articles match');
    expect(text).toContain('How to search');
    expect(text).toContain('Or try:');
  });

  it('sends an empty search form back to the home page', async () => {
    await request(app).get('/search').expect(303).expect('Location', '/');
  });

  it('answers a bad parameter with a 400 page in the site style naming it', async () => {
    const { text } = await request(app).get('/search?q=oil&page=0').expect(400);
    expect(text).toContain('class="error-page"');
    expect(text).toContain('page must be a whole number');
    expect(text).toContain('<link rel="stylesheet" href="/assets/style.css">');
  });
});

describe('the article page', () => {
  it('shows the whole article with paragraphs, metadata, original link and related articles', async () => {
    const { text } = await request(app).get('/article/wire/001').expect(200);
    expect(text).toContain('<h1 id="article-title">Oil prices rise on supply fears (1)</h1>');
    expect(text.match(/<div class="article-body">[\s\S]*?<\/div>/)?.[0].match(/<p>/g)).toHaveLength(
      2,
    );
    expect(text).toContain('<dt>Source</dt><dd>Daily</dd>');
    expect(text).toContain('<a href="https://news.example/1" rel="noopener noreferrer">');
    expect(text).toMatch(
      /<h2 id="related-title">Related articles<\/h2>[\s\S]*<a href="\/article\/wire\/\d+">/,
    );
  });

  it('highlights the query words when reached from a search, with a way back', async () => {
    const { text } = await request(app).get('/article/wire/001?q=supply').expect(200);
    expect(text).toContain('<mark>supply</mark>');
    expect(text).toContain('Oil prices rise on <mark>supply</mark> fears');
    expect(hrefs(text)).toContain('/search?q=supply');
  });

  it('answers an unknown id with a 404 page', async () => {
    const { text } = await request(app).get('/article/no/such/thing').expect(404);
    expect(text).toContain('404 · Not found');
    expect(text).toContain('no article with id &#34;no/such/thing&#34;');
  });
});

describe('other pages', () => {
  it('serves an OpenSearch description pointing at this site', async () => {
    const { text } = await request(app)
      .get('/opensearch.xml')
      .set('Host', 'news.example:8080')
      .expect(200)
      .expect('Content-Type', /opensearchdescription\+xml/);
    expect(text).toContain('template="http://news.example:8080/search?q={searchTerms}"');
  });

  it('answers an unknown path with a 404 page in the site style', async () => {
    const { text } = await request(app).get('/no-such-page').expect(404);
    expect(text).toContain('class="error-page"');
  });
});
