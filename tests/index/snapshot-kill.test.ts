/**
 * SIGKILL during `newsdesk index`, in a loop: after every kill the snapshot
 * must load and be either the previous one or a complete new one, and killed
 * writers' temporary files must not pile up. Each run adds one article to a
 * corpus whose snapshot exists, so each is an incremental update (the first,
 * calibrating build is a full one): the update path is what gets killed.
 *
 * Each run is killed at a seeded random moment inside one stage, in turn:
 * reading the corpus, indexing, encoding the snapshot (after "writing
 * snapshot"), and writing its file (from the first change in the snapshot's
 * folder, the temporary file's creation, to a little past the last, its
 * rename). Stages are found from the progress lines, the first corpus file's
 * access time and a watch on the snapshot's folder, with their lengths timed
 * on a first, uninterrupted run; none of it depends on how the file is written,
 * so a writer that wrote the snapshot in place would be caught.
 *
 * NEWSDESK_FAULT_KILLS (default 20) sets how many kills; NEWSDESK_FAULT_LANES
 * (default 2) how many snapshots are rebuilt and killed side by side;
 * NEWSDESK_FAULT_SEED replays a run (the seed is printed). Most of the time is
 * child start-up (about 1.5 s of CPU each through tsx).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuild } from '../../src/index/rebuild.ts';
import { readSnapshot } from '../../src/index/snapshot.ts';
import {
  generatedArticlePath,
  writeGeneratedArticle,
  writeGeneratedCorpus,
} from '../helpers/generated-corpus.ts';
import {
  type FolderChanges,
  type IndexProcess,
  READ_DONE,
  type ReadMark,
  readMark,
  seededRandom,
  startIndex,
  temporaryFiles,
  WRITING,
  watchFolder,
} from '../helpers/index-process.ts';
import { makeTemp, removeTemp } from '../helpers/temp-corpus.ts';

const KILLS = settingFromEnv('NEWSDESK_FAULT_KILLS', 20);
const LANES = settingFromEnv('NEWSDESK_FAULT_LANES', 2);
const SEED = settingFromEnv('NEWSDESK_FAULT_SEED', 20_261_124);
/** About 450 ms of reading, indexing and writing (1.5 MB) on this project's machine. */
const ARTICLES = 300;

const STAGES = ['read', 'index', 'encode', 'file'] as const;
type Stage = (typeof STAGES)[number];
/** Where a kill landed, from what the run had shown by then. */
type Landed = 'start-up' | 'read' | 'index' | 'write' | 'finished first';

/** Milliseconds from spawn of each event, measured on an uninterrupted run. */
interface Timing {
  /** The first corpus file was read (0 when access times are not kept). */
  readStart: number;
  readDone: number;
  writing: number;
  /** The first change in the snapshot's folder (creating the temporary file). */
  fileStart: number;
  /** The last one (the rename). */
  fileEnd: number;
  exit: number;
}

interface Lane {
  corpus: string;
  snapshot: string;
  seed: number;
  /** Tells when a run started reading: files are read in order, this one first. */
  firstFile: ReadMark;
  /** Articles in the corpus now: each run adds one, so each generation has its own count. */
  articles: number;
  /** The snapshot at the path: its build time and article count. */
  current: { builtAt: string; articles: number };
}

interface Attempt {
  target: Stage;
  landed: Landed;
  outcome: 'previous kept' | 'new complete';
  temporaryLeft: boolean;
}

describe('newsdesk index killed with SIGKILL at random moments', () => {
  let root: string;
  let lanes: Lane[];
  let timing: Timing;

  beforeAll(async () => {
    root = await makeTemp('newsdesk-kill-');
    lanes = await Promise.all(
      Array.from({ length: LANES }, (_, n) => createLane(join(root, `lane${n}`), n + 1)),
    );
    timing = await calibrate(lanes);
  }, 120_000);
  afterAll(() => removeTemp(root));

  it(
    'always leaves a loadable snapshot, the previous one or a complete new one, and no pile of temporary files',
    async () => {
      const started = performance.now();
      const perLane = Math.ceil(KILLS / LANES);
      const results = await Promise.all(
        lanes.map((lane, n) => killLoop(lane, perLane, seededRandom(SEED + n), timing)),
      );
      const attempts = results.flat();
      report(attempts, performance.now() - started, timing);
      expect(attempts.filter(wasKilled).length).toBeGreaterThanOrEqual(KILLS);
      await Promise.all(lanes.map(finalBuild));
    },
    Math.max(120_000, KILLS * 8_000),
  );
});

async function createLane(dir: string, seed: number): Promise<Lane> {
  const corpus = join(dir, 'corpus');
  await mkdir(dir, { recursive: true });
  await writeGeneratedCorpus(corpus, ARTICLES, seed);
  return {
    corpus,
    snapshot: join(dir, 'index.snapshot'),
    seed,
    firstFile: readMark(join(corpus, 'desk0', '0000.txt')),
    articles: ARTICLES,
    current: { builtAt: '', articles: 0 },
  };
}

/**
 * Builds every lane's first snapshot: the first lane's with `newsdesk index`,
 * timing its stages, the others in this process (a child costs seconds of CPU
 * to start, most of this suite's time).
 */
async function calibrate(lanes: readonly Lane[]): Promise<Timing> {
  const [first, ...others] = lanes;
  if (!first) throw new Error('no lane to calibrate');
  await Promise.all([timedBuild(first, 'Indexed'), ...others.map(buildHere)]);
  // The runs that are killed update the snapshot (one article more each time): time one.
  await addArticle(first);
  return timedBuild(first, 'Updated the index');
}

/** Adds the lane's next article; runs from then on are first seen reading it. */
async function addArticle(lane: Lane): Promise<void> {
  await writeGeneratedArticle(lane.corpus, lane.articles, lane.seed);
  lane.firstFile = readMark(generatedArticlePath(lane.corpus, lane.articles));
  lane.articles += 1;
}

/** Builds the lane's snapshot with `newsdesk index`, timing its stages; its summary starts with `summary`. */
async function timedBuild(lane: Lane, summary: string): Promise<Timing> {
  await lane.firstFile.reset();
  const run = startIndex(['--corpus', lane.corpus, '--out', lane.snapshot]);
  const folder = watchFolder(run, lane.snapshot);
  const events = await Promise.all([
    whenRead(run, lane.firstFile),
    run.when(READ_DONE),
    run.when(WRITING),
    folder.first,
  ]);
  const exit = await run.exited;
  expect(exit.code, exit.stderr).toBe(0);
  expect(exit.stderr).toContain(summary);
  await recordCurrent(lane);
  const [readStart = 0, readDone = 0, writing = 0, fileStart = 0] = events;
  return { readStart, readDone, writing, fileStart, fileEnd: folder.last() ?? 0, exit: exit.ms };
}

/** Rebuilds a lane's snapshot in this process (a write from any process removes dead writers' leftovers). */
async function buildHere(lane: Lane): Promise<void> {
  await rebuild({ corpus: lane.corpus, out: lane.snapshot });
  await recordCurrent(lane);
}

async function recordCurrent(lane: Lane): Promise<void> {
  const loaded = await readSnapshot(lane.snapshot);
  expect(loaded.index.store.count).toBe(lane.articles);
  lane.current = { builtAt: loaded.info.builtAt, articles: loaded.index.store.count };
}

/** One uninterrupted build at the end: it succeeds and removes the last killed writer's leftover. */
async function finalBuild(lane: Lane): Promise<void> {
  await buildHere(lane);
  expect(await temporaryFiles(lane.snapshot)).toEqual([]);
}

/** Milliseconds from spawn when `run` read `mark`'s file, or undefined when it exits first. */
async function whenRead(run: IndexProcess, mark: ReadMark): Promise<number | undefined> {
  while (!run.done()) {
    if (await mark.read()) return run.elapsed();
    await sleep(5);
  }
  return undefined;
}

/** Kills `kills` runs of one lane (giving up after twice as many runs), checking after each. */
async function killLoop(
  lane: Lane,
  kills: number,
  random: () => number,
  timing: Timing,
): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  const killedPids = new Set<number>();
  for (let n = 0; n < kills * 2 && attempts.filter(wasKilled).length < kills; n++) {
    const target = STAGES[(n + lane.seed) % STAGES.length] ?? 'read';
    attempts.push(await killOnce(lane, target, random(), timing, killedPids));
  }
  return attempts;
}

const wasKilled = (attempt: Attempt) => attempt.landed !== 'finished first';

async function killOnce(
  lane: Lane,
  target: Stage,
  fraction: number,
  timing: Timing,
  killedPids: Set<number>,
): Promise<Attempt> {
  await addArticle(lane);
  await lane.firstFile.reset();
  const run = startIndex(['--corpus', lane.corpus, '--out', lane.snapshot]);
  const folder = watchFolder(run, lane.snapshot);
  await waitInto(run, folder, lane, target, fraction, timing);
  let landed = await landedIn(run, lane);
  if (landed !== 'finished first' && run.child.pid !== undefined) {
    run.child.kill('SIGKILL');
    killedPids.add(run.child.pid);
  }
  const exit = await run.exited;
  // It may also have exited just before the signal reached it.
  if (exit.signal !== 'SIGKILL') {
    expect(exit.code, exit.stderr).toBe(0);
    expect(exit.stderr, 'a run after a complete snapshot updates it').toContain(
      'Updated the index',
    );
    landed = 'finished first';
  }
  const outcome = await checkSnapshot(lane);
  const temporary = await temporaryFiles(lane.snapshot);
  expect(temporary.length, `temporary files after a kill: ${temporary.join(', ')}`).toBeLessThan(2);
  for (const name of temporary) expect(killedPids.has(pidOf(name))).toBe(true);
  const temporaryLeft = temporary.some((name) => pidOf(name) === run.child.pid);
  return { target, landed, outcome, temporaryLeft };
}

/** Waits until a random moment (`fraction` of the way) inside `target`, as timed in calibration. */
async function waitInto(
  run: IndexProcess,
  folder: FolderChanges,
  lane: Lane,
  target: Stage,
  fraction: number,
  timing: Timing,
): Promise<void> {
  const starts: Record<Stage, () => Promise<number | undefined>> = {
    read: async () => (timing.readStart > 0 ? whenRead(run, lane.firstFile) : 0),
    index: () => run.when(READ_DONE),
    encode: () => run.when(WRITING),
    file: () => folder.first,
  };
  const lengths: Record<Stage, number> = {
    read: timing.readDone - timing.readStart,
    index: timing.writing - timing.readDone,
    encode: timing.fileStart - timing.writing,
    // A little past the rename too: killed there, the new snapshot must be whole.
    file: 1.5 * (timing.fileEnd - timing.fileStart),
  };
  // Early moments of the file stage weigh more: a writer that wrote the snapshot in
  // place would be caught there, between truncating it and its last bytes.
  const at = target === 'file' ? fraction ** 2 : fraction;
  if ((await starts[target]()) !== undefined) await sleep(at * lengths[target]);
}

async function landedIn(run: IndexProcess, lane: Lane): Promise<Landed> {
  if (run.done()) return 'finished first';
  const stderr = run.stderr();
  if (WRITING.test(stderr)) return 'write';
  if (READ_DONE.test(stderr)) return 'index';
  return (await lane.firstFile.read()) ? 'read' : 'start-up';
}

/** The snapshot loads and is the lane's previous one or the complete new one. */
async function checkSnapshot(lane: Lane): Promise<Attempt['outcome']> {
  const loaded = await readSnapshot(lane.snapshot);
  const articles = loaded.index.store.count;
  if (loaded.info.builtAt === lane.current.builtAt) {
    expect(articles).toBe(lane.current.articles);
    return 'previous kept';
  }
  expect(Date.parse(loaded.info.builtAt)).toBeGreaterThan(Date.parse(lane.current.builtAt));
  expect(articles).toBe(lane.articles);
  expect(loaded.info.counts.articles).toBe(articles);
  lane.current = { builtAt: loaded.info.builtAt, articles };
  return 'new complete';
}

function report(attempts: readonly Attempt[], ms: number, timing: Timing): void {
  const count = (key: (attempt: Attempt) => string) => {
    const counts: Record<string, number> = {};
    for (const attempt of attempts) counts[key(attempt)] = (counts[key(attempt)] ?? 0) + 1;
    return JSON.stringify(counts);
  };
  const events = Object.entries(timing).map(([name, at]) => `${name} ${Math.round(at)}`);
  console.log(
    [
      `SIGKILL loop: seed ${SEED}, ${LANES} lanes, ${attempts.length} runs, ${attempts.filter(wasKilled).length} killed, in ${(ms / 1000).toFixed(1)} s`,
      `  calibration, ms from spawn: ${events.join(', ')}`,
      `  aimed at:  ${count((a) => a.target)}`,
      `  landed in: ${count((a) => a.landed)}`,
      `  snapshot after: ${count((a) => a.outcome)}`,
      `  killed mid-file, temporary file left (removed by a later write): ${attempts.filter((a) => a.temporaryLeft).length}`,
    ].join('\n'),
  );
}

function pidOf(name: string): number {
  return Number(/\.tmp-(\d+)-/.exec(name)?.[1]);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}

function settingFromEnv(name: string, fallback: number): number {
  const value = process.env[name];
  if (value === undefined || value === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) {
    throw new Error(`${name} must be a whole number from 1, not ${JSON.stringify(value)}`);
  }
  return number;
}
