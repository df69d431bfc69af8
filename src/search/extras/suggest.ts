/**
 * Spelling advice for a query whose words were matched through close
 * spellings: the query with each such word respelled as its best close
 * spelling, and what to do with it. When the words as typed find no article
 * with every word and the respelled query does, the search shows the
 * respelled results instead ("Showing results for …"); when both find some
 * and the respelled query finds more, it offers it ("Did you mean …?").
 */
import type { NewsIndex } from '../../index/build.ts';
import type { PhrasePlan, QueryPlan, TermRef } from '../../query/plan.ts';
import { swapEditDistance } from '../../query/spelling.ts';
import type { Candidates, Filters } from '../matching/candidates.ts';
import { countStories } from '../ranking/collapse.ts';
import type { Searcher } from '../searcher.ts';

const EXACT_ONLY = { maxFuzzyExpansions: 0 };

/** What to do about the spelling of a query. */
export interface SpellingAdvice {
  /** `correct`: show the respelled query's results; `suggest`: offer it. */
  action: 'correct' | 'suggest';
  /** The respelled query. */
  query: string;
  /** Articles it finds with every word (stories, when asked to count them). */
  total: number;
}

/**
 * The advice for `query` (planned as `plan`), or undefined when its spelling
 * needs none; `stories` counts the respelled query's stories, not articles.
 */
export function spellingAdvice(
  searcher: Searcher,
  query: string,
  plan: QueryPlan,
  filters: Filters,
  stories = false,
): SpellingAdvice | undefined {
  const respelled = respell(searcher.index, query, plan);
  if (respelled === query) return undefined;
  const found = exactMatches(searcher, respelled, filters);
  if (found.fullCount === 0) return undefined;
  const asTyped = exactMatches(searcher, query, filters).fullCount;
  // With collapsing, `total` counts stories, as the page's own total does.
  const total = stories ? countStories(found, searcher.index.clusters).full : found.fullCount;
  if (asTyped === 0) return { action: 'correct', query: respelled, total };
  return found.fullCount > asTyped ? { action: 'suggest', query: respelled, total } : undefined;
}

/** `query` with each word matched through close spellings written as its best one. */
export function respell(index: NewsIndex, query: string, plan: QueryPlan): string {
  let respelled = query;
  for (const clause of plan.clauses) {
    const words =
      clause.kind === 'word'
        ? [{ text: clause.text, terms: clause.terms }]
        : phraseWords(index, clause);
    for (const { text, terms } of words) {
      // The planner lists close spellings best first (fewest edits, then most common).
      const best = terms.find((term) => term.via === 'fuzzy');
      const spelling = best && text !== '' ? spellingOf(index, best.id, text) : undefined;
      if (spelling) respelled = replaceWord(respelled, text, spelling);
    }
  }
  return respelled;
}

/** A phrase's words as typed, each with its terms (the analysis the planner made). */
function phraseWords(index: NewsIndex, phrase: PhrasePlan): { text: string; terms: TermRef[] }[] {
  const tokens = index.analyzer.analyze(phrase.text).filter((token) => !token.compound);
  return phrase.words.map((word, i) => ({ text: tokens[i]?.text ?? '', terms: word.terms }));
}

/**
 * The written form of term `id` closest to what was typed (`attack`, not
 * `attacks`, for `atack`), capitalised when it is a name (`Chelsea`).
 */
function spellingOf(index: NewsIndex, id: number, typed: string): string | undefined {
  const display = index.postings.display[id];
  const term = index.postings.terms[id];
  if (display === undefined || term === undefined) return undefined;
  const folded = typed.toLowerCase();
  const written = display.toLowerCase();
  if (swapEditDistance(term, folded) < swapEditDistance(written, folded)) return term;
  return index.vocabulary.isName(id) ? display : written;
}

function exactMatches(searcher: Searcher, query: string, filters: Filters): Candidates {
  return searcher.candidates(searcher.plan(query, EXACT_ONLY), filters, 0);
}

/** Replaces the first whole-word, case-insensitive occurrence of `word` in `text`. */
export function replaceWord(text: string, word: string, replacement: string): string {
  const lower = text.toLowerCase();
  const target = word.toLowerCase();
  for (let at = lower.indexOf(target); at >= 0; at = lower.indexOf(target, at + 1)) {
    const before = text.charAt(at - 1);
    const after = text.charAt(at + target.length);
    if (!isWordChar(before) && !isWordChar(after)) {
      return text.slice(0, at) + replacement + text.slice(at + target.length);
    }
  }
  return text;
}

function isWordChar(char: string): boolean {
  return char !== '' && /[\p{L}\p{N}]/u.test(char);
}
