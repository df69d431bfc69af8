/**
 * Example queries for the home page, chosen from the loaded corpus so that
 * every one of them finds something: frequent headline words, two of them
 * together, the largest category and a prefix.
 */
import type { NewsIndex } from '../../index/build.ts';
import { TITLE_FIELD } from '../../index/fields.ts';
import { fieldEntry } from '../../index/postings.ts';
import type { Searcher } from '../searcher.ts';

/** Headline words considered: the most frequent ones that say something. */
const WORDS = 6;

/** Up to `count` queries that each find at least one article in `index`. */
export function exampleQueries(searcher: Searcher, count = 4): string[] {
  const { index } = searcher;
  const words = headlineWords(index, WORDS);
  const candidates = [
    words[0],
    words[1] && words[2] ? `${words[1]} ${words[2]}` : undefined,
    largestCategory(index),
    words[3] && words[3].length > 5 ? `${words[3].slice(0, 4)}*` : words[3],
    words[4],
    words[5],
  ];
  const examples: string[] = [];
  for (const query of candidates) {
    if (examples.length === count) break;
    if (query === undefined || examples.includes(query)) continue;
    if (searcher.count(query) > 0) examples.push(query);
  }
  return examples;
}

/** Written forms of the `limit` headline terms in the most articles (not in most of them). */
function headlineWords(index: NewsIndex, limit: number): string[] {
  const { postings, analyzer } = index;
  const documents = postings.documentCount;
  const ceiling = documents >= 20 ? documents * 0.2 : documents;
  const best: { term: number; count: number }[] = [];
  postings.terms.forEach((term, t) => {
    if (term.length < 5 || /\P{L}/u.test(term) || analyzer.isStopWord(term)) return;
    const count = fieldEntry(postings, t, TITLE_FIELD)?.count ?? 0;
    if (count === 0 || count > ceiling) return;
    best.push({ term: t, count });
    if (best.length > limit * 4) trim(best, limit);
  });
  trim(best, limit);
  return best.map(({ term }) => postings.display[term] ?? postings.terms[term] ?? '');
}

function trim(best: { term: number; count: number }[], limit: number): void {
  best.sort((a, b) => b.count - a.count || a.term - b.term);
  best.length = Math.min(best.length, limit);
}

function largestCategory(index: NewsIndex): string | undefined {
  const { categories } = index.store;
  const counts = new Uint32Array(categories.values.length);
  for (const id of categories.ids) counts[id] = (counts[id] ?? 0) + 1;
  let best = -1;
  counts.forEach((count, id) => {
    if (best < 0 || count > (counts[best] ?? 0)) best = id;
  });
  const value = categories.values[best];
  return value === undefined ? undefined : `category:${/\s/u.test(value) ? `"${value}"` : value}`;
}
