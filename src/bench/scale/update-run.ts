/**
 * Incremental updates, end to end: with `newsdesk serve` running on the
 * snapshot, `count` synthetic articles are added (a new file), then changed
 * (the file written again, every article edited), then removed (the file
 * deleted). Each time `newsdesk index` is timed, and so is the time from the
 * command's start until the running server answers with the change (a word
 * only those articles hold, polled through `/api/search`).
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { seededRandom } from '../load/mix.ts';
import { startServe } from '../serve-process.ts';
import { DEFAULT_GENERATE_OPTIONS, type Material, syntheticArticle } from './generate.ts';
import { type IndexRun, runIndex } from './index-run.ts';

export type UpdateKind = 'add' | 'change' | 'remove';

export interface UpdateFigures {
  kind: UpdateKind;
  articles: number;
  build: IndexRun;
  /** From the command's start until the server answered with the change; absent when it never did. */
  servedMs?: number;
}

/** How long the server may take to show a change before the benchmark gives up on it. */
const SERVED_TIMEOUT_MS = 300_000;
const START_TIMEOUT_MS = 600_000;

/** The three updates of `count` articles on `folder` (whose snapshot is `snapshot`), in order. */
export async function measureUpdates(
  folder: string,
  snapshot: string,
  material: Material,
  count: number,
  scratch: string,
): Promise<UpdateFigures[]> {
  const server = await startServe(
    ['--snapshot', snapshot, '--corpus', folder, '--port', '0', '--quiet'],
    START_TIMEOUT_MS,
  );
  const file = join(folder, 'part-updates.jsonl.gz');
  const steps: { kind: UpdateKind; change: () => Promise<void>; word: string; expect: number }[] = [
    {
      kind: 'add',
      change: () => writeArticles(file, material, count, 'zqxadded'),
      word: 'zqxadded',
      expect: count,
    },
    {
      kind: 'change',
      change: () => writeArticles(file, material, count, 'zqxchanged'),
      word: 'zqxchanged',
      expect: count,
    },
    { kind: 'remove', change: () => rm(file), word: 'zqxchanged', expect: 0 },
  ];
  try {
    const figures: UpdateFigures[] = [];
    for (const step of steps) {
      await step.change();
      const started = performance.now();
      const build = await runIndex(folder, snapshot, scratch);
      const served = build.ok
        ? await whenServed(server.url, step.word, step.expect, started)
        : undefined;
      figures.push({
        kind: step.kind,
        articles: count,
        build,
        ...(served ? { servedMs: served } : {}),
      });
    }
    return figures;
  } finally {
    await server.stop('SIGTERM');
    await rm(file, { force: true });
  }
}

/**
 * `count` synthetic articles in one gzipped JSONL file, each body ending with
 * `word` (so a search for it finds exactly them), seeded by `word`.
 */
async function writeArticles(
  path: string,
  material: Material,
  count: number,
  word: string,
): Promise<void> {
  const random = seededRandom([...word].reduce((sum, c) => sum * 31 + c.charCodeAt(0), 7) >>> 0);
  const lines: string[] = [];
  for (let n = 0; n < count; n++) {
    const article = syntheticArticle(material, random, n, DEFAULT_GENERATE_OPTIONS);
    lines.push(JSON.stringify({ ...article, id: `update-${n}`, body: `${article.body} ${word}.` }));
  }
  await writeFile(path, gzipSync(`${lines.join('\n')}\n`, { level: 1 }));
}

/** Milliseconds from `started` until a search for `word` totals `expected`, or undefined on time-out. */
async function whenServed(
  base: string,
  word: string,
  expected: number,
  started: number,
): Promise<number | undefined> {
  const url = new URL(`api/search?q=${word}&collapse=off&spell=off&size=1`, base);
  while (performance.now() - started < SERVED_TIMEOUT_MS) {
    const response = await fetch(url);
    const body = (await response.json()) as { total?: number };
    if (response.ok && body.total === expected) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}
