/**
 * Links between search pages: the current parameters with some changed, so
 * that facets, sorting, the timeline and pagination keep everything else.
 */
import type { RequestFields } from '../search/request.ts';

/** Parameters in the order they appear in URLs. */
const ORDER = [
  'q',
  'source',
  'category',
  'person',
  'place',
  'org',
  'from',
  'to',
  'sort',
  'size',
  'page',
  'spell',
  'collapse',
  'cluster',
] as const;

/** Changes to apply; `undefined` removes a parameter. */
export type LinkChanges = Partial<
  Record<keyof RequestFields, string | readonly string[] | undefined>
>;

/** `/search?…` for `fields` with `changes`; the page goes back to 1 unless `changes` sets it. */
export function searchHref(fields: RequestFields, changes: LinkChanges = {}): string {
  const merged: LinkChanges = { ...fields, page: undefined, ...changes };
  const params = new URLSearchParams();
  for (const name of ORDER) {
    const value = merged[name];
    if (value === undefined || value === '') continue;
    if (typeof value === 'string') params.append(name, value);
    else for (const item of value) params.append(name, item);
  }
  if (merged.sort === 'relevance') params.delete('sort');
  if (merged.page === '1') params.delete('page');
  return `/search?${params.toString()}`;
}

/** `values` with `value` added, or removed when it is there. */
export function toggle(values: readonly string[] | undefined, value: string): string[] {
  const list = values ?? [];
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

/** The article page's path: each segment of the id escaped, slashes kept. */
export function articleHref(id: string, query?: string): string {
  const path = `/article/${id.split('/').map(encodeURIComponent).join('/')}`;
  return query ? `${path}?${new URLSearchParams({ q: query }).toString()}` : path;
}
