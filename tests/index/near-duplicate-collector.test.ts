import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { readCorpus } from '../../src/corpus/read.ts';
import {
  type ArticleStream,
  hashedStreams,
  termStreamOfText,
} from '../../src/index/article-stream.ts';
import { buildIndex, type NewsIndex } from '../../src/index/build.ts';
import {
  createNearDuplicateCollector,
  type NearDuplicateCollectorOptions,
} from '../../src/index/near-duplicate-collector.ts';
import { createArticleSummarizer } from '../../src/index/near-duplicate-summary.ts';
import { NO_CLUSTER } from '../../src/index/near-duplicates.ts';
import type { Article } from '../../src/types.ts';
import { article } from '../helpers/engine.ts';
import { CORPORA } from '../helpers/temp-corpus.ts';

const analyzer = createAnalyzer();

/** Words the analyzer keeps as they are. */
const LEXICON = Array.from({ length: 400 }, (_, i) => `zq${i.toString(36)}x`);

function words(seed: number, count: number): string[] {
  let state = seed * 2654435761 + 1;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return LEXICON[(state >>> 8) % LEXICON.length] ?? 'zqx';
  });
}

/** A copy of a story: every `every`-th word swapped, cut to a share, maybe re-headlined, dated. */
interface CopySpec {
  every: number;
  keep: number;
  headline: number;
  day: number | undefined;
}

interface StorySpec {
  seed: number;
  length: number;
  copies: CopySpec[];
}

const copySpec: fc.Arbitrary<CopySpec> = fc.record({
  every: fc.integer({ min: 2, max: 40 }),
  keep: fc.double({ min: 0.2, max: 1, noNaN: true }),
  headline: fc.integer({ min: 0, max: 3 }),
  day: fc.option(fc.integer({ min: 0, max: 8 }), { nil: undefined }),
});

const storySpec: fc.Arbitrary<StorySpec> = fc.record({
  seed: fc.integer({ min: 1, max: 10_000 }),
  length: fc.integer({ min: 3, max: 160 }),
  copies: fc.array(copySpec, { maxLength: 4 }),
});

const HEADLINES = ['Oil prices rise again', 'Story', 'Bank cuts its rates', 'Weekly report'];

/** Each story and its planted near-duplicates, as articles. */
function plantedCorpus(stories: readonly StorySpec[]): Article[] {
  const articles: Article[] = [];
  stories.forEach((story, s) => {
    const base = words(story.seed, story.length);
    const other = words(story.seed + 77_777, story.length);
    const versions = [{ every: 10_000, keep: 1, headline: s % 4, day: s % 9 }, ...story.copies];
    versions.forEach((copy, c) => {
      const text = base
        .slice(0, Math.max(1, Math.round(base.length * copy.keep)))
        .map((word, i) => (i % copy.every === copy.every - 1 ? (other[i] ?? word) : word));
      const date =
        copy.day === undefined ? {} : { date: `1987-03-${String(copy.day + 1).padStart(2, '0')}` };
      articles.push(article(`s${s}c${c}`, HEADLINES[copy.headline] ?? '', text.join(' '), date));
    });
  });
  return articles;
}

const optionsSpec: fc.Arbitrary<NearDuplicateCollectorOptions> = fc.record(
  {
    shingleWords: fc.integer({ min: 1, max: 6 }),
    bins: fc.constantFrom(8, 16, 64),
    rows: fc.integer({ min: 1, max: 4 }),
    threshold: fc.double({ min: 0.2, max: 0.9, noNaN: true }),
    shortShingles: fc.integer({ min: 0, max: 80 }),
    minShingles: fc.integer({ min: 1, max: 10 }),
    bucketReach: fc.integer({ min: 1, max: 4 }),
    maxDaysApart: fc.constantFrom(1, 3.5, 100),
    cachedArticles: fc.integer({ min: 0, max: 8 }),
  },
  { requiredKeys: [] },
);

/** Feeds every article of `index` (in `order`) to a collector; its clusters and stream requests. */
function collect(
  index: NewsIndex,
  order: readonly number[],
  options: NearDuplicateCollectorOptions,
) {
  const streamOf = (doc: number): ArticleStream => {
    const { title, body } = index.store.article(doc);
    return termStreamOfText(analyzer, title, body);
  };
  const collector = createNearDuplicateCollector(Math.max(1, order.length >> 1), options);
  for (const doc of order) {
    const { hashes, headlineLength } = streamOf(doc);
    collector.add(doc, hashes, headlineLength, index.store.dates[doc] ?? Number.NaN);
  }
  const asked: number[] = [];
  const clusters = collector.finish((doc) => {
    asked.push(doc);
    return streamOf(doc);
  }, index.store.count);
  return { clusters, asked, stats: collector.stats };
}

describe('the streaming near-duplicate collector', () => {
  it('finds exactly the clusters of the whole-corpus path over corpora with planted copies', () => {
    fc.assert(
      fc.property(
        fc.array(storySpec, { minLength: 1, maxLength: 7 }),
        optionsSpec,
        fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
        (stories, options, keys) => {
          const articles = plantedCorpus(stories);
          const index = buildIndex(articles, analyzer, { nearDuplicates: options });
          // Added in a shuffled order: the collector keeps nothing that depends on it.
          const key = (doc: number) => keys[doc % keys.length] ?? 0;
          const order = articles.map((_, doc) => doc).sort((a, b) => key(a) - key(b) || a - b);
          const { clusters, asked, stats } = collect(index, order, options);
          expect(clusters).toEqual(index.clusters);
          expect(asked.length).toBe(stats.streamCalls);
          expect(stats.streamCalls).toBeLessThanOrEqual(2 * stats.comparedPairs);
        },
      ),
      { seed: 12_402, numRuns: 120 },
    );
  });

  it('asks for each article at most once when the cache holds them all', () => {
    const articles = plantedCorpus([
      { seed: 1, length: 120, copies: [{ every: 30, keep: 1, headline: 1, day: 0 }] },
      { seed: 2, length: 90, copies: [{ every: 20, keep: 0.6, headline: 2, day: 1 }] },
      { seed: 3, length: 70, copies: [] },
    ]);
    const index = buildIndex(articles, analyzer);
    const { clusters, asked } = collect(
      index,
      articles.map((_, doc) => doc),
      {
        cachedArticles: articles.length,
      },
    );
    expect(clusters).toEqual(index.clusters);
    expect(new Set(asked).size).toBe(asked.length);
    expect(clusters.of[0]).not.toBe(NO_CLUSTER);
  });

  it('finds the same clusters from summaries made apart (as in a worker) as from streams', () => {
    const articles = plantedCorpus([
      { seed: 4, length: 150, copies: [{ every: 25, keep: 0.9, headline: 0, day: 2 }] },
      { seed: 5, length: 40, copies: [{ every: 40, keep: 1, headline: 3, day: undefined }] },
      { seed: 6, length: 5, copies: [] },
    ]);
    const options = { bins: 32, rows: 2 };
    const index = buildIndex(articles, analyzer, { nearDuplicates: options });
    const summarizer = createArticleSummarizer(options);
    const collector = createNearDuplicateCollector(articles.length, options);
    const streamOf = (doc: number) => {
      const { title, body } = index.store.article(doc);
      return termStreamOfText(analyzer, title, body);
    };
    articles.forEach((_, doc) => {
      const { hashes, headlineLength } = streamOf(doc);
      collector.addSummary(
        doc,
        summarizer.summarize(hashes, headlineLength),
        index.store.dates[doc] ?? Number.NaN,
      );
    });
    expect(collector.finish(streamOf)).toEqual(index.clusters);
    expect(index.clusters.offsets.length - 1).toBe(2);
    const stranger = createArticleSummarizer({ bins: 64 }).summarize(new Uint32Array(20), 0);
    expect(() => collector.addSummary(0, stranger, Number.NaN)).toThrow(
      /summarizer and collector options differ/,
    );
  });

  it('takes the outcomes judged by an earlier finish instead of reading those articles again, and finds the same clusters', () => {
    fc.assert(
      fc.property(
        fc.array(storySpec, { minLength: 1, maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }),
        (stories, forget) => {
          const articles = plantedCorpus(stories);
          const index = buildIndex(articles, analyzer);
          const order = articles.map((_, doc) => doc);
          const first = createNearDuplicateCollector(articles.length);
          const streamOf = (doc: number): ArticleStream => {
            const { title, body } = index.store.article(doc);
            return termStreamOfText(analyzer, title, body);
          };
          for (const doc of order) {
            const { hashes, headlineLength } = streamOf(doc);
            first.add(doc, hashes, headlineLength, index.store.dates[doc] ?? Number.NaN);
          }
          const clusters = first.finish(streamOf, articles.length);
          const judged = first.judged();
          // Some outcomes are forgotten: those pairs are compared again.
          const known = new Map<string, boolean>();
          judged.later.forEach((later, n) => {
            if (!forget[n % forget.length]) {
              known.set(`${judged.earlier[n]} ${later}`, judged.alike[n] === 1);
            }
          });
          const asked: number[] = [];
          const again = first.finish(
            (doc) => {
              asked.push(doc);
              return streamOf(doc);
            },
            articles.length,
            { outcome: (earlier, later) => known.get(`${earlier} ${later}`) },
          );
          expect(again).toEqual(clusters);
          expect(first.stats.knownPairs).toBe(known.size);
          expect(first.stats.comparedPairs).toBe(judged.later.length);
          if (known.size === judged.later.length) expect(asked).toEqual([]);
          expect(first.judged()).toEqual(judged);
        },
      ),
      { seed: 20_261_201, numRuns: 60 },
    );
  });

  it('puts an article never added in no cluster', () => {
    const collector = createNearDuplicateCollector(1);
    const stream = termStreamOfText(analyzer, 'Story', words(5, 100).join(' '));
    collector.add(0, stream.hashes, stream.headlineLength, Number.NaN);
    collector.add(2, stream.hashes, stream.headlineLength, Number.NaN);
    const clusters = collector.finish(() => stream, 4);
    expect([...clusters.of]).toEqual([0, NO_CLUSTER, 0, NO_CLUSTER]);
  });
});

describe('the collector over BBC and Reuters', () => {
  let index: NewsIndex;
  beforeAll(async () => {
    const bbc = (await readCorpus(join(CORPORA, 'bbc'))).articles;
    const reuters = await readCorpus(join(CORPORA, 'reuters21578'), {
      exclude: ['*.lc.txt', 'cat-descriptions*'],
    });
    index = buildIndex([...bbc, ...reuters.articles], analyzer);
  }, 120_000);

  it('reads every article from its text as the postings give it, and finds the same clusters', () => {
    const streams = hashedStreams(index.postings);
    const collector = createNearDuplicateCollector(index.store.count);
    const differing: string[] = [];
    for (let doc = 0; doc < index.store.count; doc++) {
      const { title, body } = index.store.article(doc);
      const stream = termStreamOfText(analyzer, title, body);
      const from = streams.starts[doc] ?? 0;
      const expected = streams.terms.subarray(from, streams.starts[doc + 1]);
      const same =
        stream.headlineLength === streams.headlineLengths[doc] &&
        stream.hashes.length === expected.length &&
        stream.hashes.every((hash, i) => hash === expected[i]);
      if (!same) differing.push(index.store.ids[doc] ?? String(doc));
      collector.add(
        doc,
        stream.hashes,
        stream.headlineLength,
        index.store.dates[doc] ?? Number.NaN,
      );
    }
    expect(differing).toEqual([]);
    const asked: number[] = [];
    const clusters = collector.finish((doc) => {
      asked.push(doc);
      const { title, body } = index.store.article(doc);
      return termStreamOfText(analyzer, title, body);
    });
    expect(clusters).toEqual(index.clusters);
    // Each article in a compared pair is read once: the fewest reads any exact check needs.
    expect(new Set(asked).size).toBe(asked.length);
    expect(asked.length).toBeLessThan(index.store.count);
  }, 120_000);
});
