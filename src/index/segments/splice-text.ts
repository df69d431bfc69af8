/**
 * Splice compressed text blocks (`store-blocks.ts`) from runs of articles:
 * a block wholly inside a run is copied as it was compressed; the kept
 * articles of a block a run's edge cuts are inflated and deflated again,
 * with the same preset dictionary, into new blocks (the kept articles of
 * neighbouring cut blocks together, closed at `blockBytes` as a build closes
 * them).
 */
import {
  blockOf,
  compressTexts,
  createTextReader,
  type TextBlocks,
  type TextReader,
} from '../store-blocks.ts';
import { textSource } from '../store-source.ts';
import type { SpliceOptions, SpliceRun } from './splice-segments.ts';

/** Blocks `[from, to)` of `text` (`source`: the input it belongs to, if one). */
interface Piece {
  text: TextBlocks;
  from: number;
  to: number;
  source: number | undefined;
}

/** Articles of cut blocks waiting to be compressed into new blocks. */
interface Pending {
  texts: Uint8Array[];
  readers: Map<number, TextReader>;
}

/**
 * The runs' articles of `parts` as one text store. With `options.consume`,
 * each part's blocks are let go once its last piece is copied (or, read only
 * through cut blocks, at the end).
 */
export function spliceTextBlocks(
  parts: TextBlocks[],
  runs: readonly SpliceRun[],
  options: SpliceOptions,
): TextBlocks {
  const dictionary = sharedDictionary(parts, runs);
  const pieces: Piece[] = [];
  const pending: Pending = { texts: [], readers: new Map() };
  const flush = () => {
    if (pending.texts.length === 0) return;
    const text = compressTexts(pending.texts, pending.texts.length, { ...options, dictionary });
    pieces.push({ text, from: 0, to: text.blockFirst.length - 1, source: undefined });
    pending.texts = [];
  };
  for (const run of runs) {
    const text = parts[run.source];
    if (text === undefined || run.from >= run.to) continue;
    for (let b = blockOf(text.blockFirst, run.from); b + 1 < text.blockFirst.length; b++) {
      const start = text.blockFirst[b] ?? 0;
      const end = text.blockFirst[b + 1] ?? start;
      if (start >= run.to) break;
      if (start >= run.from && end <= run.to) {
        flush();
        takeBlock(pieces, text, b, run.source);
        continue;
      }
      const reader = readerOf(pending, text, run.source);
      for (let n = Math.max(start, run.from); n < Math.min(end, run.to); n++) {
        pending.texts.push(Buffer.from(reader.text(n)));
      }
    }
  }
  flush();
  const text = assemble(pieces, parts, dictionary, options.consume);
  // Parts read only through cut blocks had no piece to be let go after.
  if (options.consume) for (const run of runs) letGo(parts[run.source]);
  return text;
}

/** The preset dictionary every part the runs read was compressed with. */
function sharedDictionary(parts: readonly TextBlocks[], runs: readonly SpliceRun[]): Uint8Array {
  const used = runs.flatMap((run) => (run.from < run.to ? [parts[run.source]] : []));
  const dictionary = used[0]?.dictionary ?? parts[0]?.dictionary ?? new Uint8Array(0);
  if (used.some((part) => part && Buffer.compare(part.dictionary, dictionary) !== 0)) {
    throw new Error('sources compressed with different dictionaries cannot be spliced');
  }
  return dictionary;
}

/** Block `b` of `text` appended to the pieces, joining the last piece when it ends at `b`. */
function takeBlock(pieces: Piece[], text: TextBlocks, b: number, source: number): void {
  const last = pieces.at(-1);
  if (last !== undefined && last.text === text && last.to === b) last.to = b + 1;
  else pieces.push({ text, from: b, to: b + 1, source });
}

function readerOf(pending: Pending, text: TextBlocks, source: number): TextReader {
  let reader = pending.readers.get(source);
  if (reader === undefined) {
    reader = createTextReader(text, { cachedBlocks: 2 });
    pending.readers.set(source, reader);
  }
  return reader;
}

/** Lets `part`'s compressed blocks go (its sources are not to be read again). */
function letGo(part: TextBlocks | undefined): void {
  if (part !== undefined) part.blocks = new Uint8Array(0);
}

/** The pieces' blocks end to end, their tables renumbered. */
function assemble(
  pieces: readonly Piece[],
  parts: TextBlocks[],
  dictionary: Uint8Array,
  consume: boolean,
): TextBlocks {
  const bytesOf = (piece: Piece) =>
    (piece.text.blockOffsets[piece.to] ?? 0) - (piece.text.blockOffsets[piece.from] ?? 0);
  const articlesOf = (piece: Piece) =>
    (piece.text.blockFirst[piece.to] ?? 0) - (piece.text.blockFirst[piece.from] ?? 0);
  const blockCount = pieces.reduce((sum, piece) => sum + piece.to - piece.from, 0);
  const blocks = new Uint8Array(pieces.reduce((sum, piece) => sum + bytesOf(piece), 0));
  const blockOffsets = new Float64Array(blockCount + 1);
  const blockFirst = new Uint32Array(blockCount + 1);
  const articleStarts = new Uint32Array(pieces.reduce((sum, piece) => sum + articlesOf(piece), 0));
  const lastPiece = new Map(pieces.map((piece, p) => [piece.source, p]));
  let block = 0;
  let byte = 0;
  let article = 0;
  pieces.forEach((piece, p) => {
    const { text, from, to } = piece;
    const byteFrom = text.blockOffsets[from] ?? 0;
    const articleFrom = text.blockFirst[from] ?? 0;
    for (let b = from; b < to; b++) {
      blockOffsets[block] = byte + (text.blockOffsets[b] ?? 0) - byteFrom;
      blockFirst[block] = article + (text.blockFirst[b] ?? 0) - articleFrom;
      block++;
    }
    textSource(text).copy(from, to, blocks, byte);
    articleStarts.set(
      text.articleStarts.subarray(articleFrom, articleFrom + articlesOf(piece)),
      article,
    );
    byte += bytesOf(piece);
    article += articlesOf(piece);
    const part = piece.source === undefined ? undefined : parts[piece.source];
    if (consume && lastPiece.get(piece.source) === p) letGo(part);
  });
  blockOffsets[block] = byte;
  blockFirst[block] = article;
  return { blocks, blockOffsets, blockFirst, articleStarts, dictionary };
}
