/**
 * The stored article text, compressed in blocks: consecutive articles' UTF-8
 * JSON is gathered until a block holds `blockBytes`, then deflated (raw, no
 * zlib header) on its own. Reading article `n` inflates only its block, and a
 * store keeps the few blocks it inflated last (an LRU of `cachedBlocks`), so
 * a result page's hits cost one block each at most, and the texts of the
 * articles it read last (an LRU of `cachedTexts`), so a hit shown again costs
 * no inflating at all.
 *
 * ```
 * blocks        deflate-raw block 0 | block 1 | …          (one section)
 * blockOffsets  Float64: block b is blocks[blockOffsets[b], blockOffsets[b+1])
 * blockFirst    Uint32: block b holds articles blockFirst[b] … blockFirst[b+1]-1
 * articleStarts Uint32: article n starts at this byte of its inflated block and
 *               ends where the next article of the block starts (or the block ends)
 * dictionary    the preset dictionary every block was deflated with (up to 8 KiB:
 *               the JSON of the corpus's first articles), so that even a small
 *               block finds the words and keys it shares with them
 * ```
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { blocksLength, type TextFile, textSource } from './store-source.ts';

/** The compressed text of a store, as snapshots hold it. */
export interface TextBlocks {
  /** The deflate-raw blocks, one after another (empty when `file` holds them). */
  blocks: Uint8Array;
  /**
   * Where the blocks are when they stayed in a snapshot file (`store-source.ts`):
   * read a block at a time, each checked against its CRC-32.
   */
  file?: TextFile;
  /** Block `b` is `blocks[blockOffsets[b], blockOffsets[b+1])`; Float64 so the total may pass 4 GiB. */
  blockOffsets: Float64Array;
  /** Block `b` holds articles `blockFirst[b]` … `blockFirst[b+1] - 1`; the last entry is the count. */
  blockFirst: Uint32Array;
  /** Article `n` starts at byte `articleStarts[n]` of its inflated block. */
  articleStarts: Uint32Array;
  /** The preset dictionary of every block (empty: none). */
  dictionary: Uint8Array;
}

/** How the article text is blocked, compressed and cached. */
export interface TextBlockOptions {
  /**
   * A block is closed once it holds at least this many bytes of JSON (an
   * article is never split: a bigger one is a block of its own).
   * @example 8 * 1024
   */
  blockBytes: number;
  /**
   * zlib compression level, 1 (fastest) to 9 (smallest).
   * @example 6
   */
  level: number;
  /**
   * Inflated blocks a store keeps, most recently read first.
   * @example 16
   */
  cachedBlocks: number;
  /**
   * Article texts a store keeps once read, least recently read dropped first
   * (0 keeps none): a page of 10 hits asks for 10, and inflating a block for
   * one of them costs more than the rest of its hit (30-50 µs of 8 KiB), while
   * a text takes about 1.2 KB.
   * @example 1024
   */
  cachedTexts: number;
  /**
   * The preset dictionary to deflate with (see `textDictionary`); none when empty.
   * @example `textDictionary(firstTexts)`
   */
  dictionary: Uint8Array;
}

export const DEFAULT_TEXT_BLOCK_OPTIONS: TextBlockOptions = {
  blockBytes: 8 * 1024,
  level: 6,
  cachedBlocks: 16,
  cachedTexts: 1024,
  dictionary: new Uint8Array(0),
};

/**
 * The most a preset dictionary holds. Deflate takes up to 32 KiB, but it
 * hashes the whole dictionary again for every block: on 8 KiB blocks of news
 * JSON an 8 KiB dictionary kept 0.84 of the blocks' size for 1.1 times the
 * time, 16 KiB 0.80 for 1.5 times, 32 KiB on 4 KiB blocks 0.79 for 1.9 times.
 */
export const DICTIONARY_BYTES = 8 * 1024;

/**
 * A preset dictionary from the first texts: their bytes, in order, up to
 * `DICTIONARY_BYTES`.
 * @example `textDictionary(articles.slice(0, 20).map(jsonBytes))`
 */
export function textDictionary(texts: Iterable<Uint8Array>): Uint8Array {
  const taken: Uint8Array[] = [];
  let size = 0;
  for (const text of texts) {
    if (size >= DICTIONARY_BYTES) break;
    taken.push(text.subarray(0, DICTIONARY_BYTES - size));
    size += Math.min(text.length, DICTIONARY_BYTES - size);
  }
  return Buffer.concat(taken, size);
}

/** Compress the texts `texts` (already UTF-8) into blocks. */
export function compressTexts(
  texts: Iterable<Uint8Array>,
  count: number,
  options: Partial<TextBlockOptions> = {},
): TextBlocks {
  const { blockBytes, level, dictionary } = { ...DEFAULT_TEXT_BLOCK_OPTIONS, ...options };
  const deflateOptions = dictionary.length > 0 ? { level, dictionary } : { level };
  const articleStarts = new Uint32Array(count);
  const first: number[] = [0];
  const compressed: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  let size = 0;
  let n = 0;
  const close = () => {
    compressed.push(deflateRawSync(Buffer.concat(pending, size), deflateOptions));
    first.push(n);
    pending = [];
    size = 0;
  };
  for (const text of texts) {
    articleStarts[n] = size;
    pending.push(text);
    size += text.length;
    n++;
    if (size >= blockBytes) close();
  }
  if (pending.length > 0) close();
  return {
    ...concatenate(compressed),
    blockFirst: Uint32Array.from(first),
    articleStarts,
    dictionary: Uint8Array.from(dictionary),
  };
}

function concatenate(chunks: readonly Uint8Array[]): Pick<TextBlocks, 'blocks' | 'blockOffsets'> {
  const blockOffsets = new Float64Array(chunks.length + 1);
  chunks.forEach((chunk, b) => {
    blockOffsets[b + 1] = (blockOffsets[b] ?? 0) + chunk.length;
  });
  const blocks = new Uint8Array(blockOffsets[chunks.length] ?? 0);
  chunks.forEach((chunk, b) => {
    blocks.set(chunk, blockOffsets[b]);
  });
  return { blocks, blockOffsets };
}

/** Whether the block tables agree with each other, the blocks and `count` articles. */
export function blocksFit(text: TextBlocks, count: number): boolean {
  const { blockOffsets, blockFirst, articleStarts, file } = text;
  const last = blockFirst.length - 1;
  if (blockOffsets.length !== blockFirst.length || articleStarts.length !== count) return false;
  if (blockFirst[0] !== 0 || blockFirst[last] !== count || blockOffsets[0] !== 0) return false;
  if (blockOffsets[last] !== blocksLength(text)) return false;
  if (file && file.crcs.length !== last) return false;
  for (let b = 0; b < last; b++) {
    if ((blockFirst[b + 1] ?? 0) <= (blockFirst[b] ?? 0)) return false;
    if ((blockOffsets[b + 1] ?? 0) < (blockOffsets[b] ?? 0)) return false;
  }
  return true;
}

/** Reads article texts out of `text`, inflating a block only when it is not cached. */
export interface TextReader {
  /** The UTF-8 JSON of article `n`. @example `JSON.parse(reader.text(0))` */
  text(n: number): string;
}

/** A reader over `text` with its own caches of inflated blocks and of article texts. */
export function createTextReader(
  text: TextBlocks,
  options: Partial<TextBlockOptions> = {},
): TextReader {
  const { cachedBlocks, cachedTexts } = { ...DEFAULT_TEXT_BLOCK_OPTIONS, ...options };
  const blocks = createLru<Buffer>(cachedBlocks);
  const texts = createLru<string>(cachedTexts);
  const source = textSource(text);
  const inflated = (b: number): Buffer => {
    const hit = blocks.get(b);
    if (hit !== undefined) return hit;
    const block = source.block(b);
    const bytes =
      text.dictionary.length > 0
        ? inflateRawSync(block, { dictionary: text.dictionary })
        : inflateRawSync(block);
    blocks.set(b, bytes);
    return bytes;
  };
  return {
    text(n) {
      const known = texts.get(n);
      if (known !== undefined) return known;
      const b = blockOf(text.blockFirst, n);
      const bytes = inflated(b);
      const start = text.articleStarts[n] ?? 0;
      const next = n + 1 < (text.blockFirst[b + 1] ?? 0) ? text.articleStarts[n + 1] : undefined;
      const json = bytes.toString('utf8', start, next ?? bytes.length);
      texts.set(n, json);
      return json;
    },
  };
}

/** A least-recently-used cache of at most `size` values by number (none when `size` is 0). */
function createLru<T>(size: number): {
  get(key: number): T | undefined;
  set(key: number, value: T): void;
} {
  const entries = new Map<number, T>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value !== undefined) {
        entries.delete(key);
        entries.set(key, value);
      }
      return value;
    },
    set(key, value) {
      if (size <= 0) return;
      entries.set(key, value);
      if (entries.size > size) {
        const oldest = entries.keys().next();
        if (oldest.done !== true) entries.delete(oldest.value);
      }
    },
  };
}

/** The block holding article `n`: the last `b` with `first[b] <= n` (binary search). */
export function blockOf(first: Uint32Array, n: number): number {
  let low = 0;
  let high = first.length - 2;
  while (low < high) {
    const middle = (low + high + 1) >>> 1;
    if ((first[middle] ?? 0) <= n) low = middle;
    else high = middle - 1;
  }
  return low;
}
