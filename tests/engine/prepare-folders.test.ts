/** What `serve` loads when the snapshot was built from several corpus folders. */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareSnapshot } from '../../src/engine/prepare.ts';
import type { LogEntry } from '../../src/logger.ts';
import { backdate, makeTemp, removeTemp, writeTextArticles } from '../helpers/temp-corpus.ts';

describe('preparing a snapshot of several folders', () => {
  let dir: string;
  let snapshot: string;
  let log: LogEntry[];
  const folder = (name: string) => join(dir, name);
  const prepare = (corpus?: string[]) =>
    prepareSnapshot({
      snapshot,
      log: (entry) => log.push(entry),
      ...(corpus ? { corpus } : {}),
    });
  const ids = (loaded: Awaited<ReturnType<typeof prepare>>) => [...loaded.index.store.ids].sort();

  beforeEach(async () => {
    dir = await makeTemp();
    snapshot = join(dir, 'out', 'index.snapshot');
    await writeTextArticles(folder('bbc'), 'sport', 2);
    await writeTextArticles(folder('reuters'), 'wire', 2);
    await backdate(dir);
    log = [];
    await prepare([folder('reuters'), folder('bbc')]);
    log = [];
  });
  afterEach(() => removeTemp(dir));

  it('serves the folders the snapshot was built from when none is named, without rebuilding', async () => {
    const loaded = await prepare();
    expect(log).toEqual([]);
    expect(loaded.info.corpora).toEqual([folder('bbc'), folder('reuters')]);
    expect(ids(loaded)).toEqual([
      'bbc/sport/001',
      'bbc/sport/002',
      'reuters/wire/001',
      'reuters/wire/002',
    ]);
  });

  it.each([
    {
      named: ['reuters'],
      reason: /it was built from .*bbc, .*reuters, not .*reuters$/,
      expected: ['wire/001', 'wire/002'],
    },
    {
      named: ['bbc', 'reuters', 'extra'],
      reason: /not .*bbc, .*extra, .*reuters$/,
      expected: ['bbc/sport/001', 'bbc/sport/002', 'extra/notes/001'],
    },
  ])(
    'rebuilds from the folders named when they differ: $named',
    async ({ named, reason, expected }) => {
      await writeTextArticles(folder('extra'), 'notes', 1);
      const loaded = await prepare(named.map(folder));
      expect(log[0]).toMatchObject({ event: 'rebuilding', reason: expect.stringMatching(reason) });
      expect(ids(loaded)).toEqual(expect.arrayContaining(expected));
      expect(loaded.info.corpora).toEqual([...named].sort().map(folder));
    },
  );

  it('refuses two folders with one base name before touching the snapshot', async () => {
    await writeTextArticles(join(dir, 'other', 'bbc'), 'tech', 1);
    await expect(prepare([folder('bbc'), join(dir, 'other', 'bbc')])).rejects.toMatchObject({
      code: 'USAGE',
      message: expect.stringContaining('same folder name "bbc"'),
    });
    expect(log).toEqual([]);
  });

  it('serves the snapshot as it is when one of its folders is gone, naming it', async () => {
    await rm(folder('bbc'), { recursive: true });
    const loaded = await prepare();
    expect(ids(loaded)).toHaveLength(4);
    expect(log).toEqual([
      expect.objectContaining({
        event: 'corpus-missing',
        reason: expect.stringContaining(`corpus folder not found: ${folder('bbc')}`),
      }),
    ]);
  });
});
