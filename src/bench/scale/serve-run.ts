/**
 * `newsdesk serve` over a built snapshot, as a child process: the time from
 * spawning it to its first `/healthz` answer, the resident memory of its
 * process tree (its search workers are threads of it, any child process is
 * added), and the latency of whole result pages over HTTP per kind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { percentiles } from '../measure.ts';
import { residentBytes, startServe } from '../serve-process.ts';
import type { PageKind } from './pages.ts';

/** How long serve may take to load a large snapshot and start listening. */
const START_TIMEOUT_MS = 600_000;

export interface PageLatency {
  p50: number;
  p95: number;
  p99: number;
  /** Pages that did not answer 200. */
  failed: number;
}

export interface ServeFigures {
  /** Spawn to the first `/healthz` answer. */
  readyMs: number;
  /** RSS of serve's process tree once ready, and after every page was asked. */
  rssReady: number;
  rssAfter: number;
  /** True when serve rebuilt the snapshot instead of loading it (then `readyMs` is no load time). */
  rebuilt: boolean;
  latency: Map<PageKind, PageLatency>;
}

/**
 * Serve `snapshot`, ask every page `rounds` times after one warm-up round,
 * stop. The reply cache is off, so every round searches and renders again.
 */
export async function measureServe(
  snapshot: string,
  pages: ReadonlyMap<PageKind, readonly string[]>,
  rounds: number,
): Promise<ServeFigures> {
  const started = performance.now();
  const server = await startServe(
    ['--snapshot', snapshot, '--port', '0', '--quiet', '--cache-mb', '0'],
    START_TIMEOUT_MS,
  );
  try {
    const health = await fetch(new URL('healthz', server.url));
    await health.arrayBuffer();
    if (!health.ok) throw new Error(`/healthz answered ${health.status}`);
    const readyMs = performance.now() - started;
    const rssReady = treeResidentBytes(server.child.pid);
    const latency = new Map<PageKind, PageLatency>();
    for (const [kind, paths] of pages) {
      latency.set(kind, await pageLatency(server.url, paths, rounds));
    }
    return {
      readyMs,
      rssReady,
      rssAfter: treeResidentBytes(server.child.pid),
      rebuilt: server.stderr().includes('"event":"rebuilding"'),
      latency,
    };
  } finally {
    await server.stop('SIGTERM');
  }
}

/** Each page once to warm up, then `rounds` more times, timed to the last byte of the body. */
async function pageLatency(
  base: string,
  paths: readonly string[],
  rounds: number,
): Promise<PageLatency> {
  const samples: number[] = [];
  let failed = 0;
  for (let round = 0; round <= rounds; round++) {
    for (const path of paths) {
      const started = performance.now();
      const response = await fetch(new URL(path, base));
      await response.arrayBuffer();
      const ms = performance.now() - started;
      if (!response.ok) failed++;
      else if (round > 0) samples.push(ms);
    }
  }
  return { ...percentiles(samples), failed };
}

/** RSS of `pid` and all its descendants (Linux `/proc`; 0 where it cannot be read). */
export function treeResidentBytes(pid: number | undefined): number {
  if (pid === undefined) return 0;
  let total = residentBytes(pid) ?? 0;
  for (const child of childPids(pid)) total += treeResidentBytes(child);
  return total;
}

function childPids(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(/\s+/)
        .filter((word) => word !== '')
        .map(Number),
    );
  } catch {
    return [];
  }
}
