import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { buildIndex, type NewsIndex } from '../../src/index/build.ts';
import {
  clusterMembers,
  clusterSize,
  findNearDuplicates,
  NO_CLUSTER,
} from '../../src/index/near-duplicates.ts';
import { jaccard, shingleSet, textStreams } from '../../src/index/shingles.ts';
import { readSnapshot, writeSnapshot } from '../../src/index/snapshot.ts';
import type { Article } from '../../src/types.ts';
import { article, snapshotInfo } from '../helpers/engine.ts';
import { makeTemp, removeTemp } from '../helpers/temp-corpus.ts';

const analyzer = createAnalyzer();

/** Words that the analyzer keeps as they are (no stemming changes two into one). */
const LEXICON = Array.from({ length: 3000 }, (_, i) => `zq${i.toString(36)}x`);

/** `count` seeded pseudo-random lexicon words: each seed is its own story. */
function story(seed: number, count: number): string[] {
  let state = seed * 2654435761 + 1;
  return Array.from({ length: count }, () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return LEXICON[state % LEXICON.length] ?? 'zqx';
  });
}

const text = (words: readonly string[]) => words.join(' ');

/** `words` with every `every`-th word replaced by a word from another story. */
function edited(words: readonly string[], every: number): string[] {
  const other = story(9999, words.length);
  return words.map((word, i) => (i % every === every - 1 ? (other[i] ?? word) : word));
}

const base = story(1, 200);
const day = (d: number) => `1987-03-${String(d).padStart(2, '0')}`;

const cases: [string, Article, Article, boolean][] = [
  [
    'the same story under another headline',
    article('a', 'Oil prices rise', text(base), { date: day(2) }),
    article('b', 'Crude climbs again', text(base), { date: day(2) }),
    true,
  ],
  [
    'a copy with one word in twenty changed',
    article('a', 'Story', text(base), { date: day(2) }),
    article('b', 'Story', text(edited(base, 20)), { date: day(3) }),
    true,
  ],
  [
    'a first take and the full story',
    article('a', 'Story', text(base.slice(0, 80)), { date: day(2) }),
    article('b', 'Story', text(base), { date: day(2) }),
    true,
  ],
  [
    'undated copies',
    article('a', 'Story', text(base)),
    article('b', 'Story', text(edited(base, 25))),
    true,
  ],
  [
    'two different stories',
    article('a', 'Story', text(base), { date: day(2) }),
    article('b', 'Story', text(story(2, 200)), { date: day(2) }),
    false,
  ],
  [
    'a copy with one word in four changed',
    article('a', 'Story', text(base), { date: day(2) }),
    article('b', 'Story', text(edited(base, 4)), { date: day(2) }),
    false,
  ],
  [
    'the same text filed ten days apart (a recurring report)',
    article('a', 'Weekly report', text(base), { date: day(2) }),
    article('b', 'Weekly report', text(base), { date: day(12) }),
    false,
  ],
  [
    'two short notices that differ in a name and a figure',
    article(
      'a',
      'Acme sets quarterly',
      'Qtly div 10 cts vs 10 cts prior pay April 1 record March 15',
    ),
    article(
      'b',
      'Bolt sets quarterly',
      'Qtly div 12 cts vs 12 cts prior pay April 1 record March 15',
    ),
    false,
  ],
  [
    'two identical lines too short to judge',
    article('a', 'Prices', 'zqa zqb zqc'),
    article('b', 'Prices', 'zqa zqb zqc'),
    false,
  ],
];

describe('near-duplicate detection', () => {
  it.each(cases)('%s: clustered = %s', (_name, first, second, together) => {
    const index = buildIndex([first, second, article('c', 'Other', text(story(3, 150)))], analyzer);
    const { of } = index.clusters;
    expect(of[0] !== NO_CLUSTER && of[0] === of[1]).toBe(together);
    expect(of[2]).toBe(NO_CLUSTER);
  });

  it('joins three copies into one cluster of three, numbered from 0 by first article', () => {
    const index = buildIndex(
      [
        article('solo', 'Other', text(story(5, 120))),
        article('a', 'One', text(base)),
        article('b', 'Two', text(edited(base, 30))),
        article('x', 'Else', text(story(6, 120))),
        article('c', 'Three', text(edited(base, 40))),
      ],
      analyzer,
    );
    expect([...index.clusters.of]).toEqual([NO_CLUSTER, 0, 0, NO_CLUSTER, 0]);
    expect([...clusterMembers(index.clusters, 0)]).toEqual([1, 2, 4]);
    expect(clusterSize(index.clusters, 2)).toBe(3);
    expect(clusterSize(index.clusters, 0)).toBe(1);
    expect(clusterMembers(index.clusters, 7)).toHaveLength(0);
  });

  it('finds the same clusters whatever the article order', () => {
    const articles = [
      article('a', 'One', text(base)),
      article('x', 'Else', text(story(6, 120))),
      article('b', 'Two', text(edited(base, 30))),
      article('y', 'Else', text(story(7, 120))),
      article('z', 'Again', text(story(7, 120))),
    ];
    const groups = (index: NewsIndex) =>
      Array.from({ length: index.clusters.offsets.length - 1 }, (_, c) =>
        [...clusterMembers(index.clusters, c)].map((doc) => index.store.ids[doc]).sort(),
      ).sort();
    const forward = buildIndex(articles, analyzer);
    const backward = buildIndex([...articles].reverse(), analyzer);
    expect(groups(forward)).toEqual([
      ['a', 'b'],
      ['y', 'z'],
    ]);
    expect(groups(backward)).toEqual(groups(forward));
  });

  it('reads headline and body streams back from the postings in word order', () => {
    const index = buildIndex([article('a', 'Alpha beta', 'gamma delta gamma')], analyzer);
    const streams = textStreams(index.postings);
    const words = [...streams.terms].map((term) => index.postings.terms[term]);
    expect(words).toEqual(['alpha', 'beta', 'gamma', 'delta', 'gamma']);
    expect([...streams.starts]).toEqual([0, 5]);
    expect(jaccard(shingleSet(streams, 0, 2), shingleSet(streams, 0, 2))).toBe(1);
  });

  it('can be tuned: a lower threshold joins what the default keeps apart', () => {
    const index = buildIndex(
      [article('a', 'Story', text(base)), article('b', 'Story', text(edited(base, 4)))],
      analyzer,
    );
    const loose = findNearDuplicates(index.postings, index.store.dates, {
      threshold: 0.05,
      containment: 1,
    });
    expect(loose.of[0]).toBe(loose.of[1]);
    expect(index.clusters.of[0]).toBe(NO_CLUSTER);
  });
});

describe('near-duplicate clusters in snapshots', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTemp();
  });
  afterAll(async () => {
    await removeTemp(dir);
  });

  it('are written and read back as they were built', async () => {
    const index = buildIndex(
      [
        article('a', 'One', text(base)),
        article('x', 'Else', text(story(6, 120))),
        article('b', 'Two', text(edited(base, 30))),
      ],
      analyzer,
    );
    const path = join(dir, 'clusters.snapshot');
    await writeSnapshot(path, index, snapshotInfo(index));
    const loaded = await readSnapshot(path, analyzer);
    expect(loaded.index.clusters).toEqual(index.clusters);
    expect(clusterSize(loaded.index.clusters, 2)).toBe(2);
  });
});
