/**
 * Compact postings → a live MiniSearch instance.
 *
 * MiniSearch has no bulk-load API except `loadJS`, which needs a plain-object
 * copy of every posting and converts it back into maps (slow and memory
 * hungry). We fill MiniSearch's own maps directly instead. This relies on its
 * internal fields, so `minisearch` is pinned to an exact version and
 * tests/index/minisearch-bridge.test.ts checks that the result is identical
 * (`toJSON()`) to an index built with MiniSearch's own `add()`.
 */
import MiniSearch, { type Options } from 'minisearch';
import type { IndexedRef } from './build.ts';
import type { Postings } from './postings.ts';

/** MiniSearch's private state, reached by bracket access (allowed for private members). */
type Internals = {
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, number>;
  _idToShortId: Map<number, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _index: { set(term: string, data: Map<number, Map<number, number>>): unknown };
};

/** A MiniSearch over `postings`; document ids are the article positions `0…n-1`. */
export function toMiniSearch(
  postings: Postings,
  options: Options<IndexedRef>,
): MiniSearch<IndexedRef> {
  const search = new MiniSearch<IndexedRef>(options);
  const internals = search as unknown as Internals;
  fillDocuments(internals, postings);
  fillTerms(internals, postings);
  return search;
}

function fillDocuments(internals: Internals, postings: Postings): void {
  const { documentCount, fields, fieldLength } = postings;
  for (let doc = 0; doc < documentCount; doc++) {
    internals._documentIds.set(doc, doc);
    internals._idToShortId.set(doc, doc);
    const lengths: number[] = [];
    for (let field = 0; field < fields.length; field++) {
      lengths[field] = fieldLength[doc * fields.length + field] ?? 0;
    }
    internals._fieldLength.set(doc, lengths);
  }
  internals._documentCount = documentCount;
  internals._nextId = documentCount;
  internals._avgFieldLength = [...postings.averageFieldLength];
}

function fillTerms(internals: Internals, postings: Postings): void {
  const { terms, offsets, data } = postings;
  terms.forEach((term, t) => {
    const fieldMap = new Map<number, Map<number, number>>();
    const end = offsets[t + 1] ?? 0;
    for (let at = offsets[t] ?? 0; at < end; ) {
      const fieldId = data[at] ?? 0;
      const count = data[at + 1] ?? 0;
      const docs = new Map<number, number>();
      for (let i = 0; i < count; i++)
        docs.set(data[at + 2 + i] ?? 0, data[at + 2 + count + i] ?? 0);
      fieldMap.set(fieldId, docs);
      at += 2 + 2 * count;
    }
    internals._index.set(term, fieldMap);
  });
}
