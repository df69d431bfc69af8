/**
 * Shared domain types: one place for the shapes that cross pipeline stages
 * (corpus → analysis → index → search → server).
 */

/** Where an article came from inside the corpus. */
export interface ArticleOrigin {
  /** Path of the file relative to the corpus root, POSIX separators, extensions kept. */
  file: string;
  /** The record's own identifier or its 1-based position, for multi-record files. */
  record?: string;
  /** 1-based line of the record inside the file, when the format has lines. */
  line?: number;
}

/** One clean news article, the unit that is indexed and returned. */
export interface Article {
  /**
   * Stable, readable id. A single-article file: its path without extensions
   * (`business/001`). A record in a multi-record file: `<path>:<record id>` (`reut2-000:127`).
   */
  id: string;
  title: string;
  /** Plain text; paragraphs separated by one blank line (`\n\n`). */
  body: string;
  /** ISO 8601 (`2004-06-01` or `1987-02-26T15:01:01.790Z`). */
  date?: string;
  /** Publisher (`Reuters`, a feed's channel title). */
  source?: string;
  url?: string;
  author?: string;
  /** Section or topics (`sport`; Reuters TOPICS such as `crude`, `money-fx`). */
  category?: string[];
  /** Places the article is about (Reuters PLACES). */
  places?: string[];
  /** Its language, a BCP 47 tag, when its corpus folder's newsdesk.yml names one (`en-GB`). */
  language?: string;
  origin: ArticleOrigin;
}

/**
 * What a format parser returns for one record, before the reader validates,
 * cleans and names it. Text fields may still hold messy whitespace; the reader
 * normalizes them.
 */
export interface RawRecord {
  /** The record's own identifier (Reuters NEWID, an `id` column, an RSS guid). */
  recordId?: string;
  /** 1-based line of the record inside the file, when known. */
  line?: number;
  title?: string;
  body?: string;
  /** Any date string the source uses; the reader parses it. */
  date?: string;
  source?: string;
  url?: string;
  author?: string;
  category?: string[];
  places?: string[];
}

export type ProblemKind =
  | 'unreadable'
  | 'binary'
  | 'invalid-json'
  | 'invalid-csv'
  | 'invalid-feed'
  | 'invalid-html'
  | 'invalid-sgml'
  | 'invalid-front-matter'
  | 'empty-record'
  | 'duplicate-id';

/** A piece of bad input that was skipped; the rest of the corpus is still indexed. */
export interface Problem {
  /** Path relative to the corpus root. */
  file: string;
  line?: number;
  record?: string;
  kind: ProblemKind;
  reason: string;
}

/** A problem as a parser reports it: the reader adds the file. */
export type ParseProblem = Omit<Problem, 'file'>;

/** One corpus file, decoded, handed to a format parser. */
export interface SourceFile {
  /** Path relative to the corpus root, POSIX separators, extensions kept (`sport/199.txt`). */
  relPath: string;
  /** Folder relative to the corpus root (`sport`), or `''` at the root. */
  folder: string;
  /** Decoded text: UTF-8 or Windows-1252 fallback, gzip already undone, BOM removed. */
  text: string;
}

/** What a parser made of one file. */
export interface ParseOutput {
  /**
   * `single`: the file is one article, its id is the path without extensions.
   * `records`: each record is an article, its id is `<path>:<recordId or position>`.
   */
  shape: 'single' | 'records';
  records: RawRecord[];
  problems: ParseProblem[];
}

/** A format parser: a plain object, replaceable, one per format. */
export interface FormatParser {
  /** Short name used in logs (`txt`, `rss`). */
  name: string;
  /** Lower-case extensions without the dot and without `.gz` (`['csv', 'tsv']`). */
  extensions: readonly string[];
  /** Never throws for bad input: it reports problems instead. */
  parse(file: SourceFile): ParseOutput;
}

/**
 * The people, places and organisations an article names, as extracted at
 * index time (src/analysis/entities/): each list's values distinct, the most
 * mentioned first.
 */
export interface ArticleEntities {
  /** @example ['Tony Blair', 'Gordon Brown'] */
  people: string[];
  /** @example ['Iraq', 'London'] */
  places: string[];
  /** @example ['OPEC', 'Bank of England'] */
  orgs: string[];
}

/** The entity kinds as filters and facets name them: `person:`, `place:`, `org:`. */
export type EntityFacet = 'person' | 'place' | 'org';

/**
 * A filter on an entity column: the article names any of `names` (compared
 * case-insensitively), or with `exclude` none of them.
 * @example { facet: 'person', names: ['Tony Blair'] }
 */
export interface EntityFilter {
  facet: EntityFacet;
  names: readonly string[];
  exclude?: boolean;
}

/** A field a query word or phrase can be scoped to with `field:`. */
export type QueryField = 'title' | 'body' | 'source' | 'author' | 'category' | 'places';

/**
 * The parsed form of what a person typed, before analysis: words are still
 * surface text (`Elections`), the planner turns them into index terms.
 */
export type QueryNode =
  /** One word; `prefix` for `word*`. */
  | { kind: 'word'; text: string; field?: QueryField; prefix: boolean }
  /** `"exact phrase"`: the raw text between the quotes. */
  | { kind: 'phrase'; text: string; field?: QueryField }
  /** All children must match (implicit between juxtaposed clauses). */
  | { kind: 'and'; children: QueryNode[] }
  /** Any child may match (`a OR b`). */
  | { kind: 'or'; children: QueryNode[] }
  /** Must not match (`-word`, `-"phrase"`, `-(group)`). */
  | { kind: 'not'; child: QueryNode };

/** A date range in UTC epoch milliseconds: `from` inclusive, `to` exclusive. */
export interface DateRange {
  from?: number;
  to?: number;
}

/** What `parseQuery` makes of any input: it never throws. */
export interface ParsedQuery {
  /** The query tree, or null when nothing searchable is left (empty input, only operators). */
  root: QueryNode | null;
  /** From `after:` / `before:`. */
  dates: DateRange;
  /** From `person:`, `place:` and `org:` (each one must hold; `-person:x` excludes); absent when none. */
  entities?: EntityFilter[];
  /** Human-readable notes on what was cut, ignored or repaired (`query cut to 1000 characters`). */
  notices: string[];
}

/** A highlighted range `[start, end)` in UTF-16 code units. */
export interface Highlight {
  start: number;
  end: number;
}

/** A matched word in a source text, as the snippet builder receives it. */
export interface SnippetMatch extends Highlight {
  /** Which query word it matches (distinct keys count towards passage density). */
  key: number;
}

/** A passage of an article with its matches, in two forms. */
export interface Snippet {
  /** Plain text (passages joined with " … "). */
  text: string;
  /** `text` HTML-escaped, then each highlight wrapped in `<mark>`. */
  html: string;
  /** Highlight ranges in `text`. */
  highlights: Highlight[];
}

/** Result order. */
export type SortOrder = 'relevance' | 'newest' | 'oldest';

/** One search, as the terminal, the pages and the API ask for it. */
export interface SearchRequest {
  /** What was typed, in the query language. */
  query: string;
  /** 1-based page. @example 2 */
  page?: number;
  /** Results per page. @example 10 */
  size?: number;
  sort?: SortOrder;
  /** Keep only these sources (any of them). */
  sources?: readonly string[];
  /** Keep only these categories (any of them). */
  categories?: readonly string[];
  /** Keep only this date range (combined with `after:`/`before:` in the query). */
  dates?: DateRange;
  /**
   * Keep only articles naming these people (any of them), case-insensitive;
   * combined with `person:` in the query. @example ['Tony Blair']
   */
  people?: readonly string[];
  /** Keep only articles naming these places (any of them). @example ['Iraq'] */
  places?: readonly string[];
  /** Keep only articles naming these organisations (any of them). @example ['OPEC'] */
  orgs?: readonly string[];
  /**
   * Spelling help (default true): words also match close spellings, a query
   * that finds nothing as typed is corrected, a better one is suggested.
   * `false` searches the words exactly as typed. @example false
   */
  spell?: boolean;
  /**
   * One result per story: near-duplicates (the same story filed again,
   * corrected, under another headline) are folded into their best-ranked
   * version, which says how many it stands for; `total` then counts stories.
   * Off unless asked for here; the pages, the API and the terminal ask for it
   * unless told `collapse=off`. @example true
   */
  collapse?: boolean;
  /**
   * Only the versions of one story: the near-duplicate cluster of that id
   * (a hit's `cluster.id`), never collapsed. @example 12
   */
  cluster?: number;
}

/** A value of a facet and how many results have it. */
export interface FacetCount {
  value: string;
  count: number;
}

/** Counts of the matches' values per facet, the largest first. */
export interface Facets {
  source: FacetCount[];
  category: FacetCount[];
  year: FacetCount[];
  person: FacetCount[];
  place: FacetCount[];
  org: FacetCount[];
}

/** One bar of the timeline. */
export interface HistogramBucket {
  /** `2004-06` (month) or `2004` (year). */
  label: string;
  /** Start (inclusive) and end (exclusive) in epoch milliseconds. */
  from: number;
  to: number;
  count: number;
}

export interface SearchHit {
  id: string;
  title: string;
  /** The headline, escaped, with matches in `<mark>`. */
  titleHtml: string;
  /** Matches in `title`, as offsets. */
  titleHighlights: Highlight[];
  snippet: Snippet;
  score: number;
  /** True when the article matches only most of the query's words. */
  partial: boolean;
  date?: string;
  source?: string;
  category: string[];
  url?: string;
  /** The people, places and organisations the article names (extracted at index time). */
  entities: ArticleEntities;
  /** The article's near-duplicate cluster, when it has versions: its id and how many articles it holds. */
  cluster?: { id: number; size: number };
  /** When collapsing: how many other matching versions of this story this hit stands for. */
  similar?: number;
}

export interface SearchResponse {
  query: string;
  /**
   * Articles that match the query: every required word and phrase, within the
   * filters and date limits, none excluded. The same whatever the page or size.
   */
  total: number;
  /** The same as `total` (kept for clients written before `partialMatches`). */
  fullMatches: number;
  /**
   * Articles that match some but not all of the query's words (two or more
   * required), within the filters, none excluded. They are listed after the
   * `total` full matches, marked `partial`, on the pages the full matches do
   * not fill.
   */
  partialMatches: number;
  page: number;
  size: number;
  sort: SortOrder;
  tookMs: number;
  hits: SearchHit[];
  facets: Facets;
  histogram: { unit: 'month' | 'year'; buckets: HistogramBucket[] };
  /** A respelled query that finds more, when there is one ("Did you mean …?"). */
  suggestion?: { query: string; total: number };
  /**
   * Set when the query as typed (`from`) found no article with every word and
   * the results are those of the respelled query (`to`, also in `query`).
   */
  corrected?: { from: string; to: string };
  /**
   * When collapsing: matching articles not listed because a better-ranked
   * version of the same story stands for them (`total`, `fullMatches` and
   * `partialMatches` then count stories; add this to get articles).
   */
  collapsed?: number;
  /** What was cut, ignored or repaired in the query or the request. */
  notices: string[];
}
