/**
 * Damaged snapshots at the serving level: at start, `serve` rebuilds a damaged
 * snapshot from the folders its header names, or fails saying both what is
 * wrong with the snapshot and why it cannot be rebuilt; while serving, a
 * damaged snapshot written over the live one is refused and the good index
 * keeps serving (tests/engine/prepare.test.ts and reload.test.ts have the
 * plain cases).
 */
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEngine, type Engine } from '../../src/engine/engine.ts';
import { prepareSnapshot } from '../../src/engine/prepare.ts';
import { watchSnapshot } from '../../src/engine/reload.ts';
import { isNewsdeskError } from '../../src/errors.ts';
import { rebuild } from '../../src/index/rebuild.ts';
import { readSnapshot, writeSnapshot } from '../../src/index/snapshot.ts';
import { SNAPSHOT_FORMAT_VERSION } from '../../src/index/snapshot-format.ts';
import type { LogEntry } from '../../src/logger.ts';
import { article, loadedFrom, newsArticles } from '../helpers/engine.ts';
import { startServe } from '../helpers/serve-process.ts';
import { editHeader, flipBit, payloadStart } from '../helpers/snapshot-damage.ts';
import { makeTemp, removeTemp, writeTextArticles } from '../helpers/temp-corpus.ts';

/** Damage done to a good snapshot's bytes, and what the refusal says. */
const DAMAGE: [string, (bytes: Buffer, corpus: string) => Buffer, RegExp][] = [
  // Inside the sections read at load (a flip in the stored text is refused when it is read: tests/index/store-source.test.ts).
  ['a flipped bit in the payload', (b) => flipBit(b, payloadStart(b) + 20), /checksum mismatch/],
  ['half of it cut off', (b) => b.subarray(0, Math.floor(b.length / 2)), /truncated/],
  [
    'a changed article count in the header',
    (b) =>
      editHeader(b, (h) => {
        h.counts.articles += 5;
      }),
    /checksum mismatch/,
  ],
  [
    'the older format (version 2, one corpus folder)',
    (b, corpus) =>
      editHeader(b, ({ corpora: _corpora, ...h }) => ({
        ...h,
        formatVersion: SNAPSHOT_FORMAT_VERSION - 1,
        corpus,
      })),
    /snapshot format version \d+, this newsdesk reads version \d+/,
  ],
];

describe('serving over a damaged snapshot, at start', () => {
  let dir: string;
  let corpus: string;
  let snapshot: string;
  let log: LogEntry[];

  beforeEach(async () => {
    dir = await makeTemp();
    corpus = join(dir, 'corpus');
    snapshot = join(dir, 'out', 'index.snapshot');
    await writeTextArticles(corpus, 'wire', 12);
    await rebuild({ corpus, out: snapshot });
    log = [];
  });
  afterEach(() => removeTemp(dir));

  const damage = async (how: (bytes: Buffer, corpus: string) => Buffer) =>
    writeFile(snapshot, how(await readFile(snapshot), corpus));

  it.each(DAMAGE)(
    'rebuilds a snapshot with %s from the folder it names',
    async (_name, how, reason) => {
      await damage(how);
      const loaded = await prepareSnapshot({ snapshot, log: (entry) => log.push(entry) });
      expect(loaded.index.store.count).toBe(12);
      expect(log[0]).toMatchObject({ event: 'rebuilding', corpus });
      expect(String(log[0]?.reason)).toContain(snapshot);
      expect(String(log[0]?.reason)).toMatch(reason);
      expect((await readSnapshot(snapshot)).index.store.count).toBe(12);
    },
  );

  it.each(DAMAGE)(
    'fails naming the damage and the missing corpus when a snapshot with %s cannot be rebuilt',
    async (_name, how, reason) => {
      await damage(how);
      const before = await readFile(snapshot);
      await rm(corpus, { recursive: true });
      const error = await prepareSnapshot({ snapshot, log: (entry) => log.push(entry) }).catch(
        (e: unknown) => e,
      );
      expect(isNewsdeskError(error, 'CORPUS_MISSING')).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain(snapshot);
      expect(message).toMatch(reason);
      expect(message).toContain(`; rebuilding it from ${corpus} failed: corpus folder not found`);
      expect((await readFile(snapshot)).equals(before)).toBe(true);
    },
  );

  it('newsdesk serve exits 3 with that message', async () => {
    await damage((b) => flipBit(b, payloadStart(b) + 20));
    await rm(corpus, { recursive: true });
    await expect(startServe(['--port', '0', '--snapshot', snapshot])).rejects.toThrow(
      /exited with 3: [\s\S]*newsdesk: \S+index\.snapshot: checksum mismatch: .*; rebuilding it from \S+corpus failed: corpus folder not found: \S+corpus\n/,
    );
  });
});

describe('serving over a damaged snapshot, live', () => {
  let dir: string;
  let path: string;
  let good: Buffer;
  const closers: (() => void)[] = [];

  beforeEach(async () => {
    dir = await makeTemp();
    path = join(dir, 'index.snapshot');
    const first = loadedFrom(newsArticles());
    await writeSnapshot(path, first.index, first.info);
    good = await readFile(path);
  });
  afterEach(async () => {
    for (const close of closers.splice(0)) close();
    await removeTemp(dir);
  });

  /** An engine serving 25 articles, watching the snapshot; `next()` resolves the next reload's outcome. */
  async function watched(): Promise<{
    engine: Engine;
    log: LogEntry[];
    next: () => Promise<{ ok: boolean; message?: string }>;
  }> {
    const engine = createEngine(loadedFrom(newsArticles()));
    const log: LogEntry[] = [];
    let wake: (outcome: { ok: boolean; message?: string }) => void = () => {};
    const watcher = watchSnapshot(engine, path, {
      log: (entry) => log.push(entry),
      debounceMs: 20,
      onReload: (outcome) => wake(outcome),
    });
    closers.push(() => watcher.close());
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { engine, log, next: () => new Promise((resolve) => (wake = resolve)) };
  }

  it.each(
    DAMAGE.flatMap(([name, how, reason]) => [
      [name, 'written in place', how, reason] as const,
      [name, 'renamed into place', how, reason] as const,
    ]),
  )(
    'keeps the good index when a snapshot with %s is %s, then takes the next good one',
    async (_name, way, how, reason) => {
      const { engine, log, next } = await watched();
      const rejected = next();
      const bytes = how(good, dir);
      if (way === 'written in place') await writeFile(path, bytes);
      else {
        await writeFile(`${path}.new`, bytes);
        await rename(`${path}.new`, path);
      }
      const outcome = await rejected;
      expect(outcome.ok).toBe(false);
      expect(outcome.message).toContain(path);
      expect(outcome.message).toMatch(reason);
      expect(engine.current().index.store.count).toBe(25);
      expect(log).toContainEqual(
        expect.objectContaining({ event: 'snapshot-rejected', kept: 'the serving index' }),
      );
      const reloaded = next();
      const smaller = loadedFrom([article('a/1', 'Only one', 'Just one article now.')]);
      await writeSnapshot(path, smaller.index, smaller.info);
      expect(await reloaded).toMatchObject({ ok: true, ms: expect.any(Number) });
      expect(engine.current().index.store.count).toBe(1);
    },
  );

  it('refuses the partial files of a snapshot written slowly in place and ends on the whole one', async () => {
    const { engine, log } = await watched();
    const replacement = loadedFrom([article('a/1', 'Only one', 'Just one article now.')]);
    await writeSnapshot(join(dir, 'replacement.snapshot'), replacement.index, replacement.info);
    const bytes = await readFile(join(dir, 'replacement.snapshot'));
    const start = payloadStart(bytes);
    await writeFile(path, bytes.subarray(0, start));
    for (let at = start; at < bytes.length; at += 4096) {
      await writeFile(path, bytes.subarray(at, at + 4096), { flag: 'a' });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await vi.waitFor(() => expect(engine.current().index.store.count).toBe(1), { timeout: 10_000 });
    const reloads = log.filter((e) => e.event === 'snapshot-reloaded');
    expect(reloads.map((e) => e.articles)).toEqual([1]);
  });
});
