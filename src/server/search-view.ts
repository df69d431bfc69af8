/**
 * What the search page shows, worked out before the template: facet links
 * that add or remove a filter, sort links, the active filters, pagination and
 * the timeline, each link keeping every other parameter.
 */

import { DEFAULT_SEARCH_OPTIONS } from '../search/options.ts';
import type { RequestFields } from '../search/request.ts';
import type { FacetCount, SearchResponse, SortOrder } from '../types.ts';
import { articleHref, searchHref, toggle } from './links.ts';
import { type Timeline, type TimelineBar, timeline } from './timeline.ts';

export interface FacetLink {
  value: string;
  count: number;
  active: boolean;
  href: string;
}

/** The facets that are lists of values, each a repeatable parameter. */
type ListFacet = 'source' | 'category' | 'person' | 'place' | 'org';
const LIST_FACETS: readonly ListFacet[] = ['source', 'category', 'person', 'place', 'org'];

export interface FacetGroup {
  name: ListFacet | 'year';
  label: string;
  items: FacetLink[];
}

export interface PageLink {
  label: string;
  href: string;
  current: boolean;
}

export interface SearchView {
  fields: RequestFields;
  response: SearchResponse;
  facets: FacetGroup[];
  filters: { label: string; href: string }[];
  sorts: { value: SortOrder; label: string; href: string; current: boolean }[];
  pages: { previous?: string; next?: string; links: PageLink[]; last: number };
  timeline: (Timeline & { bars: (TimelineBar & { href: string; current: boolean })[] }) | undefined;
  suggestionHref?: string;
  /** When the results are the respelled query's: links to it and to the query as typed (`spell=off`). */
  correction?: { from: string; to: string; toHref: string; fromHref: string };
  /** The same query without any filter. */
  unfilteredHref: string;
  articleHref: (id: string) => string;
  /** The same search listing every version of one story (a hit's "N similar versions"). */
  versionsHref: (cluster: number) => string;
  /** When one story's versions are listed: the same search with every story. */
  allStoriesHref?: string;
  hidden: { name: string; value: string }[];
}

const SORT_LABELS: Record<SortOrder, string> = {
  relevance: 'Relevance',
  newest: 'Newest',
  oldest: 'Oldest',
};

/** The search page's model. */
export function searchView(fields: RequestFields, response: SearchResponse): SearchView {
  return {
    fields,
    response,
    facets: facetGroups(fields, response),
    filters: activeFilters(fields),
    sorts: (Object.keys(SORT_LABELS) as SortOrder[]).map((value) => ({
      value,
      label: SORT_LABELS[value],
      href: searchHref(fields, { sort: value }),
      current: response.sort === value,
    })),
    pages: pagination(fields, response),
    timeline: timelineView(fields, response),
    ...(response.suggestion
      ? { suggestionHref: searchHref(fields, { q: response.suggestion.query }) }
      : {}),
    ...(response.corrected ? { correction: correctionView(fields, response.corrected) } : {}),
    unfilteredHref: fields.q ? searchHref({ q: fields.q }) : '/search?q=',
    articleHref: (id) => articleHref(id, response.query.trim() || undefined),
    versionsHref: (cluster) =>
      searchHref(fields, { cluster: String(cluster), collapse: undefined }),
    ...(fields.cluster ? { allStoriesHref: searchHref(fields, { cluster: undefined }) } : {}),
    hidden: hiddenFields(fields),
  };
}

/** "Showing results for `to` — search instead for `from`" (as typed, `spell=off`). */
function correctionView(
  fields: RequestFields,
  corrected: { from: string; to: string },
): SearchView['correction'] {
  return {
    ...corrected,
    toHref: searchHref(fields, { q: corrected.to }),
    fromHref: searchHref(fields, { q: corrected.from, spell: 'off' }),
  };
}

function facetGroups(fields: RequestFields, response: SearchResponse): FacetGroup[] {
  const group = (name: ListFacet, label: string, counts: readonly FacetCount[]): FacetGroup => ({
    name,
    label,
    items: withActive(counts, fields[name]).map(({ value, count }) => ({
      value,
      count,
      active: fields[name]?.includes(value) ?? false,
      href: searchHref(fields, { [name]: toggle(fields[name], value) }),
    })),
  });
  const year = fields.from !== undefined && fields.from === fields.to ? fields.from : undefined;
  return [
    group('source', 'Source', response.facets.source),
    group('category', 'Category', response.facets.category),
    {
      name: 'year',
      label: 'Year',
      items: response.facets.year.map(({ value, count }) => ({
        value,
        count,
        active: value === year,
        href:
          value === year
            ? searchHref(fields, { from: undefined, to: undefined })
            : searchHref(fields, { from: value, to: value }),
      })),
    },
    group('person', 'People', response.facets.person),
    group('place', 'Places', response.facets.place),
    group('org', 'Organisations', response.facets.org),
  ].filter((facet) => facet.items.length > 0) as FacetGroup[];
}

/** Facet counts, plus active values the counts left out (so they can still be removed). */
function withActive(counts: readonly FacetCount[], active: readonly string[] | undefined) {
  const missing = (active ?? []).filter((value) => !counts.some((item) => item.value === value));
  return [...counts, ...missing.map((value) => ({ value, count: 0 }))];
}

function activeFilters(fields: RequestFields): { label: string; href: string }[] {
  const filters: { label: string; href: string }[] = [];
  for (const name of LIST_FACETS) {
    for (const value of fields[name] ?? []) {
      filters.push({
        label: `${name}: ${value}`,
        href: searchHref(fields, { [name]: toggle(fields[name], value) }),
      });
    }
  }
  if (fields.from)
    filters.push({ label: `from ${fields.from}`, href: searchHref(fields, { from: undefined }) });
  if (fields.to)
    filters.push({ label: `to ${fields.to}`, href: searchHref(fields, { to: undefined }) });
  return filters;
}

/** Previous, next and a window of page numbers around the current one, with the first and last. */
function pagination(fields: RequestFields, response: SearchResponse): SearchView['pages'] {
  const listed = response.total + response.partialMatches;
  const reachable = Math.min(listed, DEFAULT_SEARCH_OPTIONS.maxDepth);
  const last = Math.max(1, Math.ceil(reachable / response.size));
  const at = (page: number) => searchHref(fields, { page: String(page) });
  const numbers = new Set([1, last]);
  for (let page = response.page - 2; page <= response.page + 2; page++) {
    if (page >= 1 && page <= last) numbers.add(page);
  }
  const links = [...numbers]
    .sort((a, b) => a - b)
    .map((page) => ({ label: String(page), href: at(page), current: page === response.page }));
  return {
    ...(response.page > 1 ? { previous: at(response.page - 1) } : {}),
    ...(response.page < last ? { next: at(response.page + 1) } : {}),
    links,
    last,
  };
}

function timelineView(fields: RequestFields, response: SearchResponse): SearchView['timeline'] {
  const { buckets } = response.histogram;
  if (buckets.length === 0) return undefined;
  const chart = timeline(buckets);
  return {
    ...chart,
    bars: chart.bars.map((bar) => ({
      ...bar,
      href: searchHref(fields, { from: bar.label, to: bar.label }),
      current: fields.from === bar.label && fields.to === bar.label,
    })),
  };
}

/** The parameters the refine form carries along unchanged. */
function hiddenFields(fields: RequestFields): { name: string; value: string }[] {
  const hidden: { name: string; value: string }[] = [];
  if (fields.q) hidden.push({ name: 'q', value: fields.q });
  if (fields.size) hidden.push({ name: 'size', value: fields.size });
  for (const name of LIST_FACETS) {
    for (const value of fields[name] ?? []) hidden.push({ name, value });
  }
  return hidden;
}
