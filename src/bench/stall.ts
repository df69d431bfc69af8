/**
 * Do expensive searches stall everyone else? Loops of expensive searches run
 * against a live server while one client times cheap searches; the server's
 * `/healthz` then says how late its event loop ran.
 */
import { performance } from 'node:perf_hooks';
import { percentiles } from './measure.ts';

/** Expensive searches: many prefixes, a 30-word OR, long misspellings, very deep pages. */
export const EXPENSIVE_QUERIES: readonly string[] = [
  'q=a*+b*+c*+d*',
  'q=s*+t*+p*+c*+m*+r*',
  `q=${encodeURIComponent(thirtyWordOr())}`,
  'q=internationalisationxyzqwerty+misspelingofgovernmnet+tradeagreemnts',
  'q=the&page=1000&size=10',
  'q=pre*+con*+dis*&sort=newest&page=500',
];

/** Cheap searches, as most visitors type them. */
export const CHEAP_QUERIES: readonly string[] = [
  'q=election',
  'q=oil+prices',
  'q=%22interest+rates%22',
  'q=football',
  'q=coffee',
];

function thirtyWordOr(): string {
  const words = ['oil', 'bank', 'trade', 'price', 'market', 'stock', 'government', 'minister'];
  const more = ['company', 'share', 'profit', 'loss', 'growth', 'export', 'import', 'tax'];
  const rest = ['budget', 'deficit', 'dollar', 'yen', 'gold', 'wheat', 'grain', 'sugar'];
  const last = ['coffee', 'cocoa', 'tin', 'copper', 'steel', 'ship'];
  return [...words, ...more, ...rest, ...last].join(' OR ');
}

export interface StallOptions {
  /** How long to measure, in seconds. @example 15 */
  seconds?: number;
  /** Concurrent loops of expensive searches. @example 4 */
  expensiveLoops?: number;
}

export interface CheapFigures {
  requests: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
}

export interface StallReport {
  /** Cheap searches alone, first. */
  baseline: CheapFigures;
  /** Cheap searches while the expensive loops run. */
  cheap: CheapFigures;
  expensive: { requests: number; p50: number; max: number; statuses: Record<string, number> };
  eventLoopDelayMs: { p50: number; p99: number; max: number } | undefined;
}

/**
 * Run the measurement against the server at `url` (fresh, so `/healthz`
 * covers this run): cheap searches alone for a fifth of the time, then with
 * the expensive loops for the rest.
 */
export async function measureStall(url: string, options: StallOptions = {}): Promise<StallReport> {
  const seconds = options.seconds ?? 15;
  const baseline = await timeCheap(url, performance.now() + seconds * 200);
  const until = performance.now() + seconds * 800;
  const statuses: Record<string, number> = {};
  const expensiveMs: number[] = [];
  const loops = Array.from({ length: options.expensiveLoops ?? 4 }, async (_, loop) => {
    for (let i = loop; performance.now() < until; i++) {
      const query = EXPENSIVE_QUERIES[i % EXPENSIVE_QUERIES.length] ?? '';
      const { ms, status } = await timed(`${url}api/search?${query}`);
      expensiveMs.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  });
  const cheap = await timeCheap(url, until);
  await Promise.all(loops);
  return {
    baseline,
    cheap,
    expensive: {
      requests: expensiveMs.length,
      p50: percentiles(expensiveMs).p50,
      max: Math.max(...expensiveMs),
      statuses,
    },
    eventLoopDelayMs: await eventLoopDelay(url),
  };
}

/** Cheap searches one after another until `until`. */
async function timeCheap(url: string, until: number): Promise<CheapFigures> {
  const times: number[] = [];
  let failed = 0;
  for (let i = 0; performance.now() < until; i++) {
    const { ms, status } = await timed(
      `${url}api/search?${CHEAP_QUERIES[i % CHEAP_QUERIES.length]}`,
    );
    times.push(ms);
    if (status !== 200) failed++;
  }
  return { requests: times.length, ...spread(times), failed };
}

async function timed(url: string): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(url);
  await response.arrayBuffer();
  return { ms: performance.now() - started, status: response.status };
}

function spread(values: number[]): { p50: number; p99: number; max: number } {
  const { p50, p99 } = percentiles(values);
  return { p50, p99, max: Math.max(...values) };
}

async function eventLoopDelay(url: string): Promise<StallReport['eventLoopDelayMs']> {
  const body = (await (await fetch(`${url}healthz`)).json()) as {
    event_loop_delay_ms?: StallReport['eventLoopDelayMs'];
  };
  return body.event_loop_delay_ms;
}
