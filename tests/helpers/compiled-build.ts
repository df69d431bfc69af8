/**
 * Vitest global setup: the tests that start `bin/newsdesk.js` (the CLI, the
 * server) as a child process run the JavaScript compiled into dist/, so dist/
 * is rebuilt first whenever anything under src/ or a tsconfig changed since the
 * last build (`tsc -p tsconfig.build.json`, incremental). A run whose sources
 * are unchanged only compares modification times (a few milliseconds); so no
 * test, under `npm test` or a bare `npx vitest run`, ever runs a stale dist/.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
/** Written by every build that emits; set here to the start of each build this setup runs. */
const STAMP = join(ROOT, 'dist', '.tsbuildinfo');
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json'];

export function setup(): void {
  const started = new Date();
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestChange()) return;
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // 2: emitted despite type errors, which `npm test`'s type-check reports on its own.
  if ((build.status !== 0 && build.status !== 2) || !existsSync(STAMP)) {
    throw new Error(`building dist/ for the tests failed:\n${build.stdout}${build.stderr}`);
  }
  // The build's start, not its end: a source saved while it ran makes the next run build again.
  utimesSync(STAMP, started, started);
  const seconds = ((Date.now() - started.getTime()) / 1000).toFixed(1);
  process.stdout.write(`dist/ rebuilt from src/ for the tests that run the CLI (${seconds} s)\n`);
}

/** The latest modification time of the inputs: files, and folders (a file removed or renamed). */
function newestChange(): number {
  let newest = 0;
  const visit = (path: string): void => {
    const stats = statSync(path);
    newest = Math.max(newest, stats.mtimeMs);
    if (stats.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
  };
  for (const input of INPUTS) visit(join(ROOT, input));
  return newest;
}
