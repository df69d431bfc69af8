/**
 * The oracle for on-demand keywords: the whole-index keyword picker that ran
 * at build time before keywords were picked per article (`collectKeywords`,
 * as it was, itself checked against a picker that scanned every slot on each
 * offer). It offers every (term, field, document) of the postings in
 * ascending term id, field by field, into every article's slots at once.
 */
import type { Analyzer } from '../../src/analysis/analyzer.ts';
import { TEXT_FIELDS } from '../../src/index/fields.ts';
import { KEYWORDS_PER_ARTICLE, type Keyword } from '../../src/index/keywords.ts';
import { eachPosting, fieldEntries, type Postings } from '../../src/index/postings.ts';
import { inverseDocumentFrequency } from '../../src/search/ranking/score.ts';

/** An empty keyword slot. */
export const NO_KEYWORD = 0xffffffff;

/** Every article's keywords: `KEYWORDS_PER_ARTICLE` slots per article, best first. */
export interface ReferenceKeywords {
  /** Term ids; `NO_KEYWORD` when empty. */
  terms: Uint32Array;
  /** The tf × idf weight of each slot. */
  weights: Float32Array;
}

/** Picks every article's keywords from the postings. */
export function referenceKeywords(postings: Postings, analyzer: Analyzer): ReferenceKeywords {
  const documents = postings.documentCount;
  const slots = new KeywordSlots(documents);
  postings.terms.forEach((term, t) => {
    if (/\p{N}/u.test(term) || analyzer.isStopWord(term)) return;
    for (const entry of fieldEntries(postings, t)) {
      if (!TEXT_FIELDS.includes(entry.field) || entry.count < 2) continue;
      const idf = inverseDocumentFrequency(documents, entry.count);
      eachPosting(postings, entry, (doc, frequency) => {
        slots.offer(doc, t, Math.sqrt(frequency) * idf);
      });
    }
  });
  sortSlots(slots.terms, slots.weights, documents);
  return { terms: slots.terms, weights: slots.weights };
}

/** The keywords of article `doc`, best first (today's `keywordsOf`). */
export function referenceKeywordsOf(keywords: ReferenceKeywords, doc: number): Keyword[] {
  const out: Keyword[] = [];
  for (let s = 0; s < KEYWORDS_PER_ARTICLE; s++) {
    const id = keywords.terms[doc * KEYWORDS_PER_ARTICLE + s] ?? NO_KEYWORD;
    if (id === NO_KEYWORD) break;
    out.push({ id, weight: keywords.weights[doc * KEYWORDS_PER_ARTICLE + s] ?? 0 });
  }
  return out;
}

/**
 * Each article's best `KEYWORDS_PER_ARTICLE` terms so far. Terms are offered
 * in ascending order, field by field, so a term is already in an article's
 * slots only when its headline entry put it there just before its body
 * entry; and a full article's weakest slot is remembered, so most offers are
 * turned down without a scan.
 */
class KeywordSlots {
  readonly terms: Uint32Array;
  readonly weights: Float32Array;
  private readonly used: Uint8Array;
  /** The slot of the article's weakest keyword, once its slots are full. */
  private readonly weakest: Uint8Array;
  /** The last term each article took (or added to), + 1. */
  private readonly lastTerm: Uint32Array;

  constructor(documents: number) {
    this.terms = new Uint32Array(documents * KEYWORDS_PER_ARTICLE).fill(NO_KEYWORD);
    this.weights = new Float32Array(documents * KEYWORDS_PER_ARTICLE);
    this.used = new Uint8Array(documents);
    this.weakest = new Uint8Array(documents);
    this.lastTerm = new Uint32Array(documents);
  }

  /** Keeps `(term, weight)` among the article's best; a term seen in two fields adds up. */
  offer(doc: number, term: number, weight: number): void {
    const base = doc * KEYWORDS_PER_ARTICLE;
    const used = this.used[doc] ?? 0;
    if (this.lastTerm[doc] === term + 1) {
      for (let s = 0; s < used; s++) {
        if (this.terms[base + s] === term) {
          this.weights[base + s] = (this.weights[base + s] ?? 0) + weight;
          if (used === KEYWORDS_PER_ARTICLE) this.findWeakest(doc);
          return;
        }
      }
    }
    if (used < KEYWORDS_PER_ARTICLE) {
      this.terms[base + used] = term;
      this.weights[base + used] = weight;
      this.used[doc] = used + 1;
      this.lastTerm[doc] = term + 1;
      if (used + 1 === KEYWORDS_PER_ARTICLE) this.findWeakest(doc);
      return;
    }
    const weakest = base + (this.weakest[doc] ?? 0);
    if (weight <= (this.weights[weakest] ?? 0)) return;
    this.terms[weakest] = term;
    this.weights[weakest] = weight;
    this.lastTerm[doc] = term + 1;
    this.findWeakest(doc);
  }

  /** The first slot holding the article's smallest weight. */
  private findWeakest(doc: number): void {
    const base = doc * KEYWORDS_PER_ARTICLE;
    let weakest = 0;
    for (let s = 1; s < KEYWORDS_PER_ARTICLE; s++) {
      if ((this.weights[base + s] ?? 0) < (this.weights[base + weakest] ?? 0)) weakest = s;
    }
    this.weakest[doc] = weakest;
  }
}

function sortSlots(terms: Uint32Array, weights: Float32Array, documents: number): void {
  const k = KEYWORDS_PER_ARTICLE;
  for (let doc = 0; doc < documents; doc++) {
    const slots = Array.from({ length: k }, (_, s) => s)
      .filter((s) => terms[doc * k + s] !== NO_KEYWORD)
      .map((s) => ({ term: terms[doc * k + s] ?? 0, weight: weights[doc * k + s] ?? 0 }))
      .sort((a, b) => b.weight - a.weight || a.term - b.term);
    for (let s = 0; s < k; s++) {
      terms[doc * k + s] = slots[s]?.term ?? NO_KEYWORD;
      weights[doc * k + s] = slots[s]?.weight ?? 0;
    }
  }
}
