/**
 * A full disk while writing the snapshot, for real: `newsdesk index` under a
 * file-size limit (`ulimit -f`: Node ignores SIGXFSZ, so writes past it fail
 * with EFBIG) and on a small tmpfs (ENOSPC; mounting needs root, so those
 * tests skip with the reason elsewhere). The write must fail with exit status
 * 4 and a message naming the snapshot and the cause, leave the old snapshot
 * byte for byte, and leave no temporary file.
 */
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isNewsdeskError } from '../../src/errors.ts';
import type { NewsIndex } from '../../src/index/build.ts';
import { rebuild } from '../../src/index/rebuild.ts';
import { readSnapshot, writeSnapshot } from '../../src/index/snapshot.ts';
import type { SnapshotInfo } from '../../src/index/snapshot-format.ts';
import { writeGeneratedArticle, writeGeneratedCorpus } from '../helpers/generated-corpus.ts';
import { type IndexExit, runIndex, temporaryFiles } from '../helpers/index-process.ts';
import { mountSmallDisk, type SmallDisk, unmountSmallDisk } from '../helpers/small-disk.ts';
import { makeTemp, removeTemp } from '../helpers/temp-corpus.ts';

/** No process can have this id: Linux pids stop at 2^22. */
const DEAD_PID = 2 ** 22 + 1;
const BLOCK = 512;

describe('a full disk while writing the snapshot', () => {
  let dir: string;
  let corpus: string;
  /** The snapshot before the corpus changed (300 articles). */
  let old: Buffer;
  /** The next one (301 articles), built elsewhere to know its bytes. */
  let next: { index: NewsIndex; info: SnapshotInfo; size: number };
  let disk: SmallDisk | undefined;

  beforeAll(async () => {
    dir = await makeTemp();
    corpus = join(dir, 'corpus');
    await writeGeneratedCorpus(corpus, 300);
    await rebuild({ corpus, out: join(dir, 'old.snapshot') });
    old = await readFile(join(dir, 'old.snapshot'));
    await writeGeneratedArticle(corpus, 300);
    const built = await rebuild({ corpus, out: join(dir, 'next.snapshot') });
    next = { ...built, size: built.summary.snapshotBytes };
  });
  afterAll(async () => {
    await unmountSmallDisk(disk);
    await removeTemp(dir);
  });

  /** A folder holding a copy of the old snapshot; returns the snapshot's path. */
  async function withOldSnapshot(folder: string): Promise<string> {
    await mkdir(folder, { recursive: true });
    const path = join(folder, 'index.snapshot');
    await cp(join(dir, 'old.snapshot'), path);
    return path;
  }

  async function expectOldKept(path: string): Promise<void> {
    expect((await readFile(path)).equals(old)).toBe(true);
    const loaded = await readSnapshot(path);
    expect(loaded.index.store.count).toBe(300);
    // Closed, or the removed file would keep its space on the small disk (its text is read from it).
    loaded.file?.close();
    expect(await temporaryFiles(path)).toEqual([]);
  }

  function expectFailedClearly(exit: IndexExit, path: string, cause: RegExp): void {
    expect(exit.code, exit.stderr).toBe(4);
    expect(exit.stderr).toContain(`newsdesk: cannot write snapshot ${path}: `);
    expect(exit.stderr).toMatch(cause);
    expect(exit.stderr).toContain('the previous snapshot, if any, is unchanged');
  }

  describe('under a file-size limit', () => {
    /** The limit, in 512-byte blocks, just below the new snapshot's size. */
    const lastBlock = () => Math.floor((next.size - 1) / BLOCK);

    it('puts the limit inside the last write, so that write comes up short without an error', () => {
      // The premise of the second case below: the kernel writes up to the limit and
      // reports a short count; only the next write call fails with EFBIG. The snapshot
      // is written section by section, in calls of at most 1 GiB, so the limit falls
      // inside one of those calls and the rest of it is retried.
      const last = Math.min(next.size, 2 ** 30);
      expect(next.size - lastBlock() * BLOCK).toBeLessThan(last);
      expect(next.size - lastBlock() * BLOCK).toBeGreaterThan(0);
    });

    it.each([
      ['early, within the first 32 KB', 'early', () => 64],
      ['within the last write (one short write, then EFBIG)', 'last', lastBlock],
    ])(
      'hit %s, exits 4 naming the snapshot and EFBIG and keeps the old snapshot',
      async (_name, folder, blocks) => {
        const path = await withOldSnapshot(join(dir, folder));
        const exit = await runIndex(['--corpus', corpus, '--out', path, '--quiet'], {
          fileSizeBlocks: blocks(),
        });
        expectFailedClearly(exit, path, /EFBIG: file too large/);
        await expectOldKept(path);
      },
    );
  });

  describe('on a small tmpfs', () => {
    let mount: string;

    beforeAll(async () => {
      mount = join(dir, 'small-disk');
      await mkdir(mount);
      disk = await mountSmallDisk(mount, Math.ceil(2.3 * old.length));
      if (!disk.mounted) console.warn(`small-disk tests skipped: ${disk.reason}`);
    });

    /** The disk holding only the old snapshot and, optionally, `filler` bytes in another file. */
    async function prepare(filler: { name: string; bytes: number } | undefined) {
      for (const name of await readdir(mount)) await rm(join(mount, name));
      const path = await withOldSnapshot(mount);
      if (filler) await writeFile(join(mount, filler.name), Buffer.alloc(filler.bytes, 1));
      return path;
    }

    it('newsdesk index exits 4 naming the snapshot and ENOSPC and keeps the old snapshot', async (context) => {
      if (!disk?.mounted) return context.skip(disk?.reason);
      const path = await prepare({ name: 'filler', bytes: Math.ceil(0.5 * old.length) });
      const exit = await runIndex(['--corpus', corpus, '--out', path, '--quiet']);
      expectFailedClearly(exit, path, /ENOSPC: no space left on device/);
      await rm(join(mount, 'filler'));
      await expectOldKept(path);
    });

    it('writeSnapshot refuses with SNAPSHOT_WRITE_FAILED and keeps the old snapshot', async (context) => {
      if (!disk?.mounted) return context.skip(disk?.reason);
      const path = await prepare({ name: 'filler', bytes: Math.ceil(0.5 * old.length) });
      const error = await writeSnapshot(path, next.index, next.info).catch((e: unknown) => e);
      expect(isNewsdeskError(error, 'SNAPSHOT_WRITE_FAILED')).toBe(true);
      expect((error as Error).message).toContain(`cannot write snapshot ${path}: ENOSPC`);
      await rm(join(mount, 'filler'));
      await expectOldKept(path);
    });

    it('removes a dead writer’s leftover before writing, so the new snapshot fits', async (context) => {
      if (!disk?.mounted) return context.skip(disk?.reason);
      const leftover = `index.snapshot.tmp-${DEAD_PID}-k1ll3d`;
      const path = await prepare({ name: leftover, bytes: Math.ceil(0.5 * old.length) });
      expect(await writeSnapshot(path, next.index, next.info)).toBe(next.size);
      expect(await readdir(mount)).toEqual(['index.snapshot']);
      expect((await readSnapshot(path)).index.store.count).toBe(301);
    });
  });
});
