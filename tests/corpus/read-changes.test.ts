/**
 * Corpus files that vanish, turn into folders or are rewritten while a rebuild
 * reads the corpus: each is a problem naming the file, the rebuild completes,
 * and the next `serve` start sees the snapshot as stale.
 */
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareSnapshot } from '../../src/engine/prepare.ts';
import { type RebuildProgress, rebuild } from '../../src/index/rebuild.ts';
import type { LogEntry } from '../../src/logger.ts';
import { backdate, makeTemp, removeTemp, writeTextArticles } from '../helpers/temp-corpus.ts';

/** More files than the reader has in flight (32), so the last ones are read after the first. */
const FILES = 45;

describe('a corpus that changes while it is read', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTemp();
  });
  afterEach(() => removeTemp(dir));

  it.each([
    { layout: 'one folder', folders: ['desk'], prefix: '' },
    { layout: 'two folders', folders: ['desk', 'wires'], prefix: 'desk/' },
  ])(
    'reports files removed, turned into folders or rewritten mid-read, with $layout, and completes',
    async ({ folders, prefix }) => {
      const roots = folders.map((folder) => join(dir, folder));
      for (const [n, root] of roots.entries()) {
        await writeTextArticles(root, n === 0 ? 'wire' : 'briefs', FILES);
      }
      await backdate(dir);
      const late = (n: number) => join(roots[0] ?? '', 'wire', `0${n}.txt`);
      let changed = false;
      const onProgress = (progress: RebuildProgress) => {
        if (progress.phase !== 'read' || progress.filesDone !== 1) return;
        unlinkSync(late(43));
        rmSync(late(44));
        mkdirSync(late(44));
        writeFileSync(late(45), 'Harbour reopens\n\nThe harbour reopened after the storm.\n');
        changed = true;
      };
      const snapshot = join(dir, 'index.snapshot');
      const { summary, info, index } = await rebuild({ corpus: roots, out: snapshot, onProgress });

      expect(changed).toBe(true);
      expect(summary.problems).toEqual([
        {
          file: `${prefix}wire/043.txt`,
          kind: 'unreadable',
          reason: expect.stringMatching(/removed after the corpus was listed.*ENOENT/),
        },
        {
          file: `${prefix}wire/044.txt`,
          kind: 'unreadable',
          reason: expect.stringMatching(/became a folder after the corpus was listed.*EISDIR/),
        },
      ]);
      expect(summary).toMatchObject({
        files: FILES * roots.length,
        articles: FILES * roots.length - 2,
      });
      expect(info.counts).toMatchObject({ articles: FILES * roots.length - 2, problems: 2 });
      const rewritten = index.store.docOf(`${prefix}wire/045`) ?? -1;
      expect(index.store.article(rewritten).title).toBe('Harbour reopens');

      const log: LogEntry[] = [];
      const next = await prepareSnapshot({ snapshot, log: (entry) => log.push(entry) });
      expect(log[0]).toMatchObject({
        event: 'rebuilding',
        reason: `${prefix}wire/045.txt changed after it was built`,
      });
      expect(next.info.counts).toMatchObject({
        files: FILES * roots.length - 2,
        articles: FILES * roots.length - 2,
        problems: 0,
      });
    },
  );
});
