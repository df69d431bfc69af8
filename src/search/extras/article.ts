/** One article by id, with its related articles and the query's matches in it, for the article page and the API. */
import { NewsdeskError } from '../../errors.ts';
import type { Article } from '../../types.ts';
import { clip } from '../request.ts';
import type { Searcher } from '../searcher.ts';
import type { ArticleHighlights } from '../snippets/highlight.ts';

export interface RelatedArticle {
  id: string;
  title: string;
  date?: string;
  score: number;
}

export interface FoundArticle {
  /** Position in the store. */
  doc: number;
  article: Article;
  related: RelatedArticle[];
  /** The query's matches in the headline and body (none without a query). */
  highlights: ArticleHighlights;
}

/** Related articles shown per article. */
export const RELATED_LIMIT = 5;

/** The article with `id` and what `query` matches in it, or a NOT_FOUND error naming the id. */
export function findArticle(searcher: Searcher, id: string, query = ''): FoundArticle {
  const { store } = searcher.index;
  const doc = store.docOf(id);
  if (doc === undefined) {
    throw new NewsdeskError('NOT_FOUND', `no article with id "${clip(id, 100)}"`, {
      parameter: 'id',
    });
  }
  return {
    doc,
    article: store.article(doc),
    related: searcher.related(doc, RELATED_LIMIT).map((hit) => {
      const article = store.article(hit.doc);
      return {
        id: article.id,
        title: article.title,
        ...(article.date ? { date: article.date } : {}),
        score: Math.round(hit.score * 1e4) / 1e4,
      };
    }),
    highlights: searcher.highlightArticle(doc, query),
  };
}
