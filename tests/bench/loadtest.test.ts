/**
 * The load test, short: the same code as `npm run loadtest` (a real `newsdesk
 * serve` child, autocannon over loopback) with a few thousand requests over a
 * small generated corpus of two folders, dated, with sources and categories.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTest } from '../../src/bench/load/main.ts';
import { REQUEST_KINDS, seededRandom } from '../../src/bench/load/mix.ts';
import { DEFAULT_LOAD_OPTIONS } from '../../src/bench/load/options.ts';
import { type LoadReport, missedTargets } from '../../src/bench/load/report.ts';
import { makeTemp, removeTemp, writeBytes } from '../helpers/temp-corpus.ts';

const VOCABULARY = (
  'oil prices market bank trade election minister government growth profit shares ' +
  'talks deal budget tax court police club match coach team union strike'
).split(' ');

/** `count` dated wire articles in JSONL files, and `count` feature articles in category folders. */
async function writeCorpus(root: string, count: number): Promise<void> {
  const random = seededRandom(7);
  const word = () => VOCABULARY[Math.floor(random() * VOCABULARY.length)] ?? 'news';
  const words = (length: number) => Array.from({ length }, word).join(' ');
  const lines = Array.from({ length: count }, (_, n) =>
    JSON.stringify({
      id: String(n + 1),
      title: `${words(5)} ${n}`,
      body: `${words(40)}.\n\n${words(40)}.`,
      date: `1987-${String(1 + (n % 9)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`,
      source: n % 3 === 0 ? 'Daily Wire' : 'Press Desk',
      category: [['crude', 'markets', 'politics'][n % 3]],
    }),
  );
  await writeBytes(join(root, 'wire', 'feed.jsonl'), `${lines.join('\n')}\n`);
  for (let n = 0; n < count; n++) {
    const folder = ['business', 'sport', 'politics'][n % 3] ?? 'business';
    await writeBytes(
      join(root, 'features', folder, `${String(n).padStart(3, '0')}.txt`),
      `${words(6)} feature ${n}\n\n${words(50)}.\n\n${words(30)}.\n`,
    );
  }
}

describe('the load test, short', () => {
  let dir: string;
  let report: LoadReport;

  beforeAll(async () => {
    dir = await makeTemp();
    await writeCorpus(dir, 150);
    report = await loadTest({
      ...DEFAULT_LOAD_OPTIONS,
      requests: 2000,
      connections: 4,
      corpus: [join(dir, 'wire'), join(dir, 'features')],
      exclude: [],
      snapshot: join(dir, 'load.snapshot'),
      stallSeconds: 3,
    });
  }, 120_000);
  afterAll(() => removeTemp(dir));

  it('answers every request of the mix with a 2xx, without socket errors or timeouts', () => {
    expect(report.articles).toBe(300);
    expect(report.drive).toMatchObject({
      answered: 2000,
      errors: 0,
      timeouts: 0,
      non2xx: 0,
      serverErrors: 0,
      failures: [],
    });
  });

  it('sends every kind of request, and times each', () => {
    for (const kind of REQUEST_KINDS) {
      const tally = report.drive.byKind.get(kind);
      expect(tally?.count, kind).toBeGreaterThan(0);
      expect(tally?.latencies).toHaveLength(tally?.count ?? -1);
    }
  });

  it('reads the server memory before the load, after the warm-up and at the end', () => {
    const { beforeLoad, afterWarmup, atEnd } = report.memory;
    for (const bytes of [beforeLoad, afterWarmup, atEnd]) expect(bytes).toBeGreaterThan(10e6);
    const timed = (target: string) =>
      ['memory', 'took p99', 'requests/s', 'latency p99'].some((word) => target.includes(word));
    expect(missedTargets(report).filter((target) => !timed(target))).toEqual([]);
  });

  it('times cheap searches alone and while expensive ones run on a fresh server', () => {
    const stall = report.stall;
    expect(stall?.baseline.requests).toBeGreaterThan(0);
    expect(stall?.cheap.requests).toBeGreaterThan(0);
    expect(stall?.cheap.failed).toBe(0);
    expect(Object.keys(stall?.expensive.statuses ?? {})).toEqual(['200']);
    expect(stall?.eventLoopDelayMs?.max).toBeGreaterThanOrEqual(0);
  });
});
