/**
 * The document store: each article kept as UTF-8 JSON in one buffer and
 * decoded only when a result needs it, beside columns that filters, facets
 * and sorting read for every match (dates, sources, categories).
 */
import type { Article } from '../types.ts';

/** A multi-valued string column: document `n` has `values[ids[offsets[n]] … ids[offsets[n+1]-1]]`. */
export interface Column {
  values: string[];
  offsets: Uint32Array;
  ids: Uint32Array;
}

/** The raw parts of a store, as snapshots hold them. */
export interface StoreParts {
  ids: string[];
  /** Epoch milliseconds, NaN when the article has no date. */
  dates: Float64Array;
  sources: Column;
  categories: Column;
  /** The articles as consecutive UTF-8 JSON texts. */
  json: Uint8Array;
  /** `json` byte offsets: article `n` is `[jsonOffsets[n], jsonOffsets[n+1])`. */
  jsonOffsets: Uint32Array;
}

export interface DocumentStore extends StoreParts {
  readonly count: number;
  /** Position of each article id. */
  readonly byId: ReadonlyMap<string, number>;
  /** Article `n`, decoded. @example `store.article(0).title` */
  article(n: number): Article;
  /** Each article's month as `year * 12 + month` (UTC), `NO_MONTH` when undated; computed once. */
  months(): Int32Array;
}

/** The month of an undated article. */
export const NO_MONTH = -1;

/** A store over ready parts (a fresh build or a loaded snapshot). */
export function createStore(parts: StoreParts): DocumentStore {
  const byId = new Map<string, number>();
  parts.ids.forEach((id, n) => {
    byId.set(id, n);
  });
  let months: Int32Array | undefined;
  const bytes = Buffer.from(parts.json.buffer, parts.json.byteOffset, parts.json.length);
  return {
    ...parts,
    count: parts.ids.length,
    byId,
    months: () => {
      months ??= Int32Array.from(parts.dates, (date) => {
        if (Number.isNaN(date)) return NO_MONTH;
        const day = new Date(date);
        return day.getUTCFullYear() * 12 + day.getUTCMonth();
      });
      return months;
    },
    article(n) {
      const from = parts.jsonOffsets[n];
      const to = parts.jsonOffsets[n + 1];
      if (from === undefined || to === undefined) {
        throw new RangeError(`no article number ${n} (the store holds ${parts.ids.length})`);
      }
      return JSON.parse(bytes.toString('utf8', from, to)) as Article;
    },
  };
}

/** Encodes `articles` into store parts. */
export function storeParts(articles: readonly Article[]): StoreParts {
  const encoder = new TextEncoder();
  const chunks = articles.map((article) => encoder.encode(JSON.stringify(article)));
  const jsonOffsets = new Uint32Array(articles.length + 1);
  chunks.forEach((chunk, n) => {
    jsonOffsets[n + 1] = (jsonOffsets[n] ?? 0) + chunk.length;
  });
  const json = new Uint8Array(jsonOffsets[articles.length] ?? 0);
  chunks.forEach((chunk, n) => {
    json.set(chunk, jsonOffsets[n]);
  });
  return {
    ids: articles.map((article) => article.id),
    dates: Float64Array.from(articles, (article) => parseDate(article.date)),
    sources: column(articles.map((article) => (article.source ? [article.source] : []))),
    categories: column(articles.map((article) => article.category ?? [])),
    json,
    jsonOffsets,
  };
}

function parseDate(date: string | undefined): number {
  return date === undefined ? Number.NaN : Date.parse(date);
}

function column(valuesOf: readonly (readonly string[])[]): Column {
  const values: string[] = [];
  const idOf = new Map<string, number>();
  const offsets = new Uint32Array(valuesOf.length + 1);
  const ids: number[] = [];
  valuesOf.forEach((list, n) => {
    for (const value of new Set(list)) {
      let id = idOf.get(value);
      if (id === undefined) {
        id = values.length;
        idOf.set(value, id);
        values.push(value);
      }
      ids.push(id);
    }
    offsets[n + 1] = ids.length;
  });
  return { values, offsets, ids: Uint32Array.from(ids) };
}

/** The values of document `n` in `column`. */
export function columnValues(column: Column, n: number): string[] {
  const out: string[] = [];
  const to = column.offsets[n + 1] ?? 0;
  for (let at = column.offsets[n] ?? to; at < to; at++) {
    const value = column.values[column.ids[at] ?? 0];
    if (value !== undefined) out.push(value);
  }
  return out;
}
