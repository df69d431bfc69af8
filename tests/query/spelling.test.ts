import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { buildIndex } from '../../src/index/build.ts';
import { parseQuery } from '../../src/query/parse.ts';
import { DEFAULT_PLAN_OPTIONS, planQuery } from '../../src/query/plan.ts';
import { swapEditDistance, typoDistance } from '../../src/query/spelling.ts';
import type { Article } from '../../src/types.ts';
import { article } from '../helpers/engine.ts';

/** `count` articles, each holding `words` in its body. */
function articlesWith(prefix: string, count: number, words: string): Article[] {
  return Array.from({ length: count }, (_, n) =>
    article(`${prefix}/${n}`, `Report ${n}`, `The report said ${words} on day ${n}.`),
  );
}

/**
 * A corpus where `government`, `grain`, `steel`, `Chelsea` and `story` are
 * common, beside rare real or misspelt words: `goverment` (2 articles),
 * `tory` (2), `steal` (3), `thew` (1, beside the stop word `the`) and `Steen`
 * (a name: 1 article, always capitalised).
 */
const index = buildIndex(
  [
    ...articlesWith('gov', 300, 'the government'),
    ...articlesWith('grain', 150, 'grain'),
    ...articlesWith('steel', 100, 'steel'),
    ...articlesWith('club', 120, 'Chelsea won'),
    ...articlesWith('story', 250, 'the story'),
    ...articlesWith('rare', 2, 'the goverment'),
    ...articlesWith('tory', 2, 'a tory vote'),
    ...articlesWith('steal', 3, 'thieves steal'),
    ...articlesWith('steen', 1, 'Steen met Steen and Steen'),
    ...articlesWith('thew', 1, 'sinew and thew'),
  ],
  createAnalyzer(),
);

/** The terms (as written) that `word` matches through close spellings. */
function respellings(word: string, options = {}): string[] {
  const plan = planQuery(parseQuery(word).root, index, options);
  const clause = plan.clauses[0];
  if (clause?.kind !== 'word') return [];
  return clause.terms
    .filter((term) => term.via === 'fuzzy')
    .map((term) => (index.postings.display[term.id] ?? '').toLowerCase());
}

describe('close spellings of a query word', () => {
  it.each([
    ['a rare word beside one over 100 times as common', 'goverment', 'government'],
    ['a word the index does not know', 'govrnment', 'government'],
    ['two neighbouring letters swapped, as one edit', 'grian', 'grain'],
    ['an unknown word two edits from a name', 'chelski', 'chelsea'],
    ['a four-letter word the index does not know', 'stel', 'steel'],
    ['a rare word beside one only 33 times as common', 'steal', undefined],
    ['a rare name beside a common word that is not a name', 'steen', undefined],
    ['a rare word whose common neighbour starts with another letter', 'tory', undefined],
    ['a rare word one edit from a stop word', 'thew', undefined],
    ['a three-letter word', 'gvt', undefined],
    ['a word with digits', 'grain1', undefined],
    ['the common word itself', 'government', undefined],
  ])('%s: %s → %s', (_, word, best) => {
    const found = respellings(word);
    expect(found[0]).toBe(best);
    if (best === undefined) expect(found).toEqual([]);
  });

  it('lists an unknown word’s close spellings best first: fewest edits, then most common', () => {
    expect(respellings('stel')).toEqual(['steel', 'steal', 'steen']);
  });

  it('follows the ratio option: at 30, steal (3 articles) also matches steel (100)', () => {
    expect(respellings('steal', { fuzzyRatio: 30 })).toEqual(['steel']);
    expect(respellings('steal', { fuzzyRatio: 40 })).toEqual([]);
    expect(DEFAULT_PLAN_OPTIONS.fuzzyRatio).toBe(100);
  });

  it('keeps the words as typed when close spellings are turned off', () => {
    expect(respellings('goverment', { maxFuzzyExpansions: 0 })).toEqual([]);
  });

  it.each([
    [3, 0],
    [4, 1],
    [7, 1],
    [8, 2],
    [64, 2],
    [65, 0],
  ])('allows a %i-letter word %i edits', (length, edits) => {
    expect(typoDistance('a'.repeat(length))).toBe(edits);
  });
});

describe('close spellings in a phrase', () => {
  /** The written forms each word of the phrase `text` matches. */
  function phraseTerms(text: string): string[][] {
    const clause = planQuery(parseQuery(text).root, index).clauses[0];
    if (clause?.kind !== 'phrase') return [];
    return clause.words.map((word) =>
      word.terms.map((term) => (index.postings.display[term.id] ?? '').toLowerCase()),
    );
  }

  it.each([
    [
      'a word the index does not know takes its best close spelling',
      '"the govrnment"',
      [['the'], ['government']],
    ],
    ['a word the index knows stays as typed', '"the goverment"', [['the'], ['goverment']]],
    ['a split word is a phrase of its parts', 'grian-steal', [['grain'], ['steal']]],
  ])('%s: %s', (_, text, expected) => {
    expect(phraseTerms(text)).toEqual(expected);
  });
});

describe('the edit distance with swaps', () => {
  it.each([
    ['grian', 'grain', 1],
    ['goverment', 'government', 1],
    ['chelski', 'chelsea', 2],
    ['abc', 'abc', 0],
    ['', 'abc', 3],
    ['ouptut', 'output', 1],
  ])('from %s to %s is %i', (a, b, distance) => {
    expect(swapEditDistance(a, b)).toBe(distance);
  });

  it('is symmetric, zero only for equal words, and at most the length of the longer word', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-e]{0,8}$/), fc.stringMatching(/^[a-e]{0,8}$/), (a, b) => {
        const distance = swapEditDistance(a, b);
        expect(swapEditDistance(b, a)).toBe(distance);
        expect(distance === 0).toBe(a === b);
        expect(distance).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
      { seed: 11, numRuns: 500 },
    );
  });
});
