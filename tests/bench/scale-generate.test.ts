/** The scale benchmark's synthetic articles: seeded, news-length, dated over two decades. */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/bench/load/mix.ts';
import { readSourceArticles } from '../../src/bench/scale/corpus.ts';
import {
  DEFAULT_GENERATE_OPTIONS,
  type Material,
  materialOf,
  splitSentences,
  syntheticArticle,
} from '../../src/bench/scale/generate.ts';

const FIRST = Date.parse('2000-01-01T00:00:00Z');
const END = Date.parse('2020-01-01T00:00:00Z');

const small: Material = {
  headlines: [{ title: 'Oil prices rise', category: 'crude' }, { title: 'Club wins cup' }],
  sentences: [
    'Oil prices rose sharply on Monday after the talks failed.',
    'The club said the coach would stay for another season.',
    'Shares in the bank fell by 3% in early trading in London.',
  ],
  categories: ['crude', 'sport', 'sport'],
};

function articles(material: Material, seed: number, count: number) {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, n) => syntheticArticle(material, random, n));
}

const bytes = (article: { title: string; body: string }) =>
  Buffer.byteLength(article.title) + Buffer.byteLength(article.body);

describe('splitSentences', () => {
  it.each([
    ['one sentence', 'Prices rose.', ['Prices rose.']],
    ['two sentences', 'Prices rose. Shares fell.', ['Prices rose.', 'Shares fell.']],
    ['a paragraph break', 'Prices rose\n\nShares fell', ['Prices rose', 'Shares fell']],
    ['an abbreviation before a small letter', 'The U.S. dollar fell.', ['The U.S. dollar fell.']],
    ['a decimal number', 'It rose 1.5 pct. Then it fell.', ['It rose 1.5 pct.', 'Then it fell.']],
    ['a question and a quote', 'Why? "Because," he said.', ['Why?', '"Because," he said.']],
    ['no text', '', []],
  ])('splits %s', (_name, text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
  });
});

describe('syntheticArticle', () => {
  it('gives the same corpus for the same seed and another for another seed', () => {
    expect(articles(small, 7, 50)).toEqual(articles(small, 7, 50));
    expect(articles(small, 8, 50)).not.toEqual(articles(small, 7, 50));
  });

  it('numbers the articles from 1 and draws every field from the material or the options', () => {
    const sentences = new Set(small.sentences);
    for (const [n, article] of articles(small, 3, 200).entries()) {
      expect(article.id).toBe(String(n + 1));
      expect(small.headlines.map((headline) => headline.title)).toContain(article.title);
      expect(DEFAULT_GENERATE_OPTIONS.sources).toContain(article.source);
      expect(article.category).toHaveLength(1);
      for (const paragraph of article.body.split('\n\n')) {
        for (const sentence of splitSentences(paragraph)) expect(sentences).toContain(sentence);
      }
    }
  });

  it('keeps a headline with its own category', () => {
    for (const article of articles(small, 5, 100)) {
      if (article.title === 'Oil prices rise') expect(article.category).toEqual(['crude']);
    }
  });

  it('dates every article within the two decades 2000-2019, for any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        for (const article of articles(small, seed, 20)) {
          const time = Date.parse(article.date);
          expect(time).toBeGreaterThanOrEqual(FIRST);
          expect(time).toBeLessThan(END);
        }
      }),
      { seed: 12, numRuns: 100 },
    );
  });

  it('keeps every article between half and one and a half times the mean size, plus a sentence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        for (const article of articles(small, seed, 20)) {
          expect(bytes(article)).toBeGreaterThanOrEqual(DEFAULT_GENERATE_OPTIONS.meanBytes * 0.5);
          expect(bytes(article)).toBeLessThan(DEFAULT_GENERATE_OPTIONS.meanBytes * 1.5 + 70);
        }
      }),
      { seed: 13, numRuns: 100 },
    );
  });
});

describe('synthetic articles from the real corpora', () => {
  let material: Material;

  beforeAll(async () => {
    material = materialOf(await readSourceArticles());
  });

  it('gathers the headlines, sentences and categories of BBC and Reuters', () => {
    expect(material.headlines.length).toBe(23_397);
    expect(material.sentences.length).toBeGreaterThan(100_000);
    expect(material.categories).toContain('sport');
    expect(material.categories).toContain('earn');
  });

  it('averages about 2.3 KB of headline and body, like real news', () => {
    const sample = articles(material, 1, 2000);
    const mean = sample.reduce((sum, article) => sum + bytes(article), 0) / sample.length;
    expect(mean).toBeGreaterThan(2200);
    expect(mean).toBeLessThan(2500);
  });

  it('spreads the dates over the two decades, some in every year', () => {
    const years = new Set(articles(material, 2, 2000).map((article) => article.date.slice(0, 4)));
    expect([...years].sort()).toEqual(Array.from({ length: 20 }, (_, n) => String(2000 + n)));
  });
});
