/**
 * What near-duplicate detection keeps of one article until the end of a
 * build: whether it is long enough to judge, the hash of its headline, and
 * the LSH band keys of its MinHash signature. A summary is a few numbers
 * (34 at the default 64 bins in bands of 2), so the workers that analyze
 * articles can compute it and send it instead of the article's term hashes.
 *
 * Layout: `[judged (0 or 1), headline key, band key₀ … band keyₙ₋₁]`.
 */
import {
  bandKey,
  DEFAULT_NEAR_DUPLICATE_OPTIONS,
  type NearDuplicateOptions,
  type NearDuplicateSettings,
} from './near-duplicates.ts';
import { headlineKey, minHash, shingleCount, shingleHashes, type TermStreams } from './shingles.ts';

/** Numbers before the band keys in a summary. */
export const SUMMARY_HEADER = 2;

export interface ArticleSummarizer {
  /** Numbers in each summary. */
  readonly length: number;
  /**
   * The summary of an article's stream (headline then body, one term hash a
   * position), written into `out` when given (of `length` numbers).
   */
  summarize(hashes: Uint32Array, headlineLength: number, out?: Uint32Array): Uint32Array;
}

/**
 * Summarizes articles as `createNearDuplicateCollector` with the same options
 * does (each worker makes its own: it keeps scratch arrays).
 */
export function createArticleSummarizer(options: NearDuplicateOptions = {}): ArticleSummarizer {
  const settings: NearDuplicateSettings = { ...DEFAULT_NEAR_DUPLICATE_OPTIONS, ...options };
  const bands = Math.floor(settings.bins / settings.rows);
  const signature = new Uint32Array(settings.bins);
  const filled = new Uint8Array(settings.bins);
  const starts = new Uint32Array(2);
  const headlineLengths = new Uint32Array(1);
  let buffer = new Uint32Array(1024);
  const length = SUMMARY_HEADER + bands;
  return {
    length,
    summarize: (hashes, headlineLength, out = new Uint32Array(length)) => {
      starts[1] = hashes.length;
      headlineLengths[0] = headlineLength;
      const view: TermStreams = { starts, terms: hashes, headlineLengths };
      const count = shingleCount(view, 0, settings.shingleWords);
      const judged = count >= settings.minShingles;
      out[0] = judged ? 1 : 0;
      out[1] = headlineKey(view, 0, settings.headlineWords);
      if (!judged) {
        out.fill(0, SUMMARY_HEADER, length);
        return out;
      }
      if (count > buffer.length) buffer = new Uint32Array(count * 2);
      minHash(shingleHashes(view, 0, settings.shingleWords, buffer), signature, filled);
      for (let band = 0; band < bands; band++) {
        out[SUMMARY_HEADER + band] = bandKey(signature, 0, band, settings);
      }
      return out;
    },
  };
}
