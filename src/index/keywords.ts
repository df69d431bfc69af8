/**
 * Each article's most distinctive terms (tf × idf over headline and body),
 * for "more like this" and pseudo-relevance feedback. They are not stored: a
 * keyword's weight depends on the whole corpus (its document frequency), so
 * after an incremental update any article's keywords may change. Instead an
 * article's keywords are picked when asked, from its stored headline and body
 * analyzed again (as highlights and near-duplicate checks do) and the
 * postings' document frequencies, and the last few thousand are cached.
 *
 * The pick is the one a whole-index pass gives (terms offered in ascending
 * id, headline before body, a term seen in both adding up, a full article's
 * weakest slot replaced by a stronger offer; weights as Float32), so that
 * rankings do not depend on when or in what order articles were asked for.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import { inverseDocumentFrequency } from '../search/ranking/score.ts';
import { ArticleTerms } from './article-terms.ts';
import { ENTRY } from './codec/blocks.ts';
import { BODY_FIELD, TITLE_FIELD } from './fields.ts';
import type { Postings } from './postings.ts';
import type { DocumentStore } from './store.ts';
import type { Vocabulary } from './vocabulary.ts';

/** Keywords kept per article. */
export const KEYWORDS_PER_ARTICLE = 12;

/** One keyword of an article: its term id and tf × idf weight (a Float32 value). */
export interface Keyword {
  readonly id: number;
  readonly weight: number;
}

/** Every article's keywords, picked on demand. */
export interface ArticleKeywords {
  /**
   * The keywords of article `doc`, best first (at most `KEYWORDS_PER_ARTICLE`).
   * @example index.keywords.of(42) // [{ id: 1234, weight: 9.7 }, …]
   */
  of(doc: number): readonly Keyword[];
}

/** What keywords are picked from: an index's postings, dictionary, stored text and analyzer. */
export interface KeywordSource {
  postings: Postings;
  vocabulary: Vocabulary;
  store: DocumentStore;
  analyzer: Analyzer;
}

export interface KeywordOptions {
  /**
   * Articles whose keywords are kept once picked (least recently asked for
   * dropped first; 0 keeps none). A relevance search asks for its top 10.
   * @example 4096
   */
  cachedArticles: number;
  /**
   * Terms whose written forms are remembered for reading articles again
   * (the table starts over past it): bounds the memory searches add.
   * @example 200_000
   */
  termsKept: number;
}

export const DEFAULT_KEYWORD_OPTIONS: KeywordOptions = { cachedArticles: 4096, termsKept: 200_000 };

/**
 * The keywords of `source`'s articles, each picked when first asked for.
 * @example createKeywords({ postings, vocabulary, store, analyzer }).of(0)
 */
export function createKeywords(
  source: KeywordSource,
  options: Partial<KeywordOptions> = {},
): ArticleKeywords {
  const { cachedArticles, termsKept } = { ...DEFAULT_KEYWORD_OPTIONS, ...options };
  const cache = new Map<number, readonly Keyword[]>();
  const { postings, analyzer } = source;
  /** A keyword has no digit and is not a stop word (each term is asked once, when first read). */
  const eligible = (id: number): boolean => {
    const term = postings.terms[id] ?? '';
    return !/\p{N}/u.test(term) && !analyzer.isStopWord(term);
  };
  const terms = new ArticleTerms(source.vocabulary, analyzer, eligible, termsKept);
  return {
    of(doc) {
      const hit = cache.get(doc);
      if (hit !== undefined) {
        cache.delete(doc);
        cache.set(doc, hit);
        return hit;
      }
      const keywords = pickKeywords(source, terms, doc);
      if (cachedArticles > 0) {
        if (cache.size >= cachedArticles) cache.delete(cache.keys().next().value ?? doc);
        cache.set(doc, keywords);
      }
      return keywords;
    },
  };
}

/** Article `doc`'s keywords, from its stored headline and body. */
function pickKeywords(
  { postings, store }: KeywordSource,
  terms: ArticleTerms,
  doc: number,
): readonly Keyword[] {
  const article = store.article(doc);
  const keys = terms.keys(article.title, article.body);
  const slots = new ArticleSlots();
  for (let at = 0; at < keys.length; ) {
    const key = keys[at] ?? 0;
    let end = at + 1;
    while (end < keys.length && keys[end] === key) end++;
    const id = Math.floor(key / 2);
    const documents = documentsIn(postings, id, key % 2 === 0 ? TITLE_FIELD : BODY_FIELD);
    if (documents >= 2) {
      const idf = inverseDocumentFrequency(postings.documentCount, documents);
      slots.offer(id, Math.sqrt(end - at) * idf);
    }
    at = end;
  }
  return slots.best();
}

/** The number of documents holding term `t` in `field` (0 when none does). */
function documentsIn(postings: Postings, t: number, field: number): number {
  const to = postings.offsets[t + 1] ?? 0;
  for (let e = postings.offsets[t] ?? to; e < to; e++) {
    if (postings.entries[e * ENTRY] === field) return postings.entries[e * ENTRY + 1] ?? 0;
  }
  return 0;
}

/**
 * One article's best `KEYWORDS_PER_ARTICLE` terms so far, offered in
 * ascending id, headline before body: a term offered again (its body after
 * its headline) adds to its slot; when the slots are full a stronger offer
 * replaces the first of the weakest.
 */
class ArticleSlots {
  private readonly terms = new Uint32Array(KEYWORDS_PER_ARTICLE);
  private readonly weights = new Float32Array(KEYWORDS_PER_ARTICLE);
  private used = 0;

  offer(term: number, weight: number): void {
    let weakest = -1;
    for (let s = 0; s < this.used; s++) {
      if (this.terms[s] === term) {
        this.weights[s] = (this.weights[s] ?? 0) + weight;
        return;
      }
      if (weakest < 0 || (this.weights[s] ?? 0) < (this.weights[weakest] ?? 0)) weakest = s;
    }
    if (this.used < KEYWORDS_PER_ARTICLE) {
      this.terms[this.used] = term;
      this.weights[this.used] = weight;
      this.used++;
    } else if (weakest >= 0 && weight > (this.weights[weakest] ?? 0)) {
      this.terms[weakest] = term;
      this.weights[weakest] = weight;
    }
  }

  /** The kept keywords, strongest first (ties by term id). */
  best(): readonly Keyword[] {
    const kept = Array.from({ length: this.used }, (_, s) =>
      Object.freeze({ id: this.terms[s] ?? 0, weight: this.weights[s] ?? 0 }),
    );
    return Object.freeze(kept.sort((a, b) => b.weight - a.weight || a.id - b.id));
  }
}
