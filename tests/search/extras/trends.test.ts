/**
 * Trends over the real Reuters corpus (its first three files, about 3,000
 * dated stories) against a brute-force oracle: the reference matcher's
 * matches counted per month of their dates, divided by every dated article
 * of that month. BBC (no dates) checks what happens without dates.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { readCorpus } from '../../../src/corpus/read.ts';
import { buildIndex } from '../../../src/index/build.ts';
import { trends } from '../../../src/search/extras/trends.ts';
import { createSearcher, type Searcher } from '../../../src/search/searcher.ts';
import type { Article } from '../../../src/types.ts';
import { article } from '../../helpers/engine.ts';
import { type ReferenceMatcher, referenceMatcher } from '../../helpers/reference-matcher.ts';
import { CORPORA } from '../../helpers/temp-corpus.ts';

const QUERIES = ['oil', 'gas', 'coffee', '"crude oil"', 'opec -saudi', 'bank OR banks', 'zzyzx'];

let articles: Article[];
let searcher: Searcher;
let oracle: ReferenceMatcher;

beforeAll(async () => {
  const read = await readCorpus(join(CORPORA, 'reuters21578'), {
    exclude: ['*.lc.txt', 'cat-descriptions*', 'reut2-00[3-9]*', 'reut2-01*', 'reut2-02*'],
  });
  articles = read.articles;
  const index = buildIndex(articles, createAnalyzer());
  searcher = createSearcher(index);
  oracle = referenceMatcher(articles, index.analyzer);
}, 120_000);

const month = (date: string | undefined): string | undefined =>
  date === undefined ? undefined : new Date(date).toISOString().slice(0, 7);

/** Articles per month label, counted one by one. */
function perMonth(items: readonly Article[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const label = month(item.date);
    if (label) counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return counts;
}

describe('trends over Reuters', () => {
  it('count, per month, exactly the articles a brute-force matcher finds, divided by the dated articles of the month', () => {
    const found = trends(searcher, { queries: QUERIES, spell: false, interval: 'month' });
    const byId = new Map(articles.map((item) => [item.id, item]));
    const everyMonth = perMonth(articles);
    expect(found.interval).toBe('month');
    expect(found.periods.length).toBeGreaterThan(0);
    for (const period of found.periods) {
      expect(period.articles, period.label).toBe(everyMonth.get(period.label) ?? 0);
    }
    found.series.forEach((series, i) => {
      const matched = oracle.match(QUERIES[i] ?? '').map((id) => byId.get(id));
      const dated = perMonth(matched.filter((item): item is Article => item !== undefined));
      expect(series.total, series.query).toBe(matched.length);
      const counted = [...dated.values()].reduce((a, b) => a + b, 0);
      expect(series.undated, series.query).toBe(matched.length - counted);
      series.points.forEach((point, at) => {
        const expected = dated.get(point.label) ?? 0;
        const of = found.periods[at]?.articles ?? 0;
        expect(point.count, `${series.query} ${point.label}`).toBe(expected);
        expect(point.share).toBe(of > 0 ? expected / of : null);
      });
      // No month with a match is left outside the periods.
      for (const label of dated.keys()) {
        expect(found.periods.map((period) => period.label)).toContain(label);
      }
    });
    expect(found.series.at(-1)?.points.every((point) => point.count === 0)).toBe(true);
  });

  it("count what the search page's timeline counts for the same query, with spelling help", () => {
    for (const query of ['oil', 'coffee', 'tanker']) {
      const series = trends(searcher, { queries: [query] }).series[0];
      const response = searcher.search({ query, collapse: false });
      const bars = response.histogram.buckets.filter((bucket) => bucket.count > 0);
      expect(
        series?.points.filter((point) => point.count > 0).map((p) => [p.label, p.count]),
      ).toEqual(bars.map((bar) => [bar.label, bar.count]));
      expect(series?.total).toBe(response.total);
    }
  });

  it('sum months into years when asked, and apply the filters to both counts', () => {
    const byMonth = trends(searcher, { queries: ['oil'], categories: ['crude'] });
    const byYear = trends(searcher, { queries: ['oil'], categories: ['crude'], interval: 'year' });
    expect(byYear.periods.map((period) => period.label)).toEqual(['1987']);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    expect(byYear.series[0]?.points[0]?.count).toBe(
      sum(byMonth.series[0]?.points.map((point) => point.count) ?? []),
    );
    const crude = articles.filter((item) => item.category?.includes('crude') && item.date);
    expect(byYear.periods[0]?.articles).toBe(crude.length);
  });
});

describe('trends without dates', () => {
  it('draw no period when no matching article has a date, and count the undated', () => {
    const undated = [
      article('a/1', 'Oil news', 'Oil rose.'),
      article('a/2', 'Gas news', 'Gas fell.'),
      article('a/3', 'Oil again', 'Oil and gas.', { date: '2004-01-05' }),
    ];
    const own = createSearcher(buildIndex(undated, createAnalyzer()));
    const found = trends(own, { queries: ['fell'] });
    expect(found.periods).toEqual([]);
    expect(found.series[0]).toMatchObject({ total: 1, undated: 1, points: [] });
    expect(found.undated).toBe(2);
    expect(trends(own, { queries: ['oil'] }).periods).toEqual([
      { label: '2004-01', from: Date.UTC(2004, 0, 1), to: Date.UTC(2004, 1, 1), articles: 1 },
    ]);
  });

  it('pick years by itself when the matches span more than three years', () => {
    const spread = [1999, 2001, 2003, 2005].map((year, i) =>
      article(`s/${i}`, 'Storm warning', 'A storm came.', { date: `${year}-06-01` }),
    );
    const found = trends(createSearcher(buildIndex(spread, createAnalyzer())), {
      queries: ['storm'],
    });
    expect(found.interval).toBe('year');
    expect(found.periods.map((period) => period.label)).toEqual([
      '1999',
      '2000',
      '2001',
      '2002',
      '2003',
      '2004',
      '2005',
    ]);
    expect(found.series[0]?.points.map((point) => point.share)).toEqual([
      1,
      null,
      1,
      null,
      1,
      null,
      1,
    ]);
  });
});
