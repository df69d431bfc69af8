import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { NewsdeskError } from '../../src/errors.ts';
import type { LogEntry } from '../../src/logger.ts';
import { createApp } from '../../src/server/app.ts';
import { article, engineOver, loadedFrom, newsArticles } from '../helpers/engine.ts';

const engine = engineOver(newsArticles());
const app = createApp(engine);

describe('security headers', () => {
  it.each([
    '/',
    '/search?q=oil',
    '/article/wire/001',
    '/api/search?q=oil',
    '/no-such-page',
    '/api/x',
    '/assets/style.css',
  ])('come with %s', async (path) => {
    const response = await request(app).get(path);
    const csp = response.headers['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('leave no inline script or style in the pages for the policy to block', async () => {
    for (const path of ['/', '/search?q=oil', '/article/wire/001?q=oil', '/nope']) {
      const { text } = await request(app).get(path);
      expect(text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(text).not.toMatch(/\sstyle=|<style/);
      expect(text).not.toMatch(/\son[a-z]+=/);
    }
  });
});

describe('request limits', () => {
  it('refuses methods other than GET and HEAD', async () => {
    const response = await request(app).post('/api/search').expect(405);
    expect(response.headers.allow).toBe('GET, HEAD');
    expect(response.body.error.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('refuses a request body', async () => {
    const response = await request(app).get('/api/search').set('Content-Length', '5').send('hello');
    expect(response.status).toBe(413);
  });

  it('refuses a URL over 4096 characters', async () => {
    await request(app)
      .get(`/search?q=${'a'.repeat(5000)}`)
      .expect(414);
  });

  it('refuses a parameter value over 1000 characters, naming it', async () => {
    const { body } = await request(app)
      .get(`/api/search?q=${'a'.repeat(1500)}`)
      .expect(400);
    expect(body.error.parameter).toBe('q');
  });

  it('answers a malformed URL escape with 400, not a crash', async () => {
    await request(app).get('/article/%E0%A4%A').expect(400);
    await request(app).get('/api/articles/%E0%A4%A').expect(400);
  });
});

describe('CORS for the API', () => {
  it('allows any origin by default', async () => {
    const response = await request(app)
      .get('/api/stats')
      .set('Origin', 'https://elsewhere.example');
    expect(response.headers['access-control-allow-origin']).toBe('*');
  });

  it('allows only the configured origins', async () => {
    const limited = createApp(engine, { cors: ['https://newsroom.example'] });
    const allowed = await request(limited)
      .get('/api/stats')
      .set('Origin', 'https://newsroom.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://newsroom.example');
    const other = await request(limited)
      .get('/api/stats')
      .set('Origin', 'https://elsewhere.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('can be turned off', async () => {
    const closed = createApp(engine, { cors: false });
    const response = await request(closed).get('/api/stats').set('Origin', 'https://a.example');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('does not apply to the pages', async () => {
    const response = await request(app).get('/').set('Origin', 'https://elsewhere.example');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('unexpected errors', () => {
  const broken: Engine = {
    current: () => {
      throw new Error('disk on fire at /secret/path');
    },
    replace: () => {
      throw new Error('no');
    },
    search: () => Promise.reject(new Error('disk on fire at /secret/path')),
    complete: () => Promise.reject(new Error('disk on fire at /secret/path')),
    article: () => Promise.reject(new Error('disk on fire at /secret/path')),
    present: () => Promise.reject(new Error('disk on fire at /secret/path')),
    exportRanking: () => Promise.reject(new Error('disk on fire at /secret/path')),
    exportRows: () => Promise.reject(new Error('disk on fire at /secret/path')),
    searchOptions: {},
    pending: () => ({ running: 0, waiting: 0 }),
    ready: async () => undefined,
    close: async () => undefined,
  };

  it('show the error page without a stack trace, and log the stack', async () => {
    const log: LogEntry[] = [];
    const failing = createApp(broken, { log: (entry) => log.push(entry) });
    const page = await request(failing).get('/search?q=oil').expect(500);
    expect(page.text).toContain('class="error-page"');
    expect(page.text).not.toContain('/secret/path');
    expect(page.text).not.toMatch(/at .*\.ts:\d+/);
    const api = await request(failing).get('/api/search?q=oil').expect(500);
    expect(api.body).toEqual({
      error: { code: 'INTERNAL', message: 'something went wrong on our side' },
    });
    const errors = log.filter((entry) => entry.event === 'error');
    expect(errors).toHaveLength(2);
    expect(String(errors[0]?.stack)).toContain('disk on fire');
  });

  it('do not hurt the next request', async () => {
    await request(app).get('/api/search?page=0').expect(400);
    await request(app).get('/api/search?q=oil').expect(200);
  });
});

describe('searches stopped or refused under load', () => {
  it.each([
    ['SEARCH_TIMEOUT', 'the search "a*" ran past 5000 ms and was stopped'],
    ['OVERLOADED', '256 searches are already waiting; try again shortly'],
  ] as const)(
    'answer %s with 503, Retry-After and the message, as JSON and as a page',
    async (code, message) => {
      const busy = createApp({
        ...engine,
        search: () => Promise.reject(new NewsdeskError(code, message)),
        present: () => Promise.reject(new NewsdeskError(code, message)),
      });
      const api = await request(busy).get('/api/search?q=a*').expect(503);
      expect(api.headers['retry-after']).toBe('1');
      expect(api.body).toEqual({ error: { code, message } });
      const page = await request(busy).get('/search?q=a*').expect(503);
      expect(page.headers['retry-after']).toBe('1');
      expect(page.text).toContain('Busy right now');
      await request(app).get('/api/search?q=oil').expect(200);
    },
  );
});

describe('request logs', () => {
  it('record method, path without the query, status and time', async () => {
    const log: LogEntry[] = [];
    const logged = createApp(engine, { log: (entry) => log.push(entry) });
    await request(logged).get('/search?q=secret+words');
    await request(logged).get('/api/stats');
    await request(logged).get('/api/articles/none');
    expect(log).toEqual([
      { event: 'request', method: 'GET', path: '/search', status: 200, ms: expect.any(Number) },
      { event: 'request', method: 'GET', path: '/api/stats', status: 200, ms: expect.any(Number) },
      {
        event: 'request',
        method: 'GET',
        path: '/api/articles/none',
        status: 404,
        ms: expect.any(Number),
      },
    ]);
  });
});

describe('compression and time budget', () => {
  it('compresses large responses for clients that accept it', async () => {
    const response = await request(app)
      .get('/api/search?q=oil&size=20')
      .set('Accept-Encoding', 'gzip');
    expect(response.headers['content-encoding']).toBe('gzip');
  });

  it('skips the optional stages with a notice once a search spends its budget', async () => {
    const hurried = createApp(engineOver(newsArticles(), { search: { budgetMs: 0 } }));
    const { body } = await request(hurried).get('/api/search?q=tankr').expect(200);
    expect(body.suggestion).toBeNull();
    expect(body.notices.join(' ')).toMatch(/took over 0 ms/);
    expect(body.total).toBeGreaterThan(0);
  });
});

describe('swapping the index', () => {
  it('serves the new index from the next request on', async () => {
    const swapped = engineOver(newsArticles());
    const swappable = createApp(swapped);
    expect((await request(swappable).get('/healthz').expect(200)).body.articles).toBe(25);
    swapped.replace(loadedFrom([article('only/one', 'Lone article', 'Nothing else here.')]));
    expect((await request(swappable).get('/healthz').expect(200)).body.articles).toBe(1);
    const { body } = await request(swappable).get('/api/search?q=lone').expect(200);
    expect(body.hits.map((hit: { id: string }) => hit.id)).toEqual(['only/one']);
  });
});

describe('search-like requests', () => {
  /** An engine whose live index cannot be read on the main thread: only its calls answer. */
  function callsOnly(): Engine {
    const real = engineOver(newsArticles());
    const live = real.current();
    const forbidden = () => {
      throw new Error('read the live index on the main thread');
    };
    const guarded = Object.defineProperties(
      { ...live },
      { index: { get: forbidden }, searcher: { get: forbidden } },
    );
    return { ...real, current: () => guarded };
  }

  it.each([
    '/search?q=oil',
    '/article/wire/001?q=oil',
    '/api/articles/wire/001',
    '/api/suggest?q=oil%20pri',
    '/api/search?q=oil',
  ])('%s is answered through the engine, never by searching on the main thread', async (path) => {
    const response = await request(createApp(callsOnly())).get(path);
    expect(response.status).toBe(200);
  });
});
