#!/usr/bin/env node
// `npm run bench`: runs the benchmark compiled into dist/ (rebuilt first when src/ changed).
import { importCompiled } from './compiled.js';

const { runBenchmark } = await importCompiled('bench/main.js', { rebuild: true });
await runBenchmark(process.argv.slice(2));
