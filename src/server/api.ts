/**
 * The JSON API: thin routes over the engine, whose search workers encode the
 * answers (`present.ts`). Errors go to the app's one error handler.
 */
import { Router } from 'express';
import type { Engine } from '../engine/engine.ts';
import { NewsdeskError } from '../errors.ts';
import { statsJson } from './api-json.ts';
import { openApiDocument } from './openapi.ts';
import { searchRequestFrom, single } from './params.ts';
import { jsonReply } from './reply.ts';
import { expressRoute, type Route } from './routes.ts';

/** Completions per suggest request. */
const SUGGESTIONS = 8;

/** The API's routes that answer with a finished reply, by path under `/api`. */
export interface ApiRoutes {
  search: Route;
  suggest: Route;
  /** `/api/articles/{id}`. */
  article: Route;
  stats: Route;
}

export function apiRoutes(engine: Engine): ApiRoutes {
  return {
    search: ({ query, coding }) =>
      engine.present({ form: 'search-json', request: searchRequestFrom(query) }, coding),
    suggest: ({ query, coding }) => {
      const input = single(query, 'q') ?? '';
      const format = single(query, 'format') ?? 'json';
      if (format !== 'json' && format !== 'opensearch') {
        throw new NewsdeskError(
          'BAD_PARAMETER',
          `format must be json or opensearch, not "${format}"`,
          { parameter: 'format' },
        );
      }
      const opensearch = format === 'opensearch';
      return engine.present(
        { form: 'suggest-json', input, limit: SUGGESTIONS, opensearch },
        coding,
      );
    },
    article: ({ id, coding }) => engine.present({ form: 'article-json', id }, coding),
    stats: ({ coding }) => jsonReply(statsJson(engine.current()), coding),
  };
}

/** The API for Express, over the same routes. */
export function apiRouter(routes: ApiRoutes): Router {
  const router = Router();
  router.get('/search', expressRoute(routes.search));
  router.get('/suggest', expressRoute(routes.suggest));
  router.get('/articles/*id', expressRoute(routes.article));
  router.get('/stats', expressRoute(routes.stats));
  router.get('/openapi.json', (_request, response) => {
    response.json(openApiDocument);
  });
  router.use((request) => {
    throw new NewsdeskError('NOT_FOUND', `no API endpoint ${request.method} /api${request.path}`);
  });
  return router;
}
