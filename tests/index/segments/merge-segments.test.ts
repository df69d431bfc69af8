import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { readCorpus } from '../../../src/corpus/read.ts';
import { mergeSegments } from '../../../src/index/segments/merge-segments.ts';
import { writeSegment } from '../../../src/index/segments/write-segment.ts';
import { createStore, jsonTexts } from '../../../src/index/store.ts';
import { textDictionary } from '../../../src/index/store-blocks.ts';
import type { Article } from '../../../src/types.ts';
import { postingLines } from '../../helpers/postings-checks.ts';
import { CORPORA } from '../../helpers/temp-corpus.ts';

describe('merged segments', () => {
  let articles: Article[] = [];
  beforeAll(async () => {
    const bbc = (await readCorpus(join(CORPORA, 'bbc'))).articles;
    articles = bbc.filter((_, i) => i % 3 === 0);
  });

  it('hold exactly what one segment over all the articles holds', () => {
    const analyzer = createAnalyzer();
    const whole = writeSegment(articles, analyzer);
    const cuts = [0, 1, 90, 400, articles.length];
    // One dictionary for the stored text of every segment: the corpus's first articles'.
    const dictionary = textDictionary(jsonTexts(articles));
    const parts = cuts
      .slice(1)
      .map((end, i) => writeSegment(articles.slice(cuts[i], end), analyzer, { dictionary }));
    expect(() =>
      mergeSegments([writeSegment(articles.slice(10, 15), analyzer), ...parts.slice(1)], analyzer),
    ).toThrow(/different dictionaries/);
    const merged = mergeSegments(parts, analyzer);
    expect(merged.documentCount).toBe(articles.length);
    expect(merged.terms).toEqual(whole.terms);
    expect(postingLines(merged.lists, merged.terms)).toEqual(
      postingLines(whole.lists, whole.terms),
    );
    expect(merged.fieldLength).toEqual(whole.fieldLength);
    const single = mergeSegments([whole], analyzer);
    expect(merged.display).toEqual(single.display);
    expect(merged.averageFieldLength).toEqual(single.averageFieldLength);
    const store = createStore(merged.store);
    const oracle = createStore(whole.store);
    expect(merged.store.ids).toEqual(whole.store.ids);
    expect(merged.store.dates).toEqual(whole.store.dates);
    for (let n = 0; n < articles.length; n += 37)
      expect(store.article(n)).toEqual(oracle.article(n));
    expect(store.article(articles.length - 1)).toEqual(articles.at(-1));
    const categories = (s: typeof store) =>
      Array.from({ length: articles.length }, (_, n) => {
        const c = s.categories;
        return Array.from(c.ids.subarray(c.offsets[n], c.offsets[n + 1]), (id) => c.values[id]);
      });
    expect(categories(store)).toEqual(categories(oracle));
  });
});
