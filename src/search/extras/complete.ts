/**
 * Autocomplete: the last, unfinished word of a query completed from the
 * words of this corpus, ranked by how many articles the completed query
 * would find (so `oil pri` offers `prices` before `prince`).
 */
import type { NewsIndex } from '../../index/build.ts';
import { INDEX_FIELDS } from '../../index/fields.ts';
import { documentFrequency, eachPosting, fieldEntries } from '../../index/postings.ts';
import { DEFAULT_SEARCH_FIELDS } from '../../query/plan.ts';
import { fullMatchDocs } from '../matching/candidates.ts';
import type { Searcher } from '../searcher.ts';

export interface Completion {
  /** The whole completed query. */
  query: string;
  /** The completed word. */
  word: string;
  /** Articles the completed query finds. */
  count: number;
}

/** Written forms considered per request (the most frequent), before counting. */
const CANDIDATES = 40;
const SEARCH_FIELDS = new Set(DEFAULT_SEARCH_FIELDS.map((field) => INDEX_FIELDS.indexOf(field)));

/** Up to `limit` completions of the last word of `input`. */
export function complete(searcher: Searcher, input: string, limit = 8): Completion[] {
  const { index } = searcher;
  const split = splitLast(input);
  if (!split) return [];
  const word = index.analyzer.normalize(split.word);
  if (word === '') return [];
  const ids = index.vocabulary
    .displayPrefix(word)
    .map((id) => ({ id, frequency: documentFrequency(index.postings, id, SEARCH_FIELDS) }))
    .filter((candidate) => candidate.frequency > 0)
    .sort((a, b) => b.frequency - a.frequency)
    .slice(0, CANDIDATES);
  const within = contextDocuments(searcher, split.before);
  return ids
    .map(({ id, frequency }) => ({
      id,
      count: within ? countWithin(index, id, within) : frequency,
    }))
    .filter((candidate) => candidate.count > 0)
    .sort((a, b) => b.count - a.count || a.id - b.id)
    .slice(0, limit)
    .map(({ id, count }) => {
      const completed = index.postings.display[id] ?? '';
      return { query: `${split.before}${split.lead}${completed}`, word: completed, count };
    });
}

/** `oil pri` → before `oil `, lead ``, word `pri`; `title:ele` → lead `title:`. */
function splitLast(input: string): { before: string; lead: string; word: string } | undefined {
  if (input.length > 200 || input === '' || /\s$/u.test(input)) return undefined;
  const space = Math.max(input.lastIndexOf(' '), input.lastIndexOf('\t'));
  const last = input.slice(space + 1);
  const lead = /^(?:-|"|\(|[a-z]+:)*/i.exec(last)?.[0] ?? '';
  const word = last.slice(lead.length);
  if (word === '' || word.length > 40) return undefined;
  return { before: input.slice(0, space + 1), lead, word };
}

/** The articles the words before the last one find, as a membership array, or undefined. */
function contextDocuments(searcher: Searcher, before: string): Uint8Array | undefined {
  if (before.trim() === '') return undefined;
  const plan = searcher.plan(before, { maxFuzzyExpansions: 0 });
  if (plan.root === null) return undefined;
  const docs = fullMatchDocs(searcher.candidates(plan));
  const member = new Uint8Array(searcher.index.store.count);
  for (const doc of docs) member[doc] = 1;
  return member;
}

/** Articles holding term `id` (in the default fields) among `within`. */
function countWithin(index: NewsIndex, id: number, within: Uint8Array): number {
  const { postings } = index;
  const seen = new Set<number>();
  for (const entry of fieldEntries(postings, id)) {
    if (!SEARCH_FIELDS.has(entry.field)) continue;
    eachPosting(postings, entry, (doc) => {
      if (within[doc] === 1) seen.add(doc);
    });
  }
  return seen.size;
}
