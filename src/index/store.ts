/**
 * The document store: each article kept as UTF-8 JSON, compressed in blocks
 * (`store-blocks.ts`) and decoded only when a result needs it, beside columns
 * that filters, facets and sorting read for every match (dates, sources,
 * categories).
 */
import type { Article, ArticleEntities } from '../types.ts';
import {
  compressTexts,
  createTextReader,
  type TextBlockOptions,
  type TextBlocks,
} from './store-blocks.ts';

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
  /** People each article names (src/analysis/entities/), the most mentioned first. */
  people: Column;
  /** Places each article names (extracted, unlike Reuters' PLACES metadata field). */
  places: Column;
  /** Organisations each article names. */
  orgs: Column;
  /** The articles' UTF-8 JSON texts, compressed in blocks. */
  text: TextBlocks;
}

/** The store's multi-valued columns, by their `StoreParts` names. */
export const STORE_COLUMNS = ['sources', 'categories', 'people', 'places', 'orgs'] as const;
export type StoreColumn = (typeof STORE_COLUMNS)[number];

export interface DocumentStore extends StoreParts {
  readonly count: number;
  /** The position of article `id`, if the store holds it (the lookup table is built on first use). */
  docOf(id: string): number | undefined;
  /** Article `n`, decoded. @example `store.article(0).title` */
  article(n: number): Article;
  /** Each article's month as `year * 12 + month` (UTC), `NO_MONTH` when undated; computed once. */
  months(): Int32Array;
}

/** The month of an undated article. */
export const NO_MONTH = -1;

/** Each date's month (`utcMonth`), `NO_MONTH` where undated (a plain loop: `Int32Array.from` with a map function iterates). */
function monthsOf(dates: Float64Array): Int32Array {
  const months = new Int32Array(dates.length);
  for (let i = 0; i < dates.length; i++) {
    const date = dates[i] ?? Number.NaN;
    months[i] = Number.isNaN(date) ? NO_MONTH : utcMonth(date);
  }
  return months;
}

/** Milliseconds a day, and the furthest a Date reaches from the epoch. */
const DAY_MS = 86_400_000;
const DATE_RANGE_MS = 8.64e15;

/**
 * year × 12 + month (0-11) of the UTC instant `ms`, as `new Date(ms)` gives
 * it, in integer arithmetic (days to civil date, proleptic Gregorian), so a
 * million articles' months take milliseconds, not a Date each; 0 outside a
 * Date's range, as the Date's NaN would become in an Int32Array.
 * @example utcMonth(Date.UTC(1987, 2, 5)) // 1987 * 12 + 2
 */
export function utcMonth(ms: number): number {
  if (!(Math.abs(ms) <= DATE_RANGE_MS)) return 0;
  // A Date drops the fraction of a millisecond toward zero.
  const z = Math.floor(Math.trunc(ms) / DAY_MS) + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36_524) -
      Math.floor(dayOfEra / 146_096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shifted = Math.floor((5 * dayOfYear + 2) / 153);
  const month = shifted < 10 ? shifted + 2 : shifted - 10;
  const year = yearOfEra + era * 400 + (month <= 1 ? 1 : 0);
  return year * 12 + month;
}

/**
 * A store over ready parts (a fresh build or a loaded snapshot), with its own
 * caches of inflated text blocks and of article texts (`options.cachedBlocks`,
 * `options.cachedTexts`).
 */
export function createStore(
  parts: StoreParts,
  options: Partial<TextBlockOptions> = {},
): DocumentStore {
  let byId: Map<string, number> | undefined;
  let months: Int32Array | undefined;
  const reader = createTextReader(parts.text, options);
  return {
    ...parts,
    count: parts.ids.length,
    docOf: (id) => {
      byId ??= new Map(parts.ids.map((articleId, n) => [articleId, n]));
      return byId.get(id);
    },
    months: () => {
      months ??= monthsOf(parts.dates);
      return months;
    },
    article(n) {
      if (!Number.isInteger(n) || n < 0 || n >= parts.ids.length) {
        throw new RangeError(`no article number ${n} (the store holds ${parts.ids.length})`);
      }
      return JSON.parse(reader.text(n)) as Article;
    },
  };
}

/**
 * Encodes `articles` into store parts, their text compressed in blocks;
 * `entities[n]` are article `n`'s people, places and organisations (none
 * when left out).
 * @example `storeParts(articles, { blockBytes: 64 * 1024 }, entities)`
 */
export function storeParts(
  articles: readonly Article[],
  options: Partial<TextBlockOptions> = {},
  entities: readonly ArticleEntities[] = [],
): StoreParts {
  const entityColumn = (kind: keyof ArticleEntities): Column =>
    column(articles.map((_, n) => entities[n]?.[kind] ?? []));
  return {
    ids: articles.map((article) => article.id),
    dates: Float64Array.from(articles, (article) => parseDate(article.date)),
    sources: column(articles.map((article) => (article.source ? [article.source] : []))),
    categories: column(articles.map((article) => article.category ?? [])),
    people: entityColumn('people'),
    places: entityColumn('places'),
    orgs: entityColumn('orgs'),
    text: compressTexts(jsonTexts(articles), articles.length, options),
  };
}

/** Each article's UTF-8 JSON, one at a time (the whole corpus's is never held at once). */
export function* jsonTexts(articles: readonly Article[]): Generator<Uint8Array> {
  for (const article of articles) yield Buffer.from(JSON.stringify(article));
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

/**
 * The people, places and organisations article `n` names, from the store's columns.
 * @example entitiesOf(index.store, 0).people // ['Tony Blair']
 */
export function entitiesOf(store: StoreParts, n: number): ArticleEntities {
  return {
    people: columnValues(store.people, n),
    places: columnValues(store.places, n),
    orgs: columnValues(store.orgs, n),
  };
}
