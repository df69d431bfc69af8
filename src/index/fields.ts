/** The article fields the index searches, and how each is boosted by default. */
import type { Article } from '../types.ts';

export const INDEX_FIELDS = ['title', 'body', 'source', 'author', 'category', 'places'] as const;

export type IndexField = (typeof INDEX_FIELDS)[number];

/** Field ids of the headline and the body, the text people read. */
export const TITLE_FIELD = INDEX_FIELDS.indexOf('title');
export const BODY_FIELD = INDEX_FIELDS.indexOf('body');
export const TEXT_FIELDS: readonly number[] = [TITLE_FIELD, BODY_FIELD];

/** Field boosts for ranking: a match in the headline weighs most. */
export const DEFAULT_FIELD_BOOSTS: Readonly<Record<IndexField, number>> = {
  title: 1.5,
  body: 1,
  source: 1,
  author: 1,
  category: 1,
  places: 0.5,
};

/** The text of one field of an article, as the index sees it. */
export function fieldText(article: Article, field: IndexField): string {
  const value = article[field];
  if (value === undefined) return '';
  return Array.isArray(value) ? value.join(' ') : value;
}
