/**
 * Request limits, checked before any route: GET and HEAD only (OPTIONS for
 * CORS), no request bodies, bounded URLs. Refusals go to the error handler,
 * so pages get the error page and the API gets JSON.
 */
import type { RequestHandler } from 'express';
import { HttpStatusError } from './http-errors.ts';

/** Longest accepted URL (path and query), in characters. */
export const MAX_URL_LENGTH = 4096;

export const requestLimits: RequestHandler = (request, response, next) => {
  if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
    response.setHeader('Allow', 'GET, HEAD');
    next(
      new HttpStatusError(405, 'METHOD_NOT_ALLOWED', `${request.method} is not supported; use GET`),
    );
    return;
  }
  const length = Number(request.headers['content-length'] ?? 0);
  if (length > 0 || request.headers['transfer-encoding'] !== undefined) {
    next(new HttpStatusError(413, 'BODY_NOT_ALLOWED', 'requests must not have a body'));
    return;
  }
  if (request.originalUrl.length > MAX_URL_LENGTH) {
    next(
      new HttpStatusError(
        414,
        'URL_TOO_LONG',
        `the URL must be at most ${MAX_URL_LENGTH} characters`,
      ),
    );
    return;
  }
  next();
};
