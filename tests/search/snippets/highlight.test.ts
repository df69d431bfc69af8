/**
 * Highlights from word positions: fieldMatches re-tokenizes the shown text at
 * the positions the postings name. The oracle analyzes every token of the
 * text and keeps those whose term is a clause's term: exactly what the
 * character spans once stored in the postings gave.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalyzedToken } from '../../../src/analysis/analyzer.ts';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { buildIndex, type NewsIndex } from '../../../src/index/build.ts';
import { BODY_FIELD, TITLE_FIELD } from '../../../src/index/fields.ts';
import type { PhrasePlan, WordPlan } from '../../../src/query/plan.ts';
import { createSearcher, type Searcher } from '../../../src/search/searcher.ts';
import {
  fieldMatches,
  highlightArticle,
  highlightable,
  highlightHit,
} from '../../../src/search/snippets/highlight.ts';
import { buildSnippet, highlightText } from '../../../src/search/snippets/snippet.ts';
import type { Article, SnippetMatch } from '../../../src/types.ts';
import { type CorpusSlice, corpusSlice } from '../../helpers/corpus-slice.ts';
import { queryOf, wordOf } from '../../helpers/query-arbitraries.ts';

/** Every token of `text` analyzed; clause by clause, term by term, the tokens of that term. */
function oracleMatches(
  index: NewsIndex,
  clauses: readonly (WordPlan | PhrasePlan)[],
  field: number,
  tokens: readonly AnalyzedToken[],
): SnippetMatch[] {
  const matches: SnippetMatch[] = [];
  for (const clause of clauses) {
    if (!clause.fields.includes(field)) continue;
    const terms =
      clause.kind === 'word' ? clause.terms : clause.words.flatMap((word) => word.terms);
    for (const { id } of terms) {
      const term = index.postings.terms[id];
      for (const token of tokens) {
        if (token.term === term)
          matches.push({ start: token.start, end: token.end, key: clause.key });
      }
    }
  }
  return matches;
}

/** A word with one letter dropped or two swapped: the planner's typo expansions reach it. */
function typoOf(slice: CorpusSlice): fc.Arbitrary<string> {
  return fc.tuple(wordOf(slice), fc.nat(20), fc.boolean()).map(([word, at, swap]) => {
    if (word.length < 5) return word;
    const i = 1 + (at % (word.length - 2));
    return swap
      ? `${word.slice(0, i)}${word[i + 1] ?? ''}${word[i] ?? ''}${word.slice(i + 2)}`
      : `${word.slice(0, i)}${word.slice(i + 1)}`;
  });
}

describe('highlighting from positions', () => {
  let slice: CorpusSlice;
  let searcher: Searcher;
  const tokensOf = new Map<string, AnalyzedToken[]>();
  const analyzed = (doc: number, field: number, text: string) => {
    const key = `${doc}:${field}`;
    const known = tokensOf.get(key);
    if (known) return known;
    const tokens = slice.index.analyzer.analyze(text);
    tokensOf.set(key, tokens);
    return tokens;
  };

  beforeAll(async () => {
    slice = await corpusSlice();
    searcher = createSearcher(slice.index);
  });

  it('marks in BBC and Reuters headlines and bodies exactly the tokens of the terms each clause reached', () => {
    const query = fc.oneof(
      { arbitrary: queryOf(slice), weight: 3 },
      {
        arbitrary: fc.array(wordOf(slice), { minLength: 1, maxLength: 4 }).map((w) => w.join(' ')),
        weight: 2,
      },
      { arbitrary: typoOf(slice), weight: 1 },
    );
    let compared = 0;
    fc.assert(
      fc.property(query, fc.nat(1000), (text, skip) => {
        const plan = searcher.plan(text);
        const clauses = highlightable(plan);
        const { docs } = searcher.candidates(plan, {}, 20);
        const start = docs.length > 12 ? skip % (docs.length - 12) : 0;
        for (const doc of docs.subarray(start, start + 12)) {
          const article = slice.index.store.article(doc);
          for (const [field, shown] of [
            [TITLE_FIELD, article.title],
            [BODY_FIELD, article.body],
          ] as const) {
            const expected = oracleMatches(
              slice.index,
              clauses,
              field,
              analyzed(doc, field, shown),
            );
            expect(
              fieldMatches(slice.index, clauses, doc, field, shown),
              `${text} in ${article.id}`,
            ).toEqual(expected);
            compared += expected.length;
          }
        }
      }),
      { seed: 12_201, numRuns: 120 },
    );
    expect(compared).toBeGreaterThan(1000);
  });

  it('gives each BBC and Reuters hit the headline and snippet that the fully analyzed text gives', () => {
    let shown = 0;
    fc.assert(
      fc.property(queryOf(slice), fc.nat(1000), (text, skip) => {
        const plan = searcher.plan(text);
        const clauses = highlightable(plan);
        const { docs } = searcher.candidates(plan, {}, 10);
        const start = docs.length > 10 ? skip % (docs.length - 10) : 0;
        for (const doc of docs.subarray(start, start + 10)) {
          const article = slice.index.store.article(doc);
          const { title, body } = article;
          const oracle = (field: number, shownText: string) =>
            oracleMatches(slice.index, clauses, field, analyzed(doc, field, shownText));
          expect(highlightHit(slice.index, plan, doc, article), `${text} in ${article.id}`).toEqual(
            {
              title: highlightText(title, oracle(TITLE_FIELD, title)),
              snippet: buildSnippet(body, oracle(BODY_FIELD, body)),
            },
          );
          shown += 1;
        }
      }),
      { seed: 13_311, numRuns: 80 },
    );
    expect(shown).toBeGreaterThan(300);
  });
});

describe('highlighting words that share a position', () => {
  const article: Article = {
    id: 'world/1',
    title: 'Pro-Iranian militia leaves U.S. embassy',
    body: "The pro-Iranian group said Washington's envoy left. Running battles ran on.",
    origin: { file: 'world/1.txt' },
  };
  const index = buildIndex([article], createAnalyzer());
  const searcher = createSearcher(index);
  const shown = (query: string) => {
    const { title, body } = highlightArticle(index, searcher.plan(query), 0, article);
    return {
      title: title.highlights.map(({ start, end }) => title.text.slice(start, end)),
      body: body.map(({ start, end }) => article.body.slice(start, end)),
    };
  };

  it.each([
    { query: 'pro', title: ['Pro'], body: ['pro'] },
    { query: 'iranian', title: ['Iranian'], body: ['Iranian'] },
    { query: 'proiranian', title: ['Pro-Iranian'], body: ['pro-Iranian'] },
    { query: '"pro iranian"', title: ['Pro', 'Iranian'], body: ['pro', 'Iranian'] },
    { query: 'us embassy', title: ['U.S', 'embassy'], body: [] },
    { query: 'washington', title: [], body: ['Washington'] },
    { query: 'battle', title: [], body: ['battles'] },
  ])('marks $query in the headline as $title and in the body as $body', (row) => {
    expect(shown(row.query)).toEqual({ title: row.title, body: row.body });
  });
});
