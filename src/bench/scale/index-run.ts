/**
 * The real commands as child processes: `newsdesk index` timed with its peak
 * resident memory (`/usr/bin/time` when present, else the child's own
 * `process.resourceUsage().maxRSS` written at exit by a preloaded module), and
 * the snapshot loaded in a fresh process (`readSnapshot`, timed in-process).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { moduleBeside } from '../../workers.ts';
import { BIN } from '../serve-process.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const GNU_TIME = '/usr/bin/time';
/** Where the preloaded module writes the child's peak RSS (kB). */
const RSS_FILE_VARIABLE = 'NEWSDESK_BENCH_RSS_FILE';
const RSS_PRELOAD = `data:text/javascript,${encodeURIComponent(
  `import{writeFileSync}from"node:fs";process.on("exit",()=>{const f=process.env.${RSS_FILE_VARIABLE};if(f)writeFileSync(f,String(process.resourceUsage().maxRSS))})`,
)}`;
/** Longest message kept from a failing command's standard error. */
const MESSAGE_CHARS = 300;

/** How a build went: its figures, or the message it failed with. */
export type IndexRun =
  | {
      ok: true;
      ms: number;
      peakRss?: number;
      snapshotBytes: number;
      articles: number;
      terms: number;
      /** `full`, `incremental` or `unchanged` (see `RebuildSummary.mode`). */
      mode: string;
    }
  | { ok: false; ms: number; peakRss?: number; message: string };

interface Finished {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/**
 * Run `newsdesk index --corpus corpus --out out --json --quiet`; `scratch` is
 * a file path it may use; `gnuTime` is used when it exists.
 */
export async function runIndex(
  corpus: string,
  out: string,
  scratch: string,
  gnuTime = GNU_TIME,
): Promise<IndexRun> {
  const command = [BIN, 'index', '--corpus', corpus, '--out', out, '--json', '--quiet'];
  const finished = existsSync(gnuTime)
    ? await run(gnuTime, ['-f', '%M', '-o', scratch, process.execPath, ...command])
    : await run(process.execPath, ['--import', RSS_PRELOAD, ...command], {
        [RSS_FILE_VARIABLE]: scratch,
      });
  const peakRss = await peakRssFrom(scratch);
  const rss = peakRss === undefined ? {} : { peakRss };
  if (finished.code !== 0) {
    return { ok: false, ms: finished.ms, ...rss, message: failureMessage(finished) };
  }
  const summary = JSON.parse(finished.stdout) as {
    articles: number;
    terms: number;
    snapshotBytes: number;
    mode: string;
  };
  return {
    ok: true,
    ms: finished.ms,
    ...rss,
    snapshotBytes: summary.snapshotBytes,
    articles: summary.articles,
    terms: summary.terms,
    mode: summary.mode,
  };
}

/**
 * Load `snapshot` with `readSnapshot` in a fresh Node process: milliseconds and
 * its RSS after. The child imports the modules built as this one is: dist/'s
 * JavaScript under `npm run bench:scale`, the sources through tsx under vitest.
 */
export async function loadInChild(snapshot: string): Promise<{ ms: number; rss: number }> {
  const snapshotModule = moduleBeside('../../index/snapshot', import.meta.url);
  const analyzerModule = moduleBeside('../../analysis/analyzer', import.meta.url);
  const code = [
    `import { readSnapshot } from ${JSON.stringify(snapshotModule.href)};`,
    `import { createAnalyzer } from ${JSON.stringify(analyzerModule.href)};`,
    'const started = performance.now();',
    'await readSnapshot(process.argv[1], createAnalyzer());',
    'const ms = performance.now() - started;',
    'process.stdout.write(JSON.stringify({ ms, rss: process.memoryUsage().rss }));',
  ].join('\n');
  const loader = snapshotModule.pathname.endsWith('.ts') ? ['--import', 'tsx'] : [];
  const finished = await run(process.execPath, [
    ...loader,
    '--input-type=module',
    '-e',
    code,
    snapshot,
  ]);
  if (finished.code !== 0)
    throw new Error(`loading ${snapshot} failed: ${failureMessage(finished)}`);
  return JSON.parse(finished.stdout) as { ms: number; rss: number };
}

function run(command: string, args: readonly string[], env: Record<string, string> = {}) {
  return new Promise<Finished>((done, fail) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.once('error', fail);
    child.once('close', (code, signal) =>
      done({
        code,
        signal,
        stdout: Buffer.concat(out).toString(),
        stderr: Buffer.concat(err).toString(),
        ms: performance.now() - started,
      }),
    );
  });
}

/** The peak RSS in bytes from the scratch file (its last line, in kB), removed after. */
async function peakRssFrom(scratch: string): Promise<number | undefined> {
  try {
    const lines = (await readFile(scratch, 'utf8')).trim().split('\n');
    const kb = Number(lines[lines.length - 1]);
    return Number.isFinite(kb) && kb > 0 ? kb * 1024 : undefined;
  } catch {
    return undefined;
  } finally {
    await rm(scratch, { force: true });
  }
}

/** The last line the command wrote to standard error, or how it ended. */
function failureMessage(finished: Finished): string {
  const lines = finished.stderr
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('Command '));
  const last = lines[lines.length - 1];
  const ended = finished.signal ? `killed by ${finished.signal}` : `exit ${String(finished.code)}`;
  if (last === undefined) return ended;
  const message = last.startsWith('newsdesk: ') ? last.slice('newsdesk: '.length) : last;
  return `${message.slice(0, MESSAGE_CHARS)} (${ended})`;
}
