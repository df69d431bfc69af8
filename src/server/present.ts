/**
 * Answers as finished replies, made where the search runs (a search worker,
 * or the main thread without workers): the API's JSON and the HTML pages are
 * encoded there and cross to the main thread as bytes, so no answer is
 * structured-cloned, then converted and encoded again on the thread serving
 * HTTP. A `Presentation` says what to ask and in which form.
 */
import type { SearcherCall } from '../engine/calls.ts';
import { type FoundArticle, findArticle } from '../search/extras/article.ts';
import { type TrendsRequest, trends } from '../search/extras/trends.ts';
import type { RequestFields } from '../search/request.ts';
import type { Searcher } from '../search/searcher.ts';
import type { SearchRequest, SearchResponse } from '../types.ts';
import { articleJson, searchJson } from './api-json.ts';
import { paragraphsHtml } from './article-view.ts';
import type { ContentCoding } from './encoding.ts';
import { exportHref } from './export-links.ts';
import { type FeedPresentation, feedHref, feedReply } from './feed.ts';
import { articleHref, searchHref } from './links.ts';
import { HTML_TYPE, jsonReply, type Reply, textReply } from './reply.ts';
import { searchView } from './search-view.ts';
import { createTemplates, type Templates } from './templates.ts';
import { trendsHref, trendsView } from './trends-view.ts';

/** What to answer, and in which form. */
export type Presentation =
  | { form: 'search-json'; request: SearchRequest }
  | {
      form: 'search-page';
      request: SearchRequest;
      fields: RequestFields;
      views: string;
      /** The live index's example queries, offered when nothing is found. */
      examples: readonly string[];
    }
  | { form: 'suggest-json'; input: string; limit: number; opensearch: boolean }
  | { form: 'article-json'; id: string }
  | { form: 'article-page'; id: string; query: string; views: string }
  | FeedPresentation
  | { form: 'trends-json'; request: TrendsRequest }
  | {
      form: 'trends-page';
      request: TrendsRequest;
      /** The filters as the search page takes them, for its links. */
      filters: RequestFields;
      views: string;
      /** A query offered when none is given. */
      example: string;
    };

export interface Presenter {
  /** `presentation` answered by `searcher`, encoded (and compressed in `coding` where it pays). */
  present(searcher: Searcher, presentation: Presentation, coding?: ContentCoding): Reply;
}

/** The searcher call a presentation makes (for scheduling and error messages). */
export function callOf(presentation: Presentation): SearcherCall {
  switch (presentation.form) {
    case 'search-json':
    case 'search-page':
    case 'search-atom':
      return { op: 'search', args: presentation.request };
    case 'suggest-json':
      return { op: 'complete', args: { input: presentation.input, limit: presentation.limit } };
    case 'article-json':
      return { op: 'article', args: { id: presentation.id, query: '' } };
    case 'article-page':
      return { op: 'article', args: { id: presentation.id, query: presentation.query } };
    case 'trends-json':
    case 'trends-page':
      return { op: 'trends', args: presentation.request };
  }
}

/** A presenter holding, per thread, the compiled templates of each views folder. */
export function createPresenter(): Presenter {
  const templates = new Map<string, Templates>();
  const templatesOf = (views: string): Templates => {
    const found = templates.get(views) ?? createTemplates(views);
    templates.set(views, found);
    return found;
  };
  return {
    present(searcher, presentation, coding) {
      switch (presentation.form) {
        case 'search-json': {
          const found = searcher.search(presentation.request);
          return withinBudget(searcher, found, jsonReply(searchJson(found), coding));
        }
        case 'suggest-json':
          return jsonReply(suggestJson(searcher, presentation), coding);
        case 'article-json':
          return jsonReply(articleJson(findArticle(searcher, presentation.id)), coding);
        case 'search-page': {
          const found = searcher.search(presentation.request);
          const examples = exampleLinks(presentation.examples);
          const model = searchPageModel(presentation.fields, found, examples);
          const reply = page(templatesOf(presentation.views), 'search', model, coding);
          return withinBudget(searcher, found, reply);
        }
        case 'article-page': {
          const found = findArticle(searcher, presentation.id, presentation.query);
          const model = articlePageModel(found, presentation.query);
          return page(templatesOf(presentation.views), 'article', model, coding);
        }
        case 'search-atom': {
          const found = searcher.search(presentation.request);
          return withinBudget(searcher, found, feedReply(searcher, presentation, found, coding));
        }
        case 'trends-json':
          return jsonReply(trends(searcher, presentation.request), coding);
        case 'trends-page':
          return page(
            templatesOf(presentation.views),
            'trends',
            trendsPageModel(searcher, presentation),
            coding,
          );
      }
    },
  };
}

/**
 * `reply`, marked not to be cached when its search ran out of time (its
 * refinements were skipped: asked again, it may come out better).
 */
function withinBudget(searcher: Searcher, found: SearchResponse, reply: Reply): Reply {
  return found.tookMs >= searcher.options.budgetMs ? { ...reply, cacheable: false } : reply;
}

function page(templates: Templates, name: string, model: object, coding?: ContentCoding): Reply {
  return textReply(templates.render(name, model), HTML_TYPE, coding);
}

/** The body of `GET /api/suggest`: `{ query, suggestions }`, or OpenSearch's `[query, completions]`. */
function suggestJson(
  searcher: Searcher,
  { input, limit, opensearch }: { input: string; limit: number; opensearch: boolean },
) {
  const suggestions = searcher.complete(input, limit);
  if (opensearch) return [input, suggestions.map((item) => item.query)];
  return { query: input, suggestions };
}

export interface ExampleLink {
  query: string;
  href: string;
}

/** Example queries as links, for the home page and a search that finds nothing. */
export function exampleLinks(queries: readonly string[]): ExampleLink[] {
  return queries.map((query) => ({ query, href: searchHref({}, { q: query }) }));
}

/** The search page's model. */
function searchPageModel(fields: RequestFields, found: SearchResponse, examples: ExampleLink[]) {
  return {
    title: fields.q ? `${fields.q} – newsdesk` : 'All articles – newsdesk',
    query: fields.q ?? '',
    view: searchView(fields, found),
    response: found,
    examples,
    feedHref: feedHref(fields),
    exportHrefs: { csv: exportHref(fields, 'csv'), jsonl: exportHref(fields, 'jsonl') },
    trendsHref: fields.q?.trim()
      ? trendsHref('/trends', fields, [fields.q.trim()], undefined)
      : undefined,
  };
}

/** The trends page's model (only the form when no query was given). */
function trendsPageModel(
  searcher: Searcher,
  { request, filters, example }: Extract<Presentation, { form: 'trends-page' }>,
) {
  const found = request.queries.length > 0 ? trends(searcher, request) : undefined;
  const view = trendsView(filters, request.queries, request.interval, found, example);
  const title = view.queries.length > 0 ? `Trends: ${view.queries.join(', ')}` : 'Trends';
  return { title: `${title} – newsdesk`, query: '', view };
}

/** The article page's model. */
function articlePageModel({ article, related, highlights }: FoundArticle, query: string) {
  return {
    title: `${article.title} – newsdesk`,
    query,
    article,
    titleHtml: highlights.title.html,
    paragraphs: paragraphsHtml(article.body, highlights.body),
    related: related.map((item) => ({ ...item, href: articleHref(item.id, query || undefined) })),
    backHref: query ? searchHref({ q: query }) : undefined,
  };
}
