/** One structured log entry per request: method, path (no query: searches stay private), status, time. */
import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import type { Logger } from '../logger.ts';

export function requestLog(log: Logger): RequestHandler {
  return (request, response, next) => {
    logWhenFinished(log, request.method, request.path, response);
    next();
  };
}

/** Log `response` once it is sent, timed from `started`. */
export function logWhenFinished(
  log: Logger,
  method: string,
  path: string,
  response: ServerResponse,
  started = performance.now(),
): void {
  response.on('finish', () => {
    log({
      event: 'request',
      method,
      path,
      status: response.statusCode,
      ms: Math.round((performance.now() - started) * 10) / 10,
    });
  });
}
