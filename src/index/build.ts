/**
 * Build the in-memory index: segments of articles (`segments/`) merged into
 * compact postings over the article fields, analyzed by the shared analyzer,
 * the term dictionary, and a document store that keeps what results, filters
 * and snippets need.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import type { Article } from '../types.ts';
import { termStreamOfText } from './article-stream.ts';
import { INDEX_FIELDS } from './fields.ts';
import { type ArticleKeywords, createKeywords } from './keywords.ts';
import {
  createNearDuplicateCollector,
  type NearDuplicateCollector,
} from './near-duplicate-collector.ts';
import type { Clusters, NearDuplicateOptions } from './near-duplicates.ts';
import type { Postings } from './postings.ts';
import { mergeSegments } from './segments/merge-segments.ts';
import type { Segment } from './segments/segment.ts';
import { writeSegment } from './segments/write-segment.ts';
import { createStore, type DocumentStore, type StoreParts } from './store.ts';
import { createVocabulary, type Vocabulary } from './vocabulary.ts';
import { createWorkspace, type Workspace } from './workspace.ts';

/** The searchable index: postings, their dictionary, and the articles they point into. */
export interface NewsIndex {
  postings: Postings;
  /** Each article's most distinctive terms, picked on demand (never stored: see keywords.ts). */
  keywords: ArticleKeywords;
  /** Near-duplicate clusters: the same story filed more than once. */
  clusters: Clusters;
  vocabulary: Vocabulary;
  /** Document `n` of the postings is `store.article(n)`. */
  store: DocumentStore;
  analyzer: Analyzer;
  /** Work arrays searches reuse instead of allocating. */
  workspace: Workspace;
}

export interface BuildOptions {
  /** How near-duplicates are found. @example `{ threshold: 0.6 }` */
  nearDuplicates?: NearDuplicateOptions;
}

/** Index `articles` (already read and de-duplicated) in the calling thread, as one segment. */
export function buildIndex(
  articles: readonly Article[],
  analyzer: Analyzer,
  options: BuildOptions = {},
): NewsIndex {
  const segment = writeSegment(articles, analyzer, {
    nearDuplicates: options.nearDuplicates ?? {},
  });
  return indexFromSegments([segment], analyzer, options);
}

/**
 * The index of `segments` (consecutive runs of articles, in order), merged.
 * It takes them: the array is emptied, so that each segment's memory can go
 * once it is merged.
 */
export function indexFromSegments(
  segments: Segment[],
  analyzer: Analyzer,
  options: BuildOptions = {},
): NewsIndex {
  const collector = collectSummaries(segments, options.nearDuplicates);
  const merged = mergeSegments(segments.splice(0), analyzer, true);
  const postings: Postings = {
    ...merged.lists,
    fields: INDEX_FIELDS,
    documentCount: merged.documentCount,
    fieldLength: merged.fieldLength,
    averageFieldLength: merged.averageFieldLength,
    terms: merged.terms,
    display: merged.display,
  };
  const store = createStore(merged.store);
  const clusters = collector.finish((doc) => {
    const article = store.article(doc);
    return termStreamOfText(analyzer, article.title, article.body);
  }, store.count);
  return assembleIndex({ postings, clusters }, merged.store, analyzer);
}

/** An index over ready parts (a fresh build or a loaded snapshot). */
export function assembleIndex(
  { postings, clusters }: Pick<NewsIndex, 'postings' | 'clusters'>,
  parts: StoreParts,
  analyzer: Analyzer,
): NewsIndex {
  const vocabulary = createVocabulary(postings.terms, postings.display);
  const store = createStore(parts);
  return {
    postings,
    keywords: createKeywords({ postings, vocabulary, store, analyzer }),
    clusters,
    vocabulary,
    store,
    analyzer,
    workspace: createWorkspace(postings.documentCount),
  };
}

/**
 * A near-duplicate collector holding every segment's article summaries: it
 * bands them together, and verifies candidate pairs on streams re-analyzed
 * from the stored text (only articles that share a bucket are read).
 */
function collectSummaries(
  segments: readonly Segment[],
  options: NearDuplicateOptions | undefined,
): NearDuplicateCollector {
  const documents = segments.reduce((sum, segment) => sum + segment.documentCount, 0);
  const collector = createNearDuplicateCollector(documents, options);
  let base = 0;
  for (const { summaries, summaryLength, documentCount, store } of segments) {
    for (let n = 0; n < documentCount; n++) {
      const summary = summaries.subarray(n * summaryLength, (n + 1) * summaryLength);
      collector.addSummary(base + n, summary, store.dates[n] ?? Number.NaN);
    }
    base += documentCount;
  }
  return collector;
}
