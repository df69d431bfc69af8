#!/usr/bin/env node
// `npm run bench`: registers the TypeScript loader, then runs the benchmark.
import { register } from 'tsx/esm/api';

register();
const { runBenchmark } = await import('../src/bench/main.ts');
await runBenchmark(process.argv.slice(2));
