#!/usr/bin/env node
// `npm run dev -- <command> [options]`: the CLI straight from the TypeScript sources through tsx,
// with no build (workers too: src/workers.ts starts them through bin/ts-worker.js).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
