import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { readCorpus } from '../../../src/corpus/read.ts';
import { buildIndex, type NewsIndex } from '../../../src/index/build.ts';
import { type Clusters, NO_CLUSTER } from '../../../src/index/near-duplicates.ts';
import { collapseRanked } from '../../../src/search/ranking/collapse.ts';
import type { Ranked } from '../../../src/search/ranking/rank.ts';
import { search } from '../../../src/search/search.ts';
import type { SearchResponse } from '../../../src/types.ts';
import { newsArticles } from '../../helpers/engine.ts';
import { CORPORA } from '../../helpers/temp-corpus.ts';

/** Clusters from one label per document (-1: none); labels used once are no cluster. */
function clustersFrom(labels: readonly number[]): Clusters {
  const groups = new Map<number, number[]>();
  labels.forEach((label, doc) => {
    if (label >= 0) groups.set(label, [...(groups.get(label) ?? []), doc]);
  });
  const real = [...groups.values()].filter((docs) => docs.length >= 2);
  const of = new Uint32Array(labels.length).fill(NO_CLUSTER);
  const offsets = [0];
  const members: number[] = [];
  real.forEach((docs, cluster) => {
    for (const doc of docs) of[doc] = cluster;
    members.push(...docs);
    offsets.push(members.length);
  });
  return { of, offsets: Uint32Array.from(offsets), members: Uint32Array.from(members) };
}

const listing = fc
  .array(fc.integer({ min: -1, max: 6 }), { minLength: 1, maxLength: 40 })
  .chain((labels) =>
    fc.record({
      labels: fc.constant(labels),
      order: fc.shuffledSubarray(
        labels.map((_, doc) => doc),
        { minLength: 0 },
      ),
    }),
  );

describe('collapsing a ranked list', () => {
  it('keeps the order, exactly one result per cluster (its best-ranked) and every unclustered one', () => {
    fc.assert(
      fc.property(listing, ({ labels, order }) => {
        const clusters = clustersFrom(labels);
        const ranked: Ranked[] = order.map((doc, i) => ({ doc, score: -i, tier: 0 }));
        const kept = collapseRanked(ranked, clusters).map((hit) => hit.doc);
        expect(kept).toEqual(order.filter((doc) => kept.includes(doc)));
        const clusterOf = (doc: number) => clusters.of[doc] ?? NO_CLUSTER;
        for (const doc of order) {
          const cluster = clusterOf(doc);
          if (cluster === NO_CLUSTER) expect(kept).toContain(doc);
          else expect(kept).toContain(order.find((other) => clusterOf(other) === cluster));
        }
        const keptClusters = kept.map(clusterOf).filter((cluster) => cluster !== NO_CLUSTER);
        expect(new Set(keptClusters).size).toBe(keptClusters.length);
      }),
      { seed: 20261201, numRuns: 300 },
    );
  });
});

const withoutTime = ({ tookMs: _t, ...rest }: SearchResponse) => rest;

describe('collapse in search', () => {
  const index = buildIndex(newsArticles(), createAnalyzer());

  it('changes nothing when off, for any query word of the corpus', () => {
    const words = ['oil', 'prices', 'bank', 'rates', 'election', 'market', 'the', 'zzz'];
    fc.assert(
      fc.property(fc.subarray(words, { minLength: 1, maxLength: 3 }), (picked) => {
        const query = picked.join(' ');
        expect(withoutTime(search(index, { query, collapse: false }))).toEqual(
          withoutTime(search(index, { query })),
        );
      }),
      { seed: 7, numRuns: 40 },
    );
  });
});

describe('collapse on Reuters', () => {
  let reuters: NewsIndex;
  beforeAll(async () => {
    const read = await readCorpus(`${CORPORA}/reuters21578`, {
      exclude: ['*.lc.txt', 'cat-descriptions*'],
    });
    reuters = buildIndex(read.articles, createAnalyzer());
  }, 120_000);

  const jamaica = (response: SearchResponse) =>
    response.hits.filter((hit) => hit.title === 'JAMAICA PUTS CAP ON BORROWING');

  it('shows "JAMAICA PUTS CAP ON BORROWING" once for government borrowing, with 2 versions', () => {
    const collapsed = search(reuters, { query: 'government borrowing', size: 50, collapse: true });
    const [hit, ...more] = jamaica(collapsed);
    expect(more).toEqual([]);
    expect(hit?.cluster?.size).toBe(2);
    expect(hit?.similar).toBe(1);
    const every = search(reuters, { query: 'government borrowing', size: 50 });
    expect(jamaica(every)).toHaveLength(2);
    expect(collapsed.total + (collapsed.collapsed ?? 0)).toBe(every.total);
    const versions = search(reuters, { query: 'government borrowing', cluster: hit?.cluster?.id });
    expect(versions.hits.map((version) => version.title)).toEqual([
      'JAMAICA PUTS CAP ON BORROWING',
      'JAMAICA PUTS CAP ON BORROWING',
    ]);
  });

  it('pages through collapsed results without repeating or skipping one', () => {
    const query = 'oil prices';
    const whole = search(reuters, { query, size: 60, collapse: true }).hits.map((hit) => hit.id);
    const paged = [1, 2, 3].flatMap((page) =>
      search(reuters, { query, size: 20, page, collapse: true }).hits.map((hit) => hit.id),
    );
    expect(paged).toEqual(whole);
    expect(new Set(paged).size).toBe(paged.length);
  });

  it.each(['oil', 'government borrowing', 'wheat'])(
    'counts stories in the facets and the timeline of %s, as many as choosing one then lists',
    (query) => {
      const found = search(reuters, { query, collapse: true });
      for (const { value, count } of found.facets.category.slice(0, 5)) {
        expect(search(reuters, { query, collapse: true, categories: [value] }).total).toBe(count);
      }
      for (const { value, count } of found.facets.source) {
        expect(search(reuters, { query, collapse: true, sources: [value] }).total).toBe(count);
      }
      for (const bucket of found.histogram.buckets) {
        const dates = { from: bucket.from, to: bucket.to };
        expect(search(reuters, { query, collapse: true, dates }).total).toBe(bucket.count);
      }
      const articles = search(reuters, { query });
      const sum = (response: SearchResponse) =>
        response.histogram.buckets.reduce((total, bucket) => total + bucket.count, 0);
      expect(sum(found)).toBeLessThan(sum(articles));
    },
  );
});
