/**
 * Where a store's compressed text blocks are read from: the one seam between
 * the store and its bytes, with two implementations. A store built in this
 * process (or decoded from bytes that never were a file) holds its blocks in
 * memory; a store loaded from a snapshot file leaves them in the file and
 * reads a block with one positional read on a descriptor the loaded
 * generation holds, checking the block against its own CRC-32, so damage
 * anywhere in the text is refused when that text is read, naming the file and
 * the block.
 */
import { readSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { describeError, NewsdeskError } from '../errors.ts';

/** Compressed text blocks that stay in a snapshot file, read on demand. */
export interface TextFile {
  /**
   * An open descriptor of the snapshot file. Worker threads share the
   * process's descriptors, so the number is handed to them as it is.
   * @example `openSync('index.snapshot', 'r')`
   */
  fd: number;
  /** The file offset of the first block's first byte. @example 1_234_568 */
  position: number;
  /** The bytes of every block together, as the file's section table says. @example 1_083_000_000 */
  length: number;
  /** Block `b`'s compressed bytes have CRC-32 `crcs[b]`. */
  crcs: Uint32Array;
  /** Names the file in errors. @example 'index.snapshot' */
  source: string;
}

/** The parts of a text store that say where its blocks are. */
export interface BlockPlace {
  /** The blocks, when in memory (empty when `file` holds them). */
  blocks: Uint8Array;
  /** Block `b` is bytes `[blockOffsets[b], blockOffsets[b+1])` of the blocks. */
  blockOffsets: Float64Array;
  /** Where the blocks are when they stayed in a snapshot file. */
  file?: TextFile;
}

/** Reads compressed blocks, from memory or from a file. */
export interface TextSource {
  /** The bytes of every block together. */
  readonly length: number;
  /**
   * Block `b`'s compressed bytes (checked against its CRC-32 when read from a
   * file). The bytes are valid until the next call: a file source reads into
   * one buffer it reuses.
   * @example `inflateRawSync(source.block(0))`
   */
  block(b: number): Uint8Array;
  /**
   * Blocks `[from, to)` into `target` at `at`, each checked as `block` checks it.
   * @example `source.copy(0, 4, out, 0)`
   */
  copy(from: number, to: number, target: Uint8Array, at: number): void;
}

/** The source of `place`'s blocks: its file when it has one, its memory otherwise. */
export function textSource(place: BlockPlace): TextSource {
  return place.file ? fileSource(place.blockOffsets, place.file) : memorySource(place);
}

/** The bytes of every block of `place`, wherever they are. */
export function blocksLength(place: BlockPlace): number {
  return place.file ? place.file.length : place.blocks.length;
}

function memorySource(place: BlockPlace): TextSource {
  const { blocks, blockOffsets } = place;
  const span = (b: number): [number, number] => {
    const from = blockOffsets[b] ?? 0;
    return [from, blockOffsets[b + 1] ?? from];
  };
  return {
    length: blocks.length,
    block: (b) => blocks.subarray(...span(b)),
    copy(from, to, target, at) {
      const start = blockOffsets[from] ?? 0;
      target.set(blocks.subarray(start, blockOffsets[to] ?? start), at);
    },
  };
}

function fileSource(blockOffsets: Float64Array, file: TextFile): TextSource {
  let buffer = Buffer.alloc(0);
  return {
    length: file.length,
    block(b) {
      const from = blockOffsets[b] ?? 0;
      const length = (blockOffsets[b + 1] ?? from) - from;
      if (buffer.length < length) buffer = Buffer.alloc(Math.max(length, 2 * buffer.length));
      const bytes = buffer.subarray(0, length);
      readFully(file, bytes, from, b);
      checkBlock(file, bytes, b);
      return bytes;
    },
    copy(from, to, target, at) {
      const start = blockOffsets[from] ?? 0;
      const end = blockOffsets[to] ?? start;
      const view = Buffer.from(target.buffer, target.byteOffset + at, end - start);
      readFully(file, view, start, from);
      for (let b = from; b < to; b++) {
        const offset = (blockOffsets[b] ?? start) - start;
        checkBlock(file, view.subarray(offset, (blockOffsets[b + 1] ?? start) - start), b);
      }
    },
  };
}

/** Fills `bytes` from the file's blocks at byte `from` (short reads continued). */
function readFully(file: TextFile, bytes: Uint8Array, from: number, block: number): void {
  let done = 0;
  while (done < bytes.length) {
    let read: number;
    try {
      read = readSync(file.fd, bytes, done, bytes.length - done, file.position + from + done);
    } catch (error) {
      throw new NewsdeskError(
        'SNAPSHOT_CORRUPT',
        `${file.source}: cannot read stored text block ${block}: ${describeError(error)}`,
        { cause: error },
      );
    }
    if (read === 0) {
      throw new NewsdeskError(
        'SNAPSHOT_CORRUPT',
        `${file.source}: stored text block ${block} lies past the end of the file (truncated); rebuild it with \`newsdesk index --full\``,
      );
    }
    done += read;
  }
}

function checkBlock(file: TextFile, bytes: Uint8Array, block: number): void {
  if (crc32(bytes) === file.crcs[block]) return;
  throw new NewsdeskError(
    'SNAPSHOT_CORRUPT',
    `${file.source}: stored text block ${block} fails its checksum: the file was changed or damaged after it was written; rebuild it with \`newsdesk index --full\``,
  );
}

/**
 * Each block's CRC-32, as a snapshot stores them: the file's own when the
 * blocks are there already, computed from memory otherwise.
 * @example `blockCrcs(store.text)`
 */
export function blockCrcs(place: BlockPlace): Uint32Array {
  if (place.file) return place.file.crcs;
  const count = Math.max(0, place.blockOffsets.length - 1);
  const crcs = new Uint32Array(count);
  const source = memorySource(place);
  for (let b = 0; b < count; b++) crcs[b] = crc32(source.block(b));
  return crcs;
}
