import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { eachToken } from '../../src/analysis/tokenize.ts';
import {
  createIdStreamBuilder,
  createStreamBuilder,
  hashedStreams,
  singleStream,
  termHash,
  termStreamOfText,
} from '../../src/index/article-stream.ts';
import { buildIndex } from '../../src/index/build.ts';
import { eachTermId } from '../../src/index/term-ids.ts';
import { TermTable } from '../../src/index/term-table.ts';
import { article } from '../helpers/engine.ts';
import { anyText, newsText } from '../helpers/text-arbitraries.ts';

const analyzer = createAnalyzer();

/** Article 0's stream as the whole-corpus path reads it back from a fresh index. */
function indexedStream(title: string, body: string, others: readonly string[] = []) {
  const index = buildIndex(
    [article('a', title, body), ...others.map((text, i) => article(`o${i}`, text, text))],
    analyzer,
  );
  const streams = hashedStreams(index.postings);
  return {
    hashes: [...streams.terms.subarray(streams.starts[0], streams.starts[1])],
    headlineLength: streams.headlineLengths[0],
  };
}

const hashesOf = (terms: readonly string[]) => terms.map(termHash);

describe('term hashes', () => {
  it('hash the text of a term, so equal terms hash alike and the hash is 32 bits', () => {
    expect(termHash('oil')).toBe(termHash('oil'));
    expect(termHash('oil')).not.toBe(termHash('oils'));
    for (const term of ['', 'a', 'oil', 'pro', 'proiranian', 'İstanbul', '👍🏽']) {
      expect(Number.isInteger(termHash(term)) && termHash(term) >= 0).toBe(true);
      expect(termHash(term)).toBeLessThan(2 ** 32);
    }
  });

  it('give an article the same stream whatever the other articles (and so the term ids) are', () => {
    const alone = indexedStream('Oil prices rise', 'Crude oil rose on Monday.');
    const crowded = indexedStream('Oil prices rise', 'Crude oil rose on Monday.', [
      'aardvark abacus',
      'zebra oil',
      'monday prices',
    ]);
    expect(crowded).toEqual(alone);
  });
});

describe('termStreamOfText', () => {
  const cases: [string, string, string, string[], number][] = [
    ['plain words', 'Oil rises', 'Crude rose.', ['oil', 'rises', 'crude', 'rose'], 2],
    [
      'a compound keeps its first part, the lower term',
      'pro-Iranian rally',
      '',
      ['pro', 'iranian', 'rally'],
      3,
    ],
    ['an acronym compound', 'U.S.-led talks', '', ['us', 'led', 'talks'], 3],
    ['a lone combining mark leaves no gap', 'a \u0301 b', 'c', ['a', 'b', 'c'], 2],
    ['an empty headline', '', 'Body only', ['body', 'only'], 0],
  ];

  it.each(cases)('%s', (_name, title, body, terms, headlineLength) => {
    const stream = termStreamOfText(analyzer, title, body);
    expect([...stream.hashes]).toEqual(hashesOf(terms));
    expect(stream.headlineLength).toBe(headlineLength);
    expect({ hashes: [...stream.hashes], headlineLength }).toEqual(indexedStream(title, body));
  });

  it('gives exactly the stream the postings give, for any headline and body', () => {
    fc.assert(
      fc.property(fc.oneof(newsText, anyText), fc.oneof(newsText, anyText), (title, body) => {
        const stream = termStreamOfText(analyzer, title, body);
        expect({ hashes: [...stream.hashes], headlineLength: stream.headlineLength }).toEqual(
          indexedStream(title, body),
        );
      }),
      { seed: 12_401, numRuns: 150 },
    );
  });

  it('can be read as the streams of a corpus of one article', () => {
    const stream = termStreamOfText(analyzer, 'Oil', 'rises again');
    const view = singleStream(stream);
    expect([...view.starts]).toEqual([0, 3]);
    expect([...view.headlineLengths]).toEqual([1]);
    expect(view.terms).toBe(stream.hashes);
  });
});

describe('the stream builder', () => {
  it("builds from a token loop's terms what termStreamOfText gives, article after article", () => {
    const builder = createStreamBuilder();
    const articles: [string, string][] = [
      ['pro-Iranian rally', 'U.S.-led talks \u0301 resume'],
      ['', 'Body only'],
      ['Oil', ''],
    ];
    for (const [title, body] of articles) {
      const addTerm = (word: string, _start: number, _end: number, position: number) =>
        builder.add(position, analyzer.term(word));
      eachToken(title, addTerm);
      builder.endHeadline();
      eachToken(body, addTerm);
      expect(builder.finish()).toEqual(termStreamOfText(analyzer, title, body));
    }
  });

  it('counts every term as headline when the headline is never ended', () => {
    const builder = createStreamBuilder();
    builder.add(1, 'b');
    builder.add(0, 'ab');
    builder.add(0, 'a');
    expect(builder.finish()).toEqual({
      hashes: Uint32Array.from(hashesOf(['a', 'b'])),
      headlineLength: 2,
    });
  });
});

describe('the id stream builder', () => {
  it('gives the stream termStreamOfText gives, from the ids of one term table', () => {
    const analyzer = createAnalyzer();
    fc.assert(
      fc.property(fc.array(fc.tuple(anyText, newsText), { maxLength: 6 }), (articles) => {
        const table = new TermTable(analyzer);
        const builder = createIdStreamBuilder((id) => table.term(id));
        for (const [title, body] of articles) {
          eachTermId(title, table, (id, position) => builder.add(position, id));
          builder.endHeadline();
          eachTermId(body, table, (id, position) => builder.add(position, id));
          const stream = builder.finish();
          const expected = termStreamOfText(analyzer, title, body);
          expect([...stream.hashes]).toEqual([...expected.hashes]);
          expect(stream.headlineLength).toBe(expected.headlineLength);
        }
      }),
      { seed: 4242, numRuns: 300 },
    );
  });
});
