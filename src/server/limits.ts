/**
 * Request limits, checked before any route: GET and HEAD only (OPTIONS for
 * CORS), no request bodies, bounded URLs.
 */
import type { RequestHandler } from 'express';

/** Longest accepted URL (path and query), in characters. */
export const MAX_URL_LENGTH = 4096;

export const requestLimits: RequestHandler = (request, response, next) => {
  if (!['GET', 'HEAD', 'OPTIONS'].includes(request.method)) {
    response.setHeader('Allow', 'GET, HEAD');
    refuse(response, 405, 'METHOD_NOT_ALLOWED', `${request.method} is not supported; use GET`);
    return;
  }
  const length = Number(request.headers['content-length'] ?? 0);
  if (length > 0 || request.headers['transfer-encoding'] !== undefined) {
    refuse(response, 413, 'BODY_NOT_ALLOWED', 'requests must not have a body');
    return;
  }
  if (request.originalUrl.length > MAX_URL_LENGTH) {
    refuse(response, 414, 'URL_TOO_LONG', `the URL must be at most ${MAX_URL_LENGTH} characters`);
    return;
  }
  next();
};

function refuse(
  response: Parameters<RequestHandler>[1],
  status: number,
  code: string,
  message: string,
): void {
  response.status(status).json({ error: { code, message } });
}
