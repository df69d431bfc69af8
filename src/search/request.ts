/**
 * A search request from loosely typed fields (command-line options, URL
 * parameters), checked in one place so the terminal and the server refuse the
 * same values with the same words. The caller decides how a refusal is thrown.
 */
import { parseDateLimit } from '../query/date-limit.ts';
import type { SearchRequest, SortOrder } from '../types.ts';
import { DEFAULT_SEARCH_OPTIONS } from './options.ts';
import { SORT_ORDERS } from './ranking/rank.ts';

/** The request as text, before checking. */
export interface RequestFields {
  q?: string | undefined;
  page?: string | undefined;
  size?: string | undefined;
  sort?: string | undefined;
  source?: readonly string[] | undefined;
  category?: readonly string[] | undefined;
  /** People the article names (any of them), as `person=`. */
  person?: readonly string[] | undefined;
  /** Places the article names (any of them), as `place=`. */
  place?: readonly string[] | undefined;
  /** Organisations the article names (any of them), as `org=`. */
  org?: readonly string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** `on` (default) or `off`: keep the words exactly as typed. */
  spell?: string | undefined;
  /** `on` (default) or `off`: one result per story, or every version. */
  collapse?: string | undefined;
  /** A near-duplicate cluster id: only that story's versions. */
  cluster?: string | undefined;
}

export type RequestParameter = keyof RequestFields;

/** Builds the error for a bad value; `message` starts with "must". */
export type InvalidValue = (parameter: RequestParameter, message: string) => Error;

/** Limits on a request (defaults: the search engine's). */
export interface RequestLimits {
  /** @example 100 */
  maxPageSize: number;
  /** @example 10000 */
  maxDepth: number;
  /** @example 10 */
  defaultPageSize: number;
}

/** Check `fields` and build the request; throws `invalid(...)` for the first bad one. */
export function toSearchRequest(
  fields: RequestFields,
  invalid: InvalidValue,
  limits: RequestLimits = DEFAULT_SEARCH_OPTIONS,
): SearchRequest {
  const size = whole(fields, 'size', limits.defaultPageSize, limits.maxPageSize, invalid);
  const page = whole(fields, 'page', 1, Math.max(1, Math.floor(limits.maxDepth / size)), invalid);
  const from = dateLimit(fields, 'from', 'start', invalid);
  const to = dateLimit(fields, 'to', 'end', invalid);
  return {
    query: fields.q ?? '',
    page,
    size,
    sort: sortOrder(fields.sort, invalid),
    ...(fields.source?.length ? { sources: fields.source } : {}),
    ...(fields.category?.length ? { categories: fields.category } : {}),
    ...(fields.person?.length ? { people: fields.person } : {}),
    ...(fields.place?.length ? { places: fields.place } : {}),
    ...(fields.org?.length ? { orgs: fields.org } : {}),
    dates: { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) },
    ...(spelling(fields.spell, invalid) ? {} : { spell: false }),
    ...versions(fields, invalid),
  };
}

/** `collapse` (on unless `off`) and `cluster` (a whole number, which lists every version). */
function versions(
  fields: RequestFields,
  invalid: InvalidValue,
): Pick<SearchRequest, 'collapse' | 'cluster'> {
  const { collapse, cluster } = fields;
  if (collapse !== undefined && collapse !== '' && collapse !== 'on' && collapse !== 'off') {
    throw invalid('collapse', `must be on or off, not "${clip(collapse)}"`);
  }
  if (cluster === undefined || cluster === '') return { collapse: collapse !== 'off' };
  if (!/^\d{1,9}$/.test(cluster.trim())) {
    throw invalid('cluster', `must be a cluster id (a whole number), not "${clip(cluster)}"`);
  }
  return { collapse: false, cluster: Number(cluster) };
}

/** `spell`: true unless `off`. */
function spelling(value: string | undefined, invalid: InvalidValue): boolean {
  if (value === undefined || value === '' || value === 'on') return true;
  if (value === 'off') return false;
  throw invalid('spell', `must be on or off, not "${clip(value)}"`);
}

function whole(
  fields: RequestFields,
  name: 'page' | 'size',
  fallback: number,
  max: number,
  invalid: InvalidValue,
): number {
  const value = fields[name];
  if (value === undefined || value === '') return fallback;
  const number = /^\d{1,9}$/.test(value.trim()) ? Number(value) : Number.NaN;
  if (!(number >= 1 && number <= max)) {
    throw invalid(name, `must be a whole number from 1 to ${max}, not "${clip(value)}"`);
  }
  return number;
}

function sortOrder(value: string | undefined, invalid: InvalidValue): SortOrder {
  if (value === undefined || value === '') return 'relevance';
  if (SORT_ORDERS.includes(value as SortOrder)) return value as SortOrder;
  throw invalid('sort', `must be one of ${SORT_ORDERS.join(', ')}, not "${clip(value)}"`);
}

function dateLimit(
  fields: RequestFields,
  name: 'from' | 'to',
  edge: 'start' | 'end',
  invalid: InvalidValue,
): number | undefined {
  const value = fields[name];
  if (value === undefined || value === '') return undefined;
  const period = parseDateLimit(value.trim());
  if (!period) {
    throw invalid(name, `must be a date as YYYY, YYYY-MM or YYYY-MM-DD, not "${clip(value)}"`);
  }
  return edge === 'start' ? period.start : period.end;
}

/** A value quoted back in an error, cut to a readable length. */
export function clip(value: string, length = 40): string {
  return value.length > length ? `${value.slice(0, length)}…` : value;
}
