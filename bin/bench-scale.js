#!/usr/bin/env node
// `npm run bench:scale`: runs the scale benchmark compiled into dist/.
import { importCompiled } from './compiled.js';

const { runScaleBenchmark } = await importCompiled('bench/scale/main.js');
process.exitCode = await runScaleBenchmark(process.argv.slice(2));
