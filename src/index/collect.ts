/**
 * Build `Postings` from articles in one pass: every token is logged once
 * (term, field, document, position, span) into growing typed arrays, then a
 * counting sort by (term, field) lays the log out as the final arrays. No
 * per-term objects, no per-document maps.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import { eachToken } from '../analysis/tokenize.ts';
import type { Article } from '../types.ts';
import { fieldText, INDEX_FIELDS } from './fields.ts';
import { FIELD_HEADER, type Postings, packSpan } from './postings.ts';
import { TermTable } from './term-table.ts';

/** Articles between progress reports. */
const PROGRESS_EVERY = 500;

/** A growing log of token occurrences. */
class OccurrenceLog {
  length = 0;
  key: Uint32Array = new Uint32Array(1 << 16);
  doc: Uint32Array = new Uint32Array(1 << 16);
  position: Uint32Array = new Uint32Array(1 << 16);
  span: Uint32Array = new Uint32Array(1 << 16);

  push(key: number, doc: number, position: number, span: number): void {
    if (this.length === this.key.length) this.grow();
    const at = this.length++;
    this.key[at] = key;
    this.doc[at] = doc;
    this.position[at] = position;
    this.span[at] = span;
  }

  private grow(): void {
    const size = this.key.length * 2;
    this.key = resized(this.key, size);
    this.doc = resized(this.doc, size);
    this.position = resized(this.position, size);
    this.span = resized(this.span, size);
  }
}

function resized(array: Uint32Array, size: number): Uint32Array {
  const next = new Uint32Array(size);
  next.set(array.subarray(0, Math.min(array.length, size)));
  return next;
}

/** Builds the postings of `articles` (document `n` is `articles[n]`). */
export function collectPostings(
  articles: readonly Article[],
  analyzer: Analyzer,
  onProgress?: (done: number, total: number) => void,
): Postings {
  const fieldCount = INDEX_FIELDS.length;
  const table = new TermTable(analyzer);
  const log = new OccurrenceLog();
  const fieldLength = new Uint32Array(articles.length * fieldCount);
  let seen: Uint32Array = new Uint32Array(1 << 16);
  articles.forEach((article, doc) => {
    INDEX_FIELDS.forEach((field, fieldId) => {
      const text = fieldText(article, field);
      if (text === '') return;
      let distinct = 0;
      eachToken(text, (word, start, end, position) => {
        const id = table.idOf(word);
        if (id < 0) return;
        const key = id * fieldCount + fieldId;
        if (key >= seen.length) seen = resized(seen, Math.max(seen.length * 2, key + 1));
        if (seen[key] !== doc + 1) {
          seen[key] = doc + 1;
          distinct++;
        }
        log.push(key, doc, position, packSpan(start, end));
      });
      fieldLength[doc * fieldCount + fieldId] = distinct;
    });
    if ((doc + 1) % PROGRESS_EVERY === 0 || doc + 1 === articles.length)
      onProgress?.(doc + 1, articles.length);
  });
  const { terms, display, rank } = table.sorted();
  return {
    ...layOut(log, rank, terms.length, fieldCount),
    fields: INDEX_FIELDS,
    documentCount: articles.length,
    fieldLength,
    averageFieldLength: averages(fieldLength, fieldCount, articles.length),
    terms,
    display,
  };
}

function averages(fieldLength: Uint32Array, fieldCount: number, documents: number): number[] {
  const totals = new Array<number>(fieldCount).fill(0);
  fieldLength.forEach((length, at) => {
    totals[at % fieldCount] = (totals[at % fieldCount] ?? 0) + length;
  });
  return totals.map((total) => total / Math.max(documents, 1));
}

/** Counting sort of the log by (sorted term, field); documents stay in order within a key. */
function layOut(log: OccurrenceLog, rank: Uint32Array, termCount: number, fieldCount: number) {
  const keyCount = termCount * fieldCount;
  const sortedKey = new Uint32Array(log.length);
  const start = new Uint32Array(keyCount + 1);
  for (let o = 0; o < log.length; o++) {
    const key = log.key[o] ?? 0;
    const sorted = (rank[Math.floor(key / fieldCount)] ?? 0) * fieldCount + (key % fieldCount);
    sortedKey[o] = sorted;
    start[sorted + 1] = (start[sorted + 1] ?? 0) + 1;
  }
  for (let k = 0; k < keyCount; k++) start[k + 1] = (start[k + 1] ?? 0) + (start[k] ?? 0);
  const cursor = start.slice(0, keyCount);
  const order = new Uint32Array(log.length);
  for (let o = 0; o < log.length; o++) {
    const key = sortedKey[o] ?? 0;
    const slot = cursor[key] ?? 0;
    cursor[key] = slot + 1;
    order[slot] = o;
  }
  const positions = new Uint32Array(log.length);
  const spans = new Uint32Array(log.length);
  const docs = new Uint32Array(log.length);
  for (let j = 0; j < order.length; j++) {
    const o = order[j] ?? 0;
    positions[j] = log.position[o] ?? 0;
    spans[j] = log.span[o] ?? 0;
    docs[j] = log.doc[o] ?? 0;
  }
  return { positions, spans, ...packData(docs, start, termCount, fieldCount) };
}

/** Writes `data` and `offsets` from the sorted occurrences' documents. */
function packData(docs: Uint32Array, start: Uint32Array, termCount: number, fieldCount: number) {
  const keyCount = termCount * fieldCount;
  const distinct = new Uint32Array(keyCount);
  let size = 0;
  for (let k = 0; k < keyCount; k++) {
    const from = start[k] ?? 0;
    const to = start[k + 1] ?? 0;
    if (from === to) continue;
    let n = 1;
    for (let j = from + 1; j < to; j++) if (docs[j] !== docs[j - 1]) n++;
    distinct[k] = n;
    size += FIELD_HEADER + 2 * n;
  }
  const data = new Uint32Array(size);
  const offsets = new Uint32Array(termCount + 1);
  let at = 0;
  for (let t = 0; t < termCount; t++) {
    offsets[t] = at;
    for (let f = 0; f < fieldCount; f++) {
      const k = t * fieldCount + f;
      const n = distinct[k] ?? 0;
      if (n === 0) continue;
      at = writeEntry(data, at, f, n, docs, start[k] ?? 0, start[k + 1] ?? 0);
    }
  }
  offsets[termCount] = at;
  return { data, offsets };
}

/** One field entry: header, documents, cumulative ends (relative to `from`). */
function writeEntry(
  data: Uint32Array,
  at: number,
  field: number,
  n: number,
  docs: Uint32Array,
  from: number,
  to: number,
): number {
  data[at] = field;
  data[at + 1] = n;
  data[at + 2] = from;
  const docsAt = at + FIELD_HEADER;
  const endsAt = docsAt + n;
  let i = -1;
  for (let j = from; j < to; j++) {
    if (j === from || docs[j] !== docs[j - 1]) {
      i++;
      data[docsAt + i] = docs[j] ?? 0;
    }
    data[endsAt + i] = j + 1 - from;
  }
  return endsAt + n;
}
