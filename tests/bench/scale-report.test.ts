/** The scale benchmark's tables: a failed build is a figure, and growth is last ÷ first. */
import { describe, expect, it } from 'vitest';
import { PAGE_KINDS } from '../../src/bench/scale/pages.ts';
import {
  figure,
  growthRows,
  reportText,
  type SizeReport,
  sizeRows,
} from '../../src/bench/scale/report.ts';

const MB = 1024 * 1024;

function measured(articles: number): SizeReport {
  const latency = new Map(PAGE_KINDS.map((kind) => [kind, { p50: 2, p95: 5, p99: 9, failed: 0 }]));
  return {
    articles,
    corpus: { files: 1, textBytes: articles * 2300, gzipBytes: articles * 900, generateMs: 500 },
    build: {
      ok: true,
      ms: articles / 2,
      peakRss: articles * 20_000,
      snapshotBytes: articles * 9000,
      articles,
      terms: 1000,
      mode: 'full',
    },
    load: { ms: 100, rss: 200 * MB },
    serve: { readyMs: 2000, rssReady: 500 * MB, rssAfter: 600 * MB, rebuilt: false, latency },
  };
}

const failed: SizeReport = {
  articles: 300_000,
  corpus: { files: 30, textBytes: 690_000_000, gzipBytes: 270_000_000, generateMs: 30_000 },
  build: {
    ok: false,
    ms: 160_000,
    peakRss: 7000 * MB,
    message: 'cannot write snapshot x (exit 4)',
  },
};

describe('the scale report', () => {
  it('prints a failed build as "fails: <message>" with its time and peak RSS', () => {
    const rows = new Map(sizeRows(failed).map(([label, value]) => [label, value]));
    expect(rows.get('build')).toBe('fails: cannot write snapshot x (exit 4)');
    expect(rows.get('build time at failure')).toBe('160 s');
    expect(rows.get('peak RSS at failure')).toBe('7,000 MB');
    expect(rows.has('snapshot')).toBe(false);
  });

  it('says "fails" in the growth table where a size could not be built, and grows last over first', () => {
    const rows = new Map(
      growthRows([measured(100_000), failed, measured(1_000_000)]).map((row) => [row[0], row]),
    );
    expect(rows.get('snapshot (MB)')?.[2]).toBe('fails');
    expect(rows.get('build (s)')?.slice(1)).toEqual(['50.0', 'fails', '500', '× 10.00']);
    expect(rows.get('peak RSS building (MB)')?.[2]).toBe('7,000');
    expect(rows.get('one word p50 (ms)')?.[4]).toBe('× 1.00');
  });

  it('adds the growth table only for several sizes', () => {
    expect(reportText([measured(100_000)])).not.toContain('Growth');
    expect(reportText([measured(100_000), measured(300_000)])).toContain(
      'Growth, 100,000 → 300,000 articles (× 3.0)',
    );
  });

  it.each([
    [undefined, '—'],
    [Number.NaN, '—'],
    [0.5, '0.500'],
    [12.345, '12.3'],
    [2_674_633_448, '2,674,633,448'],
  ])('writes %s as %s', (value, text) => {
    expect(figure(value)).toBe(text);
  });
});
