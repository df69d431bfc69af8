import { cp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engine/engine.ts';
import { prepareSnapshot } from '../../src/engine/prepare.ts';
import { SNAPSHOT_FORMAT_VERSION } from '../../src/index/snapshot-format.ts';
import type { LogEntry } from '../../src/logger.ts';
import { FIXTURES, makeTemp, removeTemp } from '../helpers/temp-corpus.ts';

describe('preparing the snapshot to serve', () => {
  let dir: string;
  let corpus: string;
  let snapshot: string;
  let log: LogEntry[];
  const prepare = (options: { corpus?: string; exclude?: string[] } = {}) =>
    prepareSnapshot({ snapshot, log: (entry) => log.push(entry), ...options });

  beforeEach(async () => {
    dir = await makeTemp();
    corpus = join(dir, 'corpus');
    snapshot = join(dir, 'out', 'index.snapshot');
    await cp(join(FIXTURES, 'txt'), corpus, { recursive: true });
    log = [];
  });
  afterEach(() => removeTemp(dir));

  it('builds the snapshot when there is none', async () => {
    const loaded = await prepare({ corpus });
    expect(loaded.info.counts.articles).toBeGreaterThan(0);
    expect(log.map((entry) => entry.event)).toEqual(['rebuilding']);
    expect(String(log[0]?.reason)).toContain('cannot read snapshot');
  });

  it('serves a fresh snapshot as it is, from the corpus it names', async () => {
    const first = await prepare({ corpus });
    log = [];
    const again = await prepare();
    expect(log).toEqual([]);
    expect(again.info.builtAt).toBe(first.info.builtAt);
  });

  it('keeps the exclude globs the snapshot was built with when none are given', async () => {
    const [file] = await readdir(corpus);
    const first = await prepare({ corpus, exclude: [file ?? ''] });
    expect(first.info.exclude).toEqual([file]);
    log = [];
    const again = await prepare();
    expect(log).toEqual([]);
    expect(again.info.builtAt).toBe(first.info.builtAt);
    await prepare({ exclude: [] });
    expect(String(log[0]?.reason)).toMatch(/the corpus has \d+ files, the snapshot \d+/);
  });

  it('rebuilds a snapshot of an older format from the folders and with the excludes its header names', async () => {
    const [file] = await readdir(corpus);
    const first = await prepare({ corpus, exclude: [file ?? ''] });
    const bytes = await readFile(snapshot);
    const version = `"formatVersion":${SNAPSHOT_FORMAT_VERSION},`;
    const at = bytes.indexOf(version);
    expect(at).toBeGreaterThan(0);
    bytes.write(`"formatVersion":${SNAPSHOT_FORMAT_VERSION - 1},`.padEnd(version.length), at);
    await writeFile(snapshot, bytes);
    log = [];
    const rebuilt = await prepare();
    expect(String(log[0]?.reason)).toContain(`format version ${SNAPSHOT_FORMAT_VERSION - 1}`);
    expect(rebuilt.info.corpora).toEqual([corpus]);
    expect(rebuilt.info.exclude).toEqual([file]);
    expect(rebuilt.info.counts.files).toBe(first.info.counts.files);
  });

  it('rebuilds when a corpus file changed after the build', async () => {
    const first = await prepare({ corpus });
    const later = new Date(Date.parse(first.info.builtAt) + 5000);
    const [file] = await readdir(corpus);
    await utimes(join(corpus, file ?? ''), later, later);
    log = [];
    await prepare();
    expect(log[0]).toMatchObject({ event: 'rebuilding' });
    expect(String(log[0]?.reason)).toContain('changed after it was built');
  });

  it('rebuilds when a file was removed', async () => {
    const first = await prepare({ corpus });
    const [file] = await readdir(corpus);
    await rm(join(corpus, file ?? ''));
    log = [];
    const second = await prepare();
    expect(String(log[0]?.reason)).toMatch(/the corpus has \d+ files, the snapshot \d+/);
    expect(second.info.counts.files).toBe(first.info.counts.files - 1);
  });

  it('rebuilds a corrupt snapshot', async () => {
    await prepare({ corpus });
    await writeFile(snapshot, 'garbage');
    log = [];
    const loaded = await prepare({ corpus });
    expect(String(log[0]?.reason)).toMatch(/not a newsdesk snapshot|corrupt|truncated/i);
    expect(createEngine(loaded).current().index.store.count).toBeGreaterThan(0);
  });

  it('serves the snapshot it has when the corpus is gone', async () => {
    const first = await prepare({ corpus });
    await rm(corpus, { recursive: true });
    log = [];
    const loaded = await prepare();
    expect(loaded.info.builtAt).toBe(first.info.builtAt);
    expect(log[0]).toMatchObject({ event: 'corpus-missing' });
  });

  it('fails clearly with neither a snapshot nor a corpus', async () => {
    await expect(prepare({ corpus: join(dir, 'nowhere') })).rejects.toMatchObject({
      code: 'CORPUS_MISSING',
    });
  });
});
