/**
 * When `rebuild` updates the snapshot at its `out` and when it rebuilds it in
 * full, saying why; and that an update with nothing changed writes nothing.
 */
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from '../../src/index/atomic-file.ts';
import { rebuild } from '../../src/index/rebuild.ts';
import { readSnapshot } from '../../src/index/snapshot.ts';
import { indexSections } from '../../src/index/snapshot-content.ts';
import { encodeSnapshot } from '../../src/index/snapshot-format.ts';
import { makeTemp, removeTemp, writeTextArticles } from '../helpers/temp-corpus.ts';

let root: string;
let corpus: string;
let out: string;

beforeEach(async () => {
  root = await makeTemp('newsdesk-modes-');
  corpus = join(root, 'corpus');
  out = join(root, 'index.snapshot');
  await writeTextArticles(corpus, 'desk', 4);
  await rebuild({ corpus, out });
});
afterEach(() => removeTemp(root));

describe('rebuild over an existing snapshot', () => {
  it('updates it when the corpus is the same, and writes nothing when nothing changed', async () => {
    const before = await stat(out);
    const { summary } = await rebuild({ corpus, out });
    expect(summary.mode).toBe('unchanged');
    expect((await stat(out)).mtimeMs).toBe(before.mtimeMs);
    await writeTextArticles(corpus, 'more', 1);
    const updated = await rebuild({ corpus, out });
    expect(updated.summary.mode).toBe('incremental');
    expect(updated.summary.changes).toMatchObject({
      filesRead: 1,
      articlesKept: 4,
      articlesAdded: 1,
    });
    expect((await readSnapshot(out)).index.store.count).toBe(5);
  });

  it.each([
    ['full is asked for', async () => ({ full: true }), /a full rebuild was asked for/],
    [
      'the snapshot was built from another folder',
      async () => {
        await writeTextArticles(join(root, 'other'), 'desk', 2);
        return { corpus: join(root, 'other') };
      },
      /was built from .*corpus/,
    ],
    [
      'other --exclude globs are given',
      async () => ({ exclude: ['*.md'] }),
      /other --exclude globs/,
    ],
    [
      'its record of the corpus files is damaged',
      async () => {
        const { index, info } = await readSnapshot(out);
        const sections = indexSections(index);
        sections.delete('pairEarlier');
        // Atomically: the loaded index's stored text is still read from the file being replaced.
        await writeFileAtomically(out, encodeSnapshot(info, sections));
        return {};
      },
      /record of the corpus files cannot be read: .*missing section pairEarlier/,
    ],
    [
      "a folder's newsdesk.yml changed",
      async () => {
        await writeFile(join(corpus, 'newsdesk.yml'), 'source: The Desk\n');
        return {};
      },
      /newsdesk\.yml changed/,
    ],
    [
      'the snapshot does not load',
      async () => {
        await writeFile(out, 'not a snapshot');
        return {};
      },
      /not a newsdesk snapshot \(bad magic line\)/,
    ],
  ])('rebuilds in full, saying why, when %s', async (_, arrange, why) => {
    const options = await arrange();
    const { summary } = await rebuild({ corpus, out, ...options });
    expect(summary.mode).toBe('full');
    expect(summary.fullBecause).toMatch(why);
    expect((await readSnapshot(out)).index.store.count).toBe(summary.articles);
  });
});
