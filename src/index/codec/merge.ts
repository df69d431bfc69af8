/**
 * Merges the compressed postings of segments into one: the special case of
 * a splice (`splice.ts`) where each segment is one run taken whole, its
 * documents shifted by its first document's global number. Only the first
 * document of each segment's entry is re-encoded; the rest of its bytes are
 * copied unchanged, and a segment's first block joins the merged entry's last
 * block when their documents fit in one.
 */
import type { PostingLists } from './blocks.ts';
import { type SplicedLists, splicePostingLists } from './splice.ts';

/** One segment's postings, its sorted terms, and the global number of its first document. */
export interface MergePart {
  lists: PostingLists;
  terms: readonly string[];
  docBase: number;
}

/** The merged postings and their sorted terms. */
export type MergedLists = SplicedLists;

/** Merge `parts` (in ascending `docBase` order, their documents not overlapping). */
export function mergePostingLists(parts: readonly MergePart[], fieldCount: number): MergedLists {
  const runs = parts.map((part, source) => ({
    source,
    from: 0,
    to: Number.MAX_SAFE_INTEGER,
    base: part.docBase,
  }));
  return splicePostingLists(parts, runs, fieldCount);
}
