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
