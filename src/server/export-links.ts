/**
 * Links from a search page to its export (`/api/search.csv`, `.jsonl`): the
 * page's parameters without the page and its size, since an export is every
 * result.
 */
import type { RequestFields } from '../search/request.ts';
import type { ExportFormat } from './export-stream.ts';
import { searchHref } from './links.ts';

/**
 * The export of the search `fields` describe, in `format`.
 * @example exportHref({ q: 'opec', page: '3' }, 'csv') === '/api/search.csv?q=opec'
 */
export function exportHref(fields: RequestFields, format: ExportFormat): string {
  const href = searchHref(fields, { page: undefined, size: undefined });
  return `/api/search.${format}${href.slice('/search'.length)}`;
}
