/**
 * TEST ORACLE: src/search/extras/facets.ts as it was before the one-pass
 * counting of issue 13, kept verbatim as the obviously correct slow path.
 */
/**
 * Facet counts (source, category, year) and the timeline histogram over the
 * whole result set, in one pass over the candidates. With collapsing, they
 * count stories: the versions of one story count once per value, so a count
 * is what the results say after clicking it.
 */
import { type Clusters, NO_CLUSTER } from '../../src/index/near-duplicates.ts';
import { type Column, type DocumentStore, NO_MONTH } from '../../src/index/store.ts';
import type { FacetCount, Facets, HistogramBucket } from '../../src/types.ts';

/** Most values listed per facet. */
export const FACET_LIMIT = 20;
/** Spans longer than this many months are binned by year. */
const MAX_MONTH_BUCKETS = 36;

export type { Facets };

/**
 * Counts a document for a value unless another version of its story already
 * counted for that value; without clusters every document counts.
 */
class OncePerStory {
  private readonly seen = new Set<number>();

  constructor(
    private readonly clusters: Clusters | undefined,
    /** Distinct values: keys are cluster × values + value. */
    private readonly values: number,
  ) {}

  counts(doc: number, value: number): boolean {
    const cluster = this.clusters?.of[doc] ?? NO_CLUSTER;
    if (cluster === NO_CLUSTER) return true;
    const key = cluster * this.values + value;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }
}

/** Facet counts over `docs`: articles, or stories when `stories` gives the clusters. */
export function countFacets(store: DocumentStore, docs: Uint32Array, stories?: Clusters): Facets {
  const sources = new Uint32Array(store.sources.values.length);
  const categories = new Uint32Array(store.categories.values.length);
  const people = new Uint32Array(store.people.values.length);
  const places = new Uint32Array(store.places.values.length);
  const orgs = new Uint32Array(store.orgs.values.length);
  const years = new Map<number, number>();
  const months = store.months();
  const once = {
    sources: new OncePerStory(stories, sources.length),
    categories: new OncePerStory(stories, categories.length),
    years: new OncePerStory(stories, 10_000),
    people: new OncePerStory(stories, people.length),
    places: new OncePerStory(stories, places.length),
    orgs: new OncePerStory(stories, orgs.length),
  };
  for (const doc of docs) {
    tally(store.sources, doc, sources, once.sources);
    tally(store.categories, doc, categories, once.categories);
    tally(store.people, doc, people, once.people);
    tally(store.places, doc, places, once.places);
    tally(store.orgs, doc, orgs, once.orgs);
    const month = months[doc] ?? NO_MONTH;
    const year = Math.floor(month / 12);
    if (month !== NO_MONTH && once.years.counts(doc, year)) {
      years.set(year, (years.get(year) ?? 0) + 1);
    }
  }
  return {
    source: top(store.sources.values, sources),
    category: top(store.categories.values, categories),
    year: [...years]
      .sort(([a], [b]) => b - a)
      .map(([year, count]) => ({ value: String(year), count })),
    person: top(store.people.values, people),
    place: top(store.places.values, places),
    org: top(store.orgs.values, orgs),
  };
}

function tally(column: Column, doc: number, counts: Uint32Array, once: OncePerStory): void {
  const to = column.offsets[doc + 1] ?? 0;
  for (let at = column.offsets[doc] ?? to; at < to; at++) {
    const id = column.ids[at] ?? 0;
    if (once.counts(doc, id)) counts[id] = (counts[id] ?? 0) + 1;
  }
}

function top(values: readonly string[], counts: Uint32Array): FacetCount[] {
  const out: FacetCount[] = [];
  counts.forEach((count, id) => {
    if (count > 0) out.push({ value: values[id] ?? '', count });
  });
  out.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  return out.slice(0, FACET_LIMIT);
}

/**
 * Matches per month, or per year when the dates span more than three years;
 * empty bars kept. Stories rather than articles when `stories` gives the clusters.
 */
export function histogram(
  store: DocumentStore,
  docs: Uint32Array,
  stories?: Clusters,
): { unit: 'month' | 'year'; buckets: HistogramBucket[] } {
  const months = store.months();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const doc of docs) {
    const month = months[doc] ?? NO_MONTH;
    if (month === NO_MONTH) continue;
    if (month < first) first = month;
    if (month > last) last = month;
  }
  if (first > last) return { unit: 'month', buckets: [] };
  const unit = last - first + 1 > MAX_MONTH_BUCKETS ? 'year' : 'month';
  const start = new Date(Date.UTC(Math.floor(first / 12), first % 12, 1));
  const buckets = makeBuckets(start, new Date(Date.UTC(Math.floor(last / 12), last % 12, 1)), unit);
  const firstYear = Math.floor(first / 12);
  const once = new OncePerStory(stories, buckets.length);
  for (const doc of docs) {
    const month = months[doc] ?? NO_MONTH;
    if (month === NO_MONTH) continue;
    const at = unit === 'year' ? Math.floor(month / 12) - firstYear : month - first;
    const bucket = buckets[at];
    if (bucket && once.counts(doc, at)) bucket.count++;
  }
  return { unit, buckets };
}

function makeBuckets(start: Date, end: Date, unit: 'month' | 'year'): HistogramBucket[] {
  const buckets: HistogramBucket[] = [];
  let year = start.getUTCFullYear();
  let month = unit === 'year' ? 0 : start.getUTCMonth();
  const stop =
    unit === 'year' ? end.getUTCFullYear() * 12 : end.getUTCFullYear() * 12 + end.getUTCMonth();
  while (year * 12 + month <= stop) {
    const from = Date.UTC(year, month, 1);
    const nextYear = unit === 'year' ? year + 1 : year + Math.floor((month + 1) / 12);
    const nextMonth = unit === 'year' ? 0 : (month + 1) % 12;
    const label = unit === 'year' ? String(year) : `${year}-${String(month + 1).padStart(2, '0')}`;
    buckets.push({ label, from, to: Date.UTC(nextYear, nextMonth, 1), count: 0 });
    year = nextYear;
    month = nextMonth;
  }
  return buckets;
}
