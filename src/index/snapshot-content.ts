/**
 * What a snapshot's sections hold: the index's typed arrays as they are (read
 * back as views, no copy when aligned), its string tables as JSON or
 * newline-joined text, and the document store's compressed text blocks
 * (the last section, `articleBlocks`, left in the file at load and read a
 * block at a time, each block checked against `articleBlockCrcs`).
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import type { Chunk } from './atomic-file.ts';
import { assembleIndex, type NewsIndex } from './build.ts';
import { BLOCK, blockDocsAt, blockPositionsAt, ENTRY } from './codec/blocks.ts';
import { type Lineage, lineageFromSections, lineageSections } from './lineage.ts';
import { type Clusters, NO_CLUSTER } from './near-duplicates.ts';
import type { Postings } from './postings.ts';
import { corrupt, type LazySection } from './snapshot-format.ts';
import type { Column, StoreParts } from './store.ts';
import { blocksFit, type TextBlocks } from './store-blocks.ts';
import { blockCrcs } from './store-source.ts';

/** Sections by name; one still in a file (a `FileRange`) cannot be read as bytes. */
type Sections = ReadonlyMap<string, Chunk>;

/** The lineage of an index that was not read from corpus files: it can only be rebuilt. */
const NO_LINEAGE: Lineage = {
  files: [],
  forms: { text: [], term: new Uint32Array(0), count: new Uint32Array(0) },
  summaries: new Uint32Array(0),
  summaryLength: 0,
  pairs: { earlier: new Uint32Array(0), later: new Uint32Array(0), alike: new Uint8Array(0) },
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The section read on demand, last in the file: the stored text's blocks. */
const TEXT_SECTION = 'articleBlocks';

/**
 * The sections of `index`, in the order they are written; the stored text
 * last, as a range of the file it was loaded from when it stayed there.
 */
export function indexSections(index: NewsIndex): Map<string, Chunk> {
  const { postings, store } = index;
  const stats = {
    fields: postings.fields,
    documentCount: postings.documentCount,
    averageFieldLength: postings.averageFieldLength,
  };
  return new Map<string, Chunk>([
    ['stats', json(stats)],
    ['terms', encoder.encode(postings.terms.join('\n'))],
    ['display', encoder.encode(postings.display.join('\n'))],
    ['offsets', bytesOf(postings.offsets)],
    ['entries', bytesOf(postings.entries)],
    ['blocks', bytesOf(postings.blocks)],
    ['docs', postings.docs],
    ['positions', postings.positions],
    ['fieldLength', bytesOf(postings.fieldLength)],
    ['clusterOf', bytesOf(index.clusters.of)],
    ['clusterOffsets', bytesOf(index.clusters.offsets)],
    ['clusterMembers', bytesOf(index.clusters.members)],
    ['ids', json(store.ids)],
    ['dates', bytesOf(store.dates)],
    ...columnSections('source', store.sources),
    ...columnSections('category', store.categories),
    ...columnSections('person', store.people),
    ...columnSections('place', store.places),
    ...columnSections('org', store.orgs),
    ['articleBlockOffsets', bytesOf(store.text.blockOffsets)],
    ['articleBlockFirst', bytesOf(store.text.blockFirst)],
    ['articleStarts', bytesOf(store.text.articleStarts)],
    ['articleDictionary', store.text.dictionary],
    ['articleBlockCrcs', bytesOf(blockCrcs(store.text))],
    ...lineageSections(index.lineage?.() ?? NO_LINEAGE),
    [TEXT_SECTION, textChunk(store.text)],
  ]);
}

/** The text's blocks: in memory, or the range of the file they are still in. */
function textChunk(text: TextBlocks): Chunk {
  const { file } = text;
  if (!file) return text.blocks;
  return { fd: file.fd, position: file.position, length: file.length };
}

/** Where the stored text is when `decodeSnapshot` left it in the file: its section, and the open file. */
export interface TextInFile {
  lazy: LazySection;
  /** The snapshot file's open descriptor. @example `openSync(path, 'r')` */
  fd: number;
}

/** The index held by decoded `sections`; `source` names the file in errors. */
export function indexFromSections(
  sections: Sections,
  analyzer: Analyzer,
  source: string,
  inFile?: TextInFile,
): NewsIndex {
  const read = new SectionReader(sections, source);
  const stats = read.json('stats') as Pick<
    Postings,
    'fields' | 'documentCount' | 'averageFieldLength'
  >;
  const postings: Postings = {
    ...stats,
    terms: read.lines('terms'),
    display: read.lines('display'),
    offsets: read.u32('offsets'),
    entries: read.u32('entries'),
    blocks: read.u32('blocks'),
    docs: read.bytes('docs'),
    positions: read.bytes('positions'),
    fieldLength: read.u32('fieldLength'),
  };
  const parts: StoreParts = {
    ids: read.json('ids') as string[],
    dates: read.f64('dates'),
    sources: read.column('source'),
    categories: read.column('category'),
    people: read.column('person'),
    places: read.column('place'),
    orgs: read.column('org'),
    text: storedText(read, source, inFile),
  };
  const clusters: Clusters = {
    of: read.u32('clusterOf'),
    offsets: read.u32('clusterOffsets'),
    members: read.u32('clusterMembers'),
  };
  checkConsistent(postings, parts, source);
  if (!clustersFit(clusters, parts)) {
    throw corrupt(source, 'section sizes disagree with each other');
  }
  let lineage: Lineage | undefined;
  const index = assembleIndex({ postings, clusters }, parts, analyzer);
  return { ...index, lineage: () => (lineage ??= lineageFromSections(read, parts.ids)) };
}

/** The stored text's tables, its blocks in memory or left in the file (`inFile`). */
function storedText(read: SectionReader, source: string, inFile?: TextInFile): TextBlocks {
  const tables = {
    blockOffsets: read.f64('articleBlockOffsets'),
    blockFirst: read.u32('articleBlockFirst'),
    articleStarts: read.u32('articleStarts'),
    dictionary: read.bytes('articleDictionary'),
  };
  if (read.has(TEXT_SECTION) || !inFile) return { ...tables, blocks: read.bytes(TEXT_SECTION) };
  if (inFile.lazy.name !== TEXT_SECTION) {
    throw corrupt(source, `the last section is ${inFile.lazy.name}, not ${TEXT_SECTION}`);
  }
  const { fd, lazy } = inFile;
  const crcs = read.u32('articleBlockCrcs');
  const file = { fd, position: lazy.position, length: lazy.bytes, crcs, source };
  return { ...tables, blocks: new Uint8Array(0), file };
}

/** Cluster sections that agree with each other and the document count (members stay in range). */
function clustersFit(clusters: Clusters, parts: StoreParts): boolean {
  const { of, offsets, members } = clusters;
  const count = offsets.length - 1;
  return (
    of.length === parts.ids.length &&
    offsets.length >= 1 &&
    offsets[0] === 0 &&
    offsets[count] === members.length &&
    members.every((doc) => doc < of.length && of[doc] !== NO_CLUSTER && (of[doc] ?? 0) < count)
  );
}

function checkConsistent(postings: Postings, parts: StoreParts, source: string): void {
  const documents = postings.documentCount;
  const checks: [string, boolean][] = [
    ['offsets', postings.offsets.length === postings.terms.length + 1],
    ['display', postings.display.length === postings.terms.length],
    ['entries', postings.offsets[postings.terms.length] === postings.entries.length / ENTRY],
    ['entries', postings.entries.length % ENTRY === 0],
    ['blocks', postings.blocks.length % BLOCK === 0 && blocksInRange(postings)],
    ['fieldLength', postings.fieldLength.length === documents * postings.fields.length],
    ['ids', parts.ids.length === documents],
    ['dates', parts.dates.length === documents],
    ['articleBlocks', blocksFit(parts.text, documents)],
  ];
  const failed = checks.find(([, agree]) => !agree);
  if (failed) {
    throw corrupt(source, `section sizes disagree with each other (section ${failed[0]})`);
  }
}

/**
 * Every entry's blocks lie inside the block table and every block's bytes
 * inside the streams, so a damaged table cannot send a cursor astray.
 */
function blocksInRange(postings: Postings): boolean {
  const { entries, blocks, docs, positions } = postings;
  const blockCount = blocks.length / BLOCK;
  for (let at = 0; at < entries.length; at += ENTRY) {
    if ((entries[at + 2] ?? 0) + (entries[at + 3] ?? 0) > blockCount) return false;
  }
  for (let b = 0; b < blockCount; b++) {
    if (
      blockDocsAt(postings, b) > docs.length ||
      blockPositionsAt(postings, b) > positions.length
    ) {
      return false;
    }
  }
  return true;
}

function columnSections(name: string, column: Column): [string, Uint8Array][] {
  return [
    [`${name}Values`, json(column.values)],
    [`${name}Offsets`, bytesOf(column.offsets)],
    [`${name}Ids`, bytesOf(column.ids)],
  ];
}

function json(value: unknown): Uint8Array {
  return encoder.encode(JSON.stringify(value));
}

function bytesOf(array: Uint32Array | Float32Array | Float64Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Typed views of named sections; a missing or malformed one is a corrupt snapshot. */
class SectionReader {
  constructor(
    private readonly sections: Sections,
    private readonly source: string,
  ) {}

  has(name: string): boolean {
    return this.sections.has(name);
  }

  bytes(name: string): Uint8Array {
    const bytes = this.sections.get(name);
    if (bytes === undefined) throw corrupt(this.source, `missing section ${name}`);
    if (!(bytes instanceof Uint8Array))
      throw corrupt(this.source, `section ${name} is not in memory`);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  }

  json(name: string): unknown {
    try {
      return JSON.parse(decoder.decode(this.bytes(name)));
    } catch (error) {
      throw corrupt(this.source, `section ${name} is not valid JSON`, error);
    }
  }

  lines(name: string): string[] {
    const bytes = this.bytes(name);
    return bytes.length === 0 ? [] : decoder.decode(bytes).split('\n');
  }

  u32(name: string): Uint32Array {
    const bytes = this.checked(name, 4);
    if (bytes.byteOffset % 4 !== 0) return new Uint32Array(copyOf(bytes).buffer);
    return new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  }

  f32(name: string): Float32Array {
    const bytes = this.checked(name, 4);
    if (bytes.byteOffset % 4 !== 0) return new Float32Array(copyOf(bytes).buffer);
    return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  }

  f64(name: string): Float64Array {
    const bytes = this.checked(name, 8);
    if (bytes.byteOffset % 8 !== 0) return new Float64Array(copyOf(bytes).buffer);
    return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.length / 8);
  }

  column(name: string): Column {
    return {
      values: this.json(`${name}Values`) as string[],
      offsets: this.u32(`${name}Offsets`),
      ids: this.u32(`${name}Ids`),
    };
  }

  private checked(name: string, size: number): Uint8Array {
    const bytes = this.bytes(name);
    if (bytes.length % size !== 0) {
      throw corrupt(
        this.source,
        `section ${name} is ${bytes.length} bytes, not a multiple of ${size}`,
      );
    }
    return bytes;
  }
}

/** An aligned copy, for a section whose bytes do not start on an element boundary. */
function copyOf(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy;
}
