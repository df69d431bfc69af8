import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { walkCorpus } from '../../src/corpus/walk.ts';
import { isNewsdeskError } from '../../src/errors.ts';

const FILES: Record<string, string> = {
  'business/001.txt': 'Ad sales boost Time Warner profit\n\nBody.',
  'business/002.txt': 'Dollar gains on Greenspan speech\n\nBody.',
  'sport/nested/deep/010.txt': 'Deep article\n\nBody.',
  'Zeta.txt': 'Upper-case names sort before lower-case ones.',
  'alpha.md': '# Alpha',
  'feeds/world.rss': '<rss/>',
  'README.md': '# About this corpus',
  'README.TXT': 'upstream note',
  'sport/readme.txt': 'a README in a sub-folder',
  LICENSE: 'MIT',
  'politics/LICENCE.txt': 'licence',
  NOTICE: 'notice',
  'CHANGELOG.md': 'changes',
  COPYING: 'gpl',
  '.hidden.txt': 'hidden file',
  '.git/HEAD': 'ref: refs/heads/main',
  'tech/.DS_Store': 'finder junk',
  'node_modules/pkg/index.txt': 'dependency',
  'business/003.lc.txt': 'excluded by a name pattern in any folder',
  'all-topics-strings.lc.txt': 'excluded by a name pattern at the root',
  'drafts/unfinished.txt': 'excluded by a path pattern',
  'tech/drafts/kept.txt': 'not under the root drafts folder, so kept',
};

let root = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'newsdesk-walk-'));
  for (const [relPath, text] of Object.entries(FILES)) {
    const path = join(root, ...relPath.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
  await mkdir(join(root, 'empty-folder'));
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const relPaths = async (exclude?: readonly string[]): Promise<string[]> =>
  (await walkCorpus(root, exclude ? { exclude } : {})).map((file) => file.relPath);

describe('walkCorpus', () => {
  it('lists every article file as a sorted relative POSIX path, without hidden files or corpus documentation', async () => {
    expect(await relPaths()).toEqual([
      'Zeta.txt',
      'all-topics-strings.lc.txt',
      'alpha.md',
      'business/001.txt',
      'business/002.txt',
      'business/003.lc.txt',
      'drafts/unfinished.txt',
      'feeds/world.rss',
      'sport/nested/deep/010.txt',
      'tech/drafts/kept.txt',
    ]);
  });

  it('leaves out a pattern without a slash in any folder, and one with a slash from the root', async () => {
    expect(await relPaths(['*.lc.txt', 'drafts/**'])).toEqual([
      'Zeta.txt',
      'alpha.md',
      'business/001.txt',
      'business/002.txt',
      'feeds/world.rss',
      'sport/nested/deep/010.txt',
      'tech/drafts/kept.txt',
    ]);
  });

  it('matches exclude patterns without regard to case', async () => {
    expect(await relPaths(['*.RSS', 'SPORT/**', 'ZETA.TXT'])).toEqual([
      'all-topics-strings.lc.txt',
      'alpha.md',
      'business/001.txt',
      'business/002.txt',
      'business/003.lc.txt',
      'drafts/unfinished.txt',
      'tech/drafts/kept.txt',
    ]);
  });

  it('gives each file an absolute path to read, its size and its modification time', async () => {
    const files = await walkCorpus(root);
    const first = files.find((file) => file.relPath === 'business/001.txt');
    expect(first).toEqual({
      path: join(root, 'business', '001.txt'),
      relPath: 'business/001.txt',
      size: Buffer.byteLength(FILES['business/001.txt'] ?? ''),
      mtimeMs: expect.any(Number),
    });
    expect(first?.mtimeMs).toBeGreaterThan(0);
  });

  it('throws CORPUS_MISSING for a folder that does not exist', async () => {
    const missing = join(root, 'no-such-folder');
    await expect(walkCorpus(missing)).rejects.toSatisfy(
      (error: unknown) =>
        isNewsdeskError(error, 'CORPUS_MISSING') &&
        error.message.includes(missing) &&
        error.cause !== undefined,
    );
  });

  it('throws CORPUS_MISSING for a file given as the corpus folder', async () => {
    await expect(walkCorpus(join(root, 'alpha.md'))).rejects.toSatisfy((error: unknown) =>
      isNewsdeskError(error, 'CORPUS_MISSING'),
    );
  });

  it('returns no files for an empty folder', async () => {
    expect(await walkCorpus(join(root, 'empty-folder'))).toEqual([]);
  });
});
