// Worker-thread launcher for the TypeScript sources (tests, `npm run dev`): registers tsx, then
// imports the worker module whose URL `startWorker` (src/workers.ts) put first in its argv.
import { register } from 'tsx/esm/api';

register();
await import(process.argv[2]);
