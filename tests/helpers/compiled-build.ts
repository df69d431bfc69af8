/**
 * Vitest global setup: the tests that start `bin/newsdesk.js` (the CLI, the
 * server) as a child process run the JavaScript compiled into dist/, so
 * `bin/build.js` first rebuilds dist/ whenever anything under src/ or a
 * tsconfig changed since the last build. With the sources unchanged it only
 * compares modification times; so no test, under `npm test` or a bare
 * `npx vitest run`, runs a stale dist/.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const BUILD = resolve(import.meta.dirname, '../../bin/build.js');

export function setup(): void {
  const started = performance.now();
  const build = spawnSync(process.execPath, [BUILD], { encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`building dist/ for the tests failed:\n${build.stderr}`);
  if (build.stderr) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    process.stdout.write(`dist/ rebuilt from src/ for the tests that run the CLI (${seconds} s)\n`);
  }
}
