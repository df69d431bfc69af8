/**
 * The scale benchmark, small: the same code as `npm run bench:scale` (a
 * synthetic corpus written to disk, `newsdesk index`, a snapshot load and
 * `newsdesk serve` as child processes, result pages over HTTP) at 20,000
 * articles, so it cannot rot. Only the report's shape is checked, never a time.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleBenchmark } from '../../src/bench/scale/main.ts';
import { DEFAULT_SCALE_OPTIONS, parseScaleArgs } from '../../src/bench/scale/options.ts';
import { PAGE_KINDS } from '../../src/bench/scale/pages.ts';
import {
  growthRows,
  reportJson,
  reportText,
  type SizeReport,
  sizeRows,
} from '../../src/bench/scale/report.ts';
import { makeTemp, removeTemp } from '../helpers/temp-corpus.ts';

const ARTICLES = 20_000;

describe('the scale benchmark at 20,000 articles', () => {
  let dir: string;
  let size: SizeReport;

  beforeAll(async () => {
    dir = await makeTemp('newsdesk-scale-test-');
    const sizes = await scaleBenchmark({
      ...DEFAULT_SCALE_OPTIONS,
      articles: [ARTICLES],
      rounds: 1,
      keep: join(dir, 'corpus'),
    });
    expect(sizes).toHaveLength(1);
    const [first] = sizes;
    if (first === undefined) throw new Error('no report');
    size = first;
  }, 300_000);

  afterAll(async () => {
    await removeTemp(dir);
  });

  it('keeps the corpus as gzipped JSONL of 10,000 articles a file, labelled synthetic', async () => {
    const names = (await readdir(join(dir, 'corpus'))).sort();
    expect(names).toEqual(['README.txt', 'part-00001.jsonl.gz', 'part-00002.jsonl.gz']);
    const readme = await readFile(join(dir, 'corpus', 'README.txt'), 'utf8');
    expect(readme).toMatch(/^SYNTHETIC CORPUS: .*never for relevance/);
    expect(size.corpus.files).toBe(2);
  });

  it('builds every synthetic article through newsdesk index', () => {
    expect(size.build.ok).toBe(true);
    if (!size.build.ok) return;
    expect(size.build.articles).toBe(ARTICLES);
    expect(size.build.terms).toBeGreaterThan(0);
    expect(size.build.snapshotBytes).toBeGreaterThan(size.corpus.textBytes / 4);
  });

  it('measures every figure as a finite positive number', () => {
    const rows = growthRows([size]);
    expect(rows.length).toBeGreaterThan(PAGE_KINDS.length * 2);
    for (const [label, value] of rows) {
      const number = Number((value ?? '').replaceAll(',', ''));
      expect(Number.isFinite(number) && number > 0, `${label}: ${value}`).toBe(true);
    }
  });

  it('answers every page of every query kind', () => {
    expect([...(size.serve?.latency.keys() ?? [])]).toEqual(PAGE_KINDS);
    for (const kind of PAGE_KINDS) expect(size.serve?.latency.get(kind)?.failed).toBe(0);
    expect(size.serve?.rebuilt).toBe(false);
  });

  it('adds, changes and removes 1,000 articles incrementally, each change served by the running server', () => {
    expect(size.updates?.map((update) => update.kind)).toEqual(['add', 'change', 'remove']);
    for (const update of size.updates ?? []) {
      expect(update.build.ok && update.build.mode, update.kind).toBe('incremental');
      expect(update.servedMs, update.kind).toBeGreaterThan(0);
    }
    const labels = sizeRows(size).map(([label]) => label);
    expect(labels).toContain('update: change 1,000');
  });

  it('prints a row for every figure and the same report as JSON', () => {
    const labels = sizeRows(size).map(([label]) => label);
    for (const label of ['build (end to end)', 'peak RSS building', 'snapshot']) {
      expect(labels).toContain(label);
    }
    for (const kind of PAGE_KINDS) expect(labels).toContain(`${kind} p50 / p95 / p99`);
    expect(reportText([size])).toContain('20,000 synthetic articles');
    const json = JSON.parse(reportJson([size])) as {
      sizes: { articles: number; serve: { latency: Record<string, unknown> } }[];
    };
    expect(json.sizes[0]?.articles).toBe(ARTICLES);
    expect(Object.keys(json.sizes[0]?.serve.latency ?? {})).toEqual(PAGE_KINDS);
  });
});

describe('bench:scale options', () => {
  it.each([
    ['100000', [100_000]],
    ['100000,300000,1000000', [100_000, 300_000, 1_000_000]],
    ['100k, 1m', [100_000, 1_000_000]],
    ['20_000', [20_000]],
  ])('reads --articles %s', (text, expected) => {
    expect(parseScaleArgs(['--articles', text]).articles).toEqual(expected);
  });

  it.each(['0', '5.5', 'many', '100000,', '99'])('refuses --articles %s', (text) => {
    expect(() => parseScaleArgs(['--articles', text])).toThrow(/--articles takes whole numbers/);
  });

  it('defaults to 100,000 articles, tables, and a corpus that is removed', () => {
    expect(parseScaleArgs([])).toEqual(DEFAULT_SCALE_OPTIONS);
    expect(DEFAULT_SCALE_OPTIONS.articles).toEqual([100_000]);
  });
});
