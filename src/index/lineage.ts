/**
 * What the next generation of an index is made from, beside the index itself:
 * each corpus file as it was read (size, time, hash, what it gave), the
 * written-form counts over every article, and every article's near-duplicate
 * summary. An incremental update (`update.ts`) reads the files that changed,
 * takes the others' articles from the previous generation, and needs these to
 * make exactly the index a full rebuild would. Snapshots hold it (format 9);
 * searches never read it, so it is decoded only when asked for.
 *
 * ```
 * files        JSON   per file, in reading order: its record without `ids` and `keys`
 *                     (`count` says how many articles it gave: the store's next `count` ids)
 * fileKeys     bytes  20 per article, in store order: the content key of each kept article
 * formText     lines  every written form
 * formTerm     Uint32 the term each form makes (its index in the sorted terms)
 * formCount    Uint32 how often it was written
 * summaries    Uint32 `summaryLength` per article (near-duplicate-summary.ts)
 * pairEarlier  Uint32 the near-duplicate candidate pairs the build judged: earlier article,
 * pairLater    Uint32   later article,
 * pairAlike    bytes    1 when they were alike (an update takes these instead of comparing again)
 * ```
 */
import type { CorpusFileRecord } from '../corpus/read.ts';
import type { JudgedPairs } from './near-duplicate-collector.ts';
import type { FormCounts } from './segments/segment.ts';

export interface Lineage {
  /** The corpus files in reading order; their `ids` run through the store in order. */
  files: CorpusFileRecord[];
  /** Written forms over all articles. */
  forms: FormCounts;
  /** Article `n`'s near-duplicate summary is `summaries[n * summaryLength …]`. */
  summaries: Uint32Array;
  summaryLength: number;
  /** The near-duplicate candidate pairs judged, and how. */
  pairs: JudgedPairs;
}

/** A content key's length in bytes (SHA-1, see `contentKey` in corpus/read.ts). */
const KEY_BYTES = 20;

/** A file's record as the `files` section keeps it. */
type StoredRecord = Omit<CorpusFileRecord, 'ids' | 'keys' | 'droppedKeys'> & {
  count: number;
  droppedKeys: string[];
};

/** The sections of `lineage`, to be written after the index's. */
export function lineageSections(lineage: Lineage): [string, Uint8Array][] {
  const encoder = new TextEncoder();
  const stored: StoredRecord[] = lineage.files.map(({ ids, keys, droppedKeys, ...rest }) => ({
    ...rest,
    count: ids.length,
    droppedKeys: droppedKeys.map((key) => Buffer.from(key, 'latin1').toString('hex')),
  }));
  const keys = Buffer.alloc(
    lineage.files.reduce((sum, file) => sum + file.keys.length, 0) * KEY_BYTES,
  );
  let at = 0;
  for (const file of lineage.files) {
    for (const key of file.keys) at += keys.write(key, at, KEY_BYTES, 'latin1');
  }
  return [
    ['files', encoder.encode(JSON.stringify(stored))],
    ['fileKeys', keys],
    ['formText', encoder.encode(lineage.forms.text.join('\n'))],
    ['formTerm', bytesOf(lineage.forms.term)],
    ['formCount', bytesOf(lineage.forms.count)],
    ['summaries', bytesOf(lineage.summaries)],
    ['pairEarlier', bytesOf(lineage.pairs.earlier)],
    ['pairLater', bytesOf(lineage.pairs.later)],
    ['pairAlike', lineage.pairs.alike],
  ];
}

/** The typed views `lineageFromSections` reads through (snapshot-content's reader). */
export interface LineageReader {
  bytes(name: string): Uint8Array;
  json(name: string): unknown;
  lines(name: string): string[];
  u32(name: string): Uint32Array;
}

/**
 * The lineage held by a snapshot's sections, its records' ids taken from the
 * store's `ids` in order; undefined when the sections do not add up (a
 * snapshot that cannot be updated, only rebuilt).
 */
export function lineageFromSections(
  read: LineageReader,
  ids: readonly string[],
): Lineage | undefined {
  const stored = read.json('files') as StoredRecord[];
  const keyBytes = read.bytes('fileKeys');
  const summaries = read.u32('summaries');
  const forms: FormCounts = {
    text: read.lines('formText'),
    term: read.u32('formTerm'),
    count: read.u32('formCount'),
  };
  const pairs: JudgedPairs = {
    earlier: read.u32('pairEarlier'),
    later: read.u32('pairLater'),
    alike: read.bytes('pairAlike'),
  };
  const total = stored.reduce((sum, file) => sum + file.count, 0);
  const consistent =
    pairs.earlier.length === pairs.later.length &&
    pairs.alike.length === pairs.later.length &&
    pairs.later.every((later, n) => later < total && (pairs.earlier[n] ?? total) < later) &&
    total === ids.length &&
    keyBytes.length === total * KEY_BYTES &&
    forms.term.length === forms.text.length &&
    forms.count.length === forms.text.length &&
    (ids.length === 0 || summaries.length % ids.length === 0);
  if (!consistent) return undefined;
  let doc = 0;
  const keys = Buffer.from(keyBytes.buffer, keyBytes.byteOffset, keyBytes.length);
  const files = stored.map(({ count, droppedKeys, ...rest }) => {
    const from = doc;
    doc += count;
    return {
      ...rest,
      ids: ids.slice(from, doc),
      keys: Array.from({ length: count }, (_, n) =>
        keys.toString('latin1', (from + n) * KEY_BYTES, (from + n + 1) * KEY_BYTES),
      ),
      droppedKeys: droppedKeys.map((hex) => Buffer.from(hex, 'hex').toString('latin1')),
    };
  });
  const summaryLength = ids.length === 0 ? 0 : summaries.length / ids.length;
  return { files, forms, summaries, summaryLength, pairs };
}

function bytesOf(array: Uint32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
