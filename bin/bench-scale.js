#!/usr/bin/env node
// `npm run bench:scale`: registers the TypeScript loader, then runs the scale benchmark.
import { register } from 'tsx/esm/api';

register();
const { runScaleBenchmark } = await import('../src/bench/scale/main.ts');
process.exitCode = await runScaleBenchmark(process.argv.slice(2));
