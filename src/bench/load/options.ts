/** `npm run loadtest` options: what to serve, how hard to drive it, and the targets. */
import { integerOption, parseOptions } from '../../cli/args.ts';

export const LOAD_USAGE = `Usage: npm run loadtest -- [options]

Start \`newsdesk serve\` on 127.0.0.1 over the corpus folders, drive it with a seeded mix of
searches, suggestions, articles and pages (autocannon, loopback only), and report throughput,
latency, errors, non-2xx answers and the server's memory beside their targets (at least 1,000
requests/s, p99 at most 50 ms, no errors or non-2xx answers, memory within 10 %). Exits 1 when
a target is missed.

Options:
  --requests N      requests to send (default 100000; at least 1000)
  --connections N   concurrent connections (default 10)
  --seed N          seed of the request mix (default 20261124)
  --timeout S       seconds before a request counts as timed out (default 10)
  --corpus DIR      corpus folder to serve; repeatable (default: the BBC and Reuters corpora
                    in ../shared/corpora, with Reuters' *.lc.txt and cat-descriptions* left out)
  --exclude GLOB    leave out matching files when building; repeatable
  --snapshot FILE   snapshot to serve, rebuilt only when stale (default .newsdesk/loadtest.snapshot)
  --stall-seconds S then, on a fresh server, time cheap searches alone and while 4 loops of
                    expensive ones run, for S seconds (default 20; 0 skips it)
  --serve-arg ARG   one more argument for \`newsdesk serve\`; repeatable (--serve-arg=--workers=4)
  --json            print the report as one JSON object`;

export interface LoadOptions {
  /**
   * Requests to send, set-up requests not counted.
   * @example 100_000
   */
  requests: number;
  /**
   * Concurrent connections.
   * @example 10
   */
  connections: number;
  /**
   * Seed of the request mix: the same seed and server give the same requests.
   * @example 20261124
   */
  seed: number;
  /**
   * Seconds before autocannon counts a request as timed out.
   * @example 10
   */
  timeoutSeconds: number;
  /**
   * Corpus folders to serve (several are served as one index).
   * @example `['../shared/corpora/bbc']`
   */
  corpus: string[];
  /**
   * Exclude globs for the build.
   * @example `['*.lc.txt']`
   */
  exclude: string[];
  /**
   * Snapshot path; the server reuses it when it is fresh.
   * @example '.newsdesk/loadtest.snapshot'
   */
  snapshot: string;
  /**
   * Seconds of the expensive-search phase (0 skips it).
   * @example 20
   */
  stallSeconds: number;
  /**
   * More arguments for `newsdesk serve`.
   * @example `['--workers=4']`
   */
  serveArgs: string[];
  /**
   * Print the report as JSON instead of text.
   * @example true
   */
  json: boolean;
}

export const DEFAULT_LOAD_OPTIONS: LoadOptions = {
  requests: 100_000,
  connections: 10,
  seed: 20_261_124,
  timeoutSeconds: 10,
  corpus: ['../shared/corpora/bbc', '../shared/corpora/reuters21578'],
  exclude: ['*.lc.txt', 'cat-descriptions*'],
  snapshot: '.newsdesk/loadtest.snapshot',
  stallSeconds: 20,
  serveArgs: [],
  json: false,
};

/** The options in `args`; throws a USAGE error naming a bad one. */
export function parseLoadArgs(args: readonly string[]): LoadOptions {
  const { values } = parseOptions('loadtest', LOAD_USAGE, {
    args: [...args],
    options: {
      requests: { type: 'string' },
      connections: { type: 'string' },
      seed: { type: 'string' },
      timeout: { type: 'string' },
      corpus: { type: 'string', multiple: true },
      exclude: { type: 'string', multiple: true },
      snapshot: { type: 'string' },
      'stall-seconds': { type: 'string' },
      'serve-arg': { type: 'string', multiple: true },
      json: { type: 'boolean' },
    },
  });
  const defaults = DEFAULT_LOAD_OPTIONS;
  const requests = integerOption('requests', values.requests, defaults.requests, {
    min: 1000,
    max: 100_000_000,
  });
  return {
    requests,
    connections: integerOption('connections', values.connections, defaults.connections, {
      min: 1,
      max: Math.min(1000, requests),
    }),
    seed: integerOption('seed', values.seed, defaults.seed, { min: 0, max: 2 ** 32 - 1 }),
    timeoutSeconds: integerOption('timeout', values.timeout, defaults.timeoutSeconds, {
      min: 1,
      max: 600,
    }),
    corpus: values.corpus ?? defaults.corpus,
    exclude: values.exclude ?? (values.corpus ? [] : defaults.exclude),
    snapshot: values.snapshot ?? defaults.snapshot,
    stallSeconds: integerOption('stall-seconds', values['stall-seconds'], defaults.stallSeconds, {
      min: 0,
      max: 3600,
    }),
    serveArgs: values['serve-arg'] ?? [],
    json: values.json ?? false,
  };
}
