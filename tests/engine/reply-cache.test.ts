import { describe, expect, it } from 'vitest';
import { ReplyCache, replyKey } from '../../src/engine/reply-cache.ts';
import type { Presentation } from '../../src/server/present.ts';
import type { Reply } from '../../src/server/reply.ts';
import { article, engineOver, loadedFrom, newsArticles } from '../helpers/engine.ts';

const replyOf = (bytes: number, extra: Partial<Reply> = {}): Reply => ({
  type: 'application/json; charset=utf-8',
  body: new Uint8Array(bytes),
  length: bytes,
  ...extra,
});

const search = (query: string, page = 1): Presentation => ({
  form: 'search-json',
  request: { query, page, size: 10, collapse: true },
});

describe('the reply cache', () => {
  it('answers a key it kept and counts hits and misses', () => {
    const cache = new ReplyCache({ maxBytes: 1 << 20 });
    const reply = replyOf(100);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.keep('a', reply)).toBe(reply);
    expect(cache.get('a')).toStrictEqual(reply);
    expect(cache.stats()).toMatchObject({ entries: 1, hits: 1, misses: 1 });
  });

  it('drops the least recently used replies once past its bytes', () => {
    const cache = new ReplyCache({ maxBytes: 16_000 });
    for (const key of ['a', 'b', 'c', 'd']) cache.keep(key, replyOf(700));
    cache.get('a');
    for (let n = 0; n < 20; n++) cache.keep(`new${n}`, replyOf(700));
    const { bytes, entries } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(16_000);
    expect(entries).toBeLessThan(24);
    expect(entries).toBeGreaterThan(10);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('new19')).toBeDefined();
  });

  it('keeps the bytes counted right when a key is kept again', () => {
    const cache = new ReplyCache({ maxBytes: 1 << 20 });
    cache.keep('a', replyOf(1000));
    const once = cache.stats().bytes;
    cache.keep('a', replyOf(1000));
    expect(cache.stats()).toMatchObject({ entries: 1, bytes: once });
  });

  it.each([
    ['a reply marked not cacheable', 1 << 20, replyOf(10, { cacheable: false })],
    ['a reply over a sixteenth of the cache', 16_000, replyOf(1200)],
    ['anything when it may keep no bytes', 0, replyOf(1)],
  ])('never keeps %s', (_name, maxBytes, reply) => {
    const cache = new ReplyCache({ maxBytes });
    cache.keep('a', reply);
    expect(cache.get('a')).toBeUndefined();
  });

  it('keys replies by what they answer and in which coding, not by the index examples', () => {
    expect(replyKey(search('oil'), 'br')).toBe(replyKey(search('oil'), 'br'));
    expect(replyKey(search('oil'), 'br')).not.toBe(replyKey(search('oil'), 'gzip'));
    expect(replyKey(search('oil'), undefined)).not.toBe(replyKey(search('oil'), 'gzip'));
    expect(replyKey(search('oil'), 'br')).not.toBe(replyKey(search('oil', 2), 'br'));
    const page = (examples: string[]): Presentation => ({
      form: 'search-page',
      request: { query: 'oil' },
      fields: { q: 'oil' },
      views: 'views',
      examples,
    });
    expect(replyKey(page(['a']), 'br')).toBe(replyKey(page(['b', 'c']), 'br'));
  });
});

describe('an engine with a reply cache', () => {
  it.each([
    ['on the main thread', false],
    ['on workers', { size: 1 }],
  ] as const)(
    'answers a search asked again from the cache (%s), byte for byte',
    async (_n, workers) => {
      const engine = engineOver(newsArticles(), { workers });
      try {
        const first = await engine.present(search('oil'), 'gzip');
        const again = await engine.present(search('oil'), 'gzip');
        expect(first.cached).toBeUndefined();
        expect(again.cached).toBe(true);
        expect(Buffer.from(again.body).equals(Buffer.from(first.body))).toBe(true);
        const other = await engine.present(search('oil', 2), 'gzip');
        expect(other.cached).toBeUndefined();
      } finally {
        await engine.close();
      }
    },
  );

  it('starts empty for a new index, so no answer outlives the index it came from', async () => {
    const engine = engineOver(newsArticles());
    const before = await engine.present(search('oil'));
    engine.replace(loadedFrom([article('x/1', 'Oil and more oil', 'Oil, oil and oil.')]));
    const after = await engine.present(search('oil'));
    expect(after.cached).toBeUndefined();
    const total = (reply: Reply) => JSON.parse(Buffer.from(reply.body).toString('utf8')).total;
    expect(total(after)).toBe(1);
    expect(total(before)).not.toBe(1);
  });

  it('does not keep a search that ran out of its time budget', async () => {
    const engine = engineOver(newsArticles(), { search: { budgetMs: 0 } });
    await engine.present(search('oil'));
    const again = await engine.present(search('oil'));
    expect(again.cached).toBeUndefined();
    expect(engine.current().replies.stats().entries).toBe(0);
  });

  it('keeps nothing when told to keep no bytes', async () => {
    const engine = engineOver(newsArticles(), { replyCache: { maxBytes: 0 } });
    await engine.present(search('oil'));
    expect((await engine.present(search('oil'))).cached).toBeUndefined();
  });
});

describe('what the reply cache holds', () => {
  it('keeps a body that views a larger buffer in a buffer of its own size', () => {
    const cache = new ReplyCache({ maxBytes: 1 << 20 });
    const big = new Uint8Array(64 * 1024).fill(7);
    cache.keep('a', replyOf(0, { body: big.subarray(100, 1100), length: 1000 }));
    const kept = cache.get('a');
    expect(kept?.body.buffer.byteLength).toBe(1000);
    expect(kept?.body.every((byte) => byte === 7)).toBe(true);
  });
});
