/**
 * The snapshot file format, as pure encode/decode functions over bytes.
 *
 * ```
 * NEWSDESK-SNAPSHOT\n          magic line
 * {header JSON}   \n           format version, analyzer settings, fingerprint, counts,
 *                              build time, section table, CRC-32 of the rest of
 *                              the header and the sections;
 *                              padded with spaces so the payload starts 8-aligned
 * section bytes…               named sections, each padded to a multiple of 8 bytes,
 *                              so typed arrays can view them without copying
 * last section                 the one read on demand (the stored text): not
 *                              padded, not read at load and not in the
 *                              checksum; what it holds checks itself
 * ```
 * What the sections hold is `snapshot-content.ts`'s business. Decoding checks
 * the magic, the version, the analyzer settings, the length and the checksum
 * before it trusts a byte of the payload; a reader need only read the file up
 * to the last section (`eagerBytes`).
 */
import { crc32 } from 'node:zlib';
import type { AnalyzerSettings } from '../analysis/analyzer.ts';
import type { FolderSettings } from '../corpus/settings.ts';
import { NewsdeskError } from '../errors.ts';
import type { Chunk } from './atomic-file.ts';

export const SNAPSHOT_MAGIC = 'NEWSDESK-SNAPSHOT\n';
/**
 * Bumped whenever the layout below changes; older snapshots are refused (rebuild them).
 * 11: the people, places and organisations columns.
 */
export const SNAPSHOT_FORMAT_VERSION = 11;

/** What a snapshot says about itself. */
export interface SnapshotInfo {
  formatVersion: number;
  analyzer: AnalyzerSettings;
  /** SHA-256 over the corpus files that were read (see `readCorpus`). */
  fingerprint: string;
  /** The corpus folders it was built from, as given (in reading order, see `corpusFolders`). */
  corpora: string[];
  /** The exclude globs of the build (absent in snapshots from before they were recorded: none). */
  exclude?: string[];
  /** Each corpus folder's newsdesk.yml settings, in `corpora`'s order (absent: no folder had any). */
  settings?: (FolderSettings | null)[];
  counts: { files: number; articles: number; duplicates: number; problems: number; terms: number };
  /** ISO 8601 time the build finished. */
  builtAt: string;
  /**
   * When the build started, in epoch milliseconds with sub-millisecond
   * precision (absent in older snapshots: `builtAt` − `buildMs`).
   */
  startedAt?: number;
  buildMs: number;
}

interface SectionEntry {
  name: string;
  bytes: number;
}

interface Header extends SnapshotInfo {
  endianness: 'LE';
  sections: SectionEntry[];
  /** CRC-32 (hex) of the rest of the header and the payload. */
  crc32: string;
}

type Unsigned = Omit<Header, 'crc32'>;

/**
 * The most bytes one hash update is given: Node's hash refuses data past its
 * size limit ("data is too long"), so a big section is hashed in pieces (the
 * digest is the same as over the whole).
 */
const HASH_PIECE_BYTES = 2 ** 30;

/** Sections start at multiples of this many bytes. */
const ALIGN = 8;
const padding = (length: number): number => (ALIGN - (length % ALIGN)) % ALIGN;

/**
 * The bytes of a snapshot, as a list of chunks to write in order. Every
 * section but the last is in memory; the last (read on demand) may be a range
 * of another file, copied as it is written.
 */
export function encodeSnapshot(info: SnapshotInfo, sections: ReadonlyMap<string, Chunk>): Chunk[] {
  const eager: Uint8Array[] = [];
  const entries = [...sections];
  const last = entries.pop();
  for (const [name, bytes] of entries) {
    if (!(bytes instanceof Uint8Array)) throw new Error(`section ${name} is not in memory`);
    eager.push(bytes);
    const pad = padding(bytes.length);
    if (pad > 0) eager.push(new Uint8Array(pad));
  }
  const unsigned: Unsigned = {
    ...info,
    endianness: 'LE',
    sections: [...sections].map(([name, bytes]) => ({ name, bytes: bytes.length })),
  };
  const header: Header = { ...unsigned, crc32: digest(unsigned, eager) };
  const line = `${SNAPSHOT_MAGIC}${JSON.stringify(header)}`;
  const head = Buffer.from(line);
  const pad = padding(head.length + 1);
  const top = Buffer.concat([head, Buffer.from(`${' '.repeat(pad)}\n`)]);
  return [top, ...eager, ...(last ? [last[1]] : [])];
}

/**
 * The bytes of a snapshot before its last section: what a reader reads at
 * load (`payloadStart` and `header` from `readHeader`).
 * @example `eagerBytes(header, payloadStart)`
 */
export function eagerBytes(header: { sections: readonly SectionEntry[] }, payloadStart: number) {
  return payloadStart + layout(header.sections).eager;
}

/** Payload bytes before the last section, and in all. */
function layout(sections: readonly SectionEntry[]): { eager: number; total: number } {
  let eager = 0;
  sections.slice(0, -1).forEach((section) => {
    eager += section.bytes + padding(section.bytes);
  });
  return { eager, total: eager + (sections.at(-1)?.bytes ?? 0) };
}

/** The last section, read on demand: its name, file offset and size. */
export interface LazySection {
  name: string;
  position: number;
  bytes: number;
}

/**
 * Decode and verify a snapshot's framing. `expected` are the analyzer settings
 * of the running code; `source` names the file in error messages.
 */
export function decodeSnapshot(
  bytes: Buffer,
  expected: AnalyzerSettings,
  source: string,
  options: DecodeOptions = {},
): { info: SnapshotInfo; sections: Map<string, Uint8Array>; lazy?: LazySection } {
  const { header, payloadStart } = readHeader(bytes, source);
  checkVersion(header, source);
  if (!Array.isArray(header.corpora) || !header.corpora.every((root) => typeof root === 'string')) {
    throw corrupt(source, 'the header does not list the corpus folders as text');
  }
  const { sections, lazy } = sliceSections(bytes, payloadStart, header, source, options);
  // After the checksum, which covers the header: a damaged analyzer field is damage, not settings.
  checkAnalyzer(header, expected, source);
  const { endianness: _e, sections: _s, crc32: _h, ...info } = header;
  return { info, sections, ...(lazy ? { lazy } : {}) };
}

/** How `decodeSnapshot` checks the payload. */
export interface DecodeOptions {
  /** Check the checksum at all (false for bytes this process already verified). @example false */
  checksum?: boolean;
  /**
   * The checksum as already computed while the file was read (`ChecksumReader`),
   * instead of hashing the payload again. @example `reader.digest()`
   */
  digest?: string;
  /**
   * The size of the whole file when `bytes` end where its last section begins
   * (that section is left in the file, see `eagerBytes`); `bytes` hold it all
   * when absent. @example `(await stat(path)).size`
   */
  fileBytes?: number;
}

/**
 * The checksum of a snapshot computed piece by piece as its bytes arrive,
 * so that hashing overlaps reading: `update` with every prefix read so far;
 * the header is parsed from the first piece that holds it.
 * @example
 * ```ts
 * const checksum = new ChecksumReader(path);
 * await readFileShared(path, 1 << 26, (bytes, end) => checksum.update(bytes, end));
 * decodeSnapshot(bytes, settings, path, { digest: checksum.digest() });
 * ```
 */
export class ChecksumReader {
  private hash: RunningChecksum | undefined;
  private hashedTo = 0;
  /** The header did not parse: `decodeSnapshot` will say why. */
  private failed = false;

  constructor(private readonly source: string) {}

  /** `bytes[0, end)` have been read (each call's `end` at or past the last one's). */
  update(bytes: Buffer, end: number): void {
    if (this.failed) return;
    if (!this.hash) {
      const newline = bytes.subarray(0, end).indexOf(10, SNAPSHOT_MAGIC.length);
      if (newline < 0) return;
      try {
        const { header, payloadStart } = readHeader(bytes.subarray(0, end), this.source);
        const { crc32: _h, ...unsigned } = header;
        this.hash = new RunningChecksum().update(JSON.stringify(unsigned));
        this.hashedTo = payloadStart;
      } catch {
        this.failed = true;
        return;
      }
    }
    for (let at = this.hashedTo; at < end; at += HASH_PIECE_BYTES) {
      this.hash.update(bytes.subarray(at, Math.min(at + HASH_PIECE_BYTES, end)));
    }
    this.hashedTo = Math.max(this.hashedTo, end);
  }

  /** The checksum of what was read (undefined when no header was read). */
  digest(): string | undefined {
    return this.failed ? undefined : this.hash?.hex();
  }
}

/** Only the header: cheap, for `stats` and staleness checks. */
export function readHeader(
  bytes: Buffer,
  source: string,
): { header: Header; payloadStart: number } {
  if (bytes.subarray(0, SNAPSHOT_MAGIC.length).toString('latin1') !== SNAPSHOT_MAGIC) {
    throw corrupt(source, 'not a newsdesk snapshot (bad magic line)');
  }
  const end = bytes.indexOf(10, SNAPSHOT_MAGIC.length);
  if (end < 0) throw corrupt(source, 'truncated inside the header');
  const header = parseJson(bytes.subarray(SNAPSHOT_MAGIC.length, end), source, 'header') as Header;
  if (typeof header !== 'object' || header === null || !Array.isArray(header.sections)) {
    throw corrupt(source, 'the header has no section table');
  }
  return { header, payloadStart: end + 1 };
}

function checkVersion(header: Header, source: string): void {
  if (header.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    throw new NewsdeskError(
      'SNAPSHOT_INCOMPATIBLE',
      `${source}: snapshot format version ${String(header.formatVersion)}, this newsdesk reads version ${SNAPSHOT_FORMAT_VERSION}; rebuild it with \`newsdesk index\``,
    );
  }
}

function checkAnalyzer(header: Header, expected: AnalyzerSettings, source: string): void {
  if (header.endianness !== 'LE' || JSON.stringify(header.analyzer) !== JSON.stringify(expected)) {
    throw new NewsdeskError(
      'SNAPSHOT_INCOMPATIBLE',
      `${source}: built with analyzer ${JSON.stringify(header.analyzer)}, this newsdesk uses ${JSON.stringify(expected)}; rebuild it with \`newsdesk index\``,
    );
  }
}

function sliceSections(
  bytes: Buffer,
  start: number,
  header: Header,
  source: string,
  options: DecodeOptions,
): { sections: Map<string, Uint8Array>; lazy?: LazySection } {
  const { eager, total } = layout(header.sections);
  const found = (options.fileBytes ?? bytes.length) - start;
  if (found !== total) {
    throw corrupt(source, `expected ${total} payload bytes, found ${found} (truncated or padded)`);
  }
  const held = bytes.length - start;
  if (held !== total && held !== eager) {
    throw corrupt(source, `the bytes read end inside a section (${held} of ${total})`);
  }
  const payload = bytes.subarray(start);
  const { crc32: expected, ...unsigned } = header;
  const checksum = options.checksum ?? true;
  if (checksum && (options.digest ?? digest(unsigned, [payload.subarray(0, eager)])) !== expected) {
    throw corrupt(
      source,
      'checksum mismatch: the file was changed or damaged after it was written',
    );
  }
  const sections = new Map<string, Uint8Array>();
  let at = 0;
  for (const { name, bytes: size } of header.sections) {
    if (at + size <= held) sections.set(String(name), payload.subarray(at, at + size));
    at += size + padding(size);
  }
  const last = header.sections.at(-1);
  if (!last) return { sections };
  return {
    sections,
    lazy: { name: String(last.name), position: start + eager, bytes: last.bytes },
  };
}

/**
 * The checksum over the header's other fields (as JSON) and the payload, so
 * damage to the header (counts, folders, build time) is caught as surely as
 * to the sections.
 */
function digest(unsigned: Unsigned, payload: readonly Uint8Array[]): string {
  const hash = new RunningChecksum().update(JSON.stringify(unsigned));
  for (const chunk of payload) hash.update(chunk);
  return hash.hex();
}

/**
 * A running CRC-32 (zlib's), as Lucene checks its index files: it catches
 * any burst of up to 32 damaged bits and all but one in 2^32 other damage,
 * at about 2.7 times SHA-256's speed here (3.9 against 1.4 GB/s), which is
 * most of loading a big snapshot. It guards against damage, not tampering.
 */
class RunningChecksum {
  private value = 0;

  update(bytes: Uint8Array | string): this {
    if (typeof bytes === 'string') this.value = crc32(bytes, this.value);
    else {
      for (let at = 0; at < bytes.length; at += HASH_PIECE_BYTES) {
        this.value = crc32(
          bytes.subarray(at, Math.min(at + HASH_PIECE_BYTES, bytes.length)),
          this.value,
        );
      }
    }
    return this;
  }

  hex(): string {
    return this.value.toString(16).padStart(8, '0');
  }
}

function parseJson(bytes: Uint8Array, source: string, what: string): unknown {
  try {
    return JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'));
  } catch (error) {
    throw corrupt(source, `the ${what} is not valid JSON`, error);
  }
}

export function corrupt(source: string, reason: string, cause?: unknown): NewsdeskError {
  return new NewsdeskError('SNAPSHOT_CORRUPT', `${source}: ${reason}`, { cause });
}
