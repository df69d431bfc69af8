/**
 * Benchmark queries by kind. Words are drawn from the corpus itself (frequent
 * headline words), so every corpus gets queries that find something.
 */
import type { Article, SearchRequest } from '../types.ts';

export type QueryKind = 'one word' | 'multi-word' | 'phrase' | 'prefix' | 'filtered';

export const QUERY_KINDS: readonly QueryKind[] = [
  'one word',
  'multi-word',
  'phrase',
  'prefix',
  'filtered',
];

/** A benchmark query: the newsdesk request and what plain MiniSearch is asked. */
export interface BenchQuery {
  request: SearchRequest;
  mini: { text: string; prefix: boolean; category?: string };
}

/** Twenty queries of each kind from the articles' most common headline words. */
export function benchQueries(articles: readonly Article[]): Map<QueryKind, BenchQuery[]> {
  const words = commonWords(articles, 60);
  const pick = (i: number) => words[i % words.length] ?? 'news';
  const category = commonCategory(articles);
  const pairs = bigrams(articles);
  const range = (n: number) => Array.from({ length: n }, (_, i) => i);
  const plain = (text: string, prefix = false): BenchQuery => ({
    request: { query: prefix ? `${text}*` : text },
    mini: { text, prefix },
  });
  return new Map<QueryKind, BenchQuery[]>([
    ['one word', range(20).map((i) => plain(pick(i)))],
    ['multi-word', range(20).map((i) => plain(`${pick(i)} ${pick(i + 7)} ${pick(i + 19)}`))],
    [
      'phrase',
      range(20).map((i) => ({
        request: { query: `"${pairs[i] ?? pick(i)}"` },
        mini: { text: pairs[i] ?? pick(i), prefix: false },
      })),
    ],
    ['prefix', range(20).map((i) => plain(pick(i).slice(0, 3), true))],
    [
      'filtered',
      range(20).map((i) => ({
        request: { query: pick(i), ...(category ? { categories: [category] } : {}) },
        mini: { text: pick(i), prefix: false, ...(category ? { category } : {}) },
      })),
    ],
  ]);
}

function commonWords(articles: readonly Article[], n: number): string[] {
  const counts = new Map<string, number>();
  for (const article of articles) {
    for (const word of article.title.toLowerCase().match(/[a-z]{5,}/g) ?? []) {
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([w]) => w);
}

/** The most common two-word sequences of headlines (for phrase queries). */
function bigrams(articles: readonly Article[]): string[] {
  const counts = new Map<string, number>();
  for (const article of articles.slice(0, 5000)) {
    const words = article.title.toLowerCase().match(/[a-z]{4,}/g) ?? [];
    for (let i = 1; i < words.length; i++) {
      const pair = `${words[i - 1]} ${words[i]}`;
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 20)
    .map(([p]) => p);
}

function commonCategory(articles: readonly Article[]): string | undefined {
  const counts = new Map<string, number>();
  for (const article of articles) {
    for (const category of article.category ?? [])
      counts.set(category, (counts.get(category) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}
