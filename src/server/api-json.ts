/**
 * The JSON the API serves (and `newsdesk search --json` prints): the engine's
 * results with snake_case names, as `openapi.ts` describes them.
 */
import type { LiveIndex } from '../engine/engine.ts';
import type { FoundArticle } from '../search/extras/article.ts';
import type { SearchHit, SearchResponse } from '../types.ts';

/** The body of `GET /api/search`. */
export function searchJson(response: SearchResponse) {
  return {
    query: response.query,
    total: response.total,
    full_matches: response.fullMatches,
    partial_matches: response.partialMatches,
    collapsed: response.collapsed ?? 0,
    page: response.page,
    size: response.size,
    sort: response.sort,
    took_ms: response.tookMs,
    hits: response.hits.map(hitJson),
    facets: response.facets,
    histogram: response.histogram,
    suggestion: response.suggestion ?? null,
    corrected: response.corrected ?? null,
    notices: response.notices,
  };
}

function hitJson(hit: SearchHit) {
  return {
    id: hit.id,
    title: hit.title,
    title_html: hit.titleHtml,
    title_highlights: hit.titleHighlights,
    snippet: hit.snippet,
    score: hit.score,
    partial: hit.partial,
    date: hit.date ?? null,
    source: hit.source ?? null,
    category: hit.category,
    url: hit.url ?? null,
    entities: hit.entities,
    cluster: hit.cluster ? { id: hit.cluster.id, size: hit.cluster.size } : null,
    similar: hit.similar ?? 0,
  };
}

/** The body of `GET /api/articles/{id}`. */
export function articleJson({ article, related }: FoundArticle) {
  return {
    id: article.id,
    title: article.title,
    body: article.body,
    date: article.date ?? null,
    source: article.source ?? null,
    author: article.author ?? null,
    url: article.url ?? null,
    category: article.category ?? [],
    places: article.places ?? [],
    language: article.language ?? null,
    origin: article.origin,
    related: related.map((item) => ({ id: item.id, title: item.title, score: item.score })),
  };
}

/** The body of `GET /api/stats`. */
export function statsJson(live: LiveIndex) {
  const { info } = live;
  return {
    articles: info.counts.articles,
    terms: info.counts.terms,
    files: info.counts.files,
    duplicates: info.counts.duplicates,
    problems: info.counts.problems,
    corpora: info.corpora,
    built_at: info.builtAt,
    build_ms: info.buildMs,
    loaded_at: live.loadedAt,
    snapshot_bytes: live.bytes,
    format_version: info.formatVersion,
    reply_cache: live.replies.stats(),
  };
}
