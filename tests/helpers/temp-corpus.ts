/** Temporary corpus folders for tests: a copy of a fixture plus generated files. */
import { cp, mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

export const FIXTURES = resolve(import.meta.dirname, '../fixtures');
export const SHARED = resolve(import.meta.dirname, '../../../shared');
export const CORPORA = join(SHARED, 'corpora');

/** A fresh temporary folder; remove it with `removeTemp`. */
export async function makeTemp(prefix = 'newsdesk-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

export async function removeTemp(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

/**
 * The mixed fixture corpus copied into a temporary folder, plus the files a
 * repository should not hold as fixtures: gzip, binary, broken gzip, hidden.
 */
export async function mixedCorpus(): Promise<string> {
  const root = await makeTemp();
  await cp(join(FIXTURES, 'mixed-corpus'), root, { recursive: true });
  await writeBytes(
    join(root, 'archive/old.txt.gz'),
    gzipSync('Old mill reopens\n\nThe old mill reopened as a museum on Sunday.\n'),
  );
  await writeBytes(join(root, 'blob.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01]));
  await writeBytes(join(root, 'bad.txt.gz'), Buffer.from('this is not gzip'));
  await writeBytes(join(root, '.hidden.txt'), Buffer.from('Hidden\n\nNever read.\n'));
  return root;
}

export async function writeBytes(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
}

/** Writes `count` plain-text articles (`<folder>/NNN.txt`) about oil and elections under `root`. */
export async function writeTextArticles(
  root: string,
  folder: string,
  count: number,
): Promise<void> {
  for (let i = 1; i <= count; i++) {
    const topic = i % 2 === 0 ? 'Oil prices' : 'Election campaign';
    await writeBytes(
      join(root, folder, `${String(i).padStart(3, '0')}.txt`),
      `${topic} report ${folder} ${i}\n\n${topic} moved again on day ${i}, the ${folder} desk said.\n\nMore on this story ${i} later.\n`,
    );
  }
}

/**
 * Sets every file below `root` to a minute ago, so a build that starts right after
 * the files were written does not see them as changed since (file times and the
 * build's start are only compared to the millisecond).
 */
export async function backdate(root: string): Promise<void> {
  const past = new Date(Date.now() - 60_000);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (entry.isFile()) await utimes(join(entry.parentPath, entry.name), past, past);
  }
}
