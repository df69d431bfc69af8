/**
 * Replacing a file atomically: the bytes go to a temporary file beside it,
 * every byte written (a short write is continued, never skipped), synced, then
 * renamed over the target and the folder synced, so a reader sees the old file
 * or the whole new one, never a part. A writer killed midway leaves its
 * temporary file behind; it is named after the writer's process id, so the
 * next write removes the leftovers of writers that are gone.
 */
import { randomBytes } from 'node:crypto';
import { readSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** How a file is written. */
export interface AtomicWriteOptions {
  /**
   * The most bytes one write call is given: Node refuses a call of more than
   * 2 GiB, so a bigger chunk (a snapshot past 2 GiB) is written in pieces.
   * @example 1024 * 1024 * 1024
   */
  maxWriteBytes: number;
}

export const DEFAULT_ATOMIC_WRITE_OPTIONS: AtomicWriteOptions = { maxWriteBytes: 2 ** 30 };

/**
 * Bytes that are still in another file: `length` bytes at `position` of the
 * open descriptor `fd` (an update's copy of the previous snapshot's stored
 * text), copied file to file through one reused buffer, never read whole.
 * @example `{ fd: openSync('old.snapshot', 'r'), position: 4096, length: 1 << 30 }`
 */
export interface FileRange {
  fd: number;
  position: number;
  length: number;
}

/** What a file is written from: bytes in memory, or a range of another file. */
export type Chunk = Uint8Array | FileRange;

/** The most bytes of a `FileRange` held at once while it is copied. */
const COPY_BYTES = 2 ** 20;

/** `<file>.tmp-<pid>-<stamp>`: the temporary files of writes to `<file>`. */
const TEMPORARY = /^(?<file>.+)\.tmp-(?<pid>\d+)-[0-9a-z]+$/;

/** A temporary file for a write by process `pid` to `path`, unique even within one millisecond. */
export function temporaryPath(path: string, pid: number = process.pid): string {
  return `${path}.tmp-${pid}-${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
}

/**
 * Write `chunks` to `path` through a temporary file; returns the bytes
 * written. On failure the temporary file is removed and `path` is as it was.
 */
export async function writeFileAtomically(
  path: string,
  chunks: readonly Chunk[],
  options: Partial<AtomicWriteOptions> = {},
): Promise<number> {
  const { maxWriteBytes } = { ...DEFAULT_ATOMIC_WRITE_OPTIONS, ...options };
  const temporary = temporaryPath(path);
  try {
    await mkdir(dirname(path), { recursive: true });
    await removeStaleTemporaries(path);
    const size = await writeAll(temporary, chunks, maxWriteBytes);
    await rename(temporary, path);
    await syncFolder(dirname(path));
    return size;
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
}

/**
 * Remove the temporary files of earlier writes to `path` whose process is no
 * longer running (killed mid-write). Files of live processes, this one
 * included, are left alone: they may be writing now. Returns the names removed.
 */
export async function removeStaleTemporaries(path: string): Promise<string[]> {
  const folder = dirname(path);
  const names = await readdir(folder).catch((): string[] => []);
  const stale = names.filter((name) => {
    const match = TEMPORARY.exec(name);
    if (match?.groups?.file !== basename(path)) return false;
    const pid = Number(match.groups.pid);
    return pid !== process.pid && !isRunning(pid);
  });
  await Promise.all(stale.map((name) => rm(join(folder, name), { force: true }).catch(() => {})));
  return stale;
}

/** Whether a process with this id exists (EPERM: it does, under another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}

async function writeAll(
  path: string,
  chunks: readonly Chunk[],
  maxWriteBytes: number,
): Promise<number> {
  const handle = await open(path, 'wx');
  let size = 0;
  try {
    let buffer: Buffer | undefined;
    for (const chunk of chunks) {
      if (chunk instanceof Uint8Array) {
        size += await writeChunk(handle, chunk, maxWriteBytes);
        continue;
      }
      buffer ??= Buffer.alloc(COPY_BYTES);
      size += await copyRange(handle, chunk, buffer, maxWriteBytes);
    }
    await handle.sync();
  } finally {
    await handle.close();
  }
  return size;
}

/**
 * One write call may write fewer bytes than asked (at a file-size limit, on a
 * nearly full disk) without an error; the rest goes to the next call, which
 * then fails with the real cause (EFBIG, ENOSPC) instead of the file being
 * renamed into place cut short. No call is given more than `maxWriteBytes`.
 */
async function writeChunk(
  handle: FileHandle,
  chunk: Uint8Array,
  maxWriteBytes: number,
): Promise<number> {
  let done = 0;
  while (done < chunk.length) {
    const length = Math.min(chunk.length - done, maxWriteBytes);
    const { bytesWritten } = await handle.write(chunk, done, length);
    if (bytesWritten <= 0) throw new Error(`write made no progress at byte ${done}`);
    done += bytesWritten;
  }
  return done;
}

/**
 * `range` written through `buffer`, a piece at a time; a range that ends
 * early (its file shrank) is a failure, not a shorter file.
 */
async function copyRange(
  handle: FileHandle,
  range: FileRange,
  buffer: Buffer,
  maxWriteBytes: number,
): Promise<number> {
  let done = 0;
  while (done < range.length) {
    const want = Math.min(buffer.length, range.length - done);
    const read = readSync(range.fd, buffer, 0, want, range.position + done);
    if (read <= 0) throw new Error(`the copied file ended ${range.length - done} bytes early`);
    done += await writeChunk(handle, buffer.subarray(0, read), maxWriteBytes);
  }
  return done;
}

/** Make the rename durable. Best effort: some systems cannot sync a folder. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => undefined);
  if (!handle) return;
  await handle
    .sync()
    .catch(() => undefined)
    .finally(() => handle.close());
}
