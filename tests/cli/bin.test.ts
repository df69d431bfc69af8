import { execFile } from 'node:child_process';
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { makeTemp, mixedCorpus, removeTemp } from '../helpers/temp-corpus.ts';

const BIN = resolve(import.meta.dirname, '../../bin');

/** Preloaded into a child: writes every module it resolves to standard error, `module <url>`. */
const HOOKS = `export async function resolve(specifier, context, next) {
  const found = await next(specifier, context);
  process.stderr.write('module ' + found.url + '\\n');
  return found;
}`;
const LOG_MODULES = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`,
)}`;

/** Run a launcher with node; resolves to its exit code and output, whatever the code. */
function run(script: string, args: readonly string[], node: readonly string[] = []) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    execFile(process.execPath, [...node, script, ...args], (error, stdout, stderr) =>
      done({
        code: error ? (typeof error.code === 'number' ? error.code : null) : 0,
        stdout,
        stderr,
      }),
    );
  });
}

describe('bin/newsdesk.js', () => {
  let checkout: string;
  beforeAll(async () => {
    // A checkout that was never installed: the launchers and sources, no dist/ nor node_modules.
    checkout = await makeTemp();
    await mkdir(join(checkout, 'bin'));
    await mkdir(join(checkout, 'src'));
    for (const name of ['newsdesk.js', 'compiled.js', 'build.js', 'bench.js']) {
      await copyFile(join(BIN, name), join(checkout, 'bin', name));
    }
    for (const name of ['tsconfig.json', 'tsconfig.build.json']) {
      await copyFile(join(BIN, '..', name), join(checkout, name));
    }
  });
  afterAll(() => removeTemp(checkout));

  it('without dist/ says to run npm install and exits 70', async () => {
    const result = await run(join(checkout, 'bin', 'newsdesk.js'), ['search', 'election']);
    expect(result.code).toBe(70);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'newsdesk: the compiled program is missing (dist/cli/main.js); run `npm install` (or `npm run build`) in the checkout first\n',
    );
  });

  it('as a benchmark launcher without dist/ nor TypeScript, says it cannot build and exits 70', async () => {
    const result = await run(join(checkout, 'bin', 'bench.js'), []);
    expect(result.code).toBe(70);
    expect(result.stderr).toBe(
      [
        'newsdesk: src/ changed since dist/ was built; building it (npm run build)',
        'newsdesk: cannot build dist/: TypeScript (a dev dependency) is not installed; run `npm install` in the checkout first',
        '',
      ].join('\n'),
    );
  });

  it('searches with the compiled modules only, loading neither the server nor the corpus readers', async () => {
    const corpus = await mixedCorpus();
    const snapshot = join(checkout, 'index.snapshot');
    const quiet = { write: () => true } as unknown as NodeJS.WriteStream;
    const io = { stdout: quiet, stderr: quiet };
    expect(await main(['index', '--corpus', corpus, '--out', snapshot, '--quiet'], io)).toBe(0);
    await removeTemp(corpus);
    const args = ['search', 'drone', '--snapshot', snapshot];
    const result = await run(join(BIN, 'newsdesk.js'), args, ['--import', LOG_MODULES]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\d+ results? in /);
    const modules = [...result.stderr.matchAll(/^module (.+)$/gm)].map((match) => match[1]);
    const root = pathToFileURL(resolve(BIN, '..')).href;
    const own = modules.filter(
      (url) => url?.startsWith(`${root}/`) && !url.includes('/node_modules/'),
    );
    expect(own.filter((url) => !/\/(dist|bin)\//.test(url ?? ''))).toEqual([]);
    expect(own).toContain(`${root}/dist/cli/search-command.js`);
    for (const heavy of ['express', 'linkedom', 'marked', '@mozilla/readability', 'tsx']) {
      expect(modules.filter((url) => url?.includes(`/node_modules/${heavy}/`))).toEqual([]);
    }
  });
});
