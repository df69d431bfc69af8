/** The JSON API: thin routes over the engine. Errors go to the app's one error handler. */
import { Router } from 'express';
import type { Engine } from '../engine/engine.ts';
import { NewsdeskError } from '../errors.ts';
import { articleJson, searchJson, statsJson } from './api-json.ts';
import { openApiDocument } from './openapi.ts';
import { idParam, searchRequestFrom, single } from './params.ts';

/** Completions per suggest request. */
const SUGGESTIONS = 8;

export function apiRouter(engine: Engine): Router {
  const router = Router();
  router.get('/search', async (request, response) => {
    const found = await engine.search(searchRequestFrom(request.query));
    response.json(searchJson(found));
  });
  router.get('/suggest', async (request, response) => {
    const q = single(request.query, 'q') ?? '';
    const format = single(request.query, 'format') ?? 'json';
    if (format !== 'json' && format !== 'opensearch') {
      throw new NewsdeskError(
        'BAD_PARAMETER',
        `format must be json or opensearch, not "${format}"`,
        {
          parameter: 'format',
        },
      );
    }
    const suggestions = await engine.complete(q, SUGGESTIONS);
    if (format === 'opensearch') {
      response.json([q, suggestions.map((item) => item.query)]);
    } else response.json({ query: q, suggestions });
  });
  router.get('/articles/*id', async (request, response) => {
    response.json(articleJson(await engine.article(idParam(request.params), '')));
  });
  router.get('/stats', (_request, response) => {
    response.json(statsJson(engine.current()));
  });
  router.get('/openapi.json', (_request, response) => {
    response.json(openApiDocument);
  });
  router.use((request) => {
    throw new NewsdeskError('NOT_FOUND', `no API endpoint ${request.method} /api${request.path}`);
  });
  return router;
}
