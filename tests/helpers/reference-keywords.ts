/**
 * The keyword picker as it was before its offers were made cheaper: every
 * offer scans the article's slots. Kept as the oracle for `collectKeywords`.
 */
import type { Analyzer } from '../../src/analysis/analyzer.ts';
import { TEXT_FIELDS } from '../../src/index/fields.ts';
import { KEYWORDS_PER_ARTICLE, type Keywords, NO_KEYWORD } from '../../src/index/keywords.ts';
import { eachPosting, fieldEntries, type Postings } from '../../src/index/postings.ts';
import { inverseDocumentFrequency } from '../../src/search/ranking/score.ts';

/** Picks every article's keywords from the postings. */
export function referenceKeywords(postings: Postings, analyzer: Analyzer): Keywords {
  const k = KEYWORDS_PER_ARTICLE;
  const documents = postings.documentCount;
  const terms = new Uint32Array(documents * k).fill(NO_KEYWORD);
  const weights = new Float32Array(documents * k);
  const count = new Uint8Array(documents);
  postings.terms.forEach((term, t) => {
    if (/\p{N}/u.test(term) || analyzer.isStopWord(term)) return;
    for (const entry of fieldEntries(postings, t)) {
      if (!TEXT_FIELDS.includes(entry.field) || entry.count < 2) continue;
      const idf = inverseDocumentFrequency(documents, entry.count);
      eachPosting(postings, entry, (doc, frequency) => {
        offer(terms, weights, count, doc, t, Math.sqrt(frequency) * idf);
      });
    }
  });
  sortSlots(terms, weights, documents);
  return { terms, weights };
}

/** Keeps `(term, weight)` among the article's best; a term seen in two fields adds up. */
function offer(
  terms: Uint32Array,
  weights: Float32Array,
  count: Uint8Array,
  doc: number,
  term: number,
  weight: number,
): void {
  const base = doc * KEYWORDS_PER_ARTICLE;
  const used = count[doc] ?? 0;
  let weakest = -1;
  for (let s = 0; s < used; s++) {
    if (terms[base + s] === term) {
      weights[base + s] = (weights[base + s] ?? 0) + weight;
      return;
    }
    if (weakest < 0 || (weights[base + s] ?? 0) < (weights[base + weakest] ?? 0)) weakest = s;
  }
  if (used < KEYWORDS_PER_ARTICLE) {
    terms[base + used] = term;
    weights[base + used] = weight;
    count[doc] = used + 1;
  } else if (weakest >= 0 && weight > (weights[base + weakest] ?? 0)) {
    terms[base + weakest] = term;
    weights[base + weakest] = weight;
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
