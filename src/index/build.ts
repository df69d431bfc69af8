/**
 * Build the in-memory index: segments of articles (`segments/`) merged into
 * compact postings over the article fields, analyzed by the shared analyzer,
 * the term dictionary, and a document store that keeps what results, filters
 * and snippets need.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import type { CorpusFileRecord } from '../corpus/read.ts';
import type { Article } from '../types.ts';
import { termStreamOfText } from './article-stream.ts';
import { INDEX_FIELDS } from './fields.ts';
import type { TalliedForms } from './forms.ts';
import { type ArticleKeywords, createKeywords } from './keywords.ts';
import type { Lineage } from './lineage.ts';
import {
  createNearDuplicateCollector,
  type KnownPairs,
  type NearDuplicateCollector,
} from './near-duplicate-collector.ts';
import type { Clusters, NearDuplicateOptions } from './near-duplicates.ts';
import type { Postings } from './postings.ts';
import { mergeSegments } from './segments/merge-segments.ts';
import type { Segment } from './segments/segment.ts';
import type { SplicedSegments } from './segments/splice-segments.ts';
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
  /**
   * What the next incremental update is made from (`lineage.ts`), decoded on
   * first call; undefined for an index that cannot be updated, only rebuilt.
   */
  lineage?: () => Lineage | undefined;
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
 * once it is merged. `files` are the corpus files the articles came from
 * (kept for the next incremental update; none for articles read otherwise).
 */
export function indexFromSegments(
  segments: Segment[],
  analyzer: Analyzer,
  options: BuildOptions = {},
  files: CorpusFileRecord[] = [],
): NewsIndex {
  const merged = mergeSegments(segments.splice(0), analyzer, true);
  return indexFromParts(merged, analyzer, options, files);
}

/** Everything an index is made of before its clusters are found: a merge's or a splice's output. */
export interface IndexParts extends SplicedSegments, TalliedForms {
  /** Near-duplicate outcomes known from a previous generation (an update's), by this one's articles. */
  known?: KnownPairs;
}

/**
 * The index over merged or spliced parts: near-duplicate clusters found from
 * the summaries (candidates verified on text re-analyzed from the store), the
 * lineage kept for the next update. Full builds and updates both end here.
 */
export function indexFromParts(
  parts: IndexParts,
  analyzer: Analyzer,
  options: BuildOptions,
  files: CorpusFileRecord[],
): NewsIndex {
  const postings: Postings = {
    ...parts.lists,
    fields: INDEX_FIELDS,
    documentCount: parts.documentCount,
    fieldLength: parts.fieldLength,
    averageFieldLength: parts.averageFieldLength,
    terms: parts.terms,
    display: parts.display,
  };
  if (parts.documentCount !== parts.store.ids.length) {
    throw new Error('the postings and the store disagree on the number of articles');
  }
  const store = createStore(parts.store);
  const collector = collectSummaries(parts, options.nearDuplicates);
  const streamOf = (doc: number) => {
    const article = store.article(doc);
    return termStreamOfText(analyzer, article.title, article.body);
  };
  const clusters = collector.finish(streamOf, store.count, parts.known);
  const lineage: Lineage = {
    files,
    forms: parts.forms,
    summaries: parts.summaries,
    summaryLength: parts.summaryLength,
    pairs: collector.judged(),
  };
  return {
    ...assembleIndex({ postings, clusters }, parts.store, analyzer),
    lineage: () => lineage,
  };
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
 * A near-duplicate collector holding every article's summary: it bands them
 * together, and verifies candidate pairs on streams re-analyzed from the
 * stored text (only articles that share a bucket are read).
 */
function collectSummaries(
  parts: Pick<IndexParts, 'documentCount' | 'summaries' | 'summaryLength' | 'store'>,
  options: NearDuplicateOptions | undefined,
): NearDuplicateCollector {
  const { documentCount, summaries, summaryLength, store } = parts;
  const collector = createNearDuplicateCollector(documentCount, options);
  for (let n = 0; n < documentCount; n++) {
    const summary = summaries.subarray(n * summaryLength, (n + 1) * summaryLength);
    collector.addSummary(n, summary, store.dates[n] ?? Number.NaN);
  }
  return collector;
}
