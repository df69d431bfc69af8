/** The scale benchmark's `newsdesk index` runs: peak RSS by either means, and a failure as a figure. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInChild, runIndex } from '../../src/bench/scale/index-run.ts';
import { FIXTURES, makeTemp, removeTemp } from '../helpers/temp-corpus.ts';

const CORPUS = join(FIXTURES, 'mixed-corpus');

describe('runIndex', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await makeTemp('newsdesk-scale-index-');
  });

  afterAll(async () => {
    await removeTemp(dir);
  });

  it.each([
    ['/usr/bin/time when it exists', '/usr/bin/time'],
    ["the child's own maxRSS without it", join('/nonexistent', 'time')],
  ])('measures the peak RSS of a build with %s', async (_name, gnuTime) => {
    const out = join(dir, 'fixture.snapshot');
    const run = await runIndex(CORPUS, out, join(dir, 'rss.txt'), gnuTime);
    expect(run.ok).toBe(true);
    if (!run.ok) return;
    expect(run.articles).toBeGreaterThan(0);
    expect(run.snapshotBytes).toBeGreaterThan(0);
    expect(run.peakRss).toBeGreaterThan(10 * 1024 * 1024);
    const load = await loadInChild(out);
    expect(load.ms).toBeGreaterThan(0);
    expect(load.rss).toBeGreaterThan(0);
  });

  it('reports a build that cannot write its snapshot with the message, time and peak RSS', async () => {
    await writeFile(join(dir, 'a-file'), 'not a folder');
    const run = await runIndex(CORPUS, join(dir, 'a-file', 'x.snapshot'), join(dir, 'rss.txt'));
    expect(run.ok).toBe(false);
    if (run.ok) return;
    expect(run.message).toMatch(/^cannot write snapshot .*\(exit 4\)$/);
    expect(run.ms).toBeGreaterThan(0);
    expect(run.peakRss).toBeGreaterThan(0);
  });
});
