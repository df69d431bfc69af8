/** `npm run bench`'s table and samples: the target column, and which calls each sample list holds. */
import { describe, expect, it } from 'vitest';
import { latencySamples } from '../../src/bench/measure.ts';
import { benchTable, type Row } from '../../src/bench/report.ts';

const ROWS: Row[] = [
  { label: 'snapshot load (ms)', ours: 80, theirs: 1500 },
  { label: 'every query p50 (ms)', ours: 0.5, theirs: 2, target: '<= 0.8' },
];

describe('the benchmark table', () => {
  it('shows a target column beside the rows that have one', () => {
    const lines = benchTable('BBC + Reuters', ROWS).split('\n');
    expect(lines[2]).toMatch(/^figure\s+newsdesk\s+MiniSearch\s+ratio\s+target$/);
    expect(lines[3]).toMatch(/^snapshot load \(ms\)\s+80\.0\s+1,500\s+0\.05$/);
    expect(lines[4]).toMatch(/^every query p50 \(ms\)\s+0\.500\s+2\.000\s+0\.25\s+<= 0\.8$/);
  });

  it('has no target column when no row has a target', () => {
    const table = benchTable('BBC', ROWS.slice(0, 1));
    expect(table).not.toMatch(/target/);
  });
});

describe('latencySamples', () => {
  it('times each query once in the first round, then every query in each later round', () => {
    const calls: string[] = [];
    const samples = latencySamples(['a', 'b', 'c'], 2, (query) => calls.push(query));
    expect(calls).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c']);
    expect(samples.first).toHaveLength(3);
    expect(samples.repeated).toHaveLength(6);
    for (const ms of [...samples.first, ...samples.repeated]) expect(ms).toBeGreaterThanOrEqual(0);
  });
});
