/**
 * `newsdesk index` as a child process, for fault tests: its progress lines as
 * events (standard error is not a terminal, so it prints "reading: …",
 * "indexing: …", "writing snapshot"), SIGKILL at any moment, and a file-size
 * limit (`ulimit -f`) under which a write fails with EFBIG.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { watch } from 'node:fs';
import { readdir, stat, utimes } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { BIN } from './serve-process.ts';

/** The read phase is over: the last "reading: N/N files" line. */
export const READ_DONE = /^reading: (\d+)\/\1 files/m;
/** The write phase started. */
export const WRITING = /^writing snapshot/m;

export interface IndexExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from spawn to exit. */
  ms: number;
}

export interface IndexProcess {
  child: ChildProcess;
  /** Milliseconds since the process was spawned. */
  elapsed(): number;
  /** Everything written to standard error so far. */
  stderr(): string;
  /** Resolves to the milliseconds since spawn when standard error matches `pattern`, or undefined if it exits first. */
  when(pattern: RegExp): Promise<number | undefined>;
  exited: Promise<IndexExit>;
  /** Whether the process has exited. */
  done(): boolean;
}

export interface IndexProcessOptions {
  /** Run under `ulimit -f` with this many 512-byte blocks (writes past it fail with EFBIG). @example 64 */
  fileSizeBlocks?: number;
  /** Working folder of the process. @example '/tmp/x' */
  cwd?: string;
}

/** Start `newsdesk index …args`. */
export function startIndex(
  args: readonly string[],
  options: IndexProcessOptions = {},
): IndexProcess {
  const command = [BIN, 'index', ...args];
  const child =
    options.fileSizeBlocks === undefined
      ? spawn(process.execPath, command, { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd })
      : spawn(
          'sh',
          [
            '-c',
            `ulimit -f ${options.fileSizeBlocks}; exec "$0" "$@"`,
            process.execPath,
            ...command,
          ],
          { stdio: ['ignore', 'pipe', 'pipe'], cwd: options.cwd },
        );
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  let out = '';
  let err = '';
  let finished = false;
  const waiting = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    for (const check of waiting) check();
  });
  const exited = new Promise<IndexExit>((resolve) => {
    child.once('close', (code, signal) => {
      finished = true;
      for (const check of waiting) check();
      resolve({ code, signal, stdout: out, stderr: err, ms: elapsed() });
    });
  });
  const when = (pattern: RegExp) =>
    new Promise<number | undefined>((resolve) => {
      const check = () => {
        if (pattern.test(err)) resolve(elapsed());
        else if (finished) resolve(undefined);
        else return;
        waiting.delete(check);
      };
      waiting.add(check);
      check();
    });
  return { child, elapsed, stderr: () => err, when, exited, done: () => finished };
}

/** Run `newsdesk index …args` to the end. */
export function runIndex(
  args: readonly string[],
  options: IndexProcessOptions = {},
): Promise<IndexExit> {
  return startIndex(args, options).exited;
}

/** The temporary files left beside the snapshot at `path` (`<name>.tmp-<pid>-<stamp>`). */
export async function temporaryFiles(path: string): Promise<string[]> {
  const names = await readdir(dirname(path));
  return names.filter((name) => name.startsWith(`${basename(path)}.tmp-`)).sort();
}

/** The load test's seeded generator (mulberry32), so a failing run can be replayed. */
export { seededRandom } from '../../src/bench/load/mix.ts';

/**
 * Whether a file has been read since `reset()`, from its access time: reset
 * puts the access time before the modification time, and the first read
 * moves it past (Linux updates it then even under `relatime`). On a file
 * system that keeps no access times (`noatime`) `read()` stays false.
 */
export interface ReadMark {
  reset(): Promise<void>;
  read(): Promise<boolean>;
}

export function readMark(path: string): ReadMark {
  return {
    async reset() {
      const { mtime } = await stat(path);
      await utimes(path, new Date(mtime.getTime() - 60_000), mtime);
    },
    async read() {
      const info = await stat(path);
      return info.atimeMs > info.mtimeMs;
    },
  };
}

/** When the snapshot's folder changed while a run lived, in milliseconds since its spawn. */
export interface FolderChanges {
  /** The first change (a file created, written, renamed or removed there), or undefined when the run exits first. */
  first: Promise<number | undefined>;
  /** The latest change so far. */
  last(): number | undefined;
}

/**
 * Watches the folder of `snapshot` while `run` lives, whatever way it writes
 * (a temporary file renamed into place, or the file itself): start watching
 * before the write begins.
 */
export function watchFolder(run: IndexProcess, snapshot: string): FolderChanges {
  let last: number | undefined;
  let settle: (at: number | undefined) => void = () => {};
  const first = new Promise<number | undefined>((resolve) => {
    settle = resolve;
  });
  const watcher = watch(dirname(snapshot), () => {
    last = run.elapsed();
    settle(last);
  });
  void run.exited.then(() => {
    watcher.close();
    settle(undefined);
  });
  return { first, last: () => last };
}
