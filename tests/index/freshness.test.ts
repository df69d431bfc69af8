/** Is a snapshot built from several folders still true to them? */
import { rm, utimes } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { staleReason } from '../../src/index/freshness.ts';
import { rebuild } from '../../src/index/rebuild.ts';
import type { SnapshotInfo } from '../../src/index/snapshot-format.ts';
import {
  backdate,
  makeTemp,
  removeTemp,
  writeBytes,
  writeTextArticles,
} from '../helpers/temp-corpus.ts';

describe('freshness of a snapshot built from two folders', () => {
  let dir: string;
  let info: SnapshotInfo;
  const folder = (name: string) => join(dir, name);

  beforeEach(async () => {
    dir = await makeTemp();
    await writeTextArticles(folder('bbc'), 'sport', 3);
    await writeTextArticles(folder('wires'), 'briefs', 3);
    await writeTextArticles(folder('extra'), 'notes', 1);
    await backdate(dir);
    ({ info } = await rebuild({
      corpus: [folder('wires'), folder('bbc')],
      out: join(dir, 'index.snapshot'),
    }));
  });
  afterEach(() => removeTemp(dir));

  it('records every folder, in reading order', () => {
    expect(info.corpora).toEqual([folder('bbc'), folder('wires')]);
    expect(info.counts.files).toBe(6);
  });

  it.each([
    { case: 'the same folders', corpora: () => [folder('bbc'), folder('wires')] },
    { case: 'them in the other order', corpora: () => [folder('wires'), folder('bbc')] },
    {
      case: 'them by other spellings',
      corpora: () => [`${folder('bbc')}/`, relative(process.cwd(), folder('wires'))],
    },
  ])('is fresh for $case', async ({ corpora }) => {
    expect(await staleReason(info, corpora())).toBeUndefined();
  });

  it.each([
    { case: 'one of the folders', corpora: () => [folder('bbc')] },
    {
      case: 'a third folder more',
      corpora: () => [folder('bbc'), folder('wires'), folder('extra')],
    },
    { case: 'one folder swapped', corpora: () => [folder('bbc'), folder('extra')] },
  ])('is stale for $case, naming both sets', async ({ corpora }) => {
    const reason = await staleReason(info, corpora());
    expect(reason).toBe(
      `it was built from ${folder('bbc')}, ${folder('wires')}, not ${corpora().sort().join(', ')}`,
    );
  });

  it.each([
    {
      change: 'a file changed in the second folder',
      act: async () => {
        const later = new Date(Date.parse(info.builtAt) + 5000);
        await utimes(join(folder('wires'), 'briefs/002.txt'), later, later);
      },
      reason: 'wires/briefs/002.txt changed after it was built',
    },
    {
      change: 'a file removed from the first folder',
      act: () => rm(join(folder('bbc'), 'sport/001.txt')),
      reason: 'the corpus has 5 files, the snapshot 6',
    },
    {
      change: 'a file added to the second folder (dated before the build)',
      act: async () => {
        const path = join(folder('wires'), 'briefs/new.txt');
        await writeBytes(path, 'New brief\n\nA new brief.\n');
        await utimes(path, new Date(0), new Date(0));
      },
      reason: 'the corpus has 7 files, the snapshot 6',
    },
  ])('is stale after $change', async ({ act, reason }) => {
    await act();
    expect(await staleReason(info, info.corpora)).toBe(reason);
  });

  it('applies exclude patterns within each folder', async () => {
    await writeBytes(join(folder('wires'), 'drafts/wip.txt'), 'Draft\n\nNot yet.\n');
    await writeBytes(join(folder('bbc'), 'drafts/wip.txt'), 'Draft\n\nNot yet.\n');
    expect(await staleReason(info, info.corpora, { exclude: ['drafts/**'] })).toBeUndefined();
    expect(await staleReason(info, info.corpora)).toMatch(/changed after it was built/);
  });
});
