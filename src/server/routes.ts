/**
 * The routes that answer with a finished `Reply` (searches, pages, articles,
 * suggestions, stats, health): plain functions from what the URL says to the
 * reply, shared by the fast path (`fast-path.ts`, no Express in between) and
 * by Express, which still routes whatever the fast path leaves to it (paths in
 * other case or with a trailing slash, a rate-limited API, errors).
 */
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import { type ContentCoding, negotiateCoding } from './encoding.ts';
import { idParam, type UrlQuery } from './params.ts';
import { type Reply, writeReply } from './reply.ts';

/** What a route is given. */
export interface RouteInput {
  /** The URL's parameters, as Express's simple query parser gives them. */
  query: UrlQuery;
  /** The path after the route's prefix, decoded segment by segment (an article id), or ''. */
  id: string;
  /** How the client accepts the reply compressed (none for HEAD). */
  coding: ContentCoding | undefined;
}

/**
 * A route: its reply, or undefined when Express is to answer (the redirect of
 * an empty search). Errors thrown go to the app's one error handler.
 */
export type Route = (input: RouteInput) => Reply | undefined | Promise<Reply | undefined>;

/** The coding to compress a reply to `request` in: none for HEAD, which gets no body. */
export function codingFor(request: IncomingMessage): ContentCoding | undefined {
  if (request.method === 'HEAD') return undefined;
  const accept = request.headers['accept-encoding'];
  return negotiateCoding(Array.isArray(accept) ? accept.join(',') : accept);
}

/** `route` as an Express handler; the middleware before it has set the security and CORS headers. */
export function expressRoute(route: Route): RequestHandler {
  return async (request, response, next) => {
    const reply = await route({
      query: request.query,
      id: idParam(request.params),
      coding: codingFor(request),
    });
    if (reply) writeReply(response, reply, [], request.method === 'HEAD');
    else next();
  };
}
