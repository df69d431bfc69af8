/**
 * Where a result matched: every occurrence of every term a clause reached
 * (stemmed variants, prefix and typo expansions, phrase words), turned into a
 * highlighted headline and snippet. The postings give the word positions; the
 * shown text, tokenized again as the index tokenized it, gives their offsets.
 */
import { eachTokenAt } from '../../analysis/positions.ts';
import type { NewsIndex } from '../../index/build.ts';
import { BODY_FIELD, TITLE_FIELD } from '../../index/fields.ts';
import { docPositions, entryOf, type FieldEntry } from '../../index/postings.ts';
import type { PhrasePlan, PlanNode, QueryPlan, WordPlan } from '../../query/plan.ts';
import type { Article, Snippet, SnippetMatch } from '../../types.ts';
import { buildSnippet, highlightText, type SnippetOptions } from './snippet.ts';

/** The highlighted headline and body snippet of `article` (document `doc`). */
export function highlightHit(
  index: NewsIndex,
  plan: QueryPlan,
  doc: number,
  article: Article,
  options?: SnippetOptions,
): { title: Snippet; snippet: Snippet } {
  const [title = [], body = []] = termWants(index, highlightable(plan), SHOWN_FIELDS);
  return {
    title: highlightText(article.title, matchesOf(index, title, doc, article.title)),
    snippet: buildSnippet(article.body, matchesOf(index, body, doc, article.body), options),
  };
}

/** The fields a hit shows: headline, then body. */
const SHOWN_FIELDS: readonly number[] = [TITLE_FIELD, BODY_FIELD];

/**
 * Clauses whose matches are shown: all but the excluded ones, and but the
 * optional stop words (`and`, `how`) of a query that has other words.
 */
export function highlightable(plan: QueryPlan): (WordPlan | PhrasePlan)[] {
  const excluded = new Set<number>();
  const visit = (node: PlanNode, negated: boolean) => {
    if (node.kind === 'word' || node.kind === 'phrase') {
      if (negated) excluded.add(node.key);
    } else if (node.kind === 'not') visit(node.child, true);
    else for (const child of node.children) visit(child, negated);
  };
  if (plan.root) visit(plan.root, false);
  const shown = plan.clauses.filter((clause) => !excluded.has(clause.key));
  const content = shown.filter((clause) => clause.kind !== 'word' || !clause.stop);
  return content.length > 0 ? content : shown;
}

/**
 * The offsets in `text` (the field's text as indexed) of the clauses' terms in
 * one field of `doc`: clause by clause, term by term, in text order. Only the
 * tokens at positions the postings name are analyzed.
 */
export function fieldMatches(
  index: NewsIndex,
  clauses: readonly (WordPlan | PhrasePlan)[],
  doc: number,
  field: number,
  text: string,
): SnippetMatch[] {
  return matchesOf(index, termWants(index, clauses, [field])[0] ?? [], doc, text);
}

/** A clause's term in one field: its text, the clause's key, and the term's entry there. */
interface TermWant {
  term: string;
  key: number;
  entry: FieldEntry;
}

/**
 * For each of `fields`, the clauses' terms that occur in it anywhere, clause
 * by clause and term by term (each entry found without listing the term's others).
 */
function termWants(
  index: NewsIndex,
  clauses: readonly (WordPlan | PhrasePlan)[],
  fields: readonly number[],
): TermWant[][] {
  const { postings } = index;
  const wants = fields.map((): TermWant[] => []);
  for (const clause of clauses) {
    const terms =
      clause.kind === 'word' ? clause.terms : clause.words.flatMap((word) => word.terms);
    for (const { id } of terms) {
      fields.forEach((field, f) => {
        const entry = clause.fields.includes(field) ? entryOf(postings, id, field) : undefined;
        if (entry) wants[f]?.push({ term: postings.terms[id] ?? '', key: clause.key, entry });
      });
    }
  }
  return wants;
}

/** The matches in `text` of the terms `wants` in document `doc` (see `fieldMatches`). */
function matchesOf(
  index: NewsIndex,
  wants: readonly TermWant[],
  doc: number,
  text: string,
): SnippetMatch[] {
  if (wants.length === 0) return [];
  const { buckets, wanted, positions } = wantedPositions(index, wants, doc);
  if (positions.length === 0) return [];
  eachTokenAt(text, positions, (word, start, end, position) => {
    const terms = wanted.get(position);
    if (!terms) return;
    const term = index.analyzer.term(word);
    for (const want of terms) {
      if (want.term === term) want.bucket.push({ start, end, key: want.key });
    }
  });
  const matches: SnippetMatch[] = [];
  for (const bucket of buckets) for (const match of bucket) matches.push(match);
  return matches;
}

/** A term wanted at a position: its text, its clause, and where its matches go. */
interface WantedTerm {
  term: string;
  key: number;
  bucket: SnippetMatch[];
}

/**
 * Per word position of `doc`'s field, the wanted terms that occur there; one
 * bucket of matches per term that occurs at all, in the order of `wants`; and
 * the positions, ascending.
 */
function wantedPositions(
  index: NewsIndex,
  wants: readonly TermWant[],
  doc: number,
): { buckets: SnippetMatch[][]; wanted: Map<number, WantedTerm[]>; positions: Int32Array } {
  const { postings } = index;
  const buckets: SnippetMatch[][] = [];
  const wanted = new Map<number, WantedTerm[]>();
  const seen: number[] = [];
  for (const { term, key, entry } of wants) {
    const positions = docPositions(postings, entry, doc);
    if (positions.length === 0) continue;
    const want: WantedTerm = { term, key, bucket: [] };
    buckets.push(want.bucket);
    let previous = -1;
    for (const position of positions) {
      // A position held twice by one term (a compound equal to its first part) is one want.
      if (position === previous) continue;
      previous = position;
      const list = wanted.get(position);
      if (list) list.push(want);
      else {
        wanted.set(position, [want]);
        seen.push(position);
      }
    }
  }
  return { buckets, wanted, positions: Int32Array.from(seen).sort() };
}

/** An article's highlighted headline and its body matches. */
export interface ArticleHighlights {
  title: Snippet;
  /** Every match in the body, as offsets into `article.body`. */
  body: SnippetMatch[];
}

/** The headline highlighted, and every match in the body as offsets into `article.body`. */
export function highlightArticle(
  index: NewsIndex,
  plan: QueryPlan,
  doc: number,
  article: Article,
): ArticleHighlights {
  const [title = [], body = []] = termWants(index, highlightable(plan), SHOWN_FIELDS);
  return {
    title: highlightText(article.title, matchesOf(index, title, doc, article.title)),
    body: matchesOf(index, body, doc, article.body),
  };
}
