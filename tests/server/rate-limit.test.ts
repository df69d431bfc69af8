import { setTimeout as sleep } from 'node:timers/promises';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '../../src/logger.ts';
import { type AppOptions, createApp } from '../../src/server/app.ts';
import { engineOver, newsArticles } from '../helpers/engine.ts';
import { expectDocumented } from '../helpers/openapi-schema.ts';

const engine = engineOver(newsArticles());

/** An app allowing `limit` API requests per minute per client. */
function limitedApp(limit: number, options: AppOptions = {}) {
  return createApp(engine, { rateLimit: { limit, windowMs: 60_000 }, ...options });
}

describe('the API rate limit', () => {
  it('answers the request past the limit with 429, the JSON error, Retry-After and RateLimit headers', async () => {
    const app = limitedApp(3);
    const remaining: string[] = [];
    for (let i = 0; i < 3; i++) {
      const response = await request(app).get('/api/search?q=oil').expect(200);
      remaining.push(String(response.headers.ratelimit));
    }
    expect(remaining).toEqual([
      expect.stringMatching(/; r=2; t=\d+$/),
      expect.stringMatching(/; r=1; t=\d+$/),
      expect.stringMatching(/; r=0; t=\d+$/),
    ]);
    const refused = await request(app).get('/api/search?q=oil').expect(429);
    expect(refused.body.error).toEqual({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(
        /^too many API requests from this address: at most 3 a minute; try again in \d+ s$/,
      ),
    });
    expectDocumented('/api/search', 429, refused.body);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.headers.ratelimit).toMatch(/^"3-in-1min"; r=0; t=\d+$/);
    expect(refused.headers['ratelimit-policy']).toMatch(/^"3-in-1min"; q=3; w=60; pk=:[^:]+:$/);
    expect(refused.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('counts every API endpoint against one allowance', async () => {
    const app = limitedApp(4);
    for (const path of ['/api/stats', '/api/suggest?q=oi', '/api/articles/wire/001', '/api/nope']) {
      expect((await request(app).get(path)).status).not.toBe(429);
    }
    for (const path of ['/api/stats', '/api/search', '/api/openapi.json']) {
      await request(app).get(path).expect(429);
    }
  });

  it('counts each client address separately (behind a trusted proxy, by X-Forwarded-For)', async () => {
    const app = limitedApp(2);
    app.express.set('trust proxy', 1);
    const from = (address: string) =>
      request(app).get('/api/stats').set('X-Forwarded-For', address);
    await from('203.0.113.1').expect(200);
    await from('203.0.113.1').expect(200);
    await from('203.0.113.1').expect(429);
    await from('203.0.113.2').expect(200);
    await from('2001:db8:1::1').expect(200);
    await from('2001:db8:1::1').expect(200);
    // IPv6 clients are counted by /56 network, so a new address in it is no escape.
    await from('2001:db8:1::2').expect(429);
    await from('2001:db8:2::1').expect(200);
  });

  it('ignores X-Forwarded-For while trust proxy is off, so a client cannot claim a new address', async () => {
    const log: LogEntry[] = [];
    const app = limitedApp(1, { log: (entry) => log.push(entry) });
    await request(app).get('/api/stats').set('X-Forwarded-For', '198.51.100.7').expect(200);
    await request(app).get('/api/stats').set('X-Forwarded-For', '198.51.100.8').expect(429);
    await request(app).get('/api/stats').expect(429);
    // The library checks its set-up on the first request and says so once, in the JSON log.
    const warnings = log.filter((entry) => entry.event === 'rate-limit-warning');
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.message)).toContain("'trust proxy' setting is false");
  });

  it('never limits the pages, the assets or /healthz', async () => {
    const app = limitedApp(1);
    await request(app).get('/api/stats').expect(200);
    await request(app).get('/api/stats').expect(429);
    for (const path of [
      '/',
      '/search?q=oil',
      '/article/wire/001',
      '/assets/style.css',
      '/healthz',
    ]) {
      for (let i = 0; i < 3; i++) {
        const response = await request(app).get(path);
        expect(response.status, path).toBe(200);
        expect(response.headers.ratelimit, path).toBeUndefined();
      }
    }
  });

  it('lets a client in again once its window has passed', async () => {
    const app = createApp(engine, { rateLimit: { limit: 1, windowMs: 300 } });
    await request(app).get('/api/stats').expect(200);
    const refused = await request(app).get('/api/stats').expect(429);
    expect(refused.body.error.message).toMatch(/at most 1 per 0.3 s/);
    await sleep(400);
    await request(app).get('/api/stats').expect(200);
  });

  it('is off unless asked for', async () => {
    const app = createApp(engine);
    for (let i = 0; i < 30; i++) {
      const response = await request(app).get('/api/stats').expect(200);
      expect(response.headers.ratelimit).toBeUndefined();
    }
  });

  it('leaves CORS preflights uncounted and puts CORS headers on a refusal', async () => {
    const app = limitedApp(1);
    for (let i = 0; i < 3; i++) {
      await request(app)
        .options('/api/search')
        .set('Origin', 'https://a.example')
        .set('Access-Control-Request-Method', 'GET')
        .expect(204);
    }
    await request(app).get('/api/search').expect(200);
    const refused = await request(app)
      .get('/api/search')
      .set('Origin', 'https://a.example')
      .expect(429);
    expect(refused.headers['access-control-allow-origin']).toBe('*');
  });
});
