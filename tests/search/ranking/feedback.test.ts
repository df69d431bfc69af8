/** Pseudo-relevance feedback, directly: the expansion clauses and their scores. */
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { buildIndex } from '../../../src/index/build.ts';
import { parseQuery } from '../../../src/query/parse.ts';
import { planQuery } from '../../../src/query/plan.ts';
import {
  DEFAULT_FEEDBACK,
  feedbackClauses,
  feedbackScores,
} from '../../../src/search/ranking/feedback.ts';
import { createSearcher } from '../../../src/search/searcher.ts';
import { article } from '../../helpers/engine.ts';

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
