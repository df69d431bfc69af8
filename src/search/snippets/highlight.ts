/**
 * Where a result matched: every occurrence of every term a clause reached
 * (stemmed variants, prefix and typo expansions, phrase words), turned into a
 * highlighted headline and snippet. The postings give the word positions; the
 * shown text, tokenized again as the index tokenized it, gives their offsets.
 */
import { eachTokenAt } from '../../analysis/positions.ts';
import type { NewsIndex } from '../../index/build.ts';
import { BODY_FIELD, TITLE_FIELD } from '../../index/fields.ts';
import { docPositions, fieldEntry } from '../../index/postings.ts';
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
  const clauses = highlightable(plan);
  return {
    title: highlightText(
      article.title,
      fieldMatches(index, clauses, doc, TITLE_FIELD, article.title),
    ),
    snippet: buildSnippet(
      article.body,
      fieldMatches(index, clauses, doc, BODY_FIELD, article.body),
      options,
    ),
  };
}

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
  const { buckets, wanted } = wantedPositions(index, clauses, doc, field);
  if (wanted.size === 0) return [];
  const positions = Int32Array.from(wanted.keys()).sort();
  eachTokenAt(text, positions, (word, start, end, position) => {
    const terms = wanted.get(position);
    if (!terms) return;
    const term = index.analyzer.term(word);
    for (const want of terms) {
      if (want.term === term) want.bucket.push({ start, end, key: want.key });
    }
  });
  return buckets.flat();
}

/** A term wanted at a position: its text, its clause, and where its matches go. */
interface WantedTerm {
  term: string;
  key: number;
  bucket: SnippetMatch[];
}

/**
 * Per word position of `doc`'s field, the clause terms that occur there, and
 * one bucket of matches per (clause, term), in the order they are returned.
 */
function wantedPositions(
  index: NewsIndex,
  clauses: readonly (WordPlan | PhrasePlan)[],
  doc: number,
  field: number,
): { buckets: SnippetMatch[][]; wanted: Map<number, WantedTerm[]> } {
  const { postings } = index;
  const buckets: SnippetMatch[][] = [];
  const wanted = new Map<number, WantedTerm[]>();
  for (const clause of clauses) {
    if (!clause.fields.includes(field)) continue;
    const terms =
      clause.kind === 'word' ? clause.terms : clause.words.flatMap((word) => word.terms);
    for (const { id } of terms) {
      const entry = fieldEntry(postings, id, field);
      const positions = entry ? docPositions(postings, entry, doc) : undefined;
      if (!positions || positions.length === 0) continue;
      const want: WantedTerm = { term: postings.terms[id] ?? '', key: clause.key, bucket: [] };
      buckets.push(want.bucket);
      let previous = -1;
      for (const position of positions) {
        // A position held twice by one term (a compound equal to its first part) is one want.
        if (position === previous) continue;
        previous = position;
        const list = wanted.get(position);
        if (list) list.push(want);
        else wanted.set(position, [want]);
      }
    }
  }
  return { buckets, wanted };
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
  const clauses = highlightable(plan);
  return {
    title: highlightText(
      article.title,
      fieldMatches(index, clauses, doc, TITLE_FIELD, article.title),
    ),
    body: fieldMatches(index, clauses, doc, BODY_FIELD, article.body),
  };
}
