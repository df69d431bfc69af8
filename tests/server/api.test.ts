import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { engineOver, newsArticles } from '../helpers/engine.ts';
import { expectDocumented } from '../helpers/openapi-schema.ts';

const engine = engineOver(newsArticles());
const app = createApp(engine);

describe('GET /api/search', () => {
  it('answers results with highlighted titles, snippets as HTML and text with offsets, facets and a timeline', async () => {
    const { body } = await request(app).get('/api/search?q=oil&size=3').expect(200);
    expect(body).toMatchObject({ query: 'oil', page: 1, size: 3, sort: 'relevance' });
    expect(body.total).toBeGreaterThan(3);
    expect(body.hits).toHaveLength(3);
    const hit = body.hits[0];
    expect(hit.title_html).toContain('<mark>Oil</mark>');
    for (const { start, end } of hit.snippet.highlights) {
      expect(hit.snippet.text.slice(start, end).toLowerCase()).toBe('oil');
    }
    expect(body.facets.source.map((f: { value: string }) => f.value)).toContain('Wire');
    expect(body.histogram.unit).toBe('month');
    expect(typeof body.took_ms).toBe('number');
    expectDocumented('/api/search', 200, body);
  });

  it.each([
    [
      'filters by source, category and dates',
      '?q=oil&source=Daily&category=crude&from=1987-01&to=1987-02',
    ],
    ['sorts by date and pages', '?q=oil&sort=newest&page=2&size=2'],
    ['offers a respelled query', '?q=tankr'],
    ['lists everything for an empty query', '?q='],
    ['takes repeated filters', '?source=Daily&source=Wire'],
  ])('%s, as documented', async (_name, query) => {
    const { body } = await request(app).get(`/api/search${query}`).expect(200);
    expectDocumented('/api/search', 200, body);
    expect(body.total).toBeGreaterThan(0);
  });

  it.each([
    ['page', '?q=oil&page=0', /page must be a whole number/],
    ['size', '?q=oil&size=10000', /size must be a whole number from 1 to 100/],
    [
      'sort',
      '?q=oil&sort=sideways',
      /sort must be one of relevance, newest, oldest, not "sideways"/,
    ],
    ['from', '?q=oil&from=1987-13', /from must be a date/],
    ['to', '?q=oil&to=yesterday', /to must be a date/],
    ['q', '?q=a&q=b', /q must be given once/],
    ['page', '?page=1.5', /page must be a whole number/],
    ['size', '?size=-3', /size must be a whole number/],
  ])('refuses a bad %s with 400 naming it (%s)', async (parameter, query, message) => {
    const { body } = await request(app).get(`/api/search${query}`).expect(400);
    expect(body.error.code).toBe('BAD_PARAMETER');
    expect(body.error.parameter).toBe(parameter);
    expect(body.error.message).toMatch(message);
    expectDocumented('/api/search', 400, body);
  });
});

describe('GET /api/suggest', () => {
  it('completes the last word, ranked by how much the completed query finds', async () => {
    const { body } = await request(app).get('/api/suggest?q=oil%20ta').expect(200);
    expect(body.suggestions[0]).toMatchObject({ query: 'oil tanker', word: 'tanker' });
    expectDocumented('/api/suggest', 200, body);
  });

  it('answers in the OpenSearch suggestions format when asked', async () => {
    const { body } = await request(app).get('/api/suggest?q=tan&format=opensearch').expect(200);
    expect(body).toEqual(['tan', ['tanker']]);
  });

  it('refuses an unknown format', async () => {
    const { body } = await request(app).get('/api/suggest?q=oil&format=xml').expect(400);
    expect(body.error.parameter).toBe('format');
    expectDocumented('/api/suggest', 400, body);
  });
});

describe('GET /api/articles/{id}', () => {
  it('answers the article with its related ids, for ids with slashes', async () => {
    const { body } = await request(app).get('/api/articles/wire/001').expect(200);
    expect(body).toMatchObject({ id: 'wire/001', source: 'Daily', date: '1987-01-01' });
    expect(body.related.length).toBeGreaterThan(0);
    expect(body.related.map((r: { id: string }) => r.id)).not.toContain('wire/001');
    expectDocumented('/api/articles/{id}', 200, body);
  });

  it.each(['no-such-id', 'wire/999', '..%2F..%2Fetc%2Fpasswd'])(
    'answers 404 for %s',
    async (id) => {
      const { body } = await request(app).get(`/api/articles/${id}`).expect(404);
      expect(body.error.code).toBe('NOT_FOUND');
      expectDocumented('/api/articles/{id}', 404, body);
    },
  );
});

describe('GET /api/stats, /healthz and /api/openapi.json', () => {
  it('describes the index', async () => {
    const { body } = await request(app).get('/api/stats').expect(200);
    expect(body).toMatchObject({ articles: 25, corpora: ['fixtures'], snapshot_bytes: 1234 });
    expectDocumented('/api/stats', 200, body);
  });

  it('says it is alive, with the searches in flight and the event loop’s delay', async () => {
    const { body } = await request(app).get('/healthz').expect(200);
    expectDocumented('/healthz', 200, body);
    expect(body).toMatchObject({
      status: 'ok',
      articles: 25,
      searches: { running: 0, waiting: 0 },
    });
    const { p50, p99, max } = body.event_loop_delay_ms;
    expect(p50).toBeLessThanOrEqual(p99);
    expect(p99).toBeLessThanOrEqual(max);
  });

  it('serves an OpenAPI 3.1 document whose schemas compile', async () => {
    const { body } = await request(app).get('/api/openapi.json').expect(200);
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/api/search',
        '/api/search.csv',
        '/api/search.jsonl',
        '/api/suggest',
        '/api/articles/{id}',
        '/api/trends',
        '/search.atom',
        '/api/stats',
        '/healthz',
        '/metrics',
      ]),
    );
  });

  it('has a schema check that catches an undocumented field or a wrong type', () => {
    expect(() =>
      expectDocumented('/api/suggest', 200, { query: 'a', suggestions: [], extra: 1 }),
    ).toThrow();
    expect(() => expectDocumented('/api/stats', 200, { articles: '25' })).toThrow();
  });

  it('answers an unknown endpoint with a JSON 404', async () => {
    const { body } = await request(app).get('/api/nothing-here').expect(404);
    expect(body.error).toMatchObject({ code: 'NOT_FOUND' });
  });
});
