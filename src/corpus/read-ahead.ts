/**
 * Corpus files read ahead of the one being parsed, in order, with a bound on
 * how many files and how many raw bytes are in flight at once: a read counts
 * from the moment it starts until the reader releases its bytes (after
 * parsing them). One read is always allowed, so a file larger than the byte
 * bound is still read, alone.
 */
import type { SourceFile } from './folders.ts';

/** How far the reader may read ahead of the file it is parsing. */
export interface ReadAhead {
  /**
   * Most files read or being read and not yet released.
   * @example `32`
   */
  files: number;
  /**
   * Most raw bytes (as on disk, before gunzip) in those files, counted by the
   * size the listing saw until a read ends, then by the bytes it returned.
   * @example `64 * 1024 * 1024`
   */
  bytes: number;
}

/** Reads one file's raw bytes. */
export type FileReader = (path: string) => Promise<Uint8Array>;

export type ReadOutcome = { ok: true; bytes: Uint8Array } | { ok: false; error: unknown };

/** Files handed out in listing order; `release` each after parsing it, so more can start. */
export interface ReadQueue {
  /** The next file's read (the first call gives the first file's). */
  next(): Promise<ReadOutcome>;
  /** The file last handed out by `next` is parsed: its bytes no longer count. */
  release(): void;
}

interface Pending {
  /** The bytes this read counts for: the listed size, then the size read. */
  reservation: { bytes: number };
  outcome: Promise<ReadOutcome>;
}

/** Starts reads of `files` in order within `limit`, using `read` for each. */
export function readAhead(
  files: readonly SourceFile[],
  limit: ReadAhead,
  read: FileReader,
): ReadQueue {
  const waiting: Pending[] = [];
  let held: Pending | undefined;
  const tally = { started: 0, open: 0, bytes: 0 };
  const mayStart = (size: number): boolean =>
    tally.open === 0 || (tally.open < limit.files && tally.bytes + size <= limit.bytes);
  const fill = (): void => {
    for (let file = files[tally.started]; file; file = files[tally.started]) {
      const size = Math.max(0, file.size);
      if (!mayStart(size)) return;
      tally.started++;
      tally.open++;
      tally.bytes += size;
      const reservation = { bytes: size };
      const outcome = startRead(read, file.path).then((result) => {
        const actual = result.ok ? result.bytes.length : 0;
        tally.bytes += actual - reservation.bytes;
        reservation.bytes = actual;
        return result;
      });
      waiting.push({ reservation, outcome });
    }
  };
  fill();
  return {
    next() {
      held = waiting.shift();
      return held?.outcome ?? Promise.resolve({ ok: false, error: new Error('no file left') });
    },
    release() {
      if (!held) return;
      tally.open--;
      tally.bytes -= held.reservation.bytes;
      held = undefined;
      fill();
    },
  };
}

/** A read that never rejects (a reader that throws synchronously counts as a failed read). */
export function startRead(read: FileReader, path: string): Promise<ReadOutcome> {
  try {
    return read(path).then(
      (bytes): ReadOutcome => ({ ok: true, bytes }),
      (error: unknown): ReadOutcome => ({ ok: false, error }),
    );
  } catch (error) {
    return Promise.resolve({ ok: false, error });
  }
}
