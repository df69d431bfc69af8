#!/usr/bin/env node
// `npm run bench`: runs the benchmark compiled into dist/.
import { importCompiled } from './compiled.js';

const { runBenchmark } = await importCompiled('bench/main.js');
await runBenchmark(process.argv.slice(2));
