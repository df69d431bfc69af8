import fc from 'fast-check';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { createMetrics } from '../../src/server/metrics.ts';
import { routeLabel, UNKNOWN_API_ROUTE, UNKNOWN_ROUTE } from '../../src/server/metrics-routes.ts';
import { engineOver, newsArticles } from '../helpers/engine.ts';

/** One sample of the text exposition format: name, labels, value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * The samples of a Prometheus text exposition (format 0.0.4), checking every
 * line: `# HELP`/`# TYPE` comments, or `name{label="value",…} number` (a Go
 * float: NaN and Inf in any case, as Prometheus parses them).
 */
function parseExposition(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  const sampleLine =
    /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\.)*",?)*)\})? (-?(?:\d+(?:\.\d+)?(?:e[+-]?\d+)?|[Nn]a[Nn]|[+-]?[Ii]nf))$/;
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type =
      /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type?.[1] && type[2]) {
      types.set(type[1], type[2]);
      continue;
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/.test(line)) continue;
    const match = sampleLine.exec(line);
    expect(match, `not an exposition line: ${line}`).not.toBeNull();
    if (!match?.[1] || match[3] === undefined) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) {
      if (pair[1] !== undefined) labels[pair[1]] = pair[2] ?? '';
    }
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return { samples, types };
}

const sampled = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter(
      (sample) =>
        sample.name === name &&
        Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    )
    .reduce((sum, sample) => sum + sample.value, 0);

function metricsApp(access: 'local' | 'on' = 'on') {
  const engine = engineOver(newsArticles());
  const metrics = createMetrics(engine, { access });
  return { app: createApp(engine, { metrics }), metrics, engine };
}

async function scrape(app: ReturnType<typeof createApp>) {
  const response = await request(app).get('/metrics').expect(200);
  expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(response.text);
}

describe('GET /metrics', () => {
  it('answers the Prometheus text format, with process metrics and event-loop delay', async () => {
    const { app } = metricsApp();
    const { samples, types } = await scrape(app);
    expect(types.get('newsdesk_http_requests_total')).toBe('counter');
    expect(types.get('newsdesk_http_request_duration_seconds')).toBe('histogram');
    expect(types.get('nodejs_eventloop_lag_p99_seconds')).toBe('gauge');
    expect(types.get('process_resident_memory_bytes')).toBe('gauge');
    expect(sampled(samples, 'newsdesk_index_articles')).toBe(newsArticles().length);
    expect(sampled(samples, 'newsdesk_index_terms')).toBeGreaterThan(10);
    expect(sampled(samples, 'newsdesk_snapshot_bytes')).toBe(1234);
    expect(sampled(samples, 'newsdesk_index_generation')).toBe(1);
    expect(sampled(samples, 'newsdesk_index_built_timestamp_seconds')).toBe(
      Date.parse('2026-11-23T00:00:00.000Z') / 1000,
    );
    expect(sampled(samples, 'newsdesk_searches_running')).toBe(0);
    expect(sampled(samples, 'newsdesk_searches_waiting')).toBe(0);
  });

  it('counts requests by route pattern and status, on the fast path and in Express alike', async () => {
    const { app } = metricsApp();
    await request(app).get('/api/search?q=oil').expect(200);
    await request(app).get('/api/search?q=oil&size=0').expect(400);
    await request(app).get('/article/wire/001').expect(200);
    await request(app)
      .get('/article/wire/002/')
      .expect((response) => response.status < 500);
    await request(app).get('/api/search.csv?q=oil').expect(200);
    await request(app).get('/no/such/page').expect(404);
    const { samples } = await scrape(app);
    const requests = (labels: Record<string, string>) =>
      sampled(samples, 'newsdesk_http_requests_total', labels);
    expect(requests({ route: '/api/search', status: '200', method: 'GET' })).toBe(1);
    expect(requests({ route: '/api/search', status: '400' })).toBe(1);
    expect(requests({ route: '/article/:id' })).toBe(2);
    expect(requests({ route: '/api/search.csv', status: '200' })).toBe(1);
    expect(requests({ route: UNKNOWN_ROUTE, status: '404' })).toBe(1);
    expect(
      sampled(samples, 'newsdesk_http_request_duration_seconds_count', { route: '/article/:id' }),
    ).toBe(2);
  });

  it('moves its counters with every request', async () => {
    const { app } = metricsApp();
    const before = sampled((await scrape(app)).samples, 'newsdesk_http_requests_total', {
      route: '/healthz',
    });
    for (let i = 0; i < 3; i++) await request(app).get('/healthz').expect(200);
    const after = sampled((await scrape(app)).samples, 'newsdesk_http_requests_total', {
      route: '/healthz',
    });
    expect(after - before).toBe(3);
  });

  it('keeps its route labels to a fixed set, whatever URLs are asked for', async () => {
    const { app } = metricsApp();
    const segment = fc.stringMatching(/^[A-Za-z0-9._~%-]{0,12}$/);
    const path = fc.oneof(
      fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => `/${parts.join('/')}`),
      segment.map((id) => `/article/${id}`),
      segment.map((rest) => `/api/${rest}?q=${rest}`),
    );
    const paths = fc.sample(path, { seed: 15_2026, numRuns: 120 });
    for (const url of paths) await request(app).get(url);
    const labels = new Set(
      (await scrape(app)).samples
        .filter((sample) => sample.name === 'newsdesk_http_requests_total')
        .map((sample) => sample.labels.route),
    );
    const known = new Set(paths.map(routeLabel));
    expect(known.size).toBeLessThanOrEqual(20);
    for (const label of labels) expect(known.has(label ?? '') || label === '/metrics').toBe(true);
  });

  it('counts a reload that went live in the generation, and one that did not apart', async () => {
    const { app, metrics } = metricsApp();
    metrics.reloaded({ ok: true, ms: 1500 });
    metrics.reloaded({ ok: false });
    const { samples } = await scrape(app);
    expect(sampled(samples, 'newsdesk_index_generation')).toBe(2);
    expect(sampled(samples, 'newsdesk_reloads_total', { outcome: 'live' })).toBe(1);
    expect(sampled(samples, 'newsdesk_reloads_total', { outcome: 'rejected' })).toBe(1);
    expect(sampled(samples, 'newsdesk_last_reload_duration_seconds')).toBe(1.5);
  });

  it('keeps each app its own registry', async () => {
    const first = metricsApp();
    const second = metricsApp();
    await request(first.app).get('/healthz').expect(200);
    const { samples } = await scrape(second.app);
    expect(sampled(samples, 'newsdesk_http_requests_total', { route: '/healthz' })).toBe(0);
  });

  it('is answered only to this machine, unforwarded, when local', async () => {
    const { app } = metricsApp('local');
    await request(app).get('/metrics').expect(200);
    await request(app).get('/metrics').set('X-Forwarded-For', '203.0.113.9').expect(404);
    await request(app).get('/metrics').set('Forwarded', 'for=203.0.113.9').expect(404);
  });

  it('is not served without metrics', async () => {
    const app = createApp(engineOver(newsArticles()));
    await request(app).get('/metrics').expect(404);
  });
});

describe('routeLabel', () => {
  it.each([
    ['/', '/'],
    ['/search?q=oil', '/search'],
    ['/SEARCH/', '/search'],
    ['/article/business/001', '/article/:id'],
    ['/article/', UNKNOWN_ROUTE],
    ['/api/articles/reut2-000:1?q=x', '/api/articles/:id'],
    ['/api/search.csv?q=oil', '/api/search.csv'],
    ['/api/nothing', UNKNOWN_API_ROUTE],
    ['/assets/style.css', '/assets/*'],
    ['/wp-login.php', UNKNOWN_ROUTE],
    ['/metrics', '/metrics'],
    ['/opensearch.xml', '/opensearch.xml'],
  ])('labels %s as %s', (url, label) => {
    expect(routeLabel(url)).toBe(label);
  });
});
