/**
 * Trends: for a few queries, the share of articles each matches per month or
 * year, normalised by the dated articles of that period within the same
 * filters. The months are counted by the timeline's tally (`facets.ts`), so a
 * trend's counts are the search page's timeline bars for the same query.
 */
import type { SearchRequest } from '../../types.ts';
import { fullMatchDocs } from '../matching/candidates.ts';
import { matchRequest } from '../search.ts';
import type { Searcher } from '../searcher.ts';
import { type ArticleTally, MAX_MONTH_BUCKETS, makeBuckets, tallyArticles } from './facets.ts';

/** How a trend's periods are cut. */
export type TrendInterval = 'month' | 'year';

/** Most queries one trend compares. */
export const MAX_TREND_QUERIES = 5;

/**
 * A trend request: the queries, and the filters every one of them (and the
 * articles they are divided by) is counted within.
 */
export type TrendsRequest = Omit<
  SearchRequest,
  'query' | 'page' | 'size' | 'sort' | 'collapse' | 'cluster'
> & {
  /** One to `MAX_TREND_QUERIES` queries in the query language. @example ['oil', 'gas'] */
  queries: readonly string[];
  /**
   * Months or years; by default months unless the matches span more than
   * three years (as the search page's timeline). @example 'year'
   */
  interval?: TrendInterval;
};

/** One period of the chart and the dated articles in it (within the filters). */
export interface TrendPeriod {
  /** `1987-03` (month) or `1987` (year). */
  label: string;
  /** Start (inclusive) and end (exclusive) in epoch milliseconds. */
  from: number;
  to: number;
  articles: number;
}

export interface TrendPoint {
  label: string;
  /** Matching articles in the period. */
  count: number;
  /** `count` over the period's dated articles; null when the period has none. */
  share: number | null;
}

export interface TrendSeries {
  query: string;
  /** Every article the query matches (full matches, within the filters), dated or not. */
  total: number;
  /** Of those, the undated ones, which no period counts. */
  undated: number;
  /** One point per period, in order. */
  points: TrendPoint[];
}

export interface Trends {
  interval: TrendInterval;
  /** From the first to the last period with a match of any query; empty when none has a date. */
  periods: TrendPeriod[];
  series: TrendSeries[];
  /** Articles within the filters that have no date (never in a period). */
  undated: number;
  /** What was cut, ignored or repaired in the queries, each prefixed with its query. */
  notices: string[];
}

/**
 * The trends of `request.queries` over the index, counting full matches as
 * articles (never collapsed into stories).
 * @example trends(searcher, { queries: ['oil', 'gas'] }).series[0].points[0] // { label: '1987-02', count: 31, share: 0.021 }
 */
export function trends(searcher: Searcher, request: TrendsRequest): Trends {
  const { queries, interval: asked, ...filters } = request;
  const { store } = searcher.index;
  const notices: string[] = [];
  const all = matchingDocs(searcher, { ...filters, query: '' }, []);
  const everything = tallyArticles(store, all);
  const tallies = queries.map((query) => {
    const own: string[] = [];
    const docs = matchingDocs(searcher, { ...filters, query }, own);
    notices.push(...own.map((notice) => `${query}: ${notice}`));
    return { query, total: docs.length, tally: tallyArticles(store, docs) };
  });
  const span = monthSpan(tallies.map((item) => item.tally));
  const interval = asked ?? autoInterval(span);
  const buckets = span ? makeBuckets(monthStart(span.first), monthStart(span.last), interval) : [];
  const articles = countPerBucket(everything, buckets, interval);
  return {
    interval,
    periods: buckets.map(({ label, from, to }, i) => ({
      label,
      from,
      to,
      articles: articles[i] ?? 0,
    })),
    series: tallies.map(({ query, total, tally }) => {
      const counts = countPerBucket(tally, buckets, interval);
      return {
        query,
        total,
        undated: total - sum(tally.months),
        points: buckets.map(({ label }, i) => {
          const count = counts[i] ?? 0;
          const of = articles[i] ?? 0;
          return { label, count, share: of > 0 ? count / of : null };
        }),
      };
    }),
    undated: all.length - sum(everything.months),
    notices,
  };
}

/** The full matches of `request` (a search's, before ranking), its notices added to `notices`. */
function matchingDocs(searcher: Searcher, request: SearchRequest, notices: string[]): Uint32Array {
  const { found } = matchRequest(searcher, { ...request, collapse: false }, 0, notices);
  return fullMatchDocs(found);
}

/** The first and last month any tally counts, or undefined when none counts one. */
function monthSpan(tallies: readonly ArticleTally[]): { first: number; last: number } | undefined {
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const tally of tallies) {
    if (tally.months.length === 0) continue;
    first = Math.min(first, tally.first);
    last = Math.max(last, tally.first + tally.months.length - 1);
  }
  return first <= last ? { first, last } : undefined;
}

/** Months unless the span is longer than the timeline shows by month. */
function autoInterval(span: { first: number; last: number } | undefined): TrendInterval {
  return span && span.last - span.first + 1 > MAX_MONTH_BUCKETS ? 'year' : 'month';
}

/** The UTC start of month `year * 12 + month`. */
function monthStart(month: number): Date {
  return new Date(Date.UTC(Math.floor(month / 12), month % 12, 1));
}

/** `tally`'s months summed into `buckets` (consecutive months or years from the first). */
function countPerBucket(
  tally: ArticleTally,
  buckets: readonly { from: number }[],
  interval: TrendInterval,
): Uint32Array {
  const counts = new Uint32Array(buckets.length);
  const start = buckets[0];
  if (!start) return counts;
  const startDate = new Date(start.from);
  const firstMonth = startDate.getUTCFullYear() * 12 + startDate.getUTCMonth();
  tally.months.forEach((count, offset) => {
    if (count === 0) return;
    const month = tally.first + offset;
    const at =
      interval === 'year'
        ? Math.floor(month / 12) - Math.floor(firstMonth / 12)
        : month - firstMonth;
    if (at >= 0 && at < counts.length) counts[at] = (counts[at] ?? 0) + count;
  });
  return counts;
}

function sum(counts: Uint32Array): number {
  let total = 0;
  for (const count of counts) total += count;
  return total;
}
