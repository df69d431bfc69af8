/**
 * Incremental reads: streamCorpus told the previous read's file records reads
 * only the files it has to, and gives per file the record, the articles and
 * the problems a full read of the same corpus gives, and the same summary.
 */
import { readFile, rm, utimes } from 'node:fs/promises';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultParsers } from '../../src/corpus/formats/index.ts';
import { txtParser } from '../../src/corpus/formats/txt.ts';
import {
  type CorpusFileRecord,
  type CorpusSummary,
  type FileBatch,
  type FileReader,
  streamCorpus,
} from '../../src/corpus/read.ts';
import type { Article, FormatParser } from '../../src/types.ts';
import { makeTemp, removeTemp, writeBytes } from '../helpers/temp-corpus.ts';

/** A day ago, in whole seconds: file times set from it are exact in `mtimeMs` and never racy. */
const PAST_S = Math.floor(Date.now() / 1000) - 86_400;

interface Read {
  batches: FileBatch[];
  summary: CorpusSummary;
  /** Files the reader read, relative to the root. */
  reads: string[];
  /** Files handed to a parser. */
  parsed: string[];
}

/** Reads `root` (with `previous`: incrementally), watching reads and parses. */
async function readWatched(
  root: string,
  previous?: ReadonlyMap<string, CorpusFileRecord>,
): Promise<Read> {
  const reads: string[] = [];
  const parsed: string[] = [];
  const readFileWatched: FileReader = (path) => {
    reads.push(relative(root, path));
    return readFile(path);
  };
  const parsers = defaultParsers.map(
    (parser): FormatParser => ({
      ...parser,
      parse: (file) => {
        parsed.push(file.relPath);
        return parser.parse(file);
      },
    }),
  );
  const stream = await streamCorpus(root, {
    parsers,
    readFile: readFileWatched,
    ...(previous ? { previous } : {}),
  });
  const batches: FileBatch[] = [];
  for await (const batch of stream) batches.push(batch);
  return { batches, summary: stream.summary(), reads, parsed };
}

function recordsOf(read: Read): Map<string, CorpusFileRecord> {
  return new Map(read.batches.map((batch) => [batch.file.name, batch.file]));
}

/** A record without its listing time (two reads list at different moments). */
function comparable(record: CorpusFileRecord): Omit<CorpusFileRecord, 'listedAtMs'> {
  const { listedAtMs: _listed, ...rest } = record;
  return rest;
}

function comparableSummary(summary: CorpusSummary) {
  const { bytes: _b, read: _r, unchanged: _u, removed: _x, ...rest } = summary;
  return rest;
}

/**
 * The incremental read gives what the full one does: each file's record,
 * problems and articles (an unchanged file's are the ones `carried` over
 * from the previous step), and the summary. Returns each file's articles.
 */
function expectSameAsFull(
  incremental: Read,
  full: Read,
  carried: ReadonlyMap<string, Article[]>,
): Map<string, Article[]> {
  expect(incremental.batches.map((batch) => comparable(batch.file))).toEqual(
    full.batches.map((batch) => comparable(batch.file)),
  );
  expect(incremental.batches.map((batch) => batch.problems)).toEqual(
    full.batches.map((batch) => batch.problems),
  );
  const articles = new Map<string, Article[]>();
  for (const [n, batch] of incremental.batches.entries()) {
    const kept = batch.unchanged ? (carried.get(batch.file.name) ?? []) : batch.articles;
    if (batch.unchanged) expect(batch.articles).toEqual([]);
    expect(kept).toEqual(full.batches[n]?.articles);
    articles.set(batch.file.name, kept);
  }
  expect(comparableSummary(incremental.summary)).toEqual(comparableSummary(full.summary));
  expect(incremental.summary.read).toBe(incremental.reads.length);
  expect(incremental.summary.unchanged).toBe(
    incremental.batches.filter((batch) => batch.unchanged).length,
  );
  return articles;
}

function articlesOf(read: Read): Map<string, Article[]> {
  return new Map(read.batches.map((batch) => [batch.file.name, batch.articles]));
}

function txt(title: string, body: string): string {
  return `${title}\n\n${body}\n`;
}

/** Writes `files` below `root`, each dated `seconds` after PAST_S. */
async function writeAll(root: string, files: Record<string, string>, seconds = 0): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    await writeBytes(join(root, name), content);
    await utimes(join(root, name), PAST_S + seconds, PAST_S + seconds);
  }
}

async function touch(root: string, name: string, seconds: number): Promise<void> {
  await utimes(join(root, name), PAST_S + seconds, PAST_S + seconds);
}

const HARBOUR = txt('Harbour reopens', 'The harbour reopened after the storm.');
const OIL = txt('Oil prices rise', 'Oil rose again on Monday.');
const MILL = txt('Mill reopens', 'The old mill reopened as a museum.');
const VOTE = txt('Election called', 'The prime minister called an election.');
const BASE = { 'a.md': `# Harbour reopens\n\nThe harbour reopened after the storm.\n` };

interface Scenario {
  name: string;
  before: Record<string, string>;
  change: (root: string) => Promise<void>;
  /** Files read (in walk order), parsed, unchanged, and removed by the incremental read. */
  reads: string[];
  parsed: string[];
  unchanged: string[];
  removed?: string[];
}

const SCENARIOS: Scenario[] = [
  {
    name: 'reads nothing when nothing changed',
    before: { 'a.txt': HARBOUR, 'b.txt': OIL, 'c.txt': HARBOUR },
    change: async () => {},
    reads: [],
    parsed: [],
    unchanged: ['a.txt', 'b.txt', 'c.txt'],
  },
  {
    name: 'hashes a touched file but does not parse it',
    before: { 'a.txt': HARBOUR, 'b.txt': OIL },
    change: (root) => touch(root, 'b.txt', 10),
    reads: ['b.txt'],
    parsed: [],
    unchanged: ['a.txt', 'b.txt'],
  },
  {
    name: 'reads and parses an edited file and an added one, and names a removed one',
    before: { 'a.txt': HARBOUR, 'b.txt': OIL, 'c.txt': MILL },
    change: async (root) => {
      await writeAll(root, { 'b.txt': VOTE, 'd.txt': OIL }, 10);
      await rm(join(root, 'c.txt'));
    },
    reads: ['b.txt', 'd.txt'],
    parsed: ['b.txt', 'd.txt'],
    unchanged: ['a.txt'],
    removed: ['c.txt'],
  },
  {
    name: 'reads a later unchanged file again when an earlier edit captures its article',
    before: { 'a.txt': OIL, 'b.txt': HARBOUR, 'c.txt': MILL },
    change: (root) => writeAll(root, { 'a.txt': HARBOUR }, 10),
    reads: ['a.txt', 'b.txt'],
    parsed: ['a.txt', 'b.txt'],
    unchanged: ['c.txt'],
  },
  {
    name: 'keeps the copy a later unchanged file dropped once the earlier one is removed',
    before: { 'a.txt': HARBOUR, 'b.txt': OIL, 'c.txt': HARBOUR },
    change: (root) => rm(join(root, 'a.txt')),
    reads: ['c.txt'],
    parsed: ['c.txt'],
    unchanged: ['b.txt'],
    removed: ['a.txt'],
  },
  {
    name: 'keeps the copy a later unchanged file dropped once the earlier one is edited away',
    before: { 'a.txt': HARBOUR, 'b.txt': HARBOUR },
    change: (root) => writeAll(root, { 'a.txt': OIL }, 10),
    reads: ['a.txt', 'b.txt'],
    parsed: ['a.txt', 'b.txt'],
    unchanged: [],
  },
  {
    name: 'gives a.txt its id once a.md, which took it, is removed',
    before: { ...BASE, 'a.txt': OIL, 'b.txt': MILL },
    change: (root) => rm(join(root, 'a.md')),
    reads: ['a.txt'],
    parsed: ['a.txt'],
    unchanged: ['b.txt'],
    removed: ['a.md'],
  },
  {
    name: 'refuses the id of an unchanged a.txt once a.md is added before it',
    before: { 'a.txt': OIL, 'b.txt': MILL },
    change: (root) => writeAll(root, BASE, 10),
    reads: ['a.md', 'a.txt'],
    parsed: ['a.md', 'a.txt'],
    unchanged: ['b.txt'],
  },
  {
    name: 'keeps the record of a file that repeats its own articles and refuses its own ids',
    before: {
      'w.jsonl': [
        JSON.stringify({ id: 'x', title: 'Oil prices rise', body: 'Oil rose again.' }),
        JSON.stringify({ id: 'y', title: 'Oil prices rise', body: 'Oil rose again.' }),
        JSON.stringify({ id: 'x', title: 'Mill reopens', body: 'The mill reopened.' }),
        '{"title": ',
      ].join('\n'),
      'z.txt': VOTE,
    },
    change: (root) => touch(root, 'w.jsonl', 10),
    reads: ['w.jsonl'],
    parsed: [],
    unchanged: ['w.jsonl', 'z.txt'],
  },
  {
    name: 'reads an unchanged file again when a new earlier file takes an id it dropped',
    before: {
      'b.jsonl': [
        JSON.stringify({ id: 'x', title: 'Oil prices rise', body: 'Oil rose again.' }),
        JSON.stringify({ id: 'y', title: 'Oil prices rise', body: 'Oil rose again.' }),
      ].join('\n'),
    },
    change: (root) =>
      writeAll(
        root,
        { 'b.json': JSON.stringify([{ id: 'y', title: 'Mill reopens', body: 'The mill.' }]) },
        10,
      ),
    reads: ['b.json', 'b.jsonl'],
    parsed: ['b.json', 'b.jsonl'],
    unchanged: [],
  },
];

describe('an incremental read', () => {
  let root: string;
  beforeEach(async () => {
    root = await makeTemp();
  });
  afterEach(() => removeTemp(root));

  it.each(SCENARIOS)('$name, and gives what a full read gives', async (scenario) => {
    await writeAll(root, scenario.before);
    const first = await readWatched(root);
    await scenario.change(root);
    const incremental = await readWatched(root, recordsOf(first));
    const full = await readWatched(root);
    expectSameAsFull(incremental, full, articlesOf(first));
    expect(incremental.reads).toEqual(scenario.reads);
    expect(incremental.parsed).toEqual(scenario.parsed);
    expect(
      incremental.batches.filter((batch) => batch.unchanged).map((batch) => batch.file.name),
    ).toEqual(scenario.unchanged);
    expect(incremental.summary.removed).toEqual(scenario.removed ?? []);
    expect(incremental.summary.bytes).toBe(
      incremental.batches
        .filter((batch) => scenario.reads.includes(batch.file.name))
        .reduce((sum, batch) => sum + batch.file.size, 0),
    );
  });

  it('refreshes the size and time of a touched file in its record', async () => {
    await writeAll(root, { 'a.txt': HARBOUR });
    const first = await readWatched(root);
    await touch(root, 'a.txt', 30);
    const again = await readWatched(root, recordsOf(first));
    expect(again.batches[0]?.file.mtimeMs).toBe((PAST_S + 30) * 1000);
    expect(again.batches[0]?.file.sha256).toBe(first.batches[0]?.file.sha256);
  });

  it('hashes a file modified just before its listing again, so a same-size edit in the same clock tick is seen', async () => {
    const now = Math.floor(Date.now() / 1000);
    await writeBytes(join(root, 'a.txt'), HARBOUR);
    await utimes(join(root, 'a.txt'), now, now);
    await writeAll(root, { 'b.txt': OIL });
    const first = await readWatched(root);
    const mtimeMs = first.batches[0]?.file.mtimeMs ?? 0;
    const edited = HARBOUR.replace('storm', 'STORM');
    await writeBytes(join(root, 'a.txt'), edited);
    await utimes(join(root, 'a.txt'), mtimeMs / 1000, mtimeMs / 1000);
    const again = await readWatched(root, recordsOf(first));
    expect(again.batches[0]?.file.mtimeMs).toBe(mtimeMs);
    expect(again.reads).toEqual(['a.txt']);
    expect(again.batches[0]?.articles[0]?.body).toContain('STORM');
  });

  it('reads a file that could not be read last time again', async () => {
    await writeAll(root, { 'a.txt': HARBOUR, 'b.txt': OIL });
    const failing = await streamCorpus(root, {
      readFile: (path) =>
        path.endsWith('a.txt') ? Promise.reject(new Error('EIO')) : readFile(path),
    });
    const records = new Map<string, CorpusFileRecord>();
    for await (const batch of failing) records.set(batch.file.name, batch.file);
    expect(records.get('a.txt')?.sha256).toBeUndefined();
    const again = await readWatched(root, records);
    expect(again.reads).toEqual(['a.txt']);
    expect(again.batches[0]?.articles.map((article) => article.id)).toEqual(['a']);
    expect(again.summary.problems).toEqual([]);
  });

  it('reads every file of a folder listed under another layout again (same names, other paths)', async () => {
    await writeAll(root, { 'desk/a.txt': HARBOUR });
    const first = await readWatched(root);
    const moved = new Map(
      [...recordsOf(first)].map(([name, record]) => [name, { ...record, relPath: 'a.txt' }]),
    );
    const again = await readWatched(root, moved);
    expect(again.reads).toEqual(['desk/a.txt']);
    expect(again.parsed).toEqual(['desk/a.txt']);
  });

  it('counts a file no parser reads any more as removed', async () => {
    await writeAll(root, { ...BASE, 'a.txt': OIL });
    const first = await readWatched(root);
    const stream = await streamCorpus(root, { parsers: [txtParser], previous: recordsOf(first) });
    const batches: FileBatch[] = [];
    for await (const batch of stream) batches.push(batch);
    expect(batches.map((batch) => [batch.file.name, batch.unchanged])).toEqual([['a.txt', false]]);
    expect(batches[0]?.file.ids).toEqual(['a']);
    expect(stream.summary().removed).toEqual(['a.md']);
  });
});

/** Headlines and bodies few enough that files repeat one another, within a file and across files. */
const STORIES = [
  ['Harbour reopens', 'The harbour reopened after the storm.'],
  ['Oil prices rise', 'Oil rose again on Monday.'],
  ['Election called', 'The prime minister called an election.'],
  ['Harbour reopens', 'The harbour stays shut for a week.'],
] as const;

/** a.md and a.txt give one id, so do c.json and c.jsonl records; zz.txt always holds an article. */
const NAMES = ['a.md', 'a.txt', 'b.txt', 'c.json', 'c.jsonl', 'd/e.txt', 'd/f.jsonl'] as const;
const ANCHOR = { 'zz.txt': txt('Anchor story', 'A story no other file tells.') };

const story = fc.constantFrom(...STORIES);
const jsonRecord = fc.record({ story, id: fc.constantFrom(undefined, 'x', 'y') });
type JsonRecord = { story: readonly [string, string]; id: string | undefined };

function jsonOf({ story: [title, body], id }: JsonRecord): Record<string, string> {
  return id === undefined ? { title, body } : { id, title, body };
}

/** A file's content for its format: a story, several records, or something broken or empty. */
function contentFor(name: string): fc.Arbitrary<string> {
  if (name.endsWith('.md')) return story.map(([title, body]) => `# ${title}\n\n${body}\n`);
  if (name.endsWith('.txt')) {
    return fc.oneof(
      story.map(([title, body]) => txt(title, body)),
      fc.constant(''),
    );
  }
  const records = fc.array(jsonRecord, { minLength: 1, maxLength: 4 });
  if (name.endsWith('.jsonl')) {
    const line = fc.oneof(
      { weight: 4, arbitrary: jsonRecord.map((record) => JSON.stringify(jsonOf(record))) },
      { weight: 1, arbitrary: fc.constant('{"title": ') },
    );
    return fc.array(line, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n'));
  }
  return fc.oneof(
    { weight: 4, arbitrary: records.map((list) => JSON.stringify(list.map(jsonOf))) },
    { weight: 1, arbitrary: fc.constant('[{') },
  );
}

type Change =
  | { kind: 'write'; name: string; content: string }
  | { kind: 'remove'; name: string }
  | { kind: 'touch'; name: string };

const fileName = fc.constantFrom(...NAMES);
const write = fileName.chain((name) =>
  contentFor(name).map((content): Change => ({ kind: 'write', name, content })),
);
const change = fc.oneof(
  { weight: 3, arbitrary: write },
  { weight: 1, arbitrary: fileName.map((name): Change => ({ kind: 'remove', name })) },
  { weight: 1, arbitrary: fileName.map((name): Change => ({ kind: 'touch', name })) },
);

/** Applies `changes` at `seconds`; returns the files whose listing they changed. */
async function apply(root: string, changes: readonly Change[], seconds: number): Promise<string[]> {
  const touched: string[] = [];
  for (const step of changes) {
    const path = join(root, step.name);
    if (step.kind === 'remove') {
      await rm(path, { force: true });
      continue;
    }
    if (step.kind === 'write') await writeBytes(path, step.content);
    await utimes(path, PAST_S + seconds, PAST_S + seconds).then(
      () => touched.push(step.name),
      () => undefined,
    );
  }
  return touched;
}

describe('incremental reads over random sequences of corpus changes', () => {
  it('give after every step what a full read gives, reading only the files whose listing changed or whose outcome moved', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(write, { minLength: 2, maxLength: 7 }),
        fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), {
          minLength: 1,
          maxLength: 5,
        }),
        async (initial, steps) => {
          const root = await makeTemp();
          try {
            await writeAll(root, ANCHOR);
            await apply(root, initial, 0);
            let last = await readWatched(root);
            let articles = articlesOf(last);
            for (const [n, changes] of steps.entries()) {
              const touched = await apply(root, changes, 10 * (n + 1));
              const incremental = await readWatched(root, recordsOf(last));
              const full = await readWatched(root);
              articles = expectSameAsFull(incremental, full, articles);
              const moved = incremental.batches
                .filter((batch) => !batch.unchanged)
                .map((batch) => batch.file.name);
              const allowed = new Set([...touched, ...moved]);
              expect(incremental.reads.filter((name) => !allowed.has(name))).toEqual([]);
              expect(incremental.parsed).toEqual(moved);
              const listed = new Set(full.batches.map((batch) => batch.file.name));
              expect(incremental.summary.removed).toEqual(
                [...recordsOf(last).keys()].filter((name) => !listed.has(name)),
              );
              last = incremental;
            }
          } finally {
            await removeTemp(root);
          }
        },
      ),
      { seed: 12_204, numRuns: 40 },
    );
  });
});
