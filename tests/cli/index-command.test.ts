import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { readSnapshot } from '../../src/index/snapshot.ts';
import { makeTemp, mixedCorpus, removeTemp, writeBytes } from '../helpers/temp-corpus.ts';

/** Runs the CLI in-process with captured output. */
async function run(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on('data', (chunk: Buffer) => err.push(chunk.toString()));
  const io = { stdout, stderr } as unknown as Parameters<typeof main>[1];
  const code = await main(args, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

describe('newsdesk index', () => {
  let corpus: string;
  let dir: string;

  beforeAll(async () => {
    corpus = await mixedCorpus();
    dir = await makeTemp();
  });
  afterAll(async () => {
    await removeTemp(corpus);
    await removeTemp(dir);
  });

  it('writes a loadable snapshot and prints a summary with counts, problems and size', async () => {
    const out = join(dir, 'a.snapshot');
    const result = await run(['index', '--corpus', corpus, '--out', out, '--quiet']);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Indexed 10 articles from 13 files/);
    expect(result.stderr).toMatch(/duplicates dropped\s+1/);
    expect(result.stderr).toMatch(/problems\s+7 \(/);
    expect(result.stderr).toMatch(/wire\/briefs\.jsonl:2 .*\[invalid-json\] not valid JSON/);
    const loaded = await readSnapshot(out);
    expect(loaded.index.store.count).toBe(10);
    expect(loaded.info.counts).toMatchObject({
      files: 13,
      articles: 10,
      duplicates: 1,
      problems: 7,
    });
  });

  it('prints one JSON object on standard output with --json', async () => {
    const out = join(dir, 'b.snapshot');
    const result = await run(['index', '--corpus', corpus, '--out', out, '--json', '--quiet']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ files: 13, articles: 10, duplicates: 1 });
    expect(summary.snapshotBytes).toBe((await stat(out)).size);
    expect(typeof summary.ms).toBe('number');
    expect(summary.problems).toContainEqual(
      expect.objectContaining({
        file: 'wire/desk.csv',
        line: 3,
        kind: 'invalid-csv',
        reason: expect.any(String),
      }),
    );
  });

  it('exits non-zero with --strict when there were problems, after writing the snapshot', async () => {
    const out = join(dir, 'c.snapshot');
    const result = await run(['index', '--corpus', corpus, '--out', out, '--strict', '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/7 problems .*--strict/);
    expect((await stat(out)).size).toBeGreaterThan(0);
  });

  it('leaves out files matching --exclude', async () => {
    const out = join(dir, 'd.snapshot');
    const result = await run([
      'index',
      '--corpus',
      corpus,
      '--out',
      out,
      '--exclude',
      'wire/**',
      '--exclude',
      '*.html',
      '--json',
      '--quiet',
    ]);
    expect(JSON.parse(result.stdout)).toMatchObject({ files: 10, articles: 5 });
  });

  it('indexes several folders as one, ids starting with each folder name', async () => {
    const second = join(dir, 'desk');
    await writeBytes(join(second, 'budget.txt'), 'Budget passes\n\nThe budget passed.\n');
    const out = join(dir, 'multi.snapshot');
    const result = await run(['index', '--corpus', second, '--corpus', corpus, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/Indexed 11 articles from 14 files/);
    expect(result.stderr).toContain(
      `    ${basename(corpus)}/wire/briefs.jsonl:2 record 2 [invalid-json]`,
    );
    const loaded = await readSnapshot(out);
    // by folder name: "desk" before "newsdesk-test-…"
    expect(loaded.info.corpora).toEqual([second, corpus]);
    expect(loaded.index.store.docOf('desk/budget') !== undefined).toBe(true);
  });

  it('refuses two corpus folders with one base name, naming both, with exit code 2', async () => {
    const twin = join(dir, 'twin', basename(corpus));
    const result = await run([
      'index',
      '--corpus',
      corpus,
      '--corpus',
      twin,
      '--out',
      join(dir, 'h'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `--corpus ${corpus} and --corpus ${twin} have the same folder name`,
    );
  });

  it('gives a clear error and exit code 3 for a missing corpus', async () => {
    const result = await run([
      'index',
      '--corpus',
      join(dir, 'missing'),
      '--out',
      join(dir, 'e.snapshot'),
    ]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/corpus folder not found: .*missing/);
  });

  it('gives a clear error and exit code 3 for a corpus with no articles', async () => {
    const empty = join(dir, 'empty-corpus');
    await writeBytes(join(empty, 'notes.dat'), 'nothing here');
    const result = await run(['index', '--corpus', empty, '--out', join(dir, 'f.snapshot')]);
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/no articles found/);
  });

  it('names an unknown option and exits 2', async () => {
    const result = await run(['index', '--bogus']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--bogus/);
    expect(result.stderr).toContain('Usage: newsdesk index');
  });

  it('names an unknown command and exits 2', async () => {
    const result = await run(['frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown command "frobnicate"');
  });

  it('runs as a program through bin/newsdesk.js, as npx does', async () => {
    const bin = resolve(import.meta.dirname, '../../bin/newsdesk.js');
    const out = join(dir, 'g.snapshot');
    const { stdout } = await promisify(execFile)(process.execPath, [
      bin,
      'index',
      '--corpus',
      corpus,
      '--out',
      out,
      '--json',
    ]);
    expect(JSON.parse(stdout)).toMatchObject({ articles: 10 });
  });
});
