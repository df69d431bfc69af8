#!/usr/bin/env node
// `npm run loadtest`: registers the TypeScript loader, then runs the load test.
import { register } from 'tsx/esm/api';

register();
const { runLoadTest } = await import('../src/bench/load/main.ts');
process.exitCode = await runLoadTest(process.argv.slice(2));
