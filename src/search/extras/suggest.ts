/**
 * "Did you mean": when some query words were matched only through close
 * spellings, offer the query with each such word respelled as the most
 * frequent close spelling, if that query finds more articles than the words
 * as typed.
 */
import type { NewsIndex } from '../../index/build.ts';
import { documentFrequency } from '../../index/postings.ts';
import { parseQuery } from '../../query/parse.ts';
import { planQuery, type QueryPlan } from '../../query/plan.ts';
import { type Filters, findCandidates } from '../matching/candidates.ts';
import type { ClauseContext } from '../matching/clauses.ts';

const EXACT_ONLY = { maxFuzzyExpansions: 0 };

export function didYouMean(
  index: NewsIndex,
  query: string,
  plan: QueryPlan,
  context: ClauseContext,
  filters: Filters,
): { query: string; total: number } | undefined {
  let respelled = query;
  let changed = false;
  for (const clause of plan.clauses) {
    if (clause.kind !== 'word') continue;
    const fuzzy = clause.terms.filter((term) => term.via === 'fuzzy');
    const best = fuzzy.sort(
      (a, b) => documentFrequency(index.postings, b.id) - documentFrequency(index.postings, a.id),
    )[0];
    const spelling = best ? spellingOf(index, best.id, clause.text) : undefined;
    if (!spelling) continue;
    respelled = replaceWord(respelled, clause.text, spelling);
    changed = true;
  }
  if (!changed || respelled === query) return undefined;
  const asTyped = countExact(index, query, context, filters);
  const total = countExact(index, respelled, context, filters);
  return total > asTyped ? { query: respelled, total } : undefined;
}

/** The written form of term `id` closest to what was typed (`attack`, not `attacks`, for `atack`). */
function spellingOf(index: NewsIndex, id: number, typed: string): string | undefined {
  const display = index.postings.display[id];
  const term = index.postings.terms[id];
  if (display === undefined || term === undefined) return undefined;
  const folded = typed.toLowerCase();
  return editDistance(term, folded) < editDistance(display, folded) ? term : display;
}

function countExact(index: NewsIndex, query: string, context: ClauseContext, filters: Filters) {
  const plan = planQuery(parseQuery(query).root, index, EXACT_ONLY);
  return findCandidates(plan, context, filters, 0).fullCount;
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

/** Levenshtein distance between `a` and `b` (small words; one row of memory). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(
        (previous[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
