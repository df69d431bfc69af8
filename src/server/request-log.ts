/** One structured log entry per request: method, path (no query: searches stay private), status, time. */
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

export function requestLog(log: Logger): RequestHandler {
  return (request, response, next) => {
    const started = performance.now();
    const path = request.path;
    response.on('finish', () => {
      log({
        event: 'request',
        method: request.method,
        path,
        status: response.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
      });
    });
    next();
  };
}
