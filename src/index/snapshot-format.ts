/**
 * The snapshot file format, as pure encode/decode functions over bytes.
 *
 * ```
 * NEWSDESK-SNAPSHOT\n          magic line
 * {header JSON}\n              format version, analyzer settings, fingerprint, counts,
 *                              build time, section table, SHA-256 of the sections
 * section bytes…               articles (JSON), stats (JSON), terms (\n-joined),
 *                              offsets, data, fieldLength (little-endian Uint32)
 * ```
 * Decoding checks the magic, the version, the analyzer settings, the length and
 * the checksum before it trusts a byte of the payload.
 */
import { createHash } from 'node:crypto';
import type { AnalyzerSettings } from '../analysis/analyzer.ts';
import { NewsdeskError } from '../errors.ts';
import type { Article } from '../types.ts';
import type { Postings } from './postings.ts';

export const SNAPSHOT_MAGIC = 'NEWSDESK-SNAPSHOT\n';
/** Bumped whenever the layout below changes; older snapshots are refused (rebuild them). */
export const SNAPSHOT_FORMAT_VERSION = 1;

/** What a snapshot says about itself. */
export interface SnapshotInfo {
  formatVersion: number;
  analyzer: AnalyzerSettings;
  /** SHA-256 over the corpus files that were read (see `readCorpus`). */
  fingerprint: string;
  /** The corpus folder it was built from, as given. */
  corpus: string;
  counts: { files: number; articles: number; duplicates: number; problems: number; terms: number };
  /** ISO 8601 time the build finished. */
  builtAt: string;
  buildMs: number;
}

interface SectionEntry {
  name: SectionName;
  bytes: number;
}

interface Header extends SnapshotInfo {
  endianness: 'LE';
  sections: SectionEntry[];
  sha256: string;
}

const SECTION_NAMES = ['articles', 'stats', 'terms', 'offsets', 'data', 'fieldLength'] as const;
type SectionName = (typeof SECTION_NAMES)[number];

export interface SnapshotContent {
  info: SnapshotInfo;
  articles: Article[];
  postings: Postings;
}

/** The bytes of a snapshot, as a list of buffers to write in order. */
export function encodeSnapshot(content: SnapshotContent): Buffer[] {
  const { postings } = content;
  const stats = {
    fields: postings.fields,
    documentCount: postings.documentCount,
    averageFieldLength: postings.averageFieldLength,
  };
  const sections: Record<SectionName, Buffer> = {
    articles: Buffer.from(JSON.stringify(content.articles)),
    stats: Buffer.from(JSON.stringify(stats)),
    terms: Buffer.from(postings.terms.join('\n')),
    offsets: typedBytes(postings.offsets),
    data: typedBytes(postings.data),
    fieldLength: typedBytes(postings.fieldLength),
  };
  const hash = createHash('sha256');
  for (const name of SECTION_NAMES) hash.update(sections[name]);
  const header: Header = {
    ...content.info,
    endianness: 'LE',
    sections: SECTION_NAMES.map((name) => ({ name, bytes: sections[name].length })),
    sha256: hash.digest('hex'),
  };
  const head = Buffer.from(`${SNAPSHOT_MAGIC}${JSON.stringify(header)}\n`);
  return [head, ...SECTION_NAMES.map((name) => sections[name])];
}

/**
 * Decode and verify a snapshot. `expected` are the analyzer settings of the
 * running code; `source` names the file in error messages.
 */
export function decodeSnapshot(
  bytes: Buffer,
  expected: AnalyzerSettings,
  source: string,
): SnapshotContent {
  const { header, payloadStart } = readHeader(bytes, source);
  checkCompatible(header, expected, source);
  const sections = sliceSections(bytes, payloadStart, header, source);
  const stats = parseJson(sections.stats, source, 'stats') as Pick<
    Postings,
    'fields' | 'documentCount' | 'averageFieldLength'
  >;
  const articles = parseJson(sections.articles, source, 'articles') as Article[];
  const terms = sections.terms.length === 0 ? [] : sections.terms.toString('utf8').split('\n');
  const postings: Postings = {
    ...stats,
    terms,
    offsets: uint32(sections.offsets),
    data: uint32(sections.data),
    fieldLength: uint32(sections.fieldLength),
  };
  if (articles.length !== stats.documentCount || postings.offsets.length !== terms.length + 1) {
    throw corrupt(source, 'section sizes disagree with each other');
  }
  const { endianness: _e, sections: _s, sha256: _h, ...info } = header;
  return { info, articles, postings };
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

function checkCompatible(header: Header, expected: AnalyzerSettings, source: string): void {
  if (header.formatVersion !== SNAPSHOT_FORMAT_VERSION) {
    throw new NewsdeskError(
      'SNAPSHOT_INCOMPATIBLE',
      `${source}: snapshot format version ${String(header.formatVersion)}, this newsdesk reads version ${SNAPSHOT_FORMAT_VERSION}; rebuild it with \`newsdesk index\``,
    );
  }
  if (header.endianness !== 'LE' || JSON.stringify(header.analyzer) !== JSON.stringify(expected)) {
    throw new NewsdeskError(
      'SNAPSHOT_INCOMPATIBLE',
      `${source}: built with analyzer ${JSON.stringify(header.analyzer)}, this newsdesk uses ${JSON.stringify(expected)}; rebuild it with \`newsdesk index\``,
    );
  }
}

function sliceSections(bytes: Buffer, start: number, header: Header, source: string) {
  const total = header.sections.reduce((sum, section) => sum + section.bytes, 0);
  if (bytes.length - start !== total) {
    throw corrupt(
      source,
      `expected ${total} payload bytes, found ${bytes.length - start} (truncated or padded)`,
    );
  }
  const payload = bytes.subarray(start);
  if (createHash('sha256').update(payload).digest('hex') !== header.sha256) {
    throw corrupt(
      source,
      'checksum mismatch: the file was changed or damaged after it was written',
    );
  }
  const sections = {} as Record<SectionName, Buffer>;
  let at = 0;
  for (const { name, bytes: size } of header.sections) {
    if (!SECTION_NAMES.includes(name)) throw corrupt(source, `unknown section ${String(name)}`);
    sections[name] = payload.subarray(at, at + size);
    at += size;
  }
  for (const name of SECTION_NAMES) {
    if (!sections[name]) throw corrupt(source, `missing section ${name}`);
  }
  return sections;
}

function parseJson(bytes: Buffer, source: string, what: string): unknown {
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw corrupt(source, `the ${what} is not valid JSON`, error);
  }
}

function typedBytes(array: Uint32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** A Uint32Array copy of little-endian bytes (copied: the slice may be unaligned). */
function uint32(bytes: Buffer): Uint32Array {
  if (bytes.length % 4 !== 0)
    throw new Error(`section length ${bytes.length} is not a multiple of 4`);
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Uint32Array(copy.buffer);
}

function corrupt(source: string, reason: string, cause?: unknown): NewsdeskError {
  return new NewsdeskError('SNAPSHOT_CORRUPT', `${source}: ${reason}`, { cause });
}
