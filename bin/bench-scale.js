#!/usr/bin/env node
// `npm run bench:scale`: runs the scale benchmark compiled into dist/ (rebuilt first when src/ changed).
import { importCompiled } from './compiled.js';

const { runScaleBenchmark } = await importCompiled('bench/scale/main.js', { rebuild: true });
process.exitCode = await runScaleBenchmark(process.argv.slice(2));
