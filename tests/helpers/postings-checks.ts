/**
 * Checks of compressed postings against plain lists of documents, shared by
 * the codec's and the segments' tests: what cursors, visits and lookups read,
 * whether blocks fit, and every posting as a line of text.
 */
import { expect } from 'vitest';
import {
  BLOCK_DOCS,
  type BlockEntry,
  blockEnd,
  blockFirstOrdinal,
  blockLast,
  type PostingLists,
  termEntries,
} from '../../src/index/codec/blocks.ts';
import {
  BlockCursor,
  frequencyOf,
  NO_MORE_DOCS,
  positionsOf,
  visitPostings,
} from '../../src/index/codec/read.ts';

/** One document of an entry as a test writes it: its number and word positions. */
export type PlainDoc = { doc: number; positions: number[] };

/**
 * A cursor over `entry` walks exactly `docs`; another, jumping to the
 * ascending `targets` (and the last document), lands where a linear scan
 * does, positions included; `visitPostings` gives the same documents and
 * frequencies, and the cursor-free lookups agree at every target.
 */
export function expectReads(
  lists: PostingLists,
  entry: BlockEntry,
  docs: readonly PlainDoc[],
  targets: readonly number[],
): void {
  const cursor = new BlockCursor(lists, entry);
  const walked: PlainDoc[] = [];
  while (cursor.next()) walked.push({ doc: cursor.doc, positions: [...cursor.positions()] });
  expect(walked).toEqual(docs);
  const visited: number[][] = [];
  visitPostings(lists, entry, (doc, frequency) => visited.push([doc, frequency]));
  expect(visited).toEqual(docs.map((d) => [d.doc, d.positions.length]));
  const jump = new BlockCursor(lists, entry);
  for (const target of [...targets, docs.at(-1)?.doc ?? 0].sort((a, b) => a - b)) {
    const expected = docs.find((d) => d.doc >= Math.max(target, jump.doc));
    expect(jump.advance(target)).toBe(expected !== undefined);
    expect(jump.doc).toBe(expected?.doc ?? NO_MORE_DOCS);
    if (expected) expect([...jump.positions()]).toEqual(expected.positions);
  }
  for (const target of targets) {
    const held = docs.find((d) => d.doc === target);
    expect(frequencyOf(lists, entry, target)).toBe(held?.positions.length ?? 0);
    expect([...positionsOf(lists, entry, target)]).toEqual(held?.positions ?? []);
  }
}

/** Each of `entry`'s blocks holds 1 to BLOCK_DOCS documents; its last document is stored right. */
export function expectBlocksFit(
  lists: PostingLists,
  entry: BlockEntry,
  docs: readonly PlainDoc[],
): void {
  for (let b = entry.firstBlock; b < entry.firstBlock + entry.blockCount; b++) {
    const size = blockEnd(lists, entry, b) - blockFirstOrdinal(lists, b);
    expect(size).toBeGreaterThanOrEqual(1);
    expect(size).toBeLessThanOrEqual(BLOCK_DOCS);
    expect(blockLast(lists, b)).toBe(docs[blockEnd(lists, entry, b) - 1]?.doc);
  }
}

/** Every posting of `lists` as a line: term, field, document, frequency, positions. */
export function postingLines(lists: PostingLists, terms: readonly string[]): string[] {
  const lines: string[] = [];
  terms.forEach((term, t) => {
    for (const entry of termEntries(lists, t)) {
      const cursor = new BlockCursor(lists, entry);
      while (cursor.next()) {
        lines.push(
          `${term} ${entry.field} ${cursor.doc} ${cursor.frequency} ${cursor.positions().join(',')}`,
        );
      }
    }
  });
  return lines;
}
