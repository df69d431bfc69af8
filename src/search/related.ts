/**
 * "More like this": the articles closest to one article, found by searching
 * for its most distinctive terms (frequent in it, rare in the corpus).
 */
import type { NewsIndex } from '../index/build.ts';
import { documentFrequency } from '../index/postings.ts';
import type { WordPlan } from '../query/plan.ts';
import { evaluateWord, unite } from './clauses.ts';
import { rank } from './rank.ts';
import { inverseDocumentFrequency } from './score.ts';
import { clauseContext, DEFAULT_SEARCH_OPTIONS } from './search.ts';

/** Distinctive terms searched for. */
const TERMS = 20;
const TEXT_FIELDS = new Set([0, 1]);

/** Up to `limit` articles related to document `doc`, best first. */
export function related(
  index: NewsIndex,
  doc: number,
  limit = 5,
): { doc: number; score: number }[] {
  const article = index.store.article(doc);
  const words = distinctiveTerms(index, `${article.title}\n${article.body}`);
  if (words.length === 0) return [];
  const context = clauseContext(index, DEFAULT_SEARCH_OPTIONS);
  const matches = unite(
    words.map((word) => evaluateWord(word, context)),
    context.scratch,
  );
  const full = new Uint8Array(matches.docs.length).fill(1);
  const candidates = {
    ...matches,
    full,
    matched: full,
    fullCount: matches.docs.length,
    required: 1,
  };
  const title = article.title.toLowerCase();
  return rank(
    candidates,
    index,
    { root: null, clauses: [], notices: [] },
    {
      sort: 'relevance',
      needed: limit + 3,
      proximityWindow: 0,
      proximityWeight: 0,
      tiers: 'none',
    },
  )
    .filter((hit) => hit.doc !== doc && index.store.article(hit.doc).title.toLowerCase() !== title)
    .slice(0, limit);
}

/** The article's terms by tf × idf, as weighted one-term clauses. */
function distinctiveTerms(index: NewsIndex, text: string): WordPlan[] {
  const { analyzer, postings, vocabulary } = index;
  const counts = new Map<number, number>();
  for (const token of analyzer.analyze(text)) {
    if (token.compound || analyzer.isStopWord(token.text) || /\p{N}/u.test(token.term)) continue;
    const id = vocabulary.id(token.term);
    if (id !== undefined) counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const weighted = [...counts]
    .map(([id, count]) => {
      const frequency = documentFrequency(postings, id, TEXT_FIELDS);
      const idf = inverseDocumentFrequency(postings.documentCount, frequency);
      return { id, weight: frequency >= 2 ? Math.sqrt(count) * idf : 0 };
    })
    .filter((term) => term.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.id - b.id)
    .slice(0, TERMS);
  const top = weighted[0]?.weight ?? 1;
  return weighted.map((term, key) => ({
    kind: 'word',
    key,
    text: postings.display[term.id] ?? '',
    terms: [{ id: term.id, weight: term.weight / top, via: 'exact' }],
    fields: [0, 1],
    stop: false,
  }));
}
