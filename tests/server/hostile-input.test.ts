/**
 * Hostile URLs against every endpoint, sent as raw request lines to a listening
 * app: never a 5xx, always a documented answer, the server keeps answering, and
 * nothing leaks into Object.prototype.
 */
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { engineOver, newsArticles } from '../helpers/engine.ts';
import { schemaValidator } from '../helpers/openapi-schema.ts';
import {
  listenRaw,
  percentEncode,
  type RawResponse,
  type RawServer,
  rawEncode,
} from '../helpers/raw-http.ts';
import { anyText } from '../helpers/text-arbitraries.ts';

/** What a path is expected to answer when it answers 200. */
type Kind =
  | 'page'
  | 'search'
  | 'suggest'
  | 'article'
  | 'stats'
  | 'health'
  | 'json'
  | 'export'
  | 'unknown';

interface Target {
  kind: Kind;
  path: string;
  /** The parameters it reads (besides which it must ignore anything). */
  reads?: readonly string[];
}

const SEARCH_PARAMETERS = ['q', 'page', 'size', 'sort', 'source', 'from'];

const ENDPOINTS: readonly Target[] = [
  { kind: 'page', path: '/' },
  { kind: 'page', path: '/search', reads: SEARCH_PARAMETERS },
  { kind: 'page', path: '/article/wire/001', reads: ['q'] },
  { kind: 'page', path: '/opensearch.xml' },
  { kind: 'search', path: '/api/search', reads: SEARCH_PARAMETERS },
  { kind: 'export', path: '/api/search.csv', reads: SEARCH_PARAMETERS },
  { kind: 'export', path: '/api/search.jsonl', reads: SEARCH_PARAMETERS },
  { kind: 'suggest', path: '/api/suggest', reads: ['q', 'format'] },
  { kind: 'article', path: '/api/articles/wire/002' },
  { kind: 'stats', path: '/api/stats' },
  { kind: 'json', path: '/api/openapi.json' },
  { kind: 'health', path: '/healthz' },
  { kind: 'unknown', path: '/articles/wire/001' },
  { kind: 'unknown', path: '/api/nothing' },
];

const NAMES = [
  'q',
  'page',
  'size',
  'sort',
  'source',
  'category',
  'from',
  'to',
  'format',
  '__proto__',
  'constructor',
  'prototype',
  'q[]',
  'q[x]',
  '__proto__[polluted]',
  'constructor[prototype][polluted]',
  'toString',
  'hasOwnProperty',
];

/** Values that break careless number, date and text handling, already percent-encoded as sent. */
const NASTY_VALUES = [
  '',
  '1e308',
  '99999999999999999999',
  '-0',
  '0',
  'NaN',
  'Infinity',
  '-Infinity',
  '1.5',
  '0x10',
  '%201',
  'null',
  '%5B%5D',
  '%7B%7D',
  '%00',
  'a%00b',
  '%E2%80%8F%D7%A9%D7%9C%D7%95%D7%9D',
  '%E2%80%AE',
  '%ED%A0%80',
  '%ED%B0%80x',
  '%F0%9F',
  '%C0%AE%C0%AE',
  '%FF%FE',
  '%',
  '%%',
  '%G1',
  '%E0%A4%A',
  '%2',
  '+++',
  '%22%22%22',
  '((((((((((((',
  '*****',
  '----',
  'a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a-a',
  'after%3A99999999999999999999',
  'title%3A__proto__%3Ax',
  'relevance',
  '1987-02-30',
  '1987-13',
  '0000',
  'x'.repeat(1001),
  '%C3%A9'.repeat(600),
];

/** Any value: a nasty one, random text (lone surrogates included) encoded or raw, or a long run. */
const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_VALUES) },
  { weight: 3, arbitrary: anyText.map(percentEncode) },
  { weight: 2, arbitrary: anyText.map(rawEncode) },
  { weight: 1, arbitrary: fc.integer({ min: 900, max: 1100 }).map((n) => 'y'.repeat(n)) },
);

const name = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 1, arbitrary: anyText.map(percentEncode) },
);

/** `a=1&a=2&q[]=x…`: repeated, array-like and prototype keys, sometimes without `=`. */
const queryString = fc
  .array(
    fc
      .tuple(name, value, fc.constantFrom('=', '=', '=', '', '=='))
      .map(([n, v, eq]) => `${n}${eq}${eq ? v : ''}`),
    { maxLength: 6 },
  )
  .chain((pairs) => fc.constantFrom('&', '&', ';', '&&').map((joiner) => pairs.join(joiner)));

/** An id after `/article/`, `/api/articles/` or `/articles/`. */
const idPath = fc.oneof(
  anyText.map(percentEncode),
  anyText.map(rawEncode),
  fc.constantFrom('..', '%2e%2e', '....//', '%00', '%2Fetc%2Fpasswd', 'wire/001', 'wire%2F001'),
);

const unknownPath = fc.oneof(
  anyText.map((text) => `/${rawEncode(text)}`),
  fc.constantFrom(
    '/API/search',
    '/Api/Stats',
    '/api',
    '/api/',
    '//api//search',
    '/search/',
    '/%2e%2e/',
  ),
);

const target: fc.Arbitrary<Target> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ENDPOINTS) },
  { weight: 1, arbitrary: idPath.map((id) => ({ kind: 'page' as const, path: `/article/${id}` })) },
  {
    weight: 1,
    arbitrary: idPath.map((id) => ({ kind: 'article' as const, path: `/api/articles/${id}` })),
  },
  { weight: 1, arbitrary: unknownPath.map((path) => ({ kind: 'unknown' as const, path })) },
);

const method = fc.constantFrom(
  'GET',
  'GET',
  'GET',
  'GET',
  'GET',
  'HEAD',
  'POST',
  'PUT',
  'DELETE',
  'PATCH',
);

const ERROR_STATUSES = [400, 404, 405, 413, 414];

const validators = {
  search: schemaValidator('SearchResponse'),
  suggest: schemaValidator('SuggestResponse'),
  article: schemaValidator('Article'),
  stats: schemaValidator('Stats'),
  health: schemaValidator('Health'),
  error: schemaValidator('Error'),
  exportRow: schemaValidator('ExportRow'),
};

/** True for paths the app answers in JSON (as its error handler decides). */
function isJsonPath(path: string): boolean {
  const plain = path.split('?')[0] ?? '';
  return /^\/api(\/|$)/i.test(plain) || plain.toLowerCase() === '/healthz';
}

/** Asserts `response` is one of the answers the app documents for `target`. */
function expectDocumentedAnswer(
  target: Target,
  url: string,
  verb: string,
  response: RawResponse,
): void {
  const context = `${verb} ${url.slice(0, 300)} → ${response.status} ${response.body.slice(0, 300)}`;
  expect(response.status, context).toBeLessThan(500);
  expect([200, 303, ...ERROR_STATUSES], context).toContain(response.status);
  if (verb === 'HEAD') return;
  if (response.status === 303) {
    expect(response.headers.location, context).toBe('/');
  } else if (response.status !== 200) {
    expectErrorBody(isJsonPath(url), response, context);
  } else expectSuccessBody(target.kind, url, response, context);
}

function expectErrorBody(json: boolean, response: RawResponse, context: string): void {
  if (json) {
    expect(response.headers['content-type'], context).toMatch(/^application\/json/);
    const body: unknown = JSON.parse(response.body);
    expect(validators.error(body), context).toBe(true);
  } else {
    expect(response.headers['content-type'], context).toMatch(/^text\/html/);
    expect(response.body, context).toContain('class="error-page"');
    expect(response.body, context).toContain(`<h1>${response.status} ·`);
  }
}

function expectSuccessBody(kind: Kind, url: string, response: RawResponse, context: string): void {
  const type = String(response.headers['content-type']);
  if (kind === 'page' || (kind === 'unknown' && !isJsonPath(url))) {
    expect(type, context).toMatch(/^text\/html|^application\/opensearchdescription\+xml/);
    expect(response.body, context).toMatch(/<\/html>\s*$|<\/OpenSearchDescription>\s*$/);
    return;
  }
  if (kind === 'export') {
    expectExportBody(url, response, context);
    return;
  }
  expect(type, context).toMatch(/^application\/json/);
  const body: unknown = JSON.parse(response.body);
  if (kind === 'suggest' && Array.isArray(body)) {
    expect(typeof body[0], context).toBe('string');
    expect(Array.isArray(body[1]), context).toBe(true);
  } else if (kind in validators) {
    const validate = validators[kind as keyof typeof validators];
    expect(validate(body), `${context} ${JSON.stringify(validate.errors)}`).toBe(true);
  }
}

/** CSV with its header, or JSON Lines of documented rows, as many as `X-Export-Rows` says. */
function expectExportBody(url: string, response: RawResponse, context: string): void {
  const rows = Number(response.headers['x-export-rows']);
  if (url.split('?')[0]?.endsWith('.csv')) {
    expect(response.headers['content-type'], context).toBe('text/csv; charset=utf-8');
    expect(parse(response.body), context).toHaveLength(rows + 1);
    return;
  }
  expect(response.headers['content-type'], context).toBe('application/x-ndjson; charset=utf-8');
  const lines = response.body.split('\n').filter((line) => line !== '');
  expect(lines, context).toHaveLength(rows);
  for (const line of lines) expect(validators.exportRow(JSON.parse(line)), context).toBe(true);
}

const engine = engineOver(newsArticles());
let server: RawServer;
let prototypeKeys: string[];

beforeAll(async () => {
  prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
  server = await listenRaw(createApp(engine));
});
afterAll(() => server.close());

/** Send one request and check its answer. */
async function probe(target: Target, query: string, verb = 'GET'): Promise<void> {
  const url = query === '' ? target.path : `${target.path}?${query}`;
  const response = await server.send(url, { method: verb });
  expectDocumentedAnswer(target, url, verb, response);
}

/** A plain request succeeds: the server is still answering. */
async function expectStillAnswering(after: string): Promise<void> {
  const health = await server.send('/healthz');
  expect(health.status, `after ${after.slice(0, 200)}`).toBe(200);
}

describe('hostile URLs', () => {
  it.each(ENDPOINTS.map((endpoint) => [endpoint.path, endpoint]))(
    'never make %s answer a 5xx, for each nasty value of each parameter it reads',
    async (path, endpoint) => {
      for (const parameter of [...(endpoint.reads ?? ['q']), '__proto__']) {
        for (const nasty of NASTY_VALUES) await probe(endpoint, `${parameter}=${nasty}`);
      }
      const shapes = ['q=a&q=b', 'q[]=a', 'q[x]=1', 'source=a&source=b&source=', 'page=1&page=2'];
      for (const query of [...shapes, '&&&', '=', '==', '?q=a']) await probe(endpoint, query);
      await expectStillAnswering(path);
    },
  );

  it('answer random requests with a documented status and body, and the server keeps answering', async () => {
    await fc.assert(
      fc.asyncProperty(target, queryString, method, async (where, query, verb) => {
        await probe(where, query, verb);
        await expectStillAnswering(`${verb} ${where.path}?${query}`);
      }),
      { numRuns: 1500 },
    );
  });

  it.each([
    ['/API/search?page=0', 'GET', 400],
    ['/Api/Nothing', 'GET', 404],
    ['/api/search/?size=0', 'GET', 400],
    ['/HEALTHZ/', 'POST', 405],
  ])(
    'answer %s in JSON like any API path, since routes ignore case',
    async (path, verb, status) => {
      const response = await server.send(path, { method: verb });
      expect(response.status).toBe(status);
      expect(validators.error(JSON.parse(response.body))).toBe(true);
    },
  );

  it('leave Object.prototype untouched', async () => {
    await probe(ENDPOINTS[4] as Target, '__proto__[polluted]=1&constructor[prototype][polluted]=1');
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeKeys);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
