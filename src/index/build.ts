/**
 * Build the in-memory index: compact postings over the article fields,
 * analyzed by the shared analyzer, the term dictionary, and a document store
 * that keeps what results, filters and snippets need.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import type { Article } from '../types.ts';
import { collectPostings } from './collect.ts';
import { collectKeywords, type Keywords } from './keywords.ts';
import type { Postings } from './postings.ts';
import { createStore, type DocumentStore, type StoreParts, storeParts } from './store.ts';
import { createVocabulary, type Vocabulary } from './vocabulary.ts';
import { createWorkspace, type Workspace } from './workspace.ts';

/** The searchable index: postings, their dictionary, and the articles they point into. */
export interface NewsIndex {
  postings: Postings;
  /** Each article's most distinctive terms. */
  keywords: Keywords;
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
}

/** Index `articles` (already read and de-duplicated). */
export function buildIndex(
  articles: readonly Article[],
  analyzer: Analyzer,
  options: BuildOptions = {},
): NewsIndex {
  const postings = collectPostings(articles, analyzer, options.onProgress);
  const keywords = collectKeywords(postings, analyzer);
  return assembleIndex(postings, keywords, storeParts(articles), analyzer);
}

/** An index over ready parts (a fresh build or a loaded snapshot). */
export function assembleIndex(
  postings: Postings,
  keywords: Keywords,
  parts: StoreParts,
  analyzer: Analyzer,
): NewsIndex {
  return {
    postings,
    keywords,
    vocabulary: createVocabulary(postings.terms, postings.display),
    store: createStore(parts),
    analyzer,
    workspace: createWorkspace(postings.documentCount),
  };
}
