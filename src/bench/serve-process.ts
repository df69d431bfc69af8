/** `newsdesk serve` as a child process, for the load test and for tests of the real command. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const BIN = resolve(import.meta.dirname, '../../bin/newsdesk.js');

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  /** Everything written to standard error so far. */
  stderr(): string;
  /** Send `signal` and resolve to the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Start `newsdesk serve …args`; resolves once it prints its URL. */
export function startServe(args: readonly string[], timeoutMs = 60_000): Promise<ServeProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return new Promise((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start: ${err}`)), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`serve exited with ${code}: ${err}`));
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /at (http:\/\/\S+)/.exec(out)?.[1];
      if (!url) return;
      clearTimeout(timer);
      ready({
        url,
        child,
        stderr: () => err,
        stop: (signal = 'SIGTERM') => {
          child.kill(signal);
          return exited;
        },
      });
    });
  });
}

/** The resident set size of process `pid` in bytes (Linux `/proc`), or undefined elsewhere. */
export function residentBytes(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const kb = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}
