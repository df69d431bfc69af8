/**
 * Facet counts (source, category, year, and the people, places and
 * organisations articles name) and the timeline histogram over the
 * whole result set, in one pass over the matches. With collapsing, they
 * count stories: the versions of one story count once per value, so a count
 * is what the results say after clicking it.
 */
import { allDocIds } from '../../index/codec/doc-ids.ts';
import { type Clusters, NO_CLUSTER } from '../../index/near-duplicates.ts';
import { type Column, type DocumentStore, NO_MONTH } from '../../index/store.ts';
import type { FacetCount, Facets, HistogramBucket } from '../../types.ts';

/** Most values listed per facet. */
export const FACET_LIMIT = 20;
/** Spans longer than this many months are binned by year. */
export const MAX_MONTH_BUCKETS = 36;

export type { Facets };

/** The entity facets and the store columns they count. */
const ENTITY_COLUMNS = [
  ['person', 'people'],
  ['place', 'places'],
  ['org', 'orgs'],
] as const;

type EntityColumn = (typeof ENTITY_COLUMNS)[number][1];

/** One count array per entity column, sized to its values. */
function entityCounts(store: DocumentStore): Record<EntityColumn, Uint32Array> {
  return {
    people: new Uint32Array(store.people.values.length),
    places: new Uint32Array(store.places.values.length),
    orgs: new Uint32Array(store.orgs.values.length),
  };
}

/** The entity facets of per-column counts. */
function entityFacets(
  store: DocumentStore,
  counts: Record<EntityColumn, Uint32Array>,
): Pick<Facets, 'person' | 'place' | 'org'> {
  return {
    person: top(store.people.values, counts.people),
    place: top(store.places.values, counts.places),
    org: top(store.orgs.values, counts.orgs),
  };
}

/** Matches per month or year, empty bars kept. */
export interface Timeline {
  unit: 'month' | 'year';
  buckets: HistogramBucket[];
}

/**
 * The facets and the timeline of `docs` together: for articles, one pass
 * over them counting into typed arrays (no per-document objects); for
 * stories (`stories` gives the clusters), each counted once per value.
 * @example facetsAndTimeline(index.store, docs).histogram.buckets[0] // { label: '1987-02', count: 3, … }
 */
export function facetsAndTimeline(
  store: DocumentStore,
  docs: Uint32Array,
  stories?: Clusters,
): { facets: Facets; histogram: Timeline } {
  if (stories) {
    return {
      facets: countFacets(store, docs, stories),
      histogram: histogram(store, docs, stories),
    };
  }
  const tally = tallyArticles(store, docs);
  return { facets: facetsOfTally(store, tally), histogram: timelineOfTally(tally) };
}

/**
 * Facets and timelines over one store that keeps the counts of every article
 * (made on first use), so that a result set holding most articles — a very
 * common word — is counted from the few it leaves out and subtracted.
 * @example new FacetCounter(index.store).count(docs).facets.source[0] // { value: 'Reuters', count: 812 }
 */
export class FacetCounter {
  private everything: ArticleTally | undefined;

  constructor(private readonly store: DocumentStore) {}

  /** What `facetsAndTimeline(store, docs, stories)` gives. */
  count(docs: Uint32Array, stories?: Clusters): { facets: Facets; histogram: Timeline } {
    // Stories of one article each count as articles: only clusters need the slow way.
    if (stories && anyClustered(docs, stories)) return facetsAndTimeline(this.store, docs, stories);
    if (docs.length * 2 <= this.store.count) return facetsAndTimeline(this.store, docs);
    this.everything ??= tallyArticles(this.store, allDocIds(this.store.count));
    const tally = subtract(
      this.everything,
      tallyArticles(this.store, complement(docs, this.store.count)),
    );
    return { facets: facetsOfTally(this.store, tally), histogram: timelineOfTally(tally) };
  }
}

/** Whether any of `docs` has near-duplicates. */
function anyClustered(docs: Uint32Array, clusters: Clusters): boolean {
  for (let i = 0; i < docs.length; i++) {
    if (clusters.of[docs[i] ?? 0] !== NO_CLUSTER) return true;
  }
  return false;
}

/** The documents below `count` that ascending `docs` leaves out. */
function complement(docs: Uint32Array, count: number): Uint32Array {
  const out = new Uint32Array(count - docs.length);
  let n = 0;
  let next = 0;
  for (let i = 0; i <= docs.length; i++) {
    const until = i < docs.length ? (docs[i] ?? 0) : count;
    for (let doc = next; doc < until && n < out.length; doc++) out[n++] = doc;
    next = until + 1;
  }
  return out.subarray(0, n);
}

/** `all` less `part` (a tally of some of the same articles), months trimmed to those left. */
function subtract(all: ArticleTally, part: ArticleTally): ArticleTally {
  const sources = all.sources.map((count, id) => count - (part.sources[id] ?? 0));
  const categories = all.categories.map((count, id) => count - (part.categories[id] ?? 0));
  const less = (column: EntityColumn) =>
    all[column].map((count, id) => count - (part[column][id] ?? 0));
  const months = all.months.slice();
  part.months.forEach((count, at) => {
    const to = part.first - all.first + at;
    months[to] = (months[to] ?? 0) - count;
  });
  let from = 0;
  while (from < months.length && months[from] === 0) from++;
  let to = months.length;
  while (to > from && months[to - 1] === 0) to--;
  return {
    sources,
    categories,
    people: less('people'),
    places: less('places'),
    orgs: less('orgs'),
    first: all.first + from,
    months: months.subarray(from, to),
  };
}

/** Articles per source, category and entity id, and per month from `first` (`NO_MONTH` left out). */
export interface ArticleTally extends Record<EntityColumn, Uint32Array> {
  sources: Uint32Array;
  categories: Uint32Array;
  first: number;
  months: Uint32Array;
}

export function tallyArticles(store: DocumentStore, docs: Uint32Array): ArticleTally {
  const months = store.months();
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < docs.length; i++) {
    const month = months[docs[i] ?? 0] ?? NO_MONTH;
    if (month === NO_MONTH) continue;
    if (month < first) first = month;
    if (month > last) last = month;
  }
  const perMonth = new Uint32Array(first <= last ? last - first + 1 : 0);
  const sources = new Uint32Array(store.sources.values.length);
  const categories = new Uint32Array(store.categories.values.length);
  const entities = entityCounts(store);
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] ?? 0;
    countValues(store.sources, doc, sources);
    countValues(store.categories, doc, categories);
    for (const [, column] of ENTITY_COLUMNS) countValues(store[column], doc, entities[column]);
    const month = months[doc] ?? NO_MONTH;
    if (month !== NO_MONTH) perMonth[month - first] = (perMonth[month - first] ?? 0) + 1;
  }
  return { sources, categories, ...entities, first, months: perMonth };
}

function countValues(column: Column, doc: number, counts: Uint32Array): void {
  const { offsets, ids } = column;
  const to = offsets[doc + 1] ?? 0;
  for (let at = offsets[doc] ?? to; at < to; at++) {
    const id = ids[at] ?? 0;
    counts[id] = (counts[id] ?? 0) + 1;
  }
}

function facetsOfTally(store: DocumentStore, tally: ArticleTally): Facets {
  const years = new Map<number, number>();
  tally.months.forEach((count, at) => {
    if (count === 0) return;
    const year = Math.floor((tally.first + at) / 12);
    years.set(year, (years.get(year) ?? 0) + count);
  });
  return {
    source: top(store.sources.values, tally.sources),
    category: top(store.categories.values, tally.categories),
    year: [...years]
      .sort(([a], [b]) => b - a)
      .map(([year, count]) => ({ value: String(year), count })),
    ...entityFacets(store, tally),
  };
}

function timelineOfTally({ first, months }: ArticleTally): Timeline {
  if (months.length === 0) return { unit: 'month', buckets: [] };
  const last = first + months.length - 1;
  const unit = last - first + 1 > MAX_MONTH_BUCKETS ? 'year' : 'month';
  const start = new Date(Date.UTC(Math.floor(first / 12), first % 12, 1));
  const buckets = makeBuckets(start, new Date(Date.UTC(Math.floor(last / 12), last % 12, 1)), unit);
  const firstYear = Math.floor(first / 12);
  months.forEach((count, offset) => {
    if (count === 0) return;
    const month = first + offset;
    const bucket = buckets[unit === 'year' ? Math.floor(month / 12) - firstYear : offset];
    if (bucket) bucket.count += count;
  });
  return { unit, buckets };
}

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
  if (!stories) return facetsOfTally(store, tallyArticles(store, docs));
  const sources = new Uint32Array(store.sources.values.length);
  const categories = new Uint32Array(store.categories.values.length);
  const years = new Map<number, number>();
  const months = store.months();
  const entities = entityCounts(store);
  const once = {
    sources: new OncePerStory(stories, sources.length),
    categories: new OncePerStory(stories, categories.length),
    years: new OncePerStory(stories, 10_000),
    people: new OncePerStory(stories, entities.people.length),
    places: new OncePerStory(stories, entities.places.length),
    orgs: new OncePerStory(stories, entities.orgs.length),
  };
  for (const doc of docs) {
    tally(store.sources, doc, sources, once.sources);
    tally(store.categories, doc, categories, once.categories);
    for (const [, column] of ENTITY_COLUMNS) {
      tally(store[column], doc, entities[column], once[column]);
    }
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
    ...entityFacets(store, entities),
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
export function histogram(store: DocumentStore, docs: Uint32Array, stories?: Clusters): Timeline {
  if (!stories) return timelineOfTally(tallyArticles(store, docs));
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

export function makeBuckets(start: Date, end: Date, unit: 'month' | 'year'): HistogramBucket[] {
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
