/**
 * Drive a server with the request mix through autocannon, over loopback only,
 * counting answers per kind and sampling the server's memory after the first
 * requests and at the end.
 */
import autocannon from 'autocannon';
import { type LoadRequest, REQUEST_KINDS, type RequestKind } from './mix.ts';

export interface DriveOptions {
  /**
   * Concurrent connections.
   * @example 10
   */
  connections: number;
  /**
   * Seconds before a request counts as timed out.
   * @example 10
   */
  timeoutSeconds: number;
  /**
   * Answers after which `sampleMemory` is read for the "after warm-up" figure.
   * @example 1000
   */
  warmup: number;
  /**
   * The server's resident memory in bytes now (read once after the warm-up, once at the end).
   * @example `() => residentBytes(child.pid)`
   */
  sampleMemory: () => number | undefined;
  /**
   * Called every 10 s with the answers so far.
   * @example `(answered) => console.error(`${answered} answered`)`
   */
  onProgress?: (answered: number, non2xx: number) => void;
}

/** Answers of one kind of request. */
export interface KindCount {
  count: number;
  non2xx: number;
  /** Response time of each answer, in ms. */
  latencies: number[];
}

/** A non-2xx answer, kept for the report (the first few). */
export interface Failure {
  kind: RequestKind;
  path: string;
  status: number;
}

export interface DriveResult {
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Socket errors, timeouts included (autocannon's count). */
  errors: number;
  timeouts: number;
  non2xx: number;
  serverErrors: number;
  answered: number;
  seconds: number;
  byKind: ReadonlyMap<RequestKind, KindCount>;
  failures: Failure[];
  memoryAfterWarmup: number | undefined;
  memoryAtEnd: number | undefined;
}

/** Failures kept for the report. */
const KEPT_FAILURES = 10;

/** Send every request in `requests` once, in order, to `url` (a loopback address). */
export async function driveLoad(
  url: string,
  requests: readonly LoadRequest[],
  options: DriveOptions,
): Promise<DriveResult> {
  assertLoopback(url);
  const tally = createTally(requests, options);
  const timer = setInterval(() => options.onProgress?.(tally.answers(), tally.non2xx()), 10_000);
  const result = await run(
    {
      url,
      connections: options.connections,
      amount: requests.length,
      timeout: options.timeoutSeconds,
      headers: { 'accept-encoding': 'gzip' },
      requests: [tally.request],
    },
    tally.onTime,
  ).finally(() => clearInterval(timer));
  return {
    requestsPerSecond: result.requests.total / Math.max(result.duration, 1e-9),
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p99: result.latency.p99,
      max: result.latency.max,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    serverErrors: result['5xx'],
    answered: tally.answers(),
    seconds: result.duration,
    byKind: tally.byKind,
    failures: tally.failures,
    memoryAfterWarmup: tally.memoryAfterWarmup(),
    memoryAtEnd: options.sampleMemory(),
  };
}

/**
 * The one autocannon request, which takes the next path of the mix each time
 * it is sent, and counts and times each answer by kind.
 */
function createTally(requests: readonly LoadRequest[], options: DriveOptions) {
  const byKind = new Map<RequestKind, KindCount>(
    REQUEST_KINDS.map((kind) => [kind, { count: 0, non2xx: 0, latencies: [] }]),
  );
  const failures: Failure[] = [];
  const sent = new WeakMap<object, LoadRequest>();
  let next = 0;
  let answers = 0;
  let memoryAfterWarmup: number | undefined;
  let answered: LoadRequest | undefined;
  const request: autocannon.Request = {
    method: 'GET',
    setupRequest: (raw, context) => {
      const item = requests[next++ % requests.length];
      if (!item) return raw;
      sent.set(context, item);
      return { ...raw, path: item.path };
    },
    onResponse: (status, _body, context) => {
      answered = sent.get(context);
      const kind = answered && byKind.get(answered.kind);
      if (answered && kind) count(kind, failures, answered, status);
      if (++answers === options.warmup) memoryAfterWarmup = options.sampleMemory();
    },
  };
  /** autocannon reports an answer's time right after `onResponse` for that answer. */
  const onTime = (responseTime: number) => {
    if (answered) byKind.get(answered.kind)?.latencies.push(responseTime);
    answered = undefined;
  };
  return {
    request,
    onTime,
    byKind,
    failures,
    answers: () => answers,
    non2xx: () => [...byKind.values()].reduce((sum, kind) => sum + kind.non2xx, 0),
    memoryAfterWarmup: () => memoryAfterWarmup,
  };
}

function count(tally: KindCount, failures: Failure[], item: LoadRequest, status: number): void {
  tally.count++;
  if (status >= 200 && status < 300) return;
  tally.non2xx++;
  if (failures.length < KEPT_FAILURES) failures.push({ kind: item.kind, path: item.path, status });
}

function run(
  options: autocannon.Options,
  onTime: (responseTime: number) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error: unknown, result) => {
      if (error) reject(error);
      else resolve(result);
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => onTime(responseTime));
  });
}

/** The load test never leaves the machine. */
function assertLoopback(url: string): void {
  const host = new URL(url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) {
    throw new Error(`the load test only drives loopback addresses, not ${host}`);
  }
}
