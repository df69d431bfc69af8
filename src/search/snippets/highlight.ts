/**
 * Where a result matched: every occurrence of every term a clause reached
 * (stemmed variants, prefix and typo expansions, phrase words), read from the
 * postings' spans, turned into a highlighted headline and snippet.
 */
import type { NewsIndex } from '../../index/build.ts';
import { BODY_FIELD, TITLE_FIELD } from '../../index/fields.ts';
import { fieldEntry, findDoc, occurrenceRange, unpackSpan } from '../../index/postings.ts';
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
    title: highlightText(article.title, fieldMatches(index, clauses, doc, TITLE_FIELD)),
    snippet: buildSnippet(article.body, fieldMatches(index, clauses, doc, BODY_FIELD), options),
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

/** Spans of the clauses' terms in one field of `doc`. */
export function fieldMatches(
  index: NewsIndex,
  clauses: readonly (WordPlan | PhrasePlan)[],
  doc: number,
  field: number,
): SnippetMatch[] {
  const { postings } = index;
  const matches: SnippetMatch[] = [];
  for (const clause of clauses) {
    if (!clause.fields.includes(field)) continue;
    const terms =
      clause.kind === 'word' ? clause.terms : clause.words.flatMap((word) => word.terms);
    for (const term of terms) {
      const entry = fieldEntry(postings, term.id, field);
      if (!entry) continue;
      const i = findDoc(postings, entry, doc);
      if (i < 0) continue;
      const { from, to } = occurrenceRange(postings, entry, i);
      for (let o = from; o < to; o++) {
        const span = unpackSpan(postings.spans[o] ?? 0);
        if (span) matches.push({ ...span, key: clause.key });
      }
    }
  }
  return matches;
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
    title: highlightText(article.title, fieldMatches(index, clauses, doc, TITLE_FIELD)),
    body: fieldMatches(index, clauses, doc, BODY_FIELD),
  };
}
