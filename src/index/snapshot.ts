/**
 * Snapshots on disk: written atomically (a temporary file, fsync, rename, so a
 * crash mid-write leaves the previous snapshot intact) and verified on load.
 * Loading reads every section but the stored text into shared memory and
 * checks it; the text stays in the file, read a block at a time through the
 * descriptor the loaded snapshot keeps open (`LoadedSnapshot.file`), each
 * block checked against its own CRC-32 when it is read.
 */
import { closeSync, fstat, open as openFile, read as readFile } from 'node:fs';
import { open } from 'node:fs/promises';
import { promisify } from 'node:util';
import { type Analyzer, createAnalyzer } from '../analysis/analyzer.ts';
import { describeError, isNewsdeskError, NewsdeskError } from '../errors.ts';
import { type Chunk, writeFileAtomically } from './atomic-file.ts';
import type { NewsIndex } from './build.ts';
import { indexFromSections, indexSections } from './snapshot-content.ts';
import {
  ChecksumReader,
  decodeSnapshot,
  eagerBytes,
  encodeSnapshot,
  readHeader,
  type SnapshotInfo,
} from './snapshot-format.ts';
import { textSource } from './store-source.ts';

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

async function writeSnapshotChunks(path: string, chunks: readonly Chunk[]): Promise<number> {
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
  /** The snapshot file's size in bytes. */
  bytes: number;
  /**
   * The snapshot's bytes in shared memory, as read or written (absent for an
   * index that was neither), up to its stored text when that stayed in the
   * file: search workers view it instead of a copy each.
   */
  shared?: Uint8Array;
  /** The open snapshot file the stored text is read from (absent: the text is in memory). */
  file?: SnapshotFile;
}

/**
 * A loaded snapshot's open file. Whoever holds the loaded snapshot closes it
 * once no thread can read the text through it any more (the engine: when every
 * search worker has moved to the next generation); a rename over the path
 * does not disturb it, the descriptor keeps reading the file it opened.
 */
export interface SnapshotFile {
  /** The descriptor (worker threads share it). @example 21 */
  readonly fd: number;
  /** The file's size in bytes when it was opened. @example 2_285_000_000 */
  readonly bytes: number;
  /** Close the descriptor (once; later calls do nothing). */
  close(): void;
}

/**
 * Load and verify the snapshot at `path`: every section but the stored text
 * read into shared memory (see `LoadedSnapshot.shared`), the text left in the
 * file (`LoadedSnapshot.file`); refuses a missing, corrupt or incompatible one.
 */
export async function readSnapshot(
  path: string,
  analyzer: Analyzer = createAnalyzer(),
): Promise<LoadedSnapshot> {
  let fd: number;
  try {
    fd = await promisify(openFile)(path, 'r');
  } catch (error) {
    throw missing(path, error);
  }
  try {
    return await loadOpenSnapshot(fd, path, analyzer);
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function missing(path: string, error: unknown): NewsdeskError {
  return new NewsdeskError(
    'SNAPSHOT_MISSING',
    `cannot read snapshot ${path}: ${describeError(error)} (build it with \`newsdesk index\`)`,
    { cause: error },
  );
}

/** The snapshot open on `fd`, read up to its stored text and verified. */
async function loadOpenSnapshot(
  fd: number,
  path: string,
  analyzer: Analyzer,
): Promise<LoadedSnapshot> {
  const checksum = new ChecksumReader(path);
  let size: number;
  let bytes: Buffer;
  try {
    size = (await promisify(fstat)(fd)).size;
    const eager = await eagerLength(fd, size, path);
    bytes = await readShared(fd, eager, READ_PIECE_BYTES, (read, end) =>
      checksum.update(read, end),
    );
  } catch (error) {
    if (isNewsdeskError(error)) throw error;
    throw missing(path, error);
  }
  const digest = checksum.digest();
  const options = { fileBytes: size, ...(digest ? { digest } : {}) };
  const { info, sections, lazy } = decodeSnapshot(bytes, analyzer.settings, path, options);
  const index = indexFromSections(sections, analyzer, path, lazy ? { lazy, fd } : undefined);
  return { index, info, bytes: size, shared: bytes, file: snapshotFile(fd, size) };
}

/** How much of the file to read at load: up to its last section, as its header says. */
async function eagerLength(fd: number, size: number, path: string): Promise<number> {
  const head = Buffer.alloc(Math.min(size, HEADER_BYTES));
  const { bytesRead } = await promisify(readFile)(fd, head, 0, head.length, 0);
  const { header, payloadStart } = readHeader(head.subarray(0, bytesRead), path);
  const eager = eagerBytes(header, payloadStart);
  // A damaged table: read it all, and let decoding say what is wrong.
  return Number.isSafeInteger(eager) && eager >= payloadStart ? Math.min(eager, size) : size;
}

function snapshotFile(fd: number, bytes: number): SnapshotFile {
  let open = true;
  return {
    fd,
    bytes,
    close() {
      if (open) closeSync(fd);
      open = false;
    },
  };
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
  const fd = await promisify(openFile)(path, 'r');
  try {
    const { size } = await promisify(fstat)(fd);
    return await readShared(fd, size, pieceBytes, onPiece);
  } finally {
    closeSync(fd);
  }
}

/** The first `size` bytes of the file open on `fd`, as `readFileShared` reads them. */
async function readShared(
  fd: number,
  size: number,
  pieceBytes: number,
  onPiece?: (bytes: Buffer, end: number) => void,
): Promise<Buffer> {
  const read = promisify(readFile);
  const bytes = Buffer.from(new SharedArrayBuffer(size));
  let at = 0;
  let reading = size > 0 ? read(fd, bytes, 0, Math.min(size, pieceBytes), 0) : undefined;
  while (reading) {
    const { bytesRead } = await reading;
    if (bytesRead === 0) break;
    at += bytesRead;
    const length = Math.min(size - at, pieceBytes);
    reading = length > 0 ? read(fd, bytes, at, length, at) : undefined;
    onPiece?.(bytes, at);
  }
  return at === size ? bytes : bytes.subarray(0, at);
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

/**
 * The snapshot of `index`, encoded into one SharedArrayBuffer (for an index
 * whose text is in memory: a text still in a file is copied in).
 */
export function encodeSharedSnapshot(index: NewsIndex, info: SnapshotInfo): Uint8Array {
  const chunks = encodeSnapshot(info, indexSections(index));
  const size = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const bytes = new Uint8Array(new SharedArrayBuffer(size));
  let at = 0;
  for (const chunk of chunks) {
    if (chunk instanceof Uint8Array) bytes.set(chunk, at);
    else textSource(index.store.text).copy(0, index.store.text.blockFirst.length - 1, bytes, at);
    at += chunk.length;
  }
  return bytes;
}

/**
 * The index held by snapshot bytes this process already verified (a search
 * worker's copy): the framing is checked again, the checksum is not. When the
 * bytes end before the stored text, `file` is the snapshot file it is read
 * from (its descriptor, shared by the process's threads, and its size).
 */
export function indexFromVerifiedBytes(
  bytes: Uint8Array,
  source: string,
  file?: { fd: number; bytes: number },
): NewsIndex {
  const analyzer = createAnalyzer();
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const options = { checksum: false, ...(file ? { fileBytes: file.bytes } : {}) };
  const { sections, lazy } = decodeSnapshot(buffer, analyzer.settings, source, options);
  const inFile = file && lazy ? { lazy, fd: file.fd } : undefined;
  return indexFromSections(sections, analyzer, source, inFile);
}
