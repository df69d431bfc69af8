/**
 * `/healthz`: liveness plus what an operator watches under load: searches
 * running and waiting on the workers, and how late the event loop has run
 * since the server started (p50, p99, max, in ms beyond the 10 ms sampling tick).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Engine } from '../engine/engine.ts';
import { jsonReply } from './reply.ts';
import type { Route } from './routes.ts';

/** How often the event loop's lateness is sampled, in ms (subtracted from each sample). */
const RESOLUTION_MS = 10;

/** The handler for `/healthz`; starts sampling the event loop's delay. */
export function healthRoute(engine: Engine): Route {
  const delay = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  delay.enable();
  const ms = (nanoseconds: number) =>
    Math.max(0, Math.round(nanoseconds / 1e4) / 100 - RESOLUTION_MS);
  return ({ coding }) =>
    jsonReply(
      {
        status: 'ok',
        articles: engine.current().index.store.count,
        searches: engine.pending(),
        event_loop_delay_ms: {
          p50: ms(delay.percentile(50)),
          p99: ms(delay.percentile(99)),
          max: ms(delay.max),
        },
      },
      coding,
    );
}
