import { describe, expect, it } from 'vitest';
import { search } from '../../../src/search/search.ts';
import { createSearcher } from '../../../src/search/searcher.ts';
import { article, loadedFrom, newsArticles } from '../../helpers/engine.ts';

describe('example queries', () => {
  it.each([
    ['a small archive', newsArticles()],
    [
      'a single article',
      [article('one', 'Drone attack hits convoy', 'A drone attack hit a convoy.')],
    ],
  ])('each find something in %s', (_name, articles) => {
    const { index } = loadedFrom(articles);
    const examples = createSearcher(index).examples();
    expect(examples.length).toBeGreaterThan(0);
    expect(new Set(examples).size).toBe(examples.length);
    for (const query of examples) expect(search(index, { query }).total).toBeGreaterThan(0);
  });

  it('include the largest category', () => {
    expect(createSearcher(loadedFrom(newsArticles()).index).examples()).toContain('category:crude');
  });
});
