import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engine/engine.ts';
import { createApp } from '../../src/server/app.ts';
import { CSV_COLUMNS } from '../../src/server/export-stream.ts';
import type { Article } from '../../src/types.ts';
import { article, engineOver, newsArticles } from '../helpers/engine.ts';
import { seededRandom } from '../helpers/index-process.ts';
import { expectDocumented, schemaValidator } from '../helpers/openapi-schema.ts';

const engine = engineOver(newsArticles());
const app = createApp(engine);

/** Every id of `query`, page by page through `/api/search`. */
async function pagedIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; ; page++) {
    const { body } = await request(app).get(`/api/search?${query}&page=${page}&size=7`).expect(200);
    ids.push(...body.hits.map((hit: { id: string }) => hit.id));
    if (body.hits.length < 7) return ids;
  }
}

const jsonLines = (text: string) =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line));

describe('GET /api/search.jsonl and .csv', () => {
  it.each([
    ['q=oil'],
    ['q=oil&sort=newest'],
    ['q=oil tanker'],
    ['q=&sort=oldest&collapse=off'],
    ['q=oil&source=Wire&category=crude'],
  ])('list every result of %s in the order the pages do, as documented', async (query) => {
    const paged = await pagedIds(query);
    const jsonl = await request(app).get(`/api/search.jsonl?${query}`).expect(200);
    const rows = jsonLines(jsonl.text);
    expect(rows.map((row) => row.id)).toEqual(paged);
    const validate = schemaValidator('ExportRow');
    for (const row of rows) expect(validate(row), JSON.stringify(validate.errors)).toBe(true);
    const csv = await request(app).get(`/api/search.csv?${query}`).expect(200);
    const [header, ...records] = parse(csv.text) as string[][];
    expect(header).toEqual(CSV_COLUMNS.map((column) => column.name));
    expect(records.map((record) => record[0])).toEqual(paged);
    expect(records.map((record) => record[1])).toEqual(rows.map((row) => row.headline));
  });

  it('say in their headers how many rows follow, of how many results', async () => {
    const response = await request(app).get('/api/search.csv?q=oil').expect(200);
    const { body } = await request(app).get('/api/search?q=oil').expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="newsdesk-export.csv"',
    );
    expect(response.headers['x-total-count']).toBe(String(body.total + body.partial_matches));
    expect(response.headers['x-export-rows']).toBe(response.headers['x-total-count']);
    expect(response.headers['x-export-left-out']).toBe('0');
    expect(response.headers['x-export-cap']).toBe('100000');
    expect(response.headers['access-control-expose-headers']).toMatch(/X-Export-Rows/);
    const jsonl = await request(app).get('/api/search.jsonl?q=oil').expect(200);
    expect(jsonl.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
  });

  it("stop at the operator's cap and say how many results it left out", async () => {
    const capped = createApp(engine, { export: { cap: 4, batchSize: 3 } });
    const response = await request(capped).get('/api/search.jsonl?q=oil').expect(200);
    const rows = jsonLines(response.text);
    expect(rows.map((row) => row.id)).toEqual((await pagedIds('q=oil')).slice(0, 4));
    const total = Number(response.headers['x-total-count']);
    expect(total).toBeGreaterThan(4);
    expect(response.headers['x-export-rows']).toBe('4');
    expect(response.headers['x-export-left-out']).toBe(String(total - 4));
  });

  it('answer HEAD with the headers only', async () => {
    const response = await request(app).head('/api/search.csv?q=oil').expect(200);
    expect(response.headers['x-export-rows']).toBeDefined();
    expect(response.text ?? '').toBe('');
  });

  it('say when they exported the respelled query', async () => {
    const response = await request(app).get('/api/search.jsonl?q=tankker').expect(200);
    expect(response.headers['x-corrected-query']).toBe('tanker');
    expect(jsonLines(response.text).length).toBeGreaterThan(0);
  });

  it.each([
    ['sort', '?q=oil&sort=sideways'],
    ['q', '?q=a&q=b'],
    ['from', '?from=1987-13'],
  ])('refuse a bad %s with 400 naming it, as documented', async (parameter, query) => {
    for (const path of ['/api/search.csv', '/api/search.jsonl'] as const) {
      const { body } = await request(app).get(`${path}${query}`).expect(400);
      expect(body.error.parameter).toBe(parameter);
      expectDocumented(path, 400, body);
    }
  });

  it('run on search workers as inline', async () => {
    const pooled = engineOver(newsArticles(), { workers: { size: 1 } });
    try {
      await pooled.ready();
      const response = await request(createApp(pooled)).get('/api/search.jsonl?q=oil tanker');
      expect(response.status).toBe(200);
      const inline = await request(app).get('/api/search.jsonl?q=oil tanker');
      expect(response.text).toBe(inline.text);
    } finally {
      await pooled.close();
    }
  });
});

/**
 * `count` short articles that all say "report", each with a 4 KB URL, so that
 * the whole export (80 MB) is far more than a loopback socket's buffers hold.
 */
function manyArticles(count: number): Article[] {
  const random = seededRandom(11);
  const words = 'oil price market bank rate crude supply trader vote storm port tanker'.split(' ');
  const pick = () => words[Math.floor(random() * words.length)] ?? 'news';
  const padding = 'p'.repeat(4096);
  return Array.from({ length: count }, (_, n) =>
    article(
      `desk/${n}`,
      `${pick()} ${pick()} report ${n}`,
      `${Array.from({ length: 16 }, pick).join(' ')}.`,
      {
        date: `1987-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
        url: `https://news.example/${n}/${padding}`,
      },
    ),
  );
}

/** Waits until `value()` has stayed the same for `turns` checks 10 ms apart. */
async function settled(value: () => number, turns = 15): Promise<number> {
  let last = value();
  let same = 0;
  while (same < turns) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    const now = value();
    same = now === last ? same + 1 : 0;
    last = now;
  }
  return last;
}

describe('a 20,000-row export', () => {
  const ROWS = 20_000;
  const BATCH = 200;
  let server: Server;
  let port: number;
  let read = 0;
  let inFlight = 0;
  let base: Engine;
  beforeAll(async () => {
    base = engineOver(manyArticles(ROWS), { search: { suggest: false } });
    const counted: Engine = {
      ...base,
      exportRows: async (batch) => {
        const rows = await base.exportRows(batch);
        read += rows.rows.length;
        return rows;
      },
    };
    const exporting = createApp(counted, {
      export: { batchSize: BATCH, onBatch: (p) => (inFlight = Math.max(inFlight, p.inFlight)) },
    });
    server = createServer(exporting);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  }, 60_000);
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const open = (path: string) =>
    new Promise<IncomingMessage>((resolve) => {
      get({ host: '127.0.0.1', port, path, headers: { 'accept-encoding': 'identity' } }, resolve);
    });

  it('is read from the index only as fast as the client takes it, one batch held at a time', async () => {
    read = 0;
    inFlight = 0;
    const response = await open('/api/search.jsonl?q=report&sort=newest');
    expect(response.headers['x-export-rows']).toBe(String(ROWS));
    response.pause();
    // The client reads nothing: the server stops once the socket's buffers are full.
    const whilePaused = await settled(() => read);
    expect(whilePaused).toBeLessThan(ROWS / 2);
    let lines = 0;
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => {
      for (const character of chunk) if (character === '\n') lines++;
    });
    response.resume();
    await new Promise((resolve) => response.on('end', resolve));
    expect(lines).toBe(ROWS);
    expect(read).toBe(ROWS);
    expect(inFlight).toBeLessThanOrEqual(BATCH);
  }, 60_000);

  it('stops reading once the client goes away', async () => {
    read = 0;
    const response = await open('/api/search.csv?q=report');
    await new Promise((resolve) => response.once('data', resolve));
    response.destroy();
    const after = await settled(() => read);
    expect(after).toBeLessThan(ROWS / 2);
  }, 60_000);
});
