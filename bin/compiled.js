// The launchers' one way into dist/, the JavaScript that `npm install` (`npm run build`) compiles
// from src/: imports a compiled module, or, when there is none (a checkout not installed yet) or it
// cannot be rebuilt, says what to run and exits with status 70, as the CLI does when it cannot go on.
import { existsSync } from 'node:fs';

/**
 * Import `dist/<path>` (`cli/main.js`); with `rebuild`, first rebuild dist/ if src/ changed
 * since its build (bin/build.js: the benchmarks, so that they never measure stale code).
 */
export async function importCompiled(path, { rebuild = false } = {}) {
  if (rebuild) {
    const { buildIfStale } = await import('./build.js');
    try {
      buildIfStale();
    } catch (error) {
      stop(`cannot build dist/: ${error.message}; run \`npm install\` in the checkout first`);
    }
  }
  const url = new URL(`../dist/${path}`, import.meta.url);
  if (!existsSync(url)) {
    stop(
      `the compiled program is missing (dist/${path}); run \`npm install\` (or \`npm run build\`) in the checkout first`,
    );
  }
  return import(url.href);
}

function stop(message) {
  process.stderr.write(`newsdesk: ${message}\n`);
  process.exit(70);
}
