import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { readCorpus } from '../../../src/corpus/read.ts';
import { buildIndex, type NewsIndex } from '../../../src/index/build.ts';
import { fieldEntries, PostingsCursor } from '../../../src/index/postings.ts';
import { rebuild } from '../../../src/index/rebuild.ts';
import { createSegmentPool } from '../../../src/index/segments/segment-pool.ts';
import { readSnapshot } from '../../../src/index/snapshot.ts';
import type { Article } from '../../../src/types.ts';
import { CORPORA } from '../../helpers/temp-corpus.ts';

/** A BBC section: 511 business articles, about 1.2 MB of text. */
const CORPUS = join(CORPORA, 'bbc', 'business');

/** Every posting as text (term, field, doc, positions), the index's words, and its stored ids. */
function contents(index: NewsIndex) {
  const { postings } = index;
  const lines: string[] = [];
  postings.terms.forEach((term, t) => {
    for (const entry of fieldEntries(postings, t)) {
      const cursor = new PostingsCursor(postings, entry);
      while (cursor.next()) {
        lines.push(`${term} ${entry.field} ${cursor.doc} ${cursor.positions().join(',')}`);
      }
    }
  });
  return {
    lines,
    display: postings.display,
    fieldLength: [...postings.fieldLength],
    averageFieldLength: postings.averageFieldLength,
    ids: index.store.ids,
    keywords: index.store.ids.map((_, doc) => index.keywords.of(doc)),
    clusters: [...index.clusters.of],
  };
}

describe('segments written on worker threads', () => {
  let dir: string;
  let articles: Article[];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsdesk-pool-'));
    articles = (await readCorpus(CORPUS)).articles;
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('make the index one segment over the whole corpus makes', async () => {
    const out = join(dir, 'pooled.snapshot');
    const built = await rebuild({
      corpus: CORPUS,
      out,
      segments: { workers: 2, segmentBytes: 100_000 },
    });
    const oracle = buildIndex(articles, createAnalyzer());
    expect(contents(built.index)).toEqual(contents(oracle));
    const loaded = await readSnapshot(out);
    expect(contents(loaded.index)).toEqual(contents(oracle));
    expect(loaded.index.store.article(300)).toEqual(articles[300]);
  });

  /** The segments a two-worker pool returns for the section, in buffers of 50,000 code units. */
  async function pooled(groupSize: number) {
    const pool = createSegmentPool(createAnalyzer(), {
      workers: 2,
      segmentBytes: 50_000,
      groupSize,
    });
    try {
      for (const article of articles) await pool.add(article);
      return await pool.finish();
    } finally {
      await pool.close();
    }
  }

  it('come back in article order whichever worker finishes first', async () => {
    const segments = await pooled(0);
    expect(segments.length).toBeGreaterThan(10);
    expect(segments.flatMap((segment) => segment.store.ids)).toEqual(articles.map((a) => a.id));
  });

  it('come back merged in groups of consecutive segments, the leftover ones as written', async () => {
    const written = await pooled(0);
    const grouped = await pooled(4);
    const groups = Math.floor(written.length / 4);
    expect(grouped.length).toBe(groups + (written.length % 4));
    expect(grouped.slice(groups).map((segment) => segment.documentCount)).toEqual(
      written.slice(groups * 4).map((segment) => segment.documentCount),
    );
    expect(grouped.flatMap((segment) => segment.store.ids)).toEqual(articles.map((a) => a.id));
  });

  it('are written in the calling thread when the corpus is smaller than one buffer', async () => {
    const pool = createSegmentPool(createAnalyzer(), {
      workers: 2,
      workerUrl: new URL('file:///nonexistent/worker.js'),
    });
    for (const article of articles.slice(0, 20)) await pool.add(article);
    const segments = await pool.finish();
    await pool.close();
    expect(segments.map((segment) => segment.documentCount)).toEqual([20]);
  });

  it('name the failure when a worker cannot start, and the build stops', async () => {
    const pool = createSegmentPool(createAnalyzer(), {
      workers: 1,
      segmentBytes: 10_000,
      workerUrl: new URL('file:///nonexistent/worker.js'),
    });
    const adding = (async () => {
      for (const article of articles) await pool.add(article);
      return pool.finish();
    })();
    await expect(adding).rejects.toThrow(/worker/i);
    await pool.close();
  });
});
