import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../src/analysis/analyzer.ts';
import { readCorpus } from '../src/corpus/read.ts';
import { DEFAULT_POOL_OPTIONS } from '../src/engine/search-pool.ts';
import {
  createSegmentPool,
  DEFAULT_SEGMENT_POOL_OPTIONS,
} from '../src/index/segments/segment-pool.ts';
import type { Article } from '../src/types.ts';
import { moduleBeside } from '../src/workers.ts';
import { FIXTURES } from './helpers/temp-corpus.ts';

const ROOT = resolve(import.meta.dirname, '..');
const url = (path: string) => pathToFileURL(join(ROOT, path));

describe('worker threads', () => {
  it.each([
    ['src/engine/search-pool.ts', './search-worker', 'src/engine/search-worker.ts'],
    ['dist/engine/search-pool.js', './search-worker', 'dist/engine/search-worker.js'],
    ['dist/bench/scale/index-run.js', '../../index/snapshot', 'dist/index/snapshot.js'],
  ])('beside %s, name %s as %s', (base, path, expected) => {
    expect(moduleBeside(path, url(base).href).href).toBe(url(expected).href);
  });

  it('are the worker modules beside the pools, in the sources when the tests run them', () => {
    expect(DEFAULT_POOL_OPTIONS.workerUrl.href).toBe(url('src/engine/search-worker.ts').href);
    expect(DEFAULT_SEGMENT_POOL_OPTIONS.workerUrl.href).toBe(
      url('src/index/segments/segment-worker.ts').href,
    );
  });

  describe('started from the compiled dist/ and from the TypeScript sources', () => {
    let articles: Article[];
    beforeAll(async () => {
      articles = (await readCorpus(join(FIXTURES, 'mixed-corpus'))).articles;
    });

    const segmentsFrom = async (workerUrl: URL) => {
      // One article a segment, so that every one is written on the worker.
      const pool = createSegmentPool(createAnalyzer(), {
        workers: 1,
        segmentBytes: 1,
        groupSize: 0,
        workerUrl,
      });
      try {
        for (const article of articles) await pool.add(article);
        return await pool.finish();
      } finally {
        await pool.close();
      }
    };

    it('write the same segments', async () => {
      const compiled = await segmentsFrom(url('dist/index/segments/segment-worker.js'));
      const sources = await segmentsFrom(DEFAULT_SEGMENT_POOL_OPTIONS.workerUrl);
      expect(compiled.map((segment) => segment.store.ids)).toEqual(articles.map((a) => [a.id]));
      expect(compiled).toEqual(sources);
    });
  });
});
