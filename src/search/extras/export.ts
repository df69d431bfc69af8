/**
 * Every result of a query, for export (`/api/search.csv`, `.jsonl`,
 * `newsdesk search --all`): ranked once, as ids and order only, then read a
 * batch at a time. The ranking is the pages' own (same matching, tiers,
 * proximity, feedback, collapsing and spelling correction), asked for every
 * result at once instead of one page, so the export lists the results in the
 * order the pages show them.
 *
 * @example
 * ```ts
 * const ranking = rankForExport(searcher, { query: 'opec' }, 100_000);
 * const rows = exportRows(searcher, batchOf(ranking, 0, 200)).rows;
 * ```
 */
import { indexOfSorted } from '../../index/postings.ts';
import { columnValues, entitiesOf } from '../../index/store.ts';
import type { ArticleEntities, SearchRequest, SortOrder } from '../../types.ts';
import { collapseRanked } from '../ranking/collapse.ts';
import type { Ranked } from '../ranking/rank.ts';
import { type MatchedRequest, matchRequest, rankCandidates } from '../search.ts';
import type { Searcher } from '../searcher.ts';
import { highlightHit } from '../snippets/highlight.ts';
import { spellingAdvice } from './suggest.ts';

/** A query's results in order, as document numbers: what an export reads, a batch at a time. */
export interface ExportRanking {
  /** The query ranked: the request's, or its respelling when the words as typed find nothing. */
  query: string;
  /** Set when the request's query was corrected, as a page would say. */
  corrected?: { from: string; to: string };
  /** Whether close spellings match (the request's `spell`, or false once corrected). */
  spell: boolean;
  /** The listed results, best first, at most the cap. */
  docs: Uint32Array;
  /** 1 where the result matches only some of the query's words. */
  partial: Uint8Array;
  /** Each result's id hashed (`idHash`): a batch read from a replaced index is told apart. */
  hashes: Uint32Array;
  /** Results the query lists without the cap (articles, or stories when collapsing). */
  total: number;
}

/** One slice of a ranking to read. */
export interface ExportBatch {
  query: string;
  spell: boolean;
  docs: Uint32Array;
  partial: Uint8Array;
  hashes: Uint32Array;
}

/** One exported result, with the people, places and organisations it names (as a hit's `entities`). */
export interface ExportRow extends ArticleEntities {
  id: string;
  headline: string;
  date: string | null;
  source: string | null;
  category: string[];
  url: string | null;
  /** True when it matches only some of the query's words (listed after the full matches). */
  partial: boolean;
  /** The page's snippet, as plain text. */
  snippet: string;
}

/** A batch's rows, or `changed` (and no rows) when the index is no longer the one ranked. */
export interface ExportRows {
  rows: ExportRow[];
  changed: boolean;
}

/** The first `cap` results of `request` (any `page` and `size` ignored), in the pages' order. */
export function rankForExport(
  searcher: Searcher,
  request: SearchRequest,
  cap: number,
): ExportRanking {
  const limit = Math.max(0, Math.floor(cap));
  const { index } = searcher;
  const asTyped = matchRequest(searcher, request, limit, []);
  const corrected = correction(searcher, request, asTyped);
  const asked = corrected ? { ...request, query: corrected.to, spell: false } : request;
  const { plan, found, stories } = corrected ? matchRequest(searcher, asked, limit, []) : asTyped;
  const needed = limit + (stories?.folded ?? 0);
  const ranked = rankAll(searcher, { plan, found }, asked.sort ?? 'relevance', needed);
  const listed = (stories ? collapseRanked(ranked, index.clusters) : ranked).slice(0, limit);
  const docs = Uint32Array.from(listed, (hit) => hit.doc);
  const listsPartial = found.docs.length > found.fullCount;
  const total = stories
    ? stories.full + (listsPartial ? stories.partial : found.partialCount)
    : found.fullCount + found.partialCount;
  return {
    query: asked.query,
    ...(corrected ? { corrected } : {}),
    spell: asked.spell !== false,
    docs,
    partial: Uint8Array.from(docs, (doc) =>
      found.full[indexOfSorted(found.docs, doc)] === 0 ? 1 : 0,
    ),
    hashes: docs.map((doc) => idHash(index.store.ids[doc] ?? '')),
    total: Math.max(total, docs.length),
  };
}

/**
 * The first `needed` results in the pages' order: relevance feedback rescores
 * only the first window, as it does for every page, so the export and paging
 * list each result once, in one order.
 */
function rankAll(
  searcher: Searcher,
  { plan, found }: Pick<MatchedRequest, 'plan' | 'found'>,
  sort: SortOrder,
  needed: number,
): Ranked[] {
  const { index, context, options } = searcher;
  return rankCandidates(index, plan, found, context, options, { sort, needed }).ranked;
}

/** `ranking` from row `start` on: one page's rows, when ranked to the page's end. */
export function rankingFrom(ranking: ExportRanking, start: number): ExportRanking {
  return {
    ...ranking,
    docs: ranking.docs.slice(start),
    partial: ranking.partial.slice(start),
    hashes: ranking.hashes.slice(start),
  };
}

/** Rows `start` to `end` (exclusive) of `ranking`, as a batch to read. */
export function batchOf(ranking: ExportRanking, start: number, end: number): ExportBatch {
  return {
    query: ranking.query,
    spell: ranking.spell,
    docs: ranking.docs.slice(start, end),
    partial: ranking.partial.slice(start, end),
    hashes: ranking.hashes.slice(start, end),
  };
}

/** The rows of `batch`: each article's fields and its snippet for the batch's query. */
export function exportRows(searcher: Searcher, batch: ExportBatch): ExportRows {
  const { index } = searcher;
  const { store } = index;
  const unchanged = Array.from(batch.docs).every(
    (doc, i) => doc < store.ids.length && idHash(store.ids[doc] ?? '') === batch.hashes[i],
  );
  if (!unchanged) return { rows: [], changed: true };
  const plan = searcher.plan(batch.query, batch.spell ? {} : { maxFuzzyExpansions: 0 });
  const rows = Array.from(batch.docs, (doc, i): ExportRow => {
    const article = store.article(doc);
    const { snippet } = highlightHit(index, plan, doc, article);
    return {
      id: article.id,
      headline: article.title,
      date: article.date ?? null,
      source: article.source ?? null,
      category: columnValues(store.categories, doc),
      ...entitiesOf(store, doc),
      url: article.url ?? null,
      partial: batch.partial[i] === 1,
      snippet: snippet.text,
    };
  });
  return { rows, changed: false };
}

/** The respelling a page would show instead of `request`'s results (matched as `matched`), if any. */
function correction(
  searcher: Searcher,
  request: SearchRequest,
  matched: MatchedRequest,
): { from: string; to: string } | undefined {
  if (!searcher.options.suggest || !matched.spell) return undefined;
  const { plan, filters, stories } = matched;
  const advice = spellingAdvice(searcher, request.query, plan, filters, stories !== undefined);
  return advice?.action === 'correct' ? { from: request.query, to: advice.query } : undefined;
}

/** FNV-1a over `id`'s UTF-16 code units: 32 bits that tell one article from another. */
export function idHash(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
