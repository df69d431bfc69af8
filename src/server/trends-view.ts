/**
 * What the trends page shows, worked out before the template: the chart as
 * SVG, the table of counts and shares, each point's link to the search page
 * for its period (`collapse=off`, so the page lists the articles counted),
 * the form's five query boxes and the notes on how the shares are made.
 */
import type { Trends } from '../search/extras/trends.ts';
import { MAX_TREND_QUERIES } from '../search/extras/trends.ts';
import type { RequestFields } from '../search/request.ts';
import { searchHref } from './links.ts';
import { lineChartSvg, percent } from './trends-chart.ts';

export interface TrendCell {
  count: number;
  /** `2.1%`, or `–` when the period has no dated article. */
  share: string;
  /** The search for the period; none when the period has no dated article. */
  href: string | undefined;
}

export interface TrendsView {
  queries: string[];
  /** The form's boxes: the queries, then empty ones up to five. */
  boxes: string[];
  interval: 'auto' | 'month' | 'year';
  /** The filters the form carries along. */
  hidden: { name: string; value: string }[];
  /** Whether a filter (not only `spell`) narrows the articles counted. */
  filtered: boolean;
  trends: Trends | undefined;
  /** The chart, when some matching article has a date. */
  svg: string | undefined;
  table: { label: string; articles: number; cells: TrendCell[] }[];
  /** Each query with its totals and its search link. */
  legend: { query: string; total: number; undated: number; href: string; colour: number }[];
  jsonHref: string;
  exampleHref: string | undefined;
}

/** The page's model for `trends` of `queries` (undefined when none was asked). */
export function trendsView(
  filters: RequestFields,
  queries: readonly string[],
  interval: 'month' | 'year' | undefined,
  trends: Trends | undefined,
  example: string,
): TrendsView {
  const periodHref = (query: string, label: string) =>
    searchHref(filters, { q: query, from: label, to: label, collapse: 'off' });
  const table = (trends?.periods ?? []).map((period, i) => ({
    label: period.label,
    articles: period.articles,
    cells: (trends?.series ?? []).map((series) => {
      const point = series.points[i];
      return {
        count: point?.count ?? 0,
        share: point?.share == null ? '–' : percent(point.share, 0.0001),
        href: point?.share == null ? undefined : periodHref(series.query, period.label),
      };
    }),
  }));
  return {
    queries: [...queries],
    boxes: Array.from({ length: MAX_TREND_QUERIES }, (_, i) => queries[i] ?? ''),
    interval: interval ?? 'auto',
    hidden: hiddenFilters(filters),
    filtered: hiddenFilters(filters).some(({ name }) => name !== 'spell'),
    trends,
    svg: trends && trends.periods.length > 0 ? chartOf(trends, periodHref, filters) : undefined,
    table,
    legend: (trends?.series ?? []).map((series, colour) => ({
      query: series.query,
      total: series.total,
      undated: series.undated,
      href: searchHref(filters, { q: series.query, collapse: 'off' }),
      colour,
    })),
    jsonHref: trendsHref('/api/trends', filters, queries, interval),
    exampleHref: example ? trendsHref('/trends', {}, [example], undefined) : undefined,
  };
}

function chartOf(
  trends: Trends,
  periodHref: (query: string, label: string) => string,
  filters: RequestFields,
): string {
  return lineChartSvg({
    title: `Share of articles per ${trends.interval} matching ${trends.series.map((s) => s.query).join(', ')}`,
    labels: trends.periods.map((period) => period.label),
    series: trends.series.map((series) => ({
      name: series.query,
      href: searchHref(filters, { q: series.query, collapse: 'off' }),
      points: series.points.map((point, i) => {
        const period = trends.periods[i];
        const articles = period?.articles ?? 0;
        const share = point.share === null ? 'no dated articles' : percent(point.share, 0.0001);
        return {
          value: point.share,
          href: periodHref(series.query, point.label),
          title: `${series.query}, ${point.label}: ${share} (${point.count.toLocaleString('en-US')} of ${articles.toLocaleString('en-US')} articles)`,
        };
      }),
    })),
  });
}

/** `/trends?q=…&q=…` (or `/api/trends`) with `filters` and `interval`. */
export function trendsHref(
  path: '/trends' | '/api/trends',
  filters: RequestFields,
  queries: readonly string[],
  interval: 'month' | 'year' | undefined,
): string {
  const params = new URLSearchParams();
  for (const query of queries) params.append('q', query);
  for (const { name, value } of hiddenFilters(filters)) params.append(name, value);
  if (interval) params.append('interval', interval);
  return `${path}?${params.toString()}`;
}

/** The filters as name/value pairs, in the search page's order (via its links). */
function hiddenFilters(filters: RequestFields): { name: string; value: string }[] {
  const href = searchHref({
    ...filters,
    q: undefined,
    collapse: undefined,
    sort: undefined,
    size: undefined,
    cluster: undefined,
  });
  return [...new URLSearchParams(href.slice('/search?'.length))].map(([name, value]) => ({
    name,
    value,
  }));
}
