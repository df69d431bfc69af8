/**
 * The route pattern a request URL is labelled with in the metrics: one of a
 * fixed list, whatever the URL, so the number of label values stays bounded.
 * Paths are matched as Express routes them (any case, a trailing slash).
 */

/** Routes answered by exact path. */
const EXACT_ROUTES: ReadonlySet<string> = new Set([
  '/',
  '/search',
  '/search.atom',
  '/opensearch.xml',
  '/trends',
  '/healthz',
  '/metrics',
  '/favicon.ico',
  '/api/search',
  '/api/search.csv',
  '/api/search.jsonl',
  '/api/suggest',
  '/api/stats',
  '/api/trends',
  '/api/openapi.json',
]);

/** Routes by path prefix, and their label. */
const PREFIX_ROUTES: readonly (readonly [string, string])[] = [
  ['/article/', '/article/:id'],
  ['/api/articles/', '/api/articles/:id'],
  ['/assets/', '/assets/*'],
];

/** Any other path under `/api`, and any other path at all. */
export const UNKNOWN_API_ROUTE = '/api/*';
export const UNKNOWN_ROUTE = 'unmatched';

/**
 * The label of `url`'s route.
 * @example routeLabel('/article/business/001?q=oil') === '/article/:id'
 */
export function routeLabel(url: string): string {
  const end = url.search(/[?#]/);
  let path = (end < 0 ? url : url.slice(0, end)).toLowerCase();
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  if (EXACT_ROUTES.has(path)) return path;
  for (const [prefix, label] of PREFIX_ROUTES) {
    if (path.startsWith(prefix) && path.length > prefix.length) return label;
  }
  return path === '/api' || path.startsWith('/api/') ? UNKNOWN_API_ROUTE : UNKNOWN_ROUTE;
}
