#!/usr/bin/env node
// `npm run loadtest`: runs the load test compiled into dist/ (rebuilt first when src/ changed).
import { importCompiled } from './compiled.js';

const { runLoadTest } = await importCompiled('bench/load/main.js', { rebuild: true });
process.exitCode = await runLoadTest(process.argv.slice(2));
