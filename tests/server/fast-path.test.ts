/**
 * The fast path answers exactly as the Express application behind it does
 * (`app.express`, which has every route): same status, headers and body, the
 * time taken and the reply cache aside (whichever asks second is answered
 * from it); and it answers its routes without Express.
 */
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { engineOver, newsArticles } from '../helpers/engine.ts';

const engine = engineOver(newsArticles());

type Target = Parameters<typeof request>[0];

/** Status, headers (the date aside) and decoded body, the time taken blanked. */
async function answer(target: Target, method: 'get' | 'head', path: string, accept?: string) {
  const pending = request(target)[method](path).buffer(true);
  if (accept !== undefined) pending.set('Accept-Encoding', accept);
  const response = await pending.parse((raw, done) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => done(null, Buffer.concat(chunks)));
  });
  const headers = { ...response.headers };
  delete headers.date;
  delete headers['content-length'];
  delete headers['x-cache'];
  // supertest has decoded a compressed body already.
  const body = (response.body as Buffer)
    .toString('utf8')
    .replace(/"took_ms":[\d.]+/g, '"took_ms":0')
    .replace(/ in [\d.]+ ms/g, ' in 0 ms')
    .replace(/"reply_cache":\{[^}]*\}/, '"reply_cache":{}');
  return { status: response.status, headers, body };
}

const PATHS = [
  '/api/search?q=oil',
  '/api/search?q=oil&size=20&sort=newest',
  '/api/search?q=tankr',
  '/api/suggest?q=oi',
  '/api/suggest?q=oil%20pri&format=opensearch',
  '/api/articles/wire/001',
  '/api/stats',
  '/',
  '/search?q=oil',
  '/search?q=oil&source=Daily&page=2&size=3',
  '/search',
  '/article/wire/001?q=oil',
  '/article/wire/001',
  '/api/search?page=0',
  '/api/search?q=a&q=b',
  '/api/suggest?format=xml',
  '/api/articles/none',
  '/article/none',
  '/article/%E0%A4%A',
  '/search?q=oil&size=500',
];

describe('the fast path', () => {
  const app = createApp(engine);

  it.each(
    PATHS.flatMap(
      (path) =>
        [
          [path, 'get', undefined],
          [path, 'get', 'gzip, deflate, br'],
          [path, 'get', 'gzip'],
          [path, 'head', 'gzip, deflate, br'],
        ] as const,
    ),
  )('answers %s (%s, Accept-Encoding %s) as Express does', async (path, method, accept) => {
    const fast = await answer(app, method, path, accept);
    const express = await answer(app.express, method, path, accept);
    expect(fast).toEqual(express);
  });

  it('answers as Express does with the CORS origins limited or closed', async () => {
    for (const cors of [['https://newsroom.example'], false] as const) {
      const limited = createApp(engine, { cors });
      for (const origin of ['https://newsroom.example', 'https://elsewhere.example']) {
        const send = (target: Target) =>
          request(target).get('/api/search?q=oil').set('Origin', origin);
        const [fast, express] = [await send(limited), await send(limited.express)];
        expect(fast.headers['access-control-allow-origin']).toBe(
          express.headers['access-control-allow-origin'],
        );
        expect(fast.headers.vary).toBe(express.headers.vary);
      }
    }
  });

  it('answers its routes without Express, and leaves the rest to it', async () => {
    // Express's application calls its (untyped) `handle` for every request it is given.
    const express = app.express as unknown as { handle: (...args: unknown[]) => void };
    const viaExpress = vi.spyOn(express, 'handle');
    for (const path of ['/api/search?q=oil', '/search?q=oil', '/healthz', '/article/wire/001']) {
      await request(app).get(path).expect(200);
    }
    expect(viaExpress).not.toHaveBeenCalled();
    for (const path of ['/API/Search?q=oil', '/search/?q=oil', '/assets/style.css', '/search']) {
      await request(app).get(path);
    }
    await request(app).get('/api/search?q=oil&page=0').expect(400);
    expect(viaExpress).toHaveBeenCalledTimes(5);
    viaExpress.mockRestore();
  });

  it('tells a HEAD request the length of the plain body, and sends none', async () => {
    const head = await request(app).head('/search?q=oil').set('Accept-Encoding', 'gzip');
    const get = await request(app).get('/search?q=oil');
    expect(head.headers['content-encoding']).toBeUndefined();
    expect(Number(head.headers['content-length'])).toBeGreaterThan(1000);
    expect(
      Math.abs(Number(head.headers['content-length']) - Buffer.byteLength(get.text)),
    ).toBeLessThan(8);
  });
});
