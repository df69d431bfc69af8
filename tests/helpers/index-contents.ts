/**
 * Everything an index holds, as plain data two indexes can be compared by:
 * postings decoded through cursors, terms and display forms, field lengths,
 * every stored article and column, clusters by article id, the lineage's
 * written-form counts and summaries — and the answers to a few searches.
 * Compressed bytes (store blocks, whose dictionary comes from the corpus's
 * first articles) are left out: what they decode to is compared instead.
 */

import type { NewsIndex } from '../../src/index/build.ts';
import { search } from '../../src/search/search.ts';
import type { SearchRequest } from '../../src/types.ts';
import { postingLines } from './postings-checks.ts';

/** The index's contents (see the file comment). */
export function indexContents(index: NewsIndex) {
  const { postings, store, clusters } = index;

  const lineage = index.lineage?.();
  const forms = lineage
    ? lineage.forms.text
        .map(
          (text, f) =>
            `${text} ${postings.terms[lineage.forms.term[f] ?? 0]} ${lineage.forms.count[f]}`,
        )
        .sort()
    : [];
  return {
    documentCount: postings.documentCount,
    terms: postings.terms,
    display: postings.display,
    postings: postingLines(postings, postings.terms),
    fieldLength: [...postings.fieldLength],
    averageFieldLength: postings.averageFieldLength,
    articles: Array.from({ length: store.count }, (_, n) => store.article(n)),
    ids: store.ids,
    dates: [...store.dates],
    sources: columnValues(store.sources),
    categories: columnValues(store.categories),
    people: columnValues(store.people),
    places: columnValues(store.places),
    orgs: columnValues(store.orgs),
    clusters: Array.from({ length: clusters.offsets.length - 1 }, (_, c) =>
      [...clusters.members.subarray(clusters.offsets[c], clusters.offsets[c + 1])].map(
        (doc) => store.ids[doc],
      ),
    ),
    keywords: Array.from({ length: store.count }, (_, n) => index.keywords.of(n)),
    forms,
    summaries: lineage ? [...lineage.summaries] : [],
    pairs: lineage
      ? [...lineage.pairs.later].map(
          (later, n) =>
            `${store.ids[lineage.pairs.earlier[n] ?? 0]} ${store.ids[later]} ${lineage.pairs.alike[n]}`,
        )
      : [],
    files: lineage?.files.map(({ mtimeMs: _mtime, listedAtMs: _listed, ...file }) => file) ?? [],
  };
}

/** Whole result pages for `queries`: ids, scores, snippets, totals, facets, timeline. */
export function searchAnswers(index: NewsIndex, queries: readonly string[]) {
  return queries.flatMap((query) =>
    requests(query).map((request) => {
      const { tookMs: _took, ...rest } = search(index, request);
      return rest;
    }),
  );
}

/** A relevance page, a date-sorted page and an uncollapsed one. */
function requests(query: string): SearchRequest[] {
  return [
    { query, size: 20 },
    { query, size: 5, sort: 'newest' },
    { query, collapse: false },
  ];
}

function columnValues(column: NewsIndex['store']['sources']): string[][] {
  return Array.from({ length: column.offsets.length - 1 }, (_, n) =>
    [...column.ids.subarray(column.offsets[n], column.offsets[n + 1])].map(
      (id) => column.values[id] ?? '',
    ),
  );
}
