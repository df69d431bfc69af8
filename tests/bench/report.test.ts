/** The load test's targets: each miss is named, and any one makes the run fail. */
import { describe, expect, it } from 'vitest';
import { REQUEST_KINDS } from '../../src/bench/load/mix.ts';
import {
  type LoadReport,
  missedTargets,
  reportJson,
  reportText,
} from '../../src/bench/load/report.ts';
import type { DriveResult } from '../../src/bench/load/run.ts';
import type { StallReport } from '../../src/bench/stall.ts';

const MB = 1024 * 1024;

function report(drive: Partial<DriveResult> = {}, memory: Partial<LoadReport['memory']> = {}) {
  const byKind = new Map(
    REQUEST_KINDS.map((kind) => [kind, { count: 100, non2xx: 0, latencies: [1, 2, 3] }]),
  );
  return {
    requests: 1100,
    connections: 10,
    articles: 23397,
    drive: {
      requestsPerSecond: 1234.5,
      latencyMs: { p50: 4, p90: 9, p99: 21, max: 140 },
      errors: 0,
      timeouts: 0,
      non2xx: 0,
      serverErrors: 0,
      answered: 1100,
      seconds: 0.9,
      byKind,
      failures: [],
      memoryAfterWarmup: 400 * MB,
      memoryAtEnd: 420 * MB,
      ...drive,
    },
    memory: { beforeLoad: 380 * MB, afterWarmup: 400 * MB, atEnd: 420 * MB, ...memory },
  } satisfies LoadReport;
}

describe('load test targets', () => {
  it('are met with no errors, no non-2xx and memory within 10 %', () => {
    expect(missedTargets(report())).toEqual([]);
    expect(reportText(report())).toMatch(/Targets met/);
  });

  it.each([
    [{ errors: 3 }, {}, /3 socket errors/],
    [{ timeouts: 2, errors: 2 }, {}, /2 timeouts/],
    [{ non2xx: 5, serverErrors: 5 }, {}, /5 5xx answers/],
    [{ non2xx: 4 }, {}, /4 non-2xx answers/],
    [{ answered: 900 }, {}, /900 of 1100 requests answered/],
    [{ timeouts: 1, errors: 1 }, {}, /1 socket error \(target 0\); 1 timeout \(/],
    [{}, { atEnd: 441 * MB }, /memory grew 10\.3 %/],
    [{}, { atEnd: undefined }, /memory could not be read/],
    [{ requestsPerSecond: 366.2 }, {}, /366 requests\/s \(target ≥ 1,000\)/],
    [
      { latencyMs: { p50: 24, p90: 50, p99: 94, max: 300 } },
      {},
      /latency p99 94 ms \(target ≤ 50 ms\)/,
    ],
  ])('are missed with %j %j, saying which', (drive, memory, message) => {
    const missed = missedTargets(report(drive, memory));
    expect(missed.join('; ')).toMatch(message);
    expect(reportText(report(drive, memory))).toMatch(/Targets missed: /);
  });

  it('prints throughput, latency percentiles, errors, memory and every kind, with the targets', () => {
    const text = reportText(report());
    expect(text).toMatch(/1,235 requests\/s .* target ≥ 1,000/);
    expect(text).toMatch(/target p99 ≤ 50 ms/);
    expect(text).toMatch(/p50 4\.0 ms\s+p90 9\.0 ms\s+p99 21 ms\s+max 140 ms/);
    expect(text).toContain(
      '380 MB before load, 400 MB after 1,000 requests, 420 MB at the end (+5.0 %)',
    );
    for (const kind of REQUEST_KINDS) expect(text).toContain(kind);
  });

  it('prints what the reply cache answered when the server said', () => {
    const cache = { entries: 900, bytes: 3 * MB, hits: 750, misses: 250 };
    expect(reportText({ ...report(), cache })).toMatch(
      /reply cache {5}750 hits, 250 misses \(75\.0 % hits\); 900 replies, 3 MB kept at the end/,
    );
    expect(reportText(report())).not.toContain('reply cache');
  });

  it('gives scripts one JSON object with the growth and the misses', () => {
    const json = JSON.parse(reportJson(report({ errors: 1 })));
    expect(json).toMatchObject({
      memoryGrowthPercent: 5,
      missedTargets: ['1 socket error (target 0)'],
    });
    expect(json.drive.byKind['api-word']).toMatchObject({ count: 100, p50: 2 });
  });
});

describe('expensive-search targets', () => {
  const figures = { requests: 50, p50: 5, p99: 40, max: 60, failed: 0 };
  const stall = (overrides: Partial<StallReport> = {}): StallReport => ({
    baseline: figures,
    cheap: figures,
    expensive: { requests: 80, p50: 90, max: 300, statuses: { '200': 80 } },
    eventLoopDelayMs: { p50: 0.1, p99: 3, max: 12 },
    ...overrides,
  });

  it('are met when cheap searches stay under the budget and nothing fails', () => {
    const withStall = { ...report(), stall: stall() };
    expect(missedTargets(withStall)).toEqual([]);
    const text = reportText(withStall);
    expect(text).toMatch(/cheap meanwhile p50 5\.0 ms {2}p99 40 ms {2}max 60 ms \(50 searches\)/);
    expect(text).toMatch(/event loop {6}delay p50 0\.1 ms {2}p99 3\.0 ms {2}max 12 ms/);
  });

  it.each([
    [{ cheap: { ...figures, p99: 251 } }, /cheap searches took p99 251 ms .*target ≤ 250 ms/],
    [{ baseline: { ...figures, failed: 2 } }, /2 cheap searches failed/],
    [
      { expensive: { requests: 3, p50: 1, max: 1, statuses: { '200': 1, '503': 2 } } },
      /2 expensive searches answered 503/,
    ],
  ] satisfies [Partial<StallReport>, RegExp][])(
    'are missed with %j, saying which',
    (overrides, message) => {
      expect(missedTargets({ ...report(), stall: stall(overrides) }).join('; ')).toMatch(message);
    },
  );
});
