/**
 * The HTML pages: thin routes over the engine, whose search workers render
 * the search and article pages (`present.ts`); the home page, which searches
 * nothing, is rendered here from the compiled templates.
 */
import { Router } from 'express';
import type { Engine } from '../engine/engine.ts';
import { openSearchXml } from './opensearch.ts';
import { searchFields, searchRequestFrom, single, type UrlQuery } from './params.ts';
import { exampleLinks } from './present.ts';
import { HTML_TYPE, textReply } from './reply.ts';
import { expressRoute, type Route } from './routes.ts';
import type { Templates } from './templates.ts';

/** The pages that answer with a finished reply. */
export interface PageRoutes {
  home: Route;
  /** `/search`; leaves an empty search to Express, which redirects it home. */
  search: Route;
  /** `/article/{id}`. */
  article: Route;
}

export function pageRoutes(engine: Engine, templates: Templates): PageRoutes {
  return {
    home: ({ coding }) => {
      const live = engine.current();
      const html = templates.render('home', {
        title: 'newsdesk',
        query: '',
        info: live.info,
        examples: exampleLinks(live.examples),
      });
      return textReply(html, HTML_TYPE, coding);
    },
    search: ({ query, coding }) => {
      if (isEmptySearch(query)) return undefined;
      const request = searchRequestFrom(query);
      const fields = searchFields(query);
      const { examples } = engine.current();
      return engine.present(
        { form: 'search-page', request, fields, views: templates.views, examples },
        coding,
      );
    },
    article: ({ query, id, coding }) =>
      engine.present(
        { form: 'article-page', id, query: single(query, 'q') ?? '', views: templates.views },
        coding,
      ),
  };
}

/** A search naming nothing at all, which goes back to the home page. */
function isEmptySearch(query: UrlQuery): boolean {
  return Object.values(searchFields(query)).every((value) => value === undefined);
}

/** The pages for Express, over the same routes. */
export function pagesRouter(routes: PageRoutes): Router {
  const router = Router();
  router.get('/', expressRoute(routes.home));
  router.get('/search', (request, response, next) => {
    if (isEmptySearch(request.query)) response.redirect(303, '/');
    else next();
  });
  router.get('/search', expressRoute(routes.search));
  router.get('/article/*id', expressRoute(routes.article));
  router.get('/opensearch.xml', (request, response) => {
    response
      .type('application/opensearchdescription+xml')
      .send(openSearchXml(`${request.protocol}://${request.get('host') ?? 'localhost'}`));
  });
  return router;
}
