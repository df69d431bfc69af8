import { closeSync, openSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  removeStaleTemporaries,
  temporaryPath,
  writeFileAtomically,
} from '../../src/index/atomic-file.ts';
import { makeTemp, removeTemp } from '../helpers/temp-corpus.ts';

/** No process can have this id: Linux pids stop at 2^22. */
const DEAD_PID = 2 ** 22 + 1;

describe('atomic file writes', () => {
  let dir: string;
  let path: string;

  beforeEach(async () => {
    dir = await makeTemp();
    path = join(dir, 'index.snapshot');
  });
  afterEach(() => removeTemp(dir));

  it('remove the temporary files of writers that are gone, and only those', async () => {
    const names = {
      dead: `index.snapshot.tmp-${DEAD_PID}-m3k1ll3d`,
      live: `index.snapshot.tmp-${process.ppid}-m3a11v3`,
      mine: `index.snapshot.tmp-${process.pid}-m3b1sy`,
      otherFile: `other.snapshot.tmp-${DEAD_PID}-m3k1ll3d`,
      notOurs: 'index.snapshot.tmp-notes.txt',
    };
    for (const name of Object.values(names)) await writeFile(join(dir, name), 'partial');
    expect(await removeStaleTemporaries(path)).toEqual([names.dead]);
    const { dead: _removed, ...kept } = names;
    expect((await readdir(dir)).sort()).toEqual(Object.values(kept).sort());
  });

  it('remove a dead writer’s leftover when they write, and leave none of their own', async () => {
    await writeFile(join(dir, `index.snapshot.tmp-${DEAD_PID}-m3k1ll3d`), 'partial');
    await writeFileAtomically(path, [Buffer.from('new')]);
    expect(await readdir(dir)).toEqual(['index.snapshot']);
  });

  it('name temporary files after the writing process, uniquely', () => {
    const names = new Set(Array.from({ length: 100 }, () => temporaryPath(path)));
    expect(names.size).toBe(100);
    for (const name of names) expect(name).toMatch(/index\.snapshot\.tmp-\d+-[0-9a-z]+$/);
    expect(temporaryPath(path, 42)).toContain('.tmp-42-');
  });

  it('leave one whole version when several writes to a file race', async () => {
    const versions = Array.from({ length: 8 }, (_, n) =>
      Array.from({ length: 50 }, (_unused, k) => Buffer.alloc(1000 + k, 65 + n)),
    );
    await Promise.all(versions.map((chunks) => writeFileAtomically(path, chunks)));
    const written = await readFile(path);
    expect(versions.map((chunks) => Buffer.concat(chunks))).toContainEqual(written);
    expect(await readdir(dir)).toEqual(['index.snapshot']);
  });

  it('write a chunk bigger than one write call allows in several calls, byte for byte', async () => {
    const chunks = [
      Buffer.from('a chunk longer than seven bytes'),
      Buffer.alloc(0),
      Buffer.from('x'),
    ];
    const size = await writeFileAtomically(path, chunks, { maxWriteBytes: 7 });
    expect(size).toBe(32);
    expect(await readFile(path)).toEqual(Buffer.concat(chunks));
    expect(await readdir(dir)).toEqual(['index.snapshot']);
  });

  it('copy a range of another open file, even one far bigger than the copy buffer, byte for byte', async () => {
    const source = join(dir, 'old.snapshot');
    const bytes = Buffer.from(Array.from({ length: 3 * 2 ** 20 + 17 }, (_, n) => (n * 31) % 251));
    await writeFile(source, bytes);
    const fd = openSync(source, 'r');
    try {
      const range = { fd, position: 5, length: bytes.length - 9 };
      const size = await writeFileAtomically(path, [Buffer.from('head'), range, Buffer.from('!')]);
      expect(size).toBe(4 + range.length + 1);
      const expected = Buffer.concat([
        Buffer.from('head'),
        bytes.subarray(5, -4),
        Buffer.from('!'),
      ]);
      expect((await readFile(path)).equals(expected)).toBe(true);
    } finally {
      closeSync(fd);
    }
  });

  it('fail, leaving the file as it was, when a copied range ends early', async () => {
    await writeFile(path, 'old');
    const source = join(dir, 'short.bin');
    await writeFile(source, 'only ten b');
    const fd = openSync(source, 'r');
    try {
      const range = { fd, position: 0, length: 100 };
      await expect(writeFileAtomically(path, [range])).rejects.toThrow(/ended 90 bytes early/);
    } finally {
      closeSync(fd);
    }
    expect(await readFile(path, 'utf8')).toBe('old');
    expect((await readdir(dir)).sort()).toEqual(['index.snapshot', 'short.bin']);
  });

  it('leave the file as it was and no temporary file when the write fails', async () => {
    await writeFile(path, 'old');
    const blocked = join(path, 'inside-a-file');
    await expect(writeFileAtomically(blocked, [Buffer.from('new')])).rejects.toThrow(
      /EEXIST|ENOTDIR/,
    );
    expect(await readFile(path, 'utf8')).toBe('old');
    expect(await readdir(dir)).toEqual(['index.snapshot']);
  });
});
