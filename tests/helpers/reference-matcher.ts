/**
 * The reference matcher: a deliberately simple evaluator of the query language,
 * the oracle the engine's matching is checked against. It analyzes every
 * article's fields into token streams with the shared analyzer and walks the
 * parsed query tree over them, one article at a time: no postings, no index,
 * no shortcuts. Slow and obviously correct, for tests only.
 *
 * The semantics (README, "Query syntax"):
 * - a word matches an article holding its term in one of the searched fields
 *   (headline, body and author unless a field is named); `word*` matches any
 *   term that starts with it; a word the analyzer splits is a phrase of its parts;
 * - a phrase matches when its words stand at consecutive positions of one field;
 * - in every group (the whole query, parentheses, an OR) the excluded clauses
 *   are taken from what the others match, and a group of exclusions alone
 *   starts from every article;
 * - stop words are optional in an AND group that has other words;
 * - after:/before: and the request's dates, sources and categories filter;
 * - person:/place:/org: in the query and the request's people, places and
 *   organisations filter on each article's extracted entities, compared
 *   case-insensitively (each query filter must hold; a request list is any of).
 */
import type { Analyzer } from '../../src/analysis/analyzer.ts';
import {
  createEntityExtractor,
  type EntityExtractor,
} from '../../src/analysis/entities/extract.ts';
import { parseQuery } from '../../src/query/parse.ts';
import type {
  Article,
  ArticleEntities,
  DateRange,
  EntityFilter,
  QueryField,
  QueryNode,
} from '../../src/types.ts';

/** Fields a clause without `field:` searches. */
const DEFAULT_FIELDS: readonly QueryField[] = ['title', 'body', 'author'];
const ALL_FIELDS: readonly QueryField[] = [
  'title',
  'body',
  'source',
  'author',
  'category',
  'places',
];

/** One article's token streams: per field, each term and the positions it stands at. */
interface Analyzed {
  id: string;
  fields: Map<QueryField, Map<string, Set<number>>>;
  date: number;
  source: string;
  categories: string[];
  entities: ArticleEntities;
}

/** Restrictions of a request beside its query. */
export interface ReferenceFilters {
  sources?: readonly string[];
  categories?: readonly string[];
  dates?: DateRange;
  people?: readonly string[];
  places?: readonly string[];
  orgs?: readonly string[];
}

export interface ReferenceMatcher {
  /** Ids of the articles that fully match `query` under `filters`, sorted. */
  match(query: string, filters?: ReferenceFilters): string[];
  /** The entities of article `id`, extracted apart from any index. */
  entities(id: string): ArticleEntities;
}

export function referenceMatcher(
  articles: readonly Article[],
  analyzer: Analyzer,
  extractor: EntityExtractor = createEntityExtractor(),
): ReferenceMatcher {
  const analyzed = articles.map((article) => analyzeArticle(article, analyzer, extractor));
  const byId = new Map(analyzed.map((doc) => [doc.id, doc]));
  return {
    entities: (id) => byId.get(id)?.entities ?? { people: [], places: [], orgs: [] },
    match(query, filters = {}) {
      const parsed = parseQuery(query);
      const dates = narrower(parsed.dates, filters.dates);
      const clause = parsed.root === null ? null : toClause(parsed.root, analyzer);
      const wanted = [...requestedEntities(filters), ...(parsed.entities ?? [])];
      return analyzed
        .filter((doc) => passes(doc, filters, dates))
        .filter((doc) => wanted.every((filter) => namesAny(doc, filter)))
        .filter((doc) => clause === null || matches(clause, doc))
        .map((doc) => doc.id)
        .sort();
    },
  };
}

/** The request's people, places and organisations as filters. */
function requestedEntities(filters: ReferenceFilters): EntityFilter[] {
  const out: EntityFilter[] = [];
  if (filters.people?.length) out.push({ facet: 'person', names: filters.people });
  if (filters.places?.length) out.push({ facet: 'place', names: filters.places });
  if (filters.orgs?.length) out.push({ facet: 'org', names: filters.orgs });
  return out;
}

/** Whether `doc` names any of the filter's names (none of them when it excludes). */
function namesAny(doc: Analyzed, filter: EntityFilter): boolean {
  const list =
    filter.facet === 'person'
      ? doc.entities.people
      : filter.facet === 'place'
        ? doc.entities.places
        : doc.entities.orgs;
  const lower = list.map((name) => name.toLowerCase());
  const found = filter.names.some((name) => lower.includes(name.toLowerCase()));
  return filter.exclude === true ? !found : found;
}

function analyzeArticle(
  article: Article,
  analyzer: Analyzer,
  extractor: EntityExtractor,
): Analyzed {
  const fields = new Map<QueryField, Map<string, Set<number>>>();
  for (const field of ALL_FIELDS) {
    const value = article[field];
    const text = Array.isArray(value) ? value.join(' ') : (value ?? '');
    const positions = new Map<string, Set<number>>();
    for (const token of analyzer.analyze(text)) {
      const at = positions.get(token.term) ?? new Set<number>();
      positions.set(token.term, at.add(token.position));
    }
    fields.set(field, positions);
  }
  return {
    id: article.id,
    fields,
    date: article.date === undefined ? Number.NaN : Date.parse(article.date),
    source: (article.source ?? '').toLowerCase(),
    categories: (article.category ?? []).map((category) => category.toLowerCase()),
    entities: extractor.extract(article.title, article.body),
  };
}

function passes(doc: Analyzed, filters: ReferenceFilters, dates: DateRange): boolean {
  const sources = (filters.sources ?? []).map((source) => source.toLowerCase());
  if (sources.length > 0 && !sources.includes(doc.source)) return false;
  const categories = (filters.categories ?? []).map((category) => category.toLowerCase());
  if (categories.length > 0 && !categories.some((c) => doc.categories.includes(c))) return false;
  if (dates.from !== undefined && !(doc.date >= dates.from)) return false;
  if (dates.to !== undefined && !(doc.date < dates.to)) return false;
  return true;
}

function narrower(a: DateRange, b: DateRange | undefined): DateRange {
  const froms = [a.from, b?.from].filter((x): x is number => x !== undefined);
  const tos = [a.to, b?.to].filter((x): x is number => x !== undefined);
  return {
    ...(froms.length > 0 ? { from: Math.max(...froms) } : {}),
    ...(tos.length > 0 ? { to: Math.min(...tos) } : {}),
  };
}

/** A clause after analysis: null when it analyzes to nothing (it is then left out). */
type Clause =
  | { kind: 'terms'; terms: string[]; offsets: number[]; prefix: boolean; fields: QueryField[] }
  | { kind: 'group'; or: boolean; positive: Clause[]; negative: Clause[] }
  | { kind: 'stop'; clause: Clause };

function toClause(node: QueryNode, analyzer: Analyzer): Clause | null {
  if (node.kind === 'word' || node.kind === 'phrase') return toTerms(node, analyzer);
  if (node.kind === 'not') {
    const child = toClause(node.child, analyzer);
    return child === null ? null : { kind: 'group', or: false, positive: [], negative: [child] };
  }
  const positive: Clause[] = [];
  const negative: Clause[] = [];
  for (const child of node.children) {
    const clause =
      child.kind === 'not' ? toClause(child.child, analyzer) : toClause(child, analyzer);
    if (clause !== null) (child.kind === 'not' ? negative : positive).push(clause);
  }
  if (positive.length + negative.length === 0) return null;
  const or = node.kind === 'or';
  // Stop words are optional beside other words in an AND group.
  const kept =
    or || positive.every((c) => c.kind === 'stop')
      ? positive
      : positive.filter((c) => c.kind !== 'stop');
  return { kind: 'group', or, positive: kept.map(unstop), negative: negative.map(unstop) };
}

function unstop(clause: Clause): Clause {
  return clause.kind === 'stop' ? clause.clause : clause;
}

function toTerms(
  node: Extract<QueryNode, { kind: 'word' | 'phrase' }>,
  analyzer: Analyzer,
): Clause | null {
  const tokens = analyzer.analyze(node.text).filter((token) => !token.compound);
  const first = tokens[0];
  if (first === undefined) return null;
  const prefix = node.kind === 'word' && node.prefix && tokens.length === 1;
  const clause: Clause = {
    kind: 'terms',
    terms: tokens.map((token) => token.term),
    offsets: tokens.map((token) => token.position - first.position),
    prefix,
    fields: node.field === undefined ? [...DEFAULT_FIELDS] : [node.field],
  };
  const stop =
    node.kind === 'word' && tokens.length === 1 && !prefix && analyzer.isStopWord(first.text);
  return stop ? { kind: 'stop', clause } : clause;
}

function matches(clause: Clause, doc: Analyzed): boolean {
  if (clause.kind === 'stop') return matches(clause.clause, doc);
  if (clause.kind === 'terms') return clause.fields.some((field) => inField(clause, doc, field));
  if (clause.negative.some((child) => matches(child, doc))) return false;
  if (clause.positive.length === 0) return true;
  return clause.or
    ? clause.positive.some((child) => matches(child, doc))
    : clause.positive.every((child) => matches(child, doc));
}

/** The words at consecutive positions (at their offsets) somewhere in one field. */
function inField(clause: Extract<Clause, { kind: 'terms' }>, doc: Analyzed, field: QueryField) {
  const positions = doc.fields.get(field) ?? new Map<string, Set<number>>();
  const [first = '', ...rest] = clause.terms;
  if (clause.prefix) return [...positions.keys()].some((term) => term.startsWith(first));
  const starts = positions.get(first) ?? new Set<number>();
  return [...starts].some((start) =>
    rest.every((term, i) => positions.get(term)?.has(start + (clause.offsets[i + 1] ?? 0))),
  );
}
