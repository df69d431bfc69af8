/** The SQLite FTS5 baseline: its query text and its ranking over a few articles. */
import { describe, expect, it } from 'vitest';
import { fts5Query, fts5System } from '../../src/eval/fts5.ts';
import { article } from '../helpers/engine.ts';

describe('fts5Query', () => {
  it.each([
    ['crude oil prices', '"crude" OR "oil" OR "prices"'],
    ['how are "oil" prices?', '"how" OR "are" OR "oil" OR "prices"'],
    [
      "the country's NEAR/2 AND -reserves*",
      '"the" OR "country" OR "s" OR "NEAR" OR "2" OR "AND" OR "reserves"',
    ],
    ['Café 1987', '"Café" OR "1987"'],
    ['?! --', ''],
  ])('%s becomes %s', (text, query) => {
    expect(fts5Query(text)).toBe(query);
  });
});

describe('fts5System', () => {
  const articles = [
    article('a', 'Bank holds rates', 'The central bank held its rates.'),
    article('b', 'Oil prices climb', 'Crude oil prices rose sharply as oil output fell.'),
    article('c', 'Oil firm', 'An oil company reported profits.'),
    article('d', 'Club wins', 'The club won the match.'),
  ];

  it('ranks the articles holding more of the words first and leaves out the rest', async () => {
    const system = await fts5System(articles);
    expect(system.rank('crude oil prices', 10)).toEqual(['b', 'c']);
  });

  it('matches word forms through the Porter stemmer', async () => {
    const system = await fts5System(articles);
    expect(system.rank('matches', 10)).toEqual(['d']);
  });

  it('returns at most depth results and none for a query without words', async () => {
    const system = await fts5System(articles);
    expect(system.rank('oil bank club', 2)).toHaveLength(2);
    expect(system.rank('?!', 10)).toEqual([]);
  });
});
