// Worker-thread launcher: registers the TypeScript loader, then runs the segment writer.
import { register } from 'tsx/esm/api';

register();
await import('../src/index/segments/segment-worker.ts');
