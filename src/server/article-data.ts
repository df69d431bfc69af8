/** One article and its related articles, by id, for the article page and the API. */
import { NewsdeskError } from '../errors.ts';
import type { NewsIndex } from '../index/build.ts';
import { related } from '../search/extras/related.ts';
import { clip } from '../search/request.ts';
import type { Article } from '../types.ts';

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
}

/** Related articles shown per article. */
export const RELATED_LIMIT = 5;

/** The article with `id`, or a NOT_FOUND error naming it. */
export function findArticle(index: NewsIndex, id: string): FoundArticle {
  const doc = index.store.byId.get(id);
  if (doc === undefined) {
    throw new NewsdeskError('NOT_FOUND', `no article with id "${clip(id, 100)}"`, {
      parameter: 'id',
    });
  }
  return {
    doc,
    article: index.store.article(doc),
    related: related(index, doc, RELATED_LIMIT).map((hit) => {
      const article = index.store.article(hit.doc);
      return {
        id: article.id,
        title: article.title,
        ...(article.date ? { date: article.date } : {}),
        score: Math.round(hit.score * 1e4) / 1e4,
      };
    }),
  };
}
