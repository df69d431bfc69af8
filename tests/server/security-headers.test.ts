/**
 * Security headers on every kind of response the app sends: pages, API JSON,
 * assets, redirects, preflights and every error status the app produces,
 * from 400 to 503, including the ones raised before any route runs.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { NewsdeskError } from '../../src/errors.ts';
import { createApp } from '../../src/server/app.ts';
import { engineOver, newsArticles } from '../helpers/engine.ts';

const engine = engineOver(newsArticles());
const app = createApp(engine);

/** The same engine, with every search failing as `error`. */
function failingWith(error: Error): Engine {
  return { ...engine, search: () => Promise.reject(error), present: () => Promise.reject(error) };
}

const crashing = createApp(failingWith(new Error('disk on fire')));
const overloaded = createApp(failingWith(new NewsdeskError('OVERLOADED', 'queue full')));
const limited = createApp(engine, { rateLimit: { limit: 1, windowMs: 60_000 } });

type Send = () => PromiseLike<request.Response>;

const LONG_URL = `/search?q=${'a'.repeat(5000)}`;

/** [what, how to send it, expected status] for each kind of response. */
const RESPONSES: [string, Send, number][] = [
  ['the home page', () => request(app).get('/'), 200],
  ['the home page, HEAD', () => request(app).head('/'), 200],
  ['a search page', () => request(app).get('/search?q=oil'), 200],
  ['the redirect from an empty search', () => request(app).get('/search'), 303],
  ['an article page', () => request(app).get('/article/wire/001?q=oil'), 200],
  ['the 404 page', () => request(app).get('/no-such-page'), 404],
  ['the 404 page for an unknown article', () => request(app).get('/article/none'), 404],
  ['the 400 page', () => request(app).get('/search?q=oil&page=0'), 400],
  ['the 400 page for a malformed escape', () => request(app).get('/article/%E0%A4%A'), 400],
  ['the 500 page', () => request(crashing).get('/search?q=oil'), 500],
  ['the 503 page', () => request(overloaded).get('/search?q=oil'), 503],
  ['a 405', () => request(app).post('/search'), 405],
  ['a 405 from the API', () => request(app).delete('/api/stats'), 405],
  ['a 413', () => request(app).get('/search').set('Content-Length', '5').send('hello'), 413],
  ['a 414', () => request(app).get(LONG_URL), 414],
  ['API search JSON', () => request(app).get('/api/search?q=oil'), 200],
  ['API suggest JSON', () => request(app).get('/api/suggest?q=oi'), 200],
  ['API article JSON', () => request(app).get('/api/articles/wire/001'), 200],
  ['API stats JSON', () => request(app).get('/api/stats'), 200],
  ['the OpenAPI document', () => request(app).get('/api/openapi.json'), 200],
  ['/healthz', () => request(app).get('/healthz'), 200],
  ['an API 400', () => request(app).get('/api/search?size=0'), 400],
  ['an API 404', () => request(app).get('/api/articles/none'), 404],
  ['an API 500', () => request(crashing).get('/api/search?q=oil'), 500],
  ['an API 503', () => request(overloaded).get('/api/search?q=oil'), 503],
  [
    'an API 429',
    async () => {
      await request(limited).get('/api/stats');
      return request(limited).get('/api/stats');
    },
    429,
  ],
  [
    'a CORS preflight',
    () =>
      request(app)
        .options('/api/search')
        .set('Origin', 'https://a.example')
        .set('Access-Control-Request-Method', 'GET'),
    204,
  ],
  ['the stylesheet', () => request(app).get('/assets/style.css'), 200],
  ['the autocomplete script', () => request(app).get('/assets/suggest.js'), 200],
  ['a missing asset', () => request(app).get('/assets/none.js'), 404],
  ['/favicon.ico', () => request(app).get('/favicon.ico'), 200],
  ['/opensearch.xml', () => request(app).get('/opensearch.xml'), 200],
];

/** The policy's directives by name. */
function directives(policy: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) map.set(name, values);
  }
  return map;
}

describe('security headers', () => {
  it.each(RESPONSES)('come with %s', async (_what, send, status) => {
    const response = await send();
    expect(response.status).toBe(status);
    const policy = directives(String(response.headers['content-security-policy'] ?? ''));
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(String(response.headers['content-security-policy'])).not.toMatch(/unsafe-(inline|eval)/);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(response.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('cover every error status the app produces', () => {
    const statuses = new Set(RESPONSES.map(([, , status]) => status));
    for (const status of [400, 404, 405, 413, 414, 429, 500, 503]) {
      expect(statuses.has(status), String(status)).toBe(true);
    }
  });
});
