/**
 * Progress for long commands: a bar on a terminal (files or articles, rate,
 * ETA), plain log lines otherwise, nothing when quiet.
 */
import cliProgress from 'cli-progress';
import type { RebuildProgress } from '../index/rebuild.ts';

export interface ProgressReporter {
  update(progress: RebuildProgress): void;
  stop(): void;
}

/** Log lines at most this often when the output is not a terminal. */
const LOG_EVERY_MS = 2000;

/** A reporter writing to `stream`: a bar when it is a TTY, log lines otherwise. */
export function createProgress(stream: NodeJS.WriteStream, quiet: boolean): ProgressReporter {
  if (quiet) return { update: () => undefined, stop: () => undefined };
  return stream.isTTY ? barProgress(stream) : logProgress(stream);
}

function barProgress(stream: NodeJS.WriteStream): ProgressReporter {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format:
        '{phase} [{bar}] {value}/{total} {unit} | {articles} articles | {rate}/s | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 200,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase = '';
  let started = performance.now();
  let lastUpdate = started;
  return {
    update(progress) {
      if (progress.phase === 'write') return;
      const [value, total, articles, unit] =
        progress.phase === 'read'
          ? [progress.filesDone, progress.filesTotal, progress.articles, 'files']
          : [progress.done, progress.total, progress.done, 'articles'];
      const now = performance.now();
      // A new phase started when the previous one sent its last update.
      if (phase !== progress.phase) started = phase === '' ? started : lastUpdate;
      lastUpdate = now;
      const rate = Math.round(value / Math.max((now - started) / 1000, 0.001));
      const label = progress.phase === 'read' ? 'reading ' : 'indexing';
      const payload = { phase: label, unit, articles, rate };
      if (phase !== progress.phase) {
        if (phase !== '') bar.stop();
        phase = progress.phase;
        bar.start(total, value, payload);
      } else bar.update(value, payload);
    },
    stop: () => bar.stop(),
  };
}

function logProgress(stream: NodeJS.WriteStream): ProgressReporter {
  let last = 0;
  return {
    update(progress) {
      const now = performance.now();
      const finished =
        progress.phase === 'write' ||
        (progress.phase === 'read'
          ? progress.filesDone === progress.filesTotal
          : progress.done === progress.total);
      if (!finished && now - last < LOG_EVERY_MS) return;
      last = now;
      stream.write(`${describe(progress)}\n`);
    },
    stop: () => undefined,
  };
}

function describe(progress: RebuildProgress): string {
  switch (progress.phase) {
    case 'read':
      return `reading: ${progress.filesDone}/${progress.filesTotal} files, ${progress.articles} articles`;
    case 'index':
      return `indexing: ${progress.done}/${progress.total} articles`;
    case 'write':
      return 'writing snapshot';
  }
}
