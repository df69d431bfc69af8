/** The HTML pages: thin routes that gather a model and render one template each. */
import { Router } from 'express';
import type { Engine, LiveIndex } from '../engine/engine.ts';
import { paragraphsHtml } from './article-view.ts';
import { articleHref, searchHref } from './links.ts';
import { openSearchXml } from './opensearch.ts';
import { idParam, searchFields, searchRequestFrom, single } from './params.ts';
import { searchView } from './search-view.ts';

export function pagesRouter(engine: Engine): Router {
  const router = Router();
  router.get('/', (_request, response) => {
    const live = engine.current();
    response.render('home', {
      title: 'newsdesk',
      query: '',
      info: live.info,
      examples: exampleLinks(live),
    });
  });
  router.get('/search', async (request, response) => {
    const fields = searchFields(request.query);
    const empty = Object.values(fields).every((value) => value === undefined);
    if (empty) {
      response.redirect(303, '/');
      return;
    }
    const live = engine.current();
    const found = await engine.search(searchRequestFrom(request.query));
    const title = fields.q ? `${fields.q} – newsdesk` : 'All articles – newsdesk';
    response.render('search', {
      title,
      query: fields.q ?? '',
      view: searchView(fields, found),
      examples: exampleLinks(live),
    });
  });
  router.get('/article/*id', async (request, response) => {
    const query = single(request.query, 'q') ?? '';
    const { article, related, highlights } = await engine.article(idParam(request.params), query);
    response.render('article', {
      title: `${article.title} – newsdesk`,
      query,
      article,
      titleHtml: highlights.title.html,
      paragraphs: paragraphsHtml(article.body, highlights.body),
      related: related.map((item) => ({
        ...item,
        href: articleHref(item.id, query || undefined),
      })),
      backHref: query ? searchHref({ q: query }) : undefined,
    });
  });
  router.get('/opensearch.xml', (request, response) => {
    response
      .type('application/opensearchdescription+xml')
      .send(openSearchXml(`${request.protocol}://${request.get('host') ?? 'localhost'}`));
  });
  return router;
}

function exampleLinks(live: LiveIndex): { query: string; href: string }[] {
  return live.examples.map((query) => ({ query, href: searchHref({}, { q: query }) }));
}
