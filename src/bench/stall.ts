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

export interface StallReport {
  cheap: { requests: number; p50: number; p99: number; max: number; failed: number };
  expensive: { requests: number; p50: number; max: number; statuses: Record<string, number> };
  eventLoopDelayMs: { p50: number; p99: number; max: number } | undefined;
}

/** Run the measurement against the server at `url` (fresh, so `/healthz` covers this run). */
export async function measureStall(url: string, options: StallOptions = {}): Promise<StallReport> {
  const until = performance.now() + (options.seconds ?? 15) * 1000;
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
  const cheapMs: number[] = [];
  let failed = 0;
  for (let i = 0; performance.now() < until; i++) {
    const { ms, status } = await timed(
      `${url}api/search?${CHEAP_QUERIES[i % CHEAP_QUERIES.length]}`,
    );
    cheapMs.push(ms);
    if (status !== 200) failed++;
  }
  await Promise.all(loops);
  return {
    cheap: { requests: cheapMs.length, ...spread(cheapMs), failed },
    expensive: {
      requests: expensiveMs.length,
      p50: percentiles(expensiveMs).p50,
      max: Math.max(...expensiveMs),
      statuses,
    },
    eventLoopDelayMs: await eventLoopDelay(url),
  };
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
