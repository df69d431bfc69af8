import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import { createSearchPool, isHeavy, type SearchPool } from '../../src/engine/search-pool.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { search } from '../../src/search/search.ts';
import { DEFAULT_APP_OPTIONS } from '../../src/server/app.ts';
import type { Presentation } from '../../src/server/present.ts';
import type { SearchRequest, SearchResponse } from '../../src/types.ts';
import { article, loadedFrom, newsArticles } from '../helpers/engine.ts';

const SLOW_WORKER = new URL('../fixtures/workers/slow-worker.js', import.meta.url);
const ANY_SNAPSHOT = new Uint8Array(new SharedArrayBuffer(8));

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

function slowPool(options: Parameters<typeof createSearchPool>[0] = {}): SearchPool {
  const pool = createSearchPool({ workerUrl: SLOW_WORKER, ...options });
  pool.load(ANY_SNAPSHOT, 'test snapshot');
  open.push(pool);
  return pool;
}

function workerEngine(): Engine {
  const engine = createEngine(loadedFrom(newsArticles()), { workers: { size: 2 } });
  open.push(engine);
  return engine;
}

const withoutTime = ({ tookMs: _took, ...rest }: SearchResponse) => rest;

/** A search call on `pool`; the stand-in worker answers with a response-shaped object. */
const searchOn = (pool: SearchPool, request: SearchRequest) =>
  pool.call({ op: 'search', args: request }) as Promise<SearchResponse>;

describe('searching on worker threads', () => {
  it.each([
    { query: 'oil' },
    { query: '"oil prices" OR election', size: 5 },
    { query: 'ele*', sort: 'newest' },
    { query: 'electon' },
    { query: '', page: 2, size: 3 },
  ] satisfies SearchRequest[])(
    'answers %j exactly as a search on the main thread does',
    async (request) => {
      const engine = workerEngine();
      const inline = search(engine.current().index, request, {});
      expect(withoutTime(await engine.search(request))).toEqual(withoutTime(inline));
    },
  );

  it('runs a search sent after a swap on the new index', async () => {
    const engine = workerEngine();
    expect((await engine.search({ query: 'zeppelin' })).total).toBe(0);
    engine.replace(
      loadedFrom([...newsArticles(), article('new/1', 'Zeppelin returns', 'A zeppelin flew.')]),
    );
    const found = await engine.search({ query: 'zeppelin' });
    expect(found.hits.map((hit) => hit.id)).toEqual(['new/1']);
  });
});

describe('presented answers', () => {
  const views = DEFAULT_APP_OPTIONS.views;
  const untimed = (bytes: Uint8Array) =>
    new TextDecoder()
      .decode(bytes)
      .replace(/"took_ms":[\d.]+/, '"took_ms":0')
      .replace(/ in [\d.]+ ms/, ' in 0 ms');

  it.each([
    { form: 'search-json', request: { query: 'oil', size: 20 } },
    {
      form: 'search-page',
      request: { query: 'zeppelin' },
      fields: { q: 'zeppelin' },
      views,
      examples: ['oil'],
    },
    { form: 'suggest-json', input: 'oi', limit: 8, opensearch: false },
    { form: 'suggest-json', input: 'oil pri', limit: 8, opensearch: true },
    { form: 'article-json', id: 'wire/001' },
    { form: 'article-page', id: 'wire/001', query: 'oil', views },
  ] satisfies Presentation[])(
    'come from a worker as the bytes the main thread makes: %j',
    async (presentation) => {
      const onWorker = await workerEngine().present(presentation);
      const inline = await createEngine(loadedFrom(newsArticles())).present(presentation);
      expect(onWorker.type).toBe(inline.type);
      expect(onWorker.length).toBe(onWorker.body.byteLength);
      expect(untimed(onWorker.body)).toBe(untimed(inline.body));
    },
  );

  it('come compressed from a worker when asked and large enough', async () => {
    const presentation: Presentation = {
      form: 'search-page',
      request: { query: 'oil' },
      fields: {},
      views,
      examples: [],
    };
    const reply = await workerEngine().present(presentation, 'gzip');
    expect(reply.coding).toBe('gzip');
    expect(reply.body.byteLength).toBeLessThan(reply.length);
  });

  it('pass a worker’s error on: an unknown article is NOT_FOUND', async () => {
    const error = await workerEngine()
      .present({ form: 'article-json', id: 'none' })
      .catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'NOT_FOUND')).toBe(true);
  });
});

describe('the search pool', () => {
  it('keeps a worker free for a cheap search while heavy ones run', async () => {
    const pool = slowPool({ size: 2 });
    const finished: string[] = [];
    const track = (query: string) =>
      searchOn(pool, { query }).then(() => {
        finished.push(query);
      });
    const heavy = [track('sleep* 400'), track('sleep* 400'), track('sleep* 400')];
    await track('sleep 0');
    expect(finished).toEqual(['sleep 0']);
    await Promise.all(heavy);
    expect(finished).toHaveLength(4);
  });

  it('stops a search that runs past the hard limit, and the next search is answered', async () => {
    const events: string[] = [];
    const pool = slowPool({ size: 1, hardLimitMs: 150, onEvent: (e) => events.push(e.event) });
    const error = await searchOn(pool, { query: 'sleep 5000' }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'SEARCH_TIMEOUT')).toBe(true);
    expect((error as Error).message).toContain('"sleep 5000" ran past 150 ms');
    expect(events).toEqual(['worker-replaced']);
    const next = await searchOn(pool, { query: 'sleep 0' });
    expect(next.total).toBe(1);
  });

  it('refuses a search when too many are waiting, naming how many', async () => {
    const pool = slowPool({ size: 1, maxQueue: 1 });
    const running = searchOn(pool, { query: 'sleep 300' });
    const waiting = searchOn(pool, { query: 'sleep 0' });
    const error = await searchOn(pool, { query: 'sleep 0' }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'OVERLOADED')).toBe(true);
    expect((error as Error).message).toContain('1 searches are already waiting');
    await Promise.all([running, waiting]);
    expect(pool.pending()).toEqual({ running: 0, waiting: 0 });
  });

  it('fails only the search whose worker died, and replaces the worker', async () => {
    const pool = slowPool({ size: 1 });
    await expect(searchOn(pool, { query: 'crash' })).rejects.toThrow(/exited with code 3/);
    expect((await searchOn(pool, { query: 'sleep 0' })).total).toBe(1);
  });

  it('passes a worker’s newsdesk error on with its code and parameter', async () => {
    const pool = slowPool({ size: 1 });
    const error = await searchOn(pool, { query: 'fail' }).catch((e: unknown) => e);
    expect(isNewsdeskError(error, 'BAD_PARAMETER')).toBe(true);
    expect(error).toMatchObject({ message: 'q is wrong', parameter: 'q' });
  });

  it('is ready once every worker has loaded the snapshot, also after a replacement', async () => {
    const pool = slowPool({ size: 2, hardLimitMs: 100 });
    await pool.ready();
    await searchOn(pool, { query: 'sleep 2000' }).catch(() => undefined);
    await pool.ready();
    const answers = await Promise.all([
      searchOn(pool, { query: 'sleep 0' }),
      searchOn(pool, { query: 'sleep 0' }),
    ]);
    expect(answers.map((answer) => answer.total)).toEqual([1, 1]);
  });

  it('refuses searches once closed', async () => {
    const pool = slowPool();
    await pool.close();
    await expect(searchOn(pool, { query: 'sleep 0' })).rejects.toThrow(/closed/);
  });
});

describe('isHeavy', () => {
  it.each([
    [{ query: 'oil prices' }, false],
    [{ query: 'a* b*' }, true],
    [{ query: 'one two three four five six seven eight' }, false],
    [{ query: 'one two three four five six seven eight nine' }, true],
    [{ query: 'x'.repeat(21) }, true],
    [{ query: 'oil', page: 100, size: 10 }, false],
    [{ query: 'oil', page: 102, size: 10 }, true],
  ] satisfies [SearchRequest, boolean][])('counts %j as heavy: %s', (request, heavy) => {
    expect(isHeavy(request)).toBe(heavy);
  });
});
