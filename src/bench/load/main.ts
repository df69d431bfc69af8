/**
 * `npm run loadtest`: start `newsdesk serve` as a child process on loopback,
 * gather what its corpus offers, generate the seeded request mix, drive it
 * with autocannon and report. Resolves to the exit status: 1 when a target is
 * missed.
 */
import { describeError, isNewsdeskError } from '../../errors.ts';
import { residentBytes, type ServeProcess, startServe } from '../serve-process.ts';
import { measureStall, type StallReport } from '../stall.ts';
import { gatherMaterial } from './material.ts';
import { requestMix } from './mix.ts';
import { LOAD_USAGE, type LoadOptions, parseLoadArgs } from './options.ts';
import {
  type CacheFigures,
  type LoadReport,
  missedTargets,
  reportJson,
  reportText,
} from './report.ts';
import { driveLoad } from './run.ts';

/** Requests after which the server's memory is taken as warmed up. */
export const WARMUP_REQUESTS = 1000;
/** How long serve may take to build the snapshot and start listening. */
const START_TIMEOUT_MS = 600_000;

/**
 * Run the load test as `args` say; writes the report to `out`; returns the exit status:
 * 0 targets met, 1 a target missed (or the run failed), 2 bad options.
 */
export async function runLoadTest(
  args: readonly string[],
  out: Pick<NodeJS.WritableStream, 'write'> = process.stdout,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    out.write(`${LOAD_USAGE}\n`);
    return 0;
  }
  try {
    return await loadTestCommand(args, out);
  } catch (error) {
    process.stderr.write(`loadtest: ${describeError(error)}\n`);
    return isNewsdeskError(error, 'USAGE') ? 2 : 1;
  }
}

async function loadTestCommand(
  args: readonly string[],
  out: Pick<NodeJS.WritableStream, 'write'>,
): Promise<number> {
  const options = parseLoadArgs(args);
  const report = await loadTest(options, (line) => {
    if (!options.json) process.stderr.write(`${line}\n`);
  });
  out.write(`${options.json ? reportJson(report) : reportText(report)}\n`);
  return missedTargets(report).length === 0 ? 0 : 1;
}

/** Serve, load and measure; the report, targets not yet judged. */
export async function loadTest(
  options: LoadOptions,
  progress: (line: string) => void = () => undefined,
): Promise<LoadReport> {
  const report = await withServer(options, progress, (server) =>
    measure(server, options, progress),
  );
  if (options.stallSeconds === 0) return report;
  progress(`expensive searches for ${options.stallSeconds} s, on a fresh server …`);
  // The stall phase repeats its searches: with the reply cache on, it would time the cache.
  const uncached = { ...options, serveArgs: [...options.serveArgs, '--cache-mb=0'] };
  const stall = await withServer(uncached, progress, (server) => stallPhase(server, uncached));
  return { ...report, stall };
}

/** Run `work` against a fresh `newsdesk serve`, stopped afterwards. */
async function withServer<T>(
  options: LoadOptions,
  progress: (line: string) => void,
  work: (server: ServeProcess) => Promise<T>,
): Promise<T> {
  progress(`starting newsdesk serve over ${options.corpus.join(', ')} …`);
  const server = await startServe(serveArgs(options), START_TIMEOUT_MS);
  try {
    return await work(server);
  } finally {
    const code = await server.stop('SIGTERM');
    if (code !== 0) progress(`newsdesk serve exited with ${String(code)}`);
  }
}

function stallPhase(server: ServeProcess, options: LoadOptions): Promise<StallReport> {
  const url = server.url.endsWith('/') ? server.url : `${server.url}/`;
  return measureStall(url, { seconds: options.stallSeconds });
}

async function measure(
  server: ServeProcess,
  options: LoadOptions,
  progress: (line: string) => void,
): Promise<LoadReport> {
  const stats = (await (await fetch(new URL('api/stats', server.url))).json()) as {
    articles: number;
  };
  const material = await gatherMaterial(server.url);
  const requests = requestMix(material, options.requests, options.seed);
  const memory = () => residentBytes(server.child.pid);
  const beforeLoad = memory();
  progress(
    `${server.url}: ${stats.articles} articles, ${material.words.length} words, ${material.ids.length} ids; sending ${options.requests} requests …`,
  );
  const drive = await driveLoad(server.url, requests, {
    connections: options.connections,
    timeoutSeconds: options.timeoutSeconds,
    warmup: WARMUP_REQUESTS,
    sampleMemory: memory,
    onProgress: (answered, non2xx) =>
      progress(`  ${answered.toLocaleString('en-US')} answered, ${non2xx} non-2xx`),
  });
  const cache = await replyCacheFigures(server.url);
  return {
    requests: options.requests,
    connections: options.connections,
    articles: stats.articles,
    drive,
    memory: { beforeLoad, afterWarmup: drive.memoryAfterWarmup, atEnd: drive.memoryAtEnd },
    ...(cache ? { cache } : {}),
  };
}

/** What `/api/stats` says of the server's reply cache. */
async function replyCacheFigures(url: string): Promise<CacheFigures | undefined> {
  const stats = (await (await fetch(new URL('api/stats', url))).json()) as {
    reply_cache?: CacheFigures;
  };
  return stats.reply_cache;
}

function serveArgs(options: LoadOptions): string[] {
  return [
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--quiet',
    '--snapshot',
    options.snapshot,
    ...options.corpus.flatMap((folder) => ['--corpus', folder]),
    ...options.exclude.flatMap((glob) => ['--exclude', glob]),
    ...options.serveArgs,
  ];
}
