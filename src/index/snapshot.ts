/**
 * Snapshots on disk: written atomically (a temporary file, fsync, rename, so a
 * crash mid-write leaves the previous snapshot intact) and verified on load.
 */
import { open } from 'node:fs/promises';
import { type Analyzer, createAnalyzer } from '../analysis/analyzer.ts';
import { describeError, NewsdeskError } from '../errors.ts';
import { writeFileAtomically } from './atomic-file.ts';
import type { NewsIndex } from './build.ts';
import { indexFromSections, indexSections } from './snapshot-content.ts';
import {
  ChecksumReader,
  decodeSnapshot,
  encodeSnapshot,
  readHeader,
  type SnapshotInfo,
} from './snapshot-format.ts';

/** Where `newsdesk index` writes and `serve`/`search` read by default: outside corpus/, git-ignored. */
export const DEFAULT_SNAPSHOT_PATH = '.newsdesk/index.snapshot';

/**
 * Write `index` to `path` atomically (see `writeFileAtomically`): a failure,
 * a full disk included, leaves the previous snapshot as it was. Returns the
 * snapshot's size in bytes.
 */
export async function writeSnapshot(
  path: string,
  index: NewsIndex,
  info: SnapshotInfo,
): Promise<number> {
  return writeSnapshotChunks(path, encodeSnapshot(info, indexSections(index)));
}

async function writeSnapshotChunks(path: string, chunks: readonly Uint8Array[]): Promise<number> {
  try {
    return await writeFileAtomically(path, chunks);
  } catch (error) {
    throw new NewsdeskError(
      'SNAPSHOT_WRITE_FAILED',
      `cannot write snapshot ${path}: ${describeError(error)} (the previous snapshot, if any, is unchanged)`,
      { cause: error },
    );
  }
}

export interface LoadedSnapshot {
  index: NewsIndex;
  info: SnapshotInfo;
  bytes: number;
  /**
   * The snapshot's bytes in shared memory, as read or written (absent for an
   * index that was neither): search workers view it instead of a copy each.
   */
  shared?: Uint8Array;
}

/**
 * Load and verify the snapshot at `path`, read into shared memory (see
 * `LoadedSnapshot.shared`); refuses a missing, corrupt or incompatible one.
 */
export async function readSnapshot(
  path: string,
  analyzer: Analyzer = createAnalyzer(),
): Promise<LoadedSnapshot> {
  let bytes: Buffer;
  const checksum = new ChecksumReader(path);
  try {
    bytes = await readFileShared(path, READ_PIECE_BYTES, (read, end) => checksum.update(read, end));
  } catch (error) {
    throw new NewsdeskError(
      'SNAPSHOT_MISSING',
      `cannot read snapshot ${path}: ${describeError(error)} (build it with \`newsdesk index\`)`,
      {
        cause: error,
      },
    );
  }
  const digest = checksum.digest();
  const { info, sections } = decodeSnapshot(
    bytes,
    analyzer.settings,
    path,
    digest ? { digest } : {},
  );
  const index = indexFromSections(sections, analyzer, path);
  return { index, info, bytes: bytes.length, shared: bytes };
}

/**
 * The most bytes one read call is asked for: Node refuses a call of more than
 * 2 GiB (and `readFile` a file of more), so a big snapshot is read in pieces,
 * each hashed while the next is being read.
 */
const READ_PIECE_BYTES = 2 ** 26;

/**
 * The whole file at `path` in one SharedArrayBuffer, read in pieces of at most
 * `pieceBytes` (a short read is continued; a file that shrank gives what was
 * there). `onPiece(bytes, end)` is called once `bytes[0, end)` are read, while
 * the next piece is being read.
 * @example `await readFileShared('index.snapshot')`
 */
export async function readFileShared(
  path: string,
  pieceBytes: number = READ_PIECE_BYTES,
  onPiece?: (bytes: Buffer, end: number) => void,
): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    let at = 0;
    let reading = size > 0 ? handle.read(bytes, 0, Math.min(size, pieceBytes), 0) : undefined;
    while (reading) {
      const { bytesRead } = await reading;
      if (bytesRead === 0) break;
      at += bytesRead;
      const length = Math.min(size - at, pieceBytes);
      reading = length > 0 ? handle.read(bytes, at, length, at) : undefined;
      onPiece?.(bytes, at);
    }
    return at === size ? bytes : bytes.subarray(0, at);
  } finally {
    await handle.close();
  }
}

/** Headers are far smaller than this; `readSnapshotHeader` reads no more. */
const HEADER_BYTES = 2 ** 20;

/**
 * Only the header of the snapshot at `path`, from its first MiB (not the whole
 * file, which `readFile` refuses past 2 GiB): for a snapshot that does not
 * load, to name its corpus folders. Throws as `readHeader` does.
 * @example `(await readSnapshotHeader('index.snapshot')).corpora`
 */
export async function readSnapshotHeader(
  path: string,
): Promise<ReturnType<typeof readHeader>['header']> {
  const handle = await open(path, 'r');
  try {
    const bytes = Buffer.alloc(HEADER_BYTES);
    const { bytesRead } = await handle.read(bytes, 0, HEADER_BYTES, 0);
    return readHeader(bytes.subarray(0, bytesRead), path).header;
  } finally {
    await handle.close();
  }
}

/**
 * `loaded`'s snapshot bytes in shared memory: the ones it was read or written
 * from, or freshly encoded for an index that never was.
 */
export function sharedSnapshotBytes(loaded: LoadedSnapshot): Uint8Array {
  return loaded.shared ?? encodeSharedSnapshot(loaded.index, loaded.info);
}

/** The snapshot of `index`, encoded into one SharedArrayBuffer. */
export function encodeSharedSnapshot(index: NewsIndex, info: SnapshotInfo): Uint8Array {
  const chunks = encodeSnapshot(info, indexSections(index));
  const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const bytes = new Uint8Array(new SharedArrayBuffer(size));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/**
 * The index held by snapshot bytes this process already verified (a search
 * worker's copy): the framing is checked again, the checksum is not.
 */
export function indexFromVerifiedBytes(bytes: Uint8Array, source: string): NewsIndex {
  const analyzer = createAnalyzer();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const { sections } = decodeSnapshot(buffer, analyzer.settings, source, { checksum: false });
  return indexFromSections(sections, analyzer, source);
}
