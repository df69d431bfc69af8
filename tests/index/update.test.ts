/**
 * Incremental updates give exactly what a full rebuild of the final corpus
 * gives: after any sequence of additions, edits, removals and touches (exact
 * and near copies of articles, several formats, two files claiming one id),
 * the updated snapshot and a full rebuild's hold the same postings, display
 * forms, articles, clusters, keywords and lineage, and answer searches alike.
 */
import { rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus/read.ts';
import { rebuild } from '../../src/index/rebuild.ts';
import { readSnapshot } from '../../src/index/snapshot.ts';
import { indexContents, searchAnswers } from '../helpers/index-contents.ts';
import { CORPORA, makeTemp, removeTemp, writeBytes } from '../helpers/temp-corpus.ts';

interface Story {
  title: string;
  body: string;
}

/** A corpus file as the model holds it: its path and the stories it gives. */
type ModelFile = { path: string; format: 'txt' | 'md' | 'jsonl'; stories: Story[] };

type Step =
  | { op: 'add'; format: ModelFile['format']; name: number; stories: number[] }
  | { op: 'edit'; file: number; story: number }
  | { op: 'append'; file: number; story: number }
  | { op: 'remove'; file: number }
  | { op: 'touch'; file: number }
  | { op: 'copy'; file: number; near: boolean };

const QUERIES = [
  'election',
  'oil prices',
  '"prime minister"',
  'shares -bank',
  'gov*',
  'blair OR brown',
];

let pool: Story[] = [];
let root: string;

beforeAll(async () => {
  const bbc = (await readCorpus(join(CORPORA, 'bbc'))).articles;
  pool = bbc.filter((_, n) => n % 53 === 0).map(({ title, body }) => ({ title, body }));
  root = await makeTemp('newsdesk-update-');
});
afterAll(() => removeTemp(root));

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    op: fc.constant('add' as const),
    format: fc.constantFrom('txt' as const, 'md' as const, 'jsonl' as const),
    name: fc.integer({ min: 0, max: 12 }),
    stories: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
  }),
  fc.record({ op: fc.constant('edit' as const), file: fc.nat(), story: fc.nat() }),
  fc.record({ op: fc.constant('append' as const), file: fc.nat(), story: fc.nat() }),
  fc.record({ op: fc.constant('remove' as const), file: fc.nat() }),
  fc.record({ op: fc.constant('touch' as const), file: fc.nat() }),
  fc.record({ op: fc.constant('copy' as const), file: fc.nat(), near: fc.boolean() }),
);

describe('incremental updates', () => {
  it('give exactly the index and the answers of a full rebuild, whatever the sequence of changes', async () => {
    let run = 0;
    const seen = { incremental: 0, unchanged: 0, removed: 0, kept: 0, read: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(step, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 4 }),
        fc.constantFrom(1_500, 1 << 30),
        async (generations, segmentBytes) => {
          const dir = join(root, `run${run++}`);
          const corpus = join(dir, 'corpus');
          const files: ModelFile[] = [];
          await writeFile(corpus, { path: 'seed.txt', format: 'txt', stories: [story(0)] }, 1);
          files.push({ path: 'seed.txt', format: 'txt', stories: [story(0)] });
          const options = { corpus, segments: { workers: 0, segmentBytes } };
          await rebuild({ ...options, out: join(dir, 'inc.snapshot') });
          for (const [g, changes] of generations.entries()) {
            for (const change of changes) await apply(corpus, files, change, g + 2);
            const incremental = await rebuild({ ...options, out: join(dir, 'inc.snapshot') });
            const full = await rebuild({ ...options, out: join(dir, 'full.snapshot'), full: true });
            expect(incremental.summary.mode).not.toBe('full');
            const { mode, changes: update } = incremental.summary;
            seen[mode === 'unchanged' ? 'unchanged' : 'incremental']++;
            seen.removed += update?.articlesRemoved ?? 0;
            seen.kept += update?.articlesKept ?? 0;
            seen.read += update?.filesRead ?? 0;
            expect(full.summary.mode).toBe('full');
            const [a, b] = await Promise.all([
              readSnapshot(join(dir, 'inc.snapshot')),
              readSnapshot(join(dir, 'full.snapshot')),
            ]);
            expect(indexContents(a.index)).toEqual(indexContents(b.index));
            expect(searchAnswers(a.index, QUERIES)).toEqual(searchAnswers(b.index, QUERIES));
            const {
              ms: _a,
              mode: _m,
              changes: _c,
              snapshot: _s,
              snapshotBytes: _x,
              ...sa
            } = incremental.summary;
            const {
              ms: _b,
              mode: _n,
              fullBecause: _f,
              snapshot: _t,
              snapshotBytes: _y,
              ...sb
            } = full.summary;
            expect(sa).toEqual(sb);
            expect(a.info.counts).toEqual(b.info.counts);
            expect(a.info.fingerprint).toBe(b.info.fingerprint);
          }
          await rm(dir, { recursive: true, force: true });
        },
      ),
      { seed: 20_261_201, numRuns: 30 },
    );
    console.log(`incremental updates checked against full rebuilds: ${JSON.stringify(seen)}`);
    // The sequences did exercise updates that keep, drop and read articles, and no-op ones.
    expect(
      Math.min(seen.incremental, seen.unchanged, seen.removed, seen.kept, seen.read),
    ).toBeGreaterThan(0);
  }, 240_000);
});

function story(n: number): Story {
  const picked = pool[n % pool.length];
  if (!picked) throw new Error('no stories to pick from');
  return picked;
}

/** Applies one change to the model and the folder; written files get generation `g`'s time. */
async function apply(corpus: string, files: ModelFile[], change: Step, g: number): Promise<void> {
  if (change.op === 'add') {
    const ext = change.format === 'jsonl' ? 'jsonl' : change.format;
    const path = `desk${change.name % 3}/${change.name}.${ext}`;
    const stories =
      change.format === 'jsonl' ? change.stories.map(story) : [story(change.stories[0] ?? 0)];
    const existing = files.findIndex((file) => file.path === path);
    const file = { path, format: change.format, stories };
    if (existing >= 0) files[existing] = file;
    else files.push(file);
    await writeFile(corpus, file, g);
    return;
  }
  const file = files[change.file % files.length];
  if (!file) return;
  if (change.op === 'remove') {
    if (files.length === 1) return;
    files.splice(files.indexOf(file), 1);
    await rm(join(corpus, file.path));
  } else if (change.op === 'touch') {
    await writeFile(corpus, file, g);
  } else if (change.op === 'edit') {
    file.stories[file.stories.length - 1] = story(change.story);
    await writeFile(corpus, file, g);
  } else if (change.op === 'append') {
    if (file.format === 'jsonl') file.stories.push(story(change.story));
    else file.stories = [story(change.story)];
    await writeFile(corpus, file, g);
  } else {
    const original = file.stories[0] ?? story(0);
    const copy = change.near
      ? { title: original.title, body: original.body.replace(/\.\s/, '. Officials agreed. ') }
      : original;
    const path = `copies/${files.length}-${g}.txt`;
    const added = { path, format: 'txt' as const, stories: [copy] };
    files.push(added);
    await writeFile(corpus, added, g);
  }
}

/** Writes a model file, then sets its times to generation `g`'s (distinct per generation, never now). */
async function writeFile(corpus: string, file: ModelFile, g: number): Promise<void> {
  const path = join(corpus, file.path);
  const first = file.stories[0] ?? story(0);
  if (file.format === 'txt') await writeBytes(path, `${first.title}\n\n${first.body}\n`);
  else if (file.format === 'md') {
    await writeBytes(path, `---\ntitle: ${JSON.stringify(first.title)}\n---\n\n${first.body}\n`);
  } else {
    const lines = file.stories.map((s, n) =>
      JSON.stringify({
        id: `r${n}`,
        title: s.title,
        body: s.body,
        date: `2005-0${(n % 9) + 1}-01`,
      }),
    );
    await writeBytes(path, `${lines.join('\n')}\n`);
  }
  const time = new Date(Date.UTC(2020, 0, 1) + g * 60_000);
  await utimes(path, time, time);
}
