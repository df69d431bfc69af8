import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { readCorpus } from '../../../src/corpus/read.ts';
import { termEntries } from '../../../src/index/codec/blocks.ts';
import { BlockCursor, NO_MORE_DOCS } from '../../../src/index/codec/read.ts';
import { INDEX_FIELDS } from '../../../src/index/fields.ts';
import type { Segment } from '../../../src/index/segments/segment.ts';
import {
  type SplicedSegments,
  type SpliceRun,
  spliceSegments,
} from '../../../src/index/segments/splice-segments.ts';
import { writeSegment } from '../../../src/index/segments/write-segment.ts';
import { createStore, jsonTexts } from '../../../src/index/store.ts';
import { blocksFit, textDictionary } from '../../../src/index/store-blocks.ts';
import type { Article } from '../../../src/types.ts';
import { postingLines } from '../../helpers/postings-checks.ts';
import { CORPORA } from '../../helpers/temp-corpus.ts';

const analyzer = createAnalyzer();

/** Small text blocks, so that runs cut many of them. */
const BLOCK_BYTES = 600;

/** Each field's mean length, summed in document order. */
function meanLengths(fieldLength: Uint32Array, documents: number): number[] {
  return INDEX_FIELDS.map((_, f) => {
    let total = 0;
    for (let n = 0; n < documents; n++) total += fieldLength[n * INDEX_FIELDS.length + f] ?? 0;
    return total / Math.max(documents, 1);
  });
}

/** The splice holds exactly what one segment over `kept` holds; its cursors jump where a scan lands. */
function expectSameAsOneSegment(
  spliced: SplicedSegments,
  kept: readonly Article[],
  targets: readonly number[],
) {
  const oracle = writeSegment(kept, analyzer, { blockBytes: BLOCK_BYTES });
  expect(spliced.documentCount).toBe(kept.length);
  expect(spliced.terms).toEqual(oracle.terms);
  const lines = postingLines(spliced.lists, spliced.terms);
  expect(lines).toEqual(postingLines(oracle.lists, oracle.terms));
  expect(spliced.fieldLength).toEqual(oracle.fieldLength);
  expect(spliced.averageFieldLength).toEqual(meanLengths(oracle.fieldLength, kept.length));
  expect(spliced.summaryLength).toBe(oracle.summaryLength);
  expect(spliced.summaries).toEqual(oracle.summaries);
  const { store } = spliced;
  expect(store.ids).toEqual(oracle.store.ids);
  expect(store.dates).toEqual(oracle.store.dates);
  expect(store.sources).toEqual(oracle.store.sources);
  expect(store.categories).toEqual(oracle.store.categories);
  expect(blocksFit(store.text, kept.length)).toBe(true);
  const read = createStore(store);
  kept.forEach((article, n) => {
    expect(read.article(n)).toEqual(article);
  });
  expectAdvances(spliced, targets);
}

/** For a few terms, `advance` to ascending targets lands where a scan of its documents does. */
function expectAdvances(spliced: SplicedSegments, targets: readonly number[]) {
  const { lists, terms } = spliced;
  for (let t = 0; t < terms.length; t += Math.max(1, Math.floor(terms.length / 8))) {
    for (const entry of termEntries(lists, t)) {
      const docs: number[] = [];
      const scan = new BlockCursor(lists, entry);
      while (scan.next()) docs.push(scan.doc);
      const jump = new BlockCursor(lists, entry);
      for (const target of [...targets].sort((a, b) => a - b)) {
        const expected = docs.find((doc) => doc >= Math.max(target, jump.doc));
        expect(jump.advance(target)).toBe(expected !== undefined);
        expect(jump.doc).toBe(expected ?? NO_MORE_DOCS);
      }
    }
  }
}

/** The articles the runs take, in run order. */
const keptArticles = (sources: readonly (readonly Article[])[], runs: readonly SpliceRun[]) =>
  runs.flatMap((run) => (sources[run.source] ?? []).slice(run.from, run.to));

/** Runs over sources of `sizes`: each (source, two cut points) made valid, maybe empty. */
const runsOver = (sizes: readonly number[], most: number) =>
  fc.array(fc.tuple(fc.nat(sizes.length - 1), fc.nat(), fc.nat()), { maxLength: most }).map((raw) =>
    raw.map(([source, a, b]): SpliceRun => {
      const size = (sizes[source] ?? 0) + 1;
      return { source, from: Math.min(a % size, b % size), to: Math.max(a % size, b % size) };
    }),
  );

const WORDS = [
  'the',
  'the',
  'the',
  'of',
  'oil',
  'prices',
  'minister',
  'Chelsea',
  'elections',
  'elected',
  'striker',
  'bank',
  'banks',
  'U.S.',
  'growth',
  'tanker',
  'rare',
  'merger',
];

const words = (most: number) =>
  fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: most }).map((w) => w.join(' '));

const articleArb = fc.record(
  {
    title: words(6),
    body: words(50),
    date: fc.constantFrom('2004-06-01', '1987-02-26T15:01:01.790Z', '2019-12-31'),
    source: fc.constantFrom('Reuters', 'BBC', 'AP'),
    category: fc.uniqueArray(fc.constantFrom('sport', 'crude', 'tech', 'acq'), { maxLength: 3 }),
    author: fc.constantFrom('Ann Lee', 'Bo Chan'),
  },
  { requiredKeys: ['title', 'body'] },
);

/** Sources of random articles, each with its own ids. */
const sourcesArb = fc.array(fc.array(articleArb, { maxLength: 170 }), {
  minLength: 1,
  maxLength: 3,
});

function named(sources: readonly (readonly Omit<Article, 'id' | 'origin'>[])[]): Article[][] {
  return sources.map((articles, s) =>
    articles.map((article, n) => ({
      ...article,
      id: `s${s}/${n}`,
      origin: { file: `s${s}/${n}` },
    })),
  );
}

/** Each source as a segment, all with one preset dictionary (the first articles'). */
function segmentsOf(sources: readonly (readonly Article[])[]): Segment[] {
  const dictionary = textDictionary(jsonTexts(sources.flat()));
  return sources.map((articles) =>
    writeSegment(articles, analyzer, { dictionary, blockBytes: BLOCK_BYTES }),
  );
}

describe('spliced segments', () => {
  it('hold exactly what one segment over the runs’ articles, in run order, holds', () => {
    fc.assert(
      fc.property(
        sourcesArb.chain((raw) =>
          fc.tuple(
            fc.constant(named(raw)),
            runsOver(
              raw.map((articles) => articles.length),
              6,
            ),
            fc.array(fc.nat(700), { maxLength: 10 }),
          ),
        ),
        ([sources, runs, targets]) => {
          const spliced = spliceSegments(segmentsOf(sources), runs);
          expectSameAsOneSegment(spliced, keptArticles(sources, runs), targets);
        },
      ),
      { seed: 20260412, numRuns: 60 },
    );
  });

  it('copy the stored text blocks of whole runs unchanged, and let them go with consume', () => {
    const sources = named([
      Array.from({ length: 60 }, (_, n) => ({ title: `oil ${n}`, body: 'the tanker '.repeat(n) })),
      Array.from({ length: 40 }, (_, n) => ({ title: `bank ${n}`, body: 'growth '.repeat(n) })),
    ]);
    const segments = segmentsOf(sources);
    const whole = segments.map((segment) => segment.store.text.blocks.slice());
    const runs = [
      { source: 0, from: 0, to: 60 },
      { source: 1, from: 0, to: 40 },
    ];
    const spliced = spliceSegments(segments, runs, { consume: true });
    expect(Buffer.from(spliced.store.text.blocks)).toEqual(Buffer.concat(whole));
    expect(segments.map((segment) => segment.store.text.blocks.length)).toEqual([0, 0]);
    expectSameAsOneSegment(spliced, keptArticles(sources, runs), [0, 50, 99]);
    const cut = segmentsOf(sources);
    const cutRuns = [
      { source: 1, from: 1, to: 2 },
      { source: 0, from: 3, to: 58 },
    ];
    const again = spliceSegments(cut, cutRuns, { consume: true });
    expect(cut.map((segment) => segment.store.text.blocks.length)).toEqual([0, 0]);
    expectSameAsOneSegment(again, keptArticles(sources, cutRuns), [0, 30]);
  });

  it('refuse sources compressed with different dictionaries, and runs outside their source', () => {
    const [first, second] = named([
      [{ title: 'oil', body: 'prices' }],
      [{ title: 'bank', body: 'growth' }],
    ]).map((articles) => writeSegment(articles, analyzer));
    if (!first || !second) throw new Error('no segments');
    const both = [
      { source: 0, from: 0, to: 1 },
      { source: 1, from: 0, to: 1 },
    ];
    expect(() => spliceSegments([first, second], both)).toThrow(/different dictionaries/);
    expect(() => spliceSegments([first], [{ source: 0, from: 0, to: 2 }])).toThrow(RangeError);
    expect(() => spliceSegments([first], [{ source: 1, from: 0, to: 0 }])).toThrow(RangeError);
  });
});

describe('spliced segments of real articles', () => {
  let old: Article[] = [];
  let fresh: Article[] = [];
  beforeAll(async () => {
    const bbc = (await readCorpus(join(CORPORA, 'bbc'))).articles;
    const reuters = (
      await readCorpus(join(CORPORA, 'reuters21578'), {
        exclude: ['*.lc.txt', 'cat-descriptions*'],
      })
    ).articles;
    old = [...bbc.filter((_, i) => i % 9 === 0), ...reuters.filter((_, i) => i % 70 === 0)];
    fresh = [...bbc.filter((_, i) => i % 9 === 4).slice(0, 60), ...reuters.slice(5, 60)];
  });

  it('hold what one segment over the kept BBC and Reuters articles holds, cut anywhere', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.nat(old.length), { minLength: 6, maxLength: 6 }),
        fc.uniqueArray(fc.nat(fresh.length), { minLength: 2, maxLength: 2 }),
        fc.array(fc.nat(old.length + fresh.length), { maxLength: 10 }),
        (rawCuts, rawInserts, targets) => {
          // old[0, a) + new[0, x) + old[b, c) + new[x, y) + old[d, e) … : three stretches dropped.
          const [a, b, c, d, e, f] = [...rawCuts].sort((p, q) => p - q);
          const [x, y] = [...rawInserts].sort((p, q) => p - q);
          const runs = [
            { source: 0, from: 0, to: a ?? 0 },
            { source: 1, from: 0, to: x ?? 0 },
            { source: 0, from: b ?? 0, to: c ?? 0 },
            { source: 1, from: x ?? 0, to: y ?? 0 },
            { source: 0, from: d ?? 0, to: e ?? 0 },
            { source: 1, from: y ?? 0, to: fresh.length },
            { source: 0, from: f ?? 0, to: old.length },
          ];
          const spliced = spliceSegments(segmentsOf([old, fresh]), runs);
          expectSameAsOneSegment(spliced, keptArticles([old, fresh], runs), targets);
        },
      ),
      { seed: 7, numRuns: 4 },
    );
  });
});
