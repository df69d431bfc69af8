// Worker-thread launcher: registers the TypeScript loader, then runs the search worker.
import { register } from 'tsx/esm/api';

register();
await import('../src/engine/search-worker.ts');
