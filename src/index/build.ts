/**
 * Build the in-memory index: compact postings over the article fields,
 * analyzed by the shared analyzer, the term dictionary, and a document store
 * that keeps what results, filters and snippets need.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import type { Article } from '../types.ts';
import { collectPostings } from './collect.ts';
import { collectKeywords, type Keywords } from './keywords.ts';
import { type Clusters, findNearDuplicates, type NearDuplicateOptions } from './near-duplicates.ts';
import type { Postings } from './postings.ts';
import { createStore, type DocumentStore, type StoreParts, storeParts } from './store.ts';
import { createVocabulary, type Vocabulary } from './vocabulary.ts';
import { createWorkspace, type Workspace } from './workspace.ts';

/** The searchable index: postings, their dictionary, and the articles they point into. */
export interface NewsIndex {
  postings: Postings;
  /** Each article's most distinctive terms. */
  keywords: Keywords;
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
  /**
   * Called after each batch of articles is indexed.
   * @example `(done, total) => bar.update(done)`
   */
  onProgress?: (done: number, total: number) => void;
  /** How near-duplicates are found. @example `{ threshold: 0.6 }` */
  nearDuplicates?: NearDuplicateOptions;
}

/** Index `articles` (already read and de-duplicated). */
export function buildIndex(
  articles: readonly Article[],
  analyzer: Analyzer,
  options: BuildOptions = {},
): NewsIndex {
  const postings = collectPostings(articles, analyzer, options.onProgress);
  const keywords = collectKeywords(postings, analyzer);
  const parts = storeParts(articles);
  const clusters = findNearDuplicates(postings, parts.dates, options.nearDuplicates);
  return assembleIndex({ postings, keywords, clusters }, parts, analyzer);
}

/** An index over ready parts (a fresh build or a loaded snapshot). */
export function assembleIndex(
  { postings, keywords, clusters }: Pick<NewsIndex, 'postings' | 'keywords' | 'clusters'>,
  parts: StoreParts,
  analyzer: Analyzer,
): NewsIndex {
  return {
    postings,
    keywords,
    clusters,
    vocabulary: createVocabulary(postings.terms, postings.display),
    store: createStore(parts),
    analyzer,
    workspace: createWorkspace(postings.documentCount),
  };
}
