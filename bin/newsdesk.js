#!/usr/bin/env node
// Thin launcher: runs the CLI compiled into dist/ (bin/compiled.js); `npm run dev` runs the
// TypeScript sources instead (bin/dev.js).
import { importCompiled } from './compiled.js';

const { main } = await importCompiled('cli/main.js');
process.exitCode = await main(process.argv.slice(2));
