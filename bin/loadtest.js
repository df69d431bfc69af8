#!/usr/bin/env node
// `npm run loadtest`: runs the load test compiled into dist/.
import { importCompiled } from './compiled.js';

const { runLoadTest } = await importCompiled('bench/load/main.js');
process.exitCode = await runLoadTest(process.argv.slice(2));
