/** Timing and memory helpers for the benchmark (never used by tests). */

/** Milliseconds `run` takes. */
export function time<T>(run: () => T): { value: T; ms: number } {
  const started = performance.now();
  const value = run();
  return { value, ms: performance.now() - started };
}

export async function timeAsync<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

/** Heap plus array buffers, after a full collection when `--expose-gc` is on. */
export function memory(): { heap: number; rss: number } {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  collect?.();
  const usage = process.memoryUsage();
  return { heap: usage.heapUsed + usage.arrayBuffers, rss: usage.rss };
}

/** p50, p95 and p99 of `samples` (milliseconds). */
export function percentiles(samples: readonly number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

/** Latency samples of a query set: each query's first call, and the rounds after it. */
export interface LatencySamples {
  /** One per query: its first call in this process (nothing it reads cached by itself yet). */
  first: number[];
  /** `rounds` calls per query after the first ones, round by round. */
  repeated: number[];
}

/** Latency of every call of `run` over `queries`: one first round, then `rounds` more. */
export function latencySamples<Q>(
  queries: readonly Q[],
  rounds: number,
  run: (query: Q) => void,
): LatencySamples {
  const timed = (query: Q): number => {
    const started = performance.now();
    run(query);
    return performance.now() - started;
  };
  const first = queries.map(timed);
  const repeated: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of queries) repeated.push(timed(query));
  }
  return { first, repeated };
}

/** Percentiles of the repeated rounds of `latencySamples` (the first round is the warm-up). */
export function latencies<Q>(queries: readonly Q[], rounds: number, run: (query: Q) => void) {
  return percentiles(latencySamples(queries, rounds, run).repeated);
}
