/**
 * The inverted index in compact form: every term's postings (document, term
 * frequency) per field in typed arrays. Built in one pass with hash maps (far
 * cheaper than inserting each token into MiniSearch's radix tree) and written
 * to snapshots as is.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import type { Article } from '../types.ts';
import { fieldText, INDEX_FIELDS } from './fields.ts';

export interface Postings {
  fields: readonly string[];
  documentCount: number;
  /** Distinct terms per field per document: `fieldLength[doc * fields.length + field]`. */
  fieldLength: Uint32Array;
  averageFieldLength: number[];
  terms: string[];
  /** Where each term's entries start in `data`; `offsets[terms.length]` is the end. */
  offsets: Uint32Array;
  /**
   * Per term, per field that has it: `field, count, doc₁…docₙ, freq₁…freqₙ`.
   */
  data: Uint32Array;
}

/** Articles between progress reports. */
const PROGRESS_EVERY = 500;

/** Growing postings of one term in one field. */
interface FieldPostings {
  docs: number[];
  freqs: number[];
}

/** Builds the postings of `articles` (document `n` is `articles[n]`). */
export function collectPostings(
  articles: readonly Article[],
  analyzer: Analyzer,
  onProgress?: (done: number, total: number) => void,
): Postings {
  const fieldCount = INDEX_FIELDS.length;
  const byTerm = new Map<string, (FieldPostings | undefined)[]>();
  const fieldLength = new Uint32Array(articles.length * fieldCount);
  const totals = new Array<number>(fieldCount).fill(0);
  articles.forEach((article, doc) => {
    INDEX_FIELDS.forEach((field, fieldId) => {
      const text = fieldText(article, field);
      if (text === '') return;
      const frequencies = countTerms(analyzer.terms(text));
      fieldLength[doc * fieldCount + fieldId] = frequencies.size;
      totals[fieldId] = (totals[fieldId] ?? 0) + frequencies.size;
      for (const [term, frequency] of frequencies)
        addPosting(byTerm, term, fieldId, doc, frequency);
    });
    if ((doc + 1) % PROGRESS_EVERY === 0 || doc + 1 === articles.length)
      onProgress?.(doc + 1, articles.length);
  });
  const averageFieldLength = totals.map((total) => total / Math.max(articles.length, 1));
  return {
    ...pack(byTerm),
    fields: INDEX_FIELDS,
    documentCount: articles.length,
    fieldLength,
    averageFieldLength,
  };
}

function countTerms(terms: readonly string[]): Map<string, number> {
  const frequencies = new Map<string, number>();
  for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
  return frequencies;
}

function addPosting(
  byTerm: Map<string, (FieldPostings | undefined)[]>,
  term: string,
  fieldId: number,
  doc: number,
  frequency: number,
): void {
  let perField = byTerm.get(term);
  if (perField === undefined) {
    perField = [];
    byTerm.set(term, perField);
  }
  let postings = perField[fieldId];
  if (postings === undefined) {
    postings = { docs: [], freqs: [] };
    perField[fieldId] = postings;
  }
  postings.docs.push(doc);
  postings.freqs.push(frequency);
}

function pack(byTerm: Map<string, (FieldPostings | undefined)[]>) {
  const terms = [...byTerm.keys()];
  let size = 0;
  for (const perField of byTerm.values()) {
    for (const postings of perField) if (postings) size += 2 + 2 * postings.docs.length;
  }
  const data = new Uint32Array(size);
  const offsets = new Uint32Array(terms.length + 1);
  let at = 0;
  terms.forEach((term, t) => {
    offsets[t] = at;
    (byTerm.get(term) ?? []).forEach((postings, fieldId) => {
      if (!postings) return;
      data[at++] = fieldId;
      data[at++] = postings.docs.length;
      data.set(postings.docs, at);
      data.set(postings.freqs, at + postings.docs.length);
      at += 2 * postings.docs.length;
    });
  });
  offsets[terms.length] = at;
  return { terms, offsets, data };
}
