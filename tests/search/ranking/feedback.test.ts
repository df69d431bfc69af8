/** Pseudo-relevance feedback, directly: the expansion clauses and their scores. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { buildIndex, type NewsIndex } from '../../../src/index/build.ts';
import { TEXT_FIELDS } from '../../../src/index/fields.ts';
import { fieldEntries, frequencyIn } from '../../../src/index/postings.ts';
import { parseQuery } from '../../../src/query/parse.ts';
import { planQuery, type WordPlan } from '../../../src/query/plan.ts';
import type { ClauseContext } from '../../../src/search/matching/clauses.ts';
import {
  DEFAULT_FEEDBACK,
  feedbackClauses,
  feedbackScores,
} from '../../../src/search/ranking/feedback.ts';
import {
  fieldLengthOf,
  frequencyWeight,
  inverseDocumentFrequency,
} from '../../../src/search/ranking/score.ts';
import { createSearcher, type Searcher } from '../../../src/search/searcher.ts';
import { type CorpusSlice, corpusSlice } from '../../helpers/corpus-slice.ts';
import { article } from '../../helpers/engine.ts';
import { queryOf } from '../../helpers/query-arbitraries.ts';

const ARTICLES = [
  article('a', 'Opec cuts output', 'Opec ministers agreed to cut crude output by barrels.'),
  article('b', 'Opec barrels', 'Opec said crude barrels would fall; barrels priced.'),
  article('c', 'Club wins', 'The club won the match at home.'),
  article('d', 'Barrels of crude', 'Refiners bought barrels of crude from Opec members.'),
  article('e', 'Match report', 'A late goal won the match.'),
];
const index = buildIndex(ARTICLES, createAnalyzer());
const { context } = createSearcher(index);
const doc = (id: string) => index.store.ids.indexOf(id);
const plan = planQuery(parseQuery('crude').root, index, {});
const term = (id: number) => index.postings.terms[id] ?? '';

describe('feedbackClauses', () => {
  const top = [doc('a'), doc('b')];

  it('pools the top results keywords that the query does not hold, strongest weighing 1', () => {
    const clauses = feedbackClauses(index, plan, top, DEFAULT_FEEDBACK);
    const terms = clauses.flatMap((clause) => clause.terms.map((t) => term(t.id)));
    expect(terms).not.toContain('crude');
    const pooled = new Set(top.flatMap((d) => index.keywords.of(d).map((k) => term(k.id))));
    for (const found of terms) expect(pooled.has(found)).toBe(true);
    expect(clauses[0]?.terms[0]?.weight).toBe(1);
    for (const clause of clauses) expect(clause.terms[0]?.weight).toBeLessThanOrEqual(1);
  });

  it.each([
    [1, 1],
    [3, 3],
    [0, 0],
  ])('keeps at most %i terms', (terms, most) => {
    const clauses = feedbackClauses(index, plan, top, { ...DEFAULT_FEEDBACK, terms });
    expect(clauses.length).toBeLessThanOrEqual(most);
  });

  it('gives each clause its own key after the query clauses', () => {
    const clauses = feedbackClauses(index, plan, top, DEFAULT_FEEDBACK);
    expect(clauses.map((clause) => clause.key)).toEqual(clauses.map((_, i) => 1 + i));
  });

  it('has nothing to add without top results', () => {
    expect(feedbackClauses(index, plan, [], DEFAULT_FEEDBACK)).toEqual([]);
  });
});

describe('feedbackScores', () => {
  it('scores the documents holding the expansion terms and leaves the others at 0', () => {
    const clauses = feedbackClauses(index, plan, [doc('a'), doc('b')], DEFAULT_FEEDBACK);
    const docs = [doc('d'), doc('c'), doc('e')];
    const [onTopic, offTopic, other] = feedbackScores(clauses, docs, context);
    expect(onTopic).toBeGreaterThan(0);
    expect(offTopic).toBe(0);
    expect(other).toBe(0);
  });
});

/**
 * The scores as they were first computed: for each (clause, term, field), each
 * document of the window looked up on its own, in window order.
 */
function referenceScores(
  clauses: readonly WordPlan[],
  docs: readonly number[],
  context: ClauseContext,
): Float64Array {
  const { postings } = context.index;
  const scores = new Float64Array(docs.length);
  for (const clause of clauses) {
    for (const term of clause.terms) {
      for (const entry of fieldEntries(postings, term.id)) {
        if (!clause.fields.includes(entry.field)) continue;
        const weight =
          term.weight *
          (context.boosts[entry.field] ?? 1) *
          inverseDocumentFrequency(postings.documentCount, entry.count);
        const average = postings.averageFieldLength[entry.field] ?? 1;
        docs.forEach((doc, i) => {
          const frequency = frequencyIn(postings, entry, doc);
          if (frequency === 0) return;
          const length = fieldLengthOf(postings, doc, entry.field);
          scores[i] =
            (scores[i] ?? 0) + weight * frequencyWeight(frequency, length, average, context.bm25);
        });
      }
    }
  }
  return scores;
}

/** A seeded shuffle of `items` (a fast-check permutation drawn by the caller's seed). */
function shuffled<T>(items: readonly T[], keys: readonly number[]): T[] {
  return items
    .map((item, i) => ({ item, key: keys[i % Math.max(1, keys.length)] ?? 0, i }))
    .sort((a, b) => a.key - b.key || a.i - b.i)
    .map(({ item }) => item);
}

describe('feedbackScores against one lookup per document', () => {
  let slice: CorpusSlice;
  let searcher: Searcher;

  beforeAll(async () => {
    slice = await corpusSlice();
    searcher = createSearcher(slice.index);
  });

  it('gives the very same scores, to the last bit, for windows of real BBC and Reuters matches', () => {
    let scored = 0;
    fc.assert(
      fc.property(queryOf(slice), fc.array(fc.nat(), { maxLength: 50 }), (text, keys) => {
        const plan = searcher.plan(text);
        const { docs } = searcher.candidates(plan, {}, 200);
        const window = shuffled([...docs], keys).slice(0, 200);
        const clauses = feedbackClauses(slice.index, plan, window.slice(0, 10), DEFAULT_FEEDBACK);
        const scores = feedbackScores(clauses, window, searcher.context);
        expect([...scores], text).toEqual([...referenceScores(clauses, window, searcher.context)]);
        scored += scores.filter((score) => score > 0).length;
      }),
      { seed: 13_301, numRuns: 60 },
    );
    expect(scored).toBeGreaterThan(500);
  });
});

describe('feedbackScores over entries of many blocks', () => {
  // 700 generated articles: common words span several postings blocks, rare ones a few documents.
  const WORDS = ['oil', 'crude', 'opec', 'barrel', 'price', 'club', 'match', 'goal', 'vote'];
  const drafts = fc.sample(fc.array(fc.nat(WORDS.length * 5), { minLength: 1, maxLength: 30 }), {
    seed: 13_302,
    numRuns: 700,
  });
  const articles = drafts.map((picks, n) => {
    const words = picks.map((p) => WORDS[p % WORDS.length] ?? `rare${p}`);
    return article(`generated/${n}`, words.slice(0, 4).join(' '), words.join(' '));
  });
  const generated: NewsIndex = buildIndex(articles, createAnalyzer());
  const own = createSearcher(generated).context;
  const termIds = generated.postings.terms.map((_, id) => id);
  const clause = (ids: readonly number[], weights: readonly number[], key: number): WordPlan => ({
    kind: 'word',
    key,
    text: '',
    terms: ids.map((id, i) => ({ id, weight: weights[i] ?? 1, via: 'exact' })),
    fields: [...TEXT_FIELDS],
    stop: false,
  });

  it('gives the same scores as per-document lookups for any window, in any order', () => {
    const window = fc.uniqueArray(fc.nat(articles.length - 1), { maxLength: 260 });
    const terms = fc.array(fc.constantFrom(...termIds), { minLength: 1, maxLength: 4 });
    const weights = fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { maxLength: 4 });
    fc.assert(
      fc.property(window, fc.array(terms, { maxLength: 5 }), weights, (docs, groups, w) => {
        const clauses = groups.map((ids, key) => clause(ids, w, key));
        expect([...feedbackScores(clauses, docs, own)]).toEqual([
          ...referenceScores(clauses, docs, own),
        ]);
      }),
      { seed: 13_303, numRuns: 200 },
    );
  });
});
