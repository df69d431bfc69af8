/** `/api/trends` against the OpenAPI document, and the `/trends` page. */
import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { article, engineOver, newsArticles } from '../helpers/engine.ts';
import { expectDocumented } from '../helpers/openapi-schema.ts';
import { percentEncode } from '../helpers/raw-http.ts';
import { anyText } from '../helpers/text-arbitraries.ts';

const UNDATED = article('desk/undated', 'Storm undated note', 'A storm note without a date.');
const app = createApp(engineOver([...newsArticles(), UNDATED]));

describe('GET /api/trends', () => {
  it('answers one series per query over shared months, shares of the dated articles, as documented', async () => {
    const { body } = await request(app).get('/api/trends?q=oil&q=bank&q=storm').expect(200);
    expectDocumented('/api/trends', 200, body);
    expect(body.interval).toBe('month');
    expect(body.periods.map((period: { label: string }) => period.label)).toEqual([
      '1987-01',
      '1987-02',
      '1987-03',
      '1987-04',
      '1987-05',
      '1987-06',
    ]);
    expect(body.series.map((series: { query: string }) => series.query)).toEqual([
      'oil',
      'bank',
      'storm',
    ]);
    const [oil] = body.series;
    oil.points.forEach((point: { count: number; share: number }, i: number) => {
      expect(point.share).toBe(point.count / body.periods[i].articles);
    });
    expect(body.undated).toBe(1);
    expect(body.series[2]).toMatchObject({ total: 5, undated: 1 });
  });

  it.each([
    ['filters by source and category', '?q=oil&source=Daily&category=crude'],
    ['takes dates and years', '?q=oil&from=1987-02&to=1987-04&interval=year'],
    ['takes spell=off and an automatic interval', '?q=oil&spell=off&interval=auto'],
    ['finds nothing without failing', '?q=zzyzx&q=qqqq'],
  ])('%s, as documented', async (_name, query) => {
    const { body } = await request(app).get(`/api/trends${query}`).expect(200);
    expectDocumented('/api/trends', 200, body);
  });

  it.each([
    ['q', '', /q must be given 1 to 5 times/],
    ['q', '?q=', /q must be given 1 to 5 times/],
    ['q', '?q=a&q=b&q=c&q=d&q=e&q=f', /q can be given at most 5 times for a trend, not 6/],
    ['interval', '?q=oil&interval=week', /interval must be month, year or auto, not "week"/],
    ['from', '?q=oil&from=1987-13', /from must be a date/],
    ['source', `?q=oil${'&source=x'.repeat(21)}`, /source can be given at most 20 times/],
  ])('refuses a bad %s with 400 naming it (%s)', async (parameter, query, message) => {
    const { body } = await request(app).get(`/api/trends${query}`).expect(400);
    expect(body.error).toMatchObject({ code: 'BAD_PARAMETER', parameter });
    expect(body.error.message).toMatch(message);
    expectDocumented('/api/trends', 400, body);
  });

  it('is listed in the OpenAPI document with the feed', async () => {
    const { body } = await request(app).get('/api/openapi.json').expect(200);
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(['/api/trends', '/search.atom']),
    );
  });
});

describe('GET /trends', () => {
  it('draws one line per query, a table of every month, and says how shares are made', async () => {
    const { text } = await request(app).get('/trends?q=oil&q=bank').expect(200);
    expect(text.match(/<g class="series series-\d"/g)).toHaveLength(2);
    expect(text).toContain('<table class="trend-table">');
    expect(text.match(/<tr><th scope="row">1987-0\d<\/th>/g)).toHaveLength(6);
    expect(text).toContain('matching articles ÷ all dated articles of the month');
    expect(text).toContain('Articles without a date are in no month');
    expect(text).toContain('href="/search?q=oil&amp;from=1987-03&amp;to=1987-03&amp;collapse=off"');
    expect(text).toContain('href="/api/trends?q=oil&amp;q=bank"');
  });

  it('says so when no matching article has a date', async () => {
    const { text } = await request(app).get('/trends?q=undated').expect(200);
    expect(text).toContain('Nothing to draw');
    expect(text).not.toContain('<svg');
  });

  it('shows only the form without a query, and is linked from the search page and home', async () => {
    const { text } = await request(app).get('/trends').expect(200);
    expect(text).toContain('<form class="trends-form"');
    expect(text).not.toContain('<svg');
    const search = await request(app).get('/search?q=oil&source=Daily');
    expect(search.text).toContain('href="/trends?q=oil&amp;source=Daily" class="trend-link"');
    expect((await request(app).get('/')).text).toContain('<a href="/trends">Trends</a>');
  });

  it('refuses six queries with the pages’ 400', async () => {
    const { text } = await request(app).get('/trends?q=a&q=b&q=c&q=d&q=e&q=f').expect(400);
    expect(text).toContain('class="error-page"');
    expect(text).toContain('q can be given at most 5 times');
  });
});

describe('hostile trend requests', () => {
  it('answer arbitrary query strings with documented series or a clear 400, on the API and the page', async () => {
    const names = fc.constantFrom(
      'q',
      'q',
      'interval',
      'source',
      'category',
      'from',
      'to',
      'spell',
      '__proto__',
    );
    const value = fc.oneof(anyText, fc.constantFrom('oil', 'month', 'year', '1987-03', 'off', ''));
    const pairs = fc.array(fc.tuple(names, value), { maxLength: 7 });
    await fc.assert(
      fc.asyncProperty(pairs, async (given) => {
        const query = given.map(([name, text]) => `${name}=${percentEncode(text)}`).join('&');
        const api = await request(app).get(`/api/trends?${query}`);
        expect([200, 400], query).toContain(api.status);
        expectDocumented('/api/trends', api.status, api.body);
        const page = await request(app).get(`/trends?${query}`);
        expect([200, 400], query).toContain(page.status);
        expect(page.text, query).toMatch(/<\/html>\s*$/);
      }),
      { numRuns: 100, seed: 15 },
    );
  });
});
