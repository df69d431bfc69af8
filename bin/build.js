#!/usr/bin/env node
// Rebuilds dist/ when it is older than the sources: when a file or folder under src/, or a
// tsconfig, changed after the last build (dist/.tsbuildinfo's time). The benchmark launchers and
// the tests' global setup run this first, so neither measures nor tests a stale dist/; with
// nothing changed it only compares modification times (a few milliseconds).
// `node bin/build.js` does it from the command line (exit status 1 when the build fails).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** Written by every build that emits; set by this one to the time its build started. */
const STAMP = `${ROOT}dist/.tsbuildinfo`;
const INPUTS = ['src', 'tsconfig.json', 'tsconfig.build.json'];

/** Build dist/ if it is stale; returns what it did, or throws with tsc's output. */
export function buildIfStale() {
  const started = new Date();
  if (existsSync(STAMP) && statSync(STAMP).mtimeMs >= newestChange()) return 'fresh';
  process.stderr.write(
    'newsdesk: src/ changed since dist/ was built; building it (npm run build)\n',
  );
  const tsc = typescriptCompiler();
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  // 2: emitted despite type errors (the type-check reports them on its own).
  if ((build.status !== 0 && build.status !== 2) || !existsSync(STAMP)) {
    throw new Error(`building dist/ failed:\n${build.stdout}${build.stderr}`);
  }
  // The build's start, not its end: a source saved while it ran makes the next call build again.
  utimesSync(STAMP, started, started);
  return 'built';
}

/** The path of tsc's script, or an error saying TypeScript is not installed. */
function typescriptCompiler() {
  try {
    return createRequire(import.meta.url).resolve('typescript/bin/tsc');
  } catch (error) {
    throw new Error('TypeScript (a dev dependency) is not installed', { cause: error });
  }
}

/** The latest modification time of the inputs: files, and folders (a file removed or renamed). */
function newestChange() {
  let newest = 0;
  const visit = (path) => {
    const stats = statSync(path);
    newest = Math.max(newest, stats.mtimeMs);
    if (stats.isDirectory()) for (const name of readdirSync(path)) visit(`${path}/${name}`);
  };
  for (const input of INPUTS) visit(`${ROOT}${input}`);
  return newest;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    buildIfStale();
  } catch (error) {
    process.stderr.write(`newsdesk: ${error.message}\n`);
    process.exitCode = 1;
  }
}
