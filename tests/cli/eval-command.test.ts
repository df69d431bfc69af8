/** `newsdesk eval` over several corpus folders: judged ids carry the folder names. */
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
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
    const reports = JSON.parse(result.stdout) as { name: string; report: { map: number } }[];
    expect(reports[0]?.name).toBe('newsdesk');
    expect(reports[0]?.report.map).toBe(1);
  });
});
