/**
 * Raw records → clean `Article`s: ids by the id rule, text normalized,
 * dates parsed, records with neither headline nor body refused.
 */
import type { Article, ParseOutput, ParseProblem, RawRecord } from '../types.ts';
import { parseDate } from './dates.ts';
import { normalizeInline, toParagraphs } from './text.ts';

/** Longest headline derived from the body when a record has none. */
const DERIVED_TITLE_CHARS = 120;

export interface FileArticles {
  articles: Article[];
  problems: ParseProblem[];
}

/**
 * The articles of one parsed file. `idBase` is the file's path without its
 * extensions (`business/001`, `reut2-000`).
 */
export function toArticles(output: ParseOutput, relPath: string, idBase: string): FileArticles {
  const articles: Article[] = [];
  const problems: ParseProblem[] = [...output.problems];
  output.records.forEach((record, index) => {
    const recordKey =
      output.shape === 'records' ? record.recordId?.trim() || String(index + 1) : undefined;
    const article = toArticle(record, relPath, idBase, recordKey);
    if (article) articles.push(article);
    else problems.push(emptyProblem(record, recordKey));
  });
  return { articles, problems };
}

/** One clean article, or undefined when the record has neither headline nor body. */
export function toArticle(
  record: RawRecord,
  relPath: string,
  idBase: string,
  recordKey: string | undefined,
): Article | undefined {
  const body = toParagraphs(record.body ?? '');
  const title = normalizeInline(record.title ?? '') || deriveTitle(body);
  if (title === '' && body === '') return undefined;
  const article: Article = {
    id: recordKey === undefined ? idBase : `${idBase}:${recordKey}`,
    title,
    body,
    origin: { file: relPath },
  };
  if (recordKey !== undefined) article.origin.record = recordKey;
  if (record.line !== undefined) article.origin.line = record.line;
  assignOptional(article, record);
  return article;
}

function assignOptional(article: Article, record: RawRecord): void {
  const date = parseDate(record.date);
  if (date) article.date = date;
  const source = normalizeInline(record.source ?? '');
  if (source) article.source = source;
  const url = record.url?.trim();
  if (url) article.url = url;
  const author = normalizeInline(record.author ?? '');
  if (author) article.author = author;
  const category = cleanList(record.category);
  if (category) article.category = category;
  const places = cleanList(record.places);
  if (places) article.places = places;
}

function cleanList(values: readonly string[] | undefined): string[] | undefined {
  if (!values) return undefined;
  if (values.length === 1) {
    const only = normalizeInline(values[0] ?? '');
    return only === '' ? undefined : [only];
  }
  const kept = [...new Set(values.map(normalizeInline).filter((value) => value !== ''))];
  return kept.length > 0 ? kept : undefined;
}

/** The first sentence (or line) of the body, cut at a word boundary. */
export function deriveTitle(body: string): string {
  const first = body.split('\n\n', 1)[0] ?? '';
  const sentenceEnd = first.search(/[.!?](?:\s|$)/);
  const sentence = sentenceEnd > 0 ? first.slice(0, sentenceEnd + 1) : first;
  if (sentence.length <= DERIVED_TITLE_CHARS) return sentence;
  const cut = sentence.lastIndexOf(' ', DERIVED_TITLE_CHARS);
  return `${sentence.slice(0, cut > 0 ? cut : DERIVED_TITLE_CHARS)}…`;
}

function emptyProblem(record: RawRecord, recordKey: string | undefined): ParseProblem {
  const problem: ParseProblem = {
    kind: 'empty-record',
    reason: 'record has neither headline nor body',
  };
  if (record.line !== undefined) problem.line = record.line;
  if (recordKey !== undefined) problem.record = recordKey;
  return problem;
}
