// The launchers' one way into dist/, the JavaScript that `npm install` (`npm run build`) compiles
// from src/: imports a compiled module, or, when there is none (a checkout not installed yet),
// says what to run and exits with status 70, as the CLI does when it cannot go on.
import { existsSync } from 'node:fs';

/** Import `dist/<path>` (`cli/main.js`). */
export async function importCompiled(path) {
  const url = new URL(`../dist/${path}`, import.meta.url);
  if (!existsSync(url)) {
    process.stderr.write(
      `newsdesk: the compiled program is missing (dist/${path}); run \`npm install\` (or \`npm run build\`) in the checkout first\n`,
    );
    process.exit(70);
  }
  return import(url.href);
}
