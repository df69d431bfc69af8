/**
 * Build the in-memory index: a MiniSearch inverted index over the article
 * fields, analyzed by the shared analyzer, beside a document store that keeps
 * what results and snippets need.
 */
import type MiniSearch from 'minisearch';
import type { Options } from 'minisearch';
import type { Analyzer } from '../analysis/analyzer.ts';
import type { Article } from '../types.ts';
import { fieldText, INDEX_FIELDS } from './fields.ts';
import { toMiniSearch } from './minisearch-bridge.ts';
import { collectPostings, type Postings } from './postings.ts';

/** What MiniSearch holds per article: only its position in the store. */
export interface IndexedRef {
  n: number;
}

/** The searchable index: an inverted index and the articles it points into. */
export interface NewsIndex {
  /** MiniSearch over the article fields; its document ids are positions in `articles`. */
  search: MiniSearch<IndexedRef>;
  /** The document store, indexed by the MiniSearch document id. */
  articles: readonly Article[];
  /** Position in `articles` of each article id. */
  byId: ReadonlyMap<string, number>;
  analyzer: Analyzer;
  /** The compact postings the MiniSearch index was filled from (written to snapshots). */
  postings: Postings;
}

export interface BuildOptions {
  /**
   * Called after each batch of articles is indexed.
   * @example `(done, total) => bar.update(done)`
   */
  onProgress?: (done: number, total: number) => void;
}

/** MiniSearch options wired to our analyzer and document store. */
export function miniSearchOptions(
  articles: readonly Article[],
  analyzer: Analyzer,
): Options<IndexedRef> {
  return {
    idField: 'n',
    fields: [...INDEX_FIELDS],
    storeFields: [],
    extractField: (ref, field) => {
      if (field === 'n') return ref.n;
      const article = articles[ref.n];
      return article ? fieldText(article, field as (typeof INDEX_FIELDS)[number]) : '';
    },
    tokenize: (text) => analyzer.terms(text),
    processTerm: (term) => term,
  };
}

/** Index `articles` (already read and de-duplicated). */
export function buildIndex(
  articles: readonly Article[],
  analyzer: Analyzer,
  options: BuildOptions = {},
): NewsIndex {
  const postings = collectPostings(articles, analyzer, options.onProgress);
  return fromPostings(postings, articles, analyzer);
}

/** A searchable index over already collected postings (a fresh build or a loaded snapshot). */
export function fromPostings(
  postings: Postings,
  articles: readonly Article[],
  analyzer: Analyzer,
): NewsIndex {
  const search = toMiniSearch(postings, miniSearchOptions(articles, analyzer));
  return { search, articles, byId: idMap(articles), analyzer, postings };
}

export function idMap(articles: readonly Article[]): Map<string, number> {
  return new Map(articles.map((article, n) => [article.id, n]));
}
