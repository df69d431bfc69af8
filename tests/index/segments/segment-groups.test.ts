import { join } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { readCorpus } from '../../../src/corpus/read.ts';
import { mergeSegments } from '../../../src/index/segments/merge-segments.ts';
import type { Segment } from '../../../src/index/segments/segment.ts';
import { SegmentGroups } from '../../../src/index/segments/segment-groups.ts';
import { writeSegment } from '../../../src/index/segments/write-segment.ts';
import { jsonTexts } from '../../../src/index/store.ts';
import { textDictionary } from '../../../src/index/store-blocks.ts';
import type { Article } from '../../../src/types.ts';
import { postingLines } from '../../helpers/postings-checks.ts';
import { CORPORA } from '../../helpers/temp-corpus.ts';

/** Segments of `articles` cut at `cuts`, their stored text compressed with one dictionary. */
function segmentsAt(articles: readonly Article[], cuts: readonly number[]): Segment[] {
  const analyzer = createAnalyzer();
  const dictionary = textDictionary(jsonTexts(articles));
  const ends = [...cuts, articles.length];
  return ends.map((end, i) =>
    writeSegment(articles.slice(i === 0 ? 0 : ends[i - 1], end), analyzer, { dictionary }),
  );
}

describe('segment groups', () => {
  let articles: Article[] = [];
  beforeAll(async () => {
    const bbc = (await readCorpus(join(CORPORA, 'bbc', 'politics'))).articles;
    articles = bbc.slice(0, 120);
  });

  it('merge, whatever the group size and arrival order, into what merging every segment makes', () => {
    const analyzer = createAnalyzer();
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 119 }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer(),
        (cuts, size, seed) => {
          const sorted = [...cuts].sort((a, b) => a - b);
          const segments = segmentsAt(articles, sorted);
          // Not consumed: the groups below take the same segments.
          const oracle = mergeSegments(segments, analyzer);
          const groups = new SegmentGroups(analyzer, size);
          const arrivals = segments.map((segment, seq) => ({ segment, seq }));
          // Workers finish out of turn: a seeded shuffle of the arrivals.
          let state = seed >>> 0;
          for (let i = arrivals.length - 1; i > 0; i--) {
            state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
            const j = state % (i + 1);
            const swapped = arrivals[i];
            const other = arrivals[j];
            if (swapped && other) [arrivals[i], arrivals[j]] = [other, swapped];
          }
          for (const arrival of arrivals) if (arrival) groups.add(arrival.seq, arrival.segment);
          const grouped = groups.finish();
          const written = sorted.length + 1;
          const left = size >= 2 ? Math.floor(written / size) + (written % size) : written;
          expect(grouped.length).toBe(left);
          const { lists, ...rest } = mergeSegments(grouped, analyzer);
          const { lists: oracleLists, ...oracleRest } = oracle;
          expect(rest).toEqual(oracleRest);
          // Short lists' pieces may be packed into blocks differently: the same postings.
          expect(postingLines(lists, rest.terms)).toEqual(postingLines(oracleLists, oracle.terms));
        },
      ),
      { seed: 12, numRuns: 5 },
    );
  });

  it('refuse to finish while a segment before others is missing', () => {
    const analyzer = createAnalyzer();
    const [first, second] = segmentsAt(articles, [70]);
    const groups = new SegmentGroups(analyzer, 4);
    if (second) groups.add(1, second);
    expect(() => groups.finish()).toThrow(/segment 0 was never written/);
    if (first) groups.add(0, first);
    expect(groups.finish().map((segment) => segment.documentCount)).toEqual([70, 50]);
  });
});
