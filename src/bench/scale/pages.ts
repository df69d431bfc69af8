/**
 * The scale benchmark's searches: result pages (`/search?…`, the whole HTML
 * page) of seven kinds, their words drawn from the real articles the corpus is
 * recombined from, so every kind finds something.
 */
import type { Article } from '../../types.ts';
import { benchQueries } from '../queries.ts';

export type PageKind =
  | 'one word'
  | 'multi-word'
  | 'phrase'
  | 'prefix'
  | 'filtered'
  | 'date-sorted'
  | 'common word';

export const PAGE_KINDS: readonly PageKind[] = [
  'one word',
  'multi-word',
  'phrase',
  'prefix',
  'filtered',
  'date-sorted',
  'common word',
];

/** Queries of the "common word" kind: the words found in the most articles. */
const COMMON_WORDS = 5;
/** Articles sampled for document frequencies. */
const SAMPLE = 5000;

/** Every kind's page paths (`search?q=…`, relative to the server's URL). */
export function pagePaths(articles: readonly Article[]): Map<PageKind, string[]> {
  const queries = benchQueries(articles);
  const paths = new Map<PageKind, string[]>();
  for (const [kind, list] of queries) {
    paths.set(
      kind,
      list.map(({ request }) => pagePath({ q: request.query, category: request.categories?.[0] })),
    );
  }
  const oneWord = queries.get('one word') ?? [];
  paths.set(
    'date-sorted',
    oneWord.map(({ request }) => pagePath({ q: request.query, sort: 'newest' })),
  );
  paths.set(
    'common word',
    commonWords(articles).map((word) => pagePath({ q: word })),
  );
  return paths;
}

function pagePath(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) search.set(name, value);
  }
  return `search?${search}`;
}

/** The lower-case words of three letters or more found in the most of (a sample of) the bodies. */
export function commonWords(articles: readonly Article[], n = COMMON_WORDS): string[] {
  const counts = new Map<string, number>();
  const step = Math.max(1, Math.floor(articles.length / SAMPLE));
  for (let at = 0; at < articles.length; at += step) {
    const body = articles[at]?.body.toLowerCase() ?? '';
    for (const word of new Set(body.match(/[a-z]{3,}/g) ?? [])) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([word]) => word);
}
