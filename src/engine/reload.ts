/**
 * Live rebuilds: watch the snapshot file and, when `newsdesk index` replaces
 * it, load the new one in the background and swap it in. A snapshot that
 * fails to load is logged and the serving one kept.
 */
import { type FSWatcher, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describeError } from '../errors.ts';
import { type LoadedSnapshot, readSnapshot } from '../index/snapshot.ts';
import type { Logger } from '../logger.ts';
import type { Engine } from './engine.ts';

export interface ReloadOptions {
  /** Where reloads and rejections are reported. @example `jsonLogger(process.stderr)` */
  log: Logger;
  /** Wait this long after the last change before loading. @example 200 */
  debounceMs?: number;
  /** How to load a snapshot (default `readSnapshot`). */
  load?: (path: string) => Promise<LoadedSnapshot>;
  /**
   * Called after each attempt: whether the new snapshot went live, and how
   * long the attempt took (load and warm-up) in milliseconds.
   */
  onReload?: (outcome: { ok: boolean; message?: string; ms: number }) => void;
}

export interface SnapshotWatcher {
  close(): void;
}

/** Watch `path` (through its folder, since a rebuild renames a new file over it). */
export function watchSnapshot(
  engine: Engine,
  path: string,
  options: ReloadOptions,
): SnapshotWatcher {
  const load = options.load ?? readSnapshot;
  const debounceMs = options.debounceMs ?? 200;
  let seen: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  let closed = false;

  const reload = async (): Promise<void> => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      const identity = await fileIdentity(path);
      if (identity !== undefined && identity !== seen) {
        seen = identity;
        await swap(engine, path, load, options);
      }
    } finally {
      running = false;
      if (again && !closed) {
        again = false;
        void reload();
      }
    }
  };
  void fileIdentity(path).then((identity) => {
    seen ??= identity;
  });
  const watcher: FSWatcher = watch(dirname(path), (_event, filename) => {
    if (filename !== basename(path) || closed) return;
    clearTimeout(timer);
    timer = setTimeout(() => void reload(), debounceMs);
  });
  watcher.on('error', (error) => {
    options.log({ event: 'watch-failed', snapshot: path, message: describeError(error) });
  });
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher.close();
    },
  };
}

async function swap(
  engine: Engine,
  path: string,
  load: (path: string) => Promise<LoadedSnapshot>,
  options: ReloadOptions,
): Promise<void> {
  const started = performance.now();
  try {
    const next = await load(path);
    await warmInTurns(next);
    const live = engine.replace(next);
    const ms = Math.round(performance.now() - started);
    options.log({
      event: 'snapshot-reloaded',
      snapshot: path,
      articles: live.info.counts.articles,
      ms,
    });
    options.onReload?.({ ok: true, ms });
  } catch (error) {
    const message = describeError(error);
    options.log({ event: 'snapshot-rejected', snapshot: path, message, kept: 'the serving index' });
    options.onReload?.({ ok: false, message, ms: Math.round(performance.now() - started) });
  }
}

/**
 * Build the typo dictionary of a loaded snapshot in slices between turns of
 * the event loop (about 0.3 s in all for BBC + Reuters), so that requests are
 * answered meanwhile instead of waiting for it.
 */
async function warmInTurns(next: LoadedSnapshot): Promise<void> {
  await nextTurn();
  await next.index.vocabulary.warmUp();
}

/** Inode, size and modification time: changes whenever the file is replaced. */
async function fileIdentity(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined);
  return info ? `${info.ino}:${info.size}:${info.mtimeMs}` : undefined;
}
