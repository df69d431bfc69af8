/**
 * Document ids alone: an entry's documents decoded without their positions,
 * into a typed array, for matching that needs to know which documents hold
 * a term but not yet how well (scores come later, for the few that can rank).
 */
import { type BlockEntry, blockDocsAt, type PostingLists } from './blocks.ts';

/**
 * The documents of `entry`, ascending, written into `out` from `at`;
 * returns the index after the last one written.
 * @example const docs = new Uint32Array(entry.count); decodeDocIds(lists, entry, docs, 0);
 */
export function decodeDocIds(
  lists: PostingLists,
  entry: BlockEntry,
  out: Uint32Array,
  at: number,
): number {
  if (entry.blockCount === 0) return at;
  const bytes = lists.docs;
  let p = blockDocsAt(lists, entry.firstBlock);
  let doc = -1;
  let n = at;
  for (let i = 0; i < entry.count; i++) {
    // varint(2·gap + (frequency = 1)), then varint(frequency) when the frequency is not 1.
    let byte = bytes[p++] ?? 0;
    let code = byte & 0x7f;
    let scale = 0x80;
    while (byte >= 0x80) {
      byte = bytes[p++] ?? 0;
      code += (byte & 0x7f) * scale;
      scale *= 0x80;
    }
    doc += Math.floor(code / 2);
    out[n++] = doc;
    if (code % 2 === 0) {
      while ((bytes[p++] ?? 0) >= 0x80);
    }
  }
  return n;
}

/**
 * The documents of `entry`, ascending, and their term frequencies, written
 * into `docs` and `frequencies` from index 0; returns how many were written.
 * One tight loop with no callback, for scoring every posting of a list.
 * @example const n = decodePostings(lists, entry, docs, frequencies); // docs[0…n), frequencies[0…n)
 */
export function decodePostings(
  lists: PostingLists,
  entry: BlockEntry,
  docs: Uint32Array,
  frequencies: Uint32Array,
): number {
  if (entry.blockCount === 0) return 0;
  const bytes = lists.docs;
  let p = blockDocsAt(lists, entry.firstBlock);
  let doc = -1;
  for (let i = 0; i < entry.count; i++) {
    let byte = bytes[p++] ?? 0;
    let code = byte & 0x7f;
    let scale = 0x80;
    while (byte >= 0x80) {
      byte = bytes[p++] ?? 0;
      code += (byte & 0x7f) * scale;
      scale *= 0x80;
    }
    doc += Math.floor(code / 2);
    docs[i] = doc;
    if (code % 2 === 1) {
      frequencies[i] = 1;
      continue;
    }
    byte = bytes[p++] ?? 0;
    let frequency = byte & 0x7f;
    scale = 0x80;
    while (byte >= 0x80) {
      byte = bytes[p++] ?? 0;
      frequency += (byte & 0x7f) * scale;
      scale *= 0x80;
    }
    frequencies[i] = frequency;
  }
  return entry.count;
}

/**
 * Every document id below `count`, ascending: what matches when nothing narrows.
 * @example allDocIds(3) // Uint32Array [0, 1, 2]
 */
export function allDocIds(count: number): Uint32Array {
  const docs = new Uint32Array(count);
  for (let doc = 0; doc < count; doc++) docs[doc] = doc;
  return docs;
}
