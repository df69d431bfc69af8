/** `newsdesk eval` over several corpus folders: judged ids carry the folder names. */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryFileArgument } from '../../src/cli/eval-command.ts';
import { main } from '../../src/cli/main.ts';
import type { SystemForms } from '../../src/eval/forms.ts';
import { makeTemp, removeTemp, writeBytes } from '../helpers/temp-corpus.ts';

async function run(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.resume();
  const io = { stdout, stderr } as unknown as Parameters<typeof main>[1];
  const code = await main(args, io);
  return { code, stdout: out.join('') };
}

describe('newsdesk eval with two corpus folders', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTemp();
    await writeBytes(join(dir, 'wire/oil.txt'), 'Oil prices climb\n\nCrude oil prices rose.\n');
    await writeBytes(join(dir, 'wire/bank.txt'), 'Bank holds rates\n\nThe bank held rates.\n');
    await writeBytes(join(dir, 'desk/oil.txt'), 'Oil output cut\n\nProducers cut oil output.\n');
    await writeBytes(join(dir, 'desk/match.txt'), 'Club wins match\n\nThe club won.\n');
    await writeBytes(join(dir, 'queries.tsv'), 'q1\toil\n');
    await writeBytes(join(dir, 'qrels.txt'), 'q1 0 wire/oil 1\nq1 0 desk/oil 1\n');
  });
  afterAll(() => removeTemp(dir));

  it('finds the judged articles by their prefixed ids', async () => {
    const result = await run([
      'eval',
      ...['--corpus', join(dir, 'wire'), '--corpus', join(dir, 'desk')],
      ...['--queries', join(dir, 'queries.tsv'), '--qrels', join(dir, 'qrels.txt'), '--json'],
    ]);
    expect(result.code).toBe(0);
    const reports = JSON.parse(result.stdout) as SystemForms[];
    expect(reports[0]?.name).toBe('newsdesk');
    expect(reports[0]?.forms[0]?.report.map).toBe(1);
  });
});

describe('newsdesk eval with several query files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await makeTemp();
    await writeBytes(join(dir, 'news/oil.txt'), 'Oil prices climb\n\nCrude oil prices rose.\n');
    await writeBytes(join(dir, 'news/bank.txt'), 'Bank holds rates\n\nThe bank held rates.\n');
    await writeBytes(join(dir, 'short.tsv'), 'q1\toil prices\n');
    await writeBytes(join(dir, 'long.tsv'), 'q1\thow are the prices of oil moving\n');
    await writeBytes(join(dir, 'qrels.txt'), 'q1 0 oil 1\n');
  });
  afterAll(() => removeTemp(dir));

  const args = () => [
    'eval',
    ...['--corpus', join(dir, 'news'), '--qrels', join(dir, 'qrels.txt')],
    ...['--queries', `short=${join(dir, 'short.tsv')}`, '--queries', join(dir, 'long.tsv')],
  ];

  it('reports every system on every query file, in the order given', async () => {
    const result = await run([...args(), '--json']);
    expect(result.code).toBe(0);
    const reports = JSON.parse(result.stdout) as SystemForms[];
    expect(reports.map((system) => system.name)).toContain('SQLite FTS5 (porter, OR)');
    for (const system of reports) {
      expect(system.forms.map((form) => form.form)).toEqual(['short', 'long']);
    }
    const fts5 = reports.find((system) => system.name.startsWith('SQLite'));
    expect(fts5?.forms.map((form) => form.report.mrr)).toEqual([1, 1]);
  });

  it('prints one column group per query file under its name', async () => {
    const result = await run(args());
    expect(result.code).toBe(0);
    const [counts, , heading, columns] = result.stdout.split('\n');
    expect(counts).toBe('queries: short 1, long 1; 2 articles, depth 1000');
    expect(heading).toMatch(/\| short +\| long$/);
    expect(columns?.match(/nDCG@10/g)).toHaveLength(2);
  });
});

describe('queryFileArgument', () => {
  it.each([
    ['short=../eval/queries.tsv', 'short', '../eval/queries.tsv'],
    ['../eval/queries-verbose.tsv', 'queries-verbose', '../eval/queries-verbose.tsv'],
    ['odd name=q.tsv', 'odd name=q', 'odd name=q.tsv'],
    ['a=b=c.tsv', 'a', 'b=c.tsv'],
  ])('%s is named %s and read from %s', (value, name, path) => {
    expect(queryFileArgument(value)).toEqual({ name, path });
  });
});
