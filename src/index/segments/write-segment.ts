/**
 * Write one segment from a buffer of articles: every term occurrence is
 * logged once (term, field, document, position) into growing typed arrays,
 * a counting sort by (sorted term, field) lays the log out, and the sorted
 * runs are encoded as compressed postings. No per-term objects, no
 * per-document maps; the log is dropped once the segment is written.
 */
import type { Analyzer } from '../../analysis/analyzer.ts';
import { createEntityExtractor, type EntityExtractor } from '../../analysis/entities/extract.ts';
import type { Article } from '../../types.ts';
import { createIdStreamBuilder } from '../article-stream.ts';
import { PostingListsWriter } from '../codec/write.ts';
import { BODY_FIELD, fieldText, INDEX_FIELDS, TITLE_FIELD } from '../fields.ts';
import { createArticleSummarizer } from '../near-duplicate-summary.ts';
import type { NearDuplicateOptions } from '../near-duplicates.ts';
import { jsonTexts, storeParts } from '../store.ts';
import { type TextBlockOptions, textDictionary } from '../store-blocks.ts';
import { eachTermId } from '../term-ids.ts';
import { TermTable } from '../term-table.ts';
import type { FormCounts, Segment } from './segment.ts';

/** A growing log of term occurrences: key (term id × fields + field), document, position. */
class OccurrenceLog {
  length = 0;
  key: Uint32Array = new Uint32Array(1 << 16);
  doc: Uint32Array = new Uint32Array(1 << 16);
  position: Uint32Array = new Uint32Array(1 << 16);

  push(key: number, doc: number, position: number): void {
    if (this.length === this.key.length) this.grow();
    const at = this.length++;
    this.key[at] = key;
    this.doc[at] = doc;
    this.position[at] = position;
  }

  private grow(): void {
    const size = this.key.length * 2;
    this.key = resized(this.key, size);
    this.doc = resized(this.doc, size);
    this.position = resized(this.position, size);
  }
}

function resized(array: Uint32Array, size: number): Uint32Array {
  const next = new Uint32Array(size);
  next.set(array.subarray(0, Math.min(array.length, size)));
  return next;
}

/** How a segment's stored text is blocked and compressed, and how near-duplicates are summarised. */
export type SegmentOptions = Partial<
  Pick<TextBlockOptions, 'blockBytes' | 'level' | 'dictionary'>
> & {
  /** The options the near-duplicate collector will use. @example `{ bins: 64 }` */
  nearDuplicates?: NearDuplicateOptions;
};

/**
 * The segment of `articles` (its document `n` is `articles[n]`). `extractor`
 * finds the articles' people, places and organisations: pass one per thread,
 * reused across segments, as it remembers the names it has classified.
 * @example `writeSegment(batch, createAnalyzer(), {}, extractor).documentCount`
 */
export function writeSegment(
  articles: readonly Article[],
  analyzer: Analyzer,
  options: SegmentOptions = {},
  extractor: EntityExtractor = createEntityExtractor(),
): Segment {
  const fieldCount = INDEX_FIELDS.length;
  const table = new TermTable(analyzer);
  const log = new OccurrenceLog();
  const fieldLength = new Uint32Array(articles.length * fieldCount);
  const summarizer = createArticleSummarizer(options.nearDuplicates);
  const summaries = new Uint32Array(articles.length * summarizer.length);
  const stream = createIdStreamBuilder((id) => table.term(id));
  let seen: Uint32Array = new Uint32Array(1 << 16);
  articles.forEach((article, doc) => {
    INDEX_FIELDS.forEach((field, fieldId) => {
      const text = fieldText(article, field);
      const streamed = fieldId === TITLE_FIELD || fieldId === BODY_FIELD;
      let distinct = 0;
      eachTermId(text, table, (id, position) => {
        const key = id * fieldCount + fieldId;
        if (key >= seen.length) seen = resized(seen, Math.max(seen.length * 2, key + 1));
        if (seen[key] !== doc + 1) {
          seen[key] = doc + 1;
          distinct++;
        }
        log.push(key, doc, position);
        if (streamed) stream.add(position, id);
      });
      fieldLength[doc * fieldCount + fieldId] = distinct;
      if (fieldId === TITLE_FIELD) stream.endHeadline();
    });
    const { hashes, headlineLength } = stream.finish();
    const at = doc * summarizer.length;
    summarizer.summarize(hashes, headlineLength, summaries.subarray(at, at + summarizer.length));
  });
  const { terms, rank } = table.sorted();
  return {
    documentCount: articles.length,
    terms,
    lists: encodeLog(log, rank, terms.length, fieldCount),
    fieldLength,
    forms: sortedForms(table, rank),
    store: storeParts(
      articles,
      { ...options, dictionary: options.dictionary ?? textDictionary(jsonTexts(articles)) },
      articles.map((article) => extractor.extract(article.title, article.body)),
    ),
    summaries,
    summaryLength: summarizer.length,
  };
}

/** The table's written forms and counts, each pointing at its term's sorted position. */
function sortedForms(table: TermTable, rank: Uint32Array): FormCounts {
  const { text, term, count } = table.formCounts();
  const kept = text.flatMap((_, form) => ((term[form] ?? -1) < 0 ? [] : [form]));
  return {
    text: kept.map((form) => text[form] ?? ''),
    term: Uint32Array.from(kept, (form) => rank[term[form] ?? 0] ?? 0),
    count: Uint32Array.from(kept, (form) => count[form] ?? 0),
  };
}

/** Counting sort of the log by (sorted term, field), then each run encoded. */
function encodeLog(log: OccurrenceLog, rank: Uint32Array, termCount: number, fieldCount: number) {
  const keyCount = termCount * fieldCount;
  const start = new Uint32Array(keyCount + 1);
  for (let o = 0; o < log.length; o++) {
    const key = log.key[o] ?? 0;
    const sorted = (rank[Math.floor(key / fieldCount)] ?? 0) * fieldCount + (key % fieldCount);
    log.key[o] = sorted;
    start[sorted + 1] = (start[sorted + 1] ?? 0) + 1;
  }
  for (let k = 0; k < keyCount; k++) start[k + 1] = (start[k + 1] ?? 0) + (start[k] ?? 0);
  const cursor = start.slice(0, keyCount);
  const docs = new Uint32Array(log.length);
  const positions = new Uint32Array(log.length);
  for (let o = 0; o < log.length; o++) {
    const key = log.key[o] ?? 0;
    const slot = cursor[key] ?? 0;
    cursor[key] = slot + 1;
    docs[slot] = log.doc[o] ?? 0;
    positions[slot] = log.position[o] ?? 0;
  }
  return writeRuns(docs, positions, start, termCount, fieldCount);
}

/** Each (term, field) run of sorted occurrences as an entry of compressed postings. */
function writeRuns(
  docs: Uint32Array,
  positions: Uint32Array,
  start: Uint32Array,
  termCount: number,
  fieldCount: number,
) {
  const writer = new PostingListsWriter();
  for (let t = 0; t < termCount; t++) {
    writer.startTerm();
    for (let f = 0; f < fieldCount; f++) {
      const from = start[t * fieldCount + f] ?? 0;
      const to = start[t * fieldCount + f + 1] ?? 0;
      if (from === to) continue;
      writer.startEntry(f);
      let first = from;
      for (let j = from + 1; j <= to; j++) {
        if (j < to && docs[j] === docs[first]) continue;
        writer.add(docs[first] ?? 0, positions, first, j);
        first = j;
      }
    }
  }
  return writer.finish();
}
