/**
 * A segment: an immutable, self-contained index of a run of consecutive
 * articles (Lucene's segment) — its own sorted terms, compressed postings,
 * field lengths, written-form counts and stored articles. The build writes
 * segments from bounded buffers and merges them into the index.
 */
import type { PostingLists } from '../codec/blocks.ts';
import type { StoreParts } from '../store.ts';

/** How often each written form was seen, and the term it makes (an index into `terms`). */
export interface FormCounts {
  text: string[];
  term: Uint32Array;
  count: Uint32Array;
}

export interface Segment {
  documentCount: number;
  /** The segment's terms, sorted by UTF-16 code units; term `t` of `lists` is `terms[t]`. */
  terms: string[];
  lists: PostingLists;
  /** Distinct terms per field per document: `fieldLength[doc * fields + field]`. */
  fieldLength: Uint32Array;
  forms: FormCounts;
  store: StoreParts;
  /**
   * Each article's near-duplicate summary (`near-duplicate-summary.ts`):
   * `summaryLength` numbers per article, article `n`'s at `n * summaryLength`.
   */
  summaries: Uint32Array;
  summaryLength: number;
}

/** The distinct buffers under a segment's typed arrays, to transfer it to another thread. */
export function transferables(segment: Segment): ArrayBuffer[] {
  const { lists, store } = segment;
  const arrays: ArrayBufferView[] = [
    lists.offsets,
    lists.entries,
    lists.blocks,
    lists.docs,
    lists.positions,
    segment.fieldLength,
    segment.summaries,
    segment.forms.term,
    segment.forms.count,
    store.dates,
    store.sources.offsets,
    store.sources.ids,
    store.categories.offsets,
    store.categories.ids,
    store.people.offsets,
    store.people.ids,
    store.places.offsets,
    store.places.ids,
    store.orgs.offsets,
    store.orgs.ids,
    store.text.blocks,
    store.text.blockOffsets,
    store.text.blockFirst,
    store.text.articleStarts,
    store.text.dictionary,
  ];
  const buffers = new Set<ArrayBuffer>();
  for (const array of arrays) if (array.buffer instanceof ArrayBuffer) buffers.add(array.buffer);
  return [...buffers];
}
