/**
 * The one place errors become HTTP responses: a status from the error's code,
 * JSON for the API, the site's error page for everything else. Unexpected
 * errors are logged with their stack and shown to no one.
 */
import type { ErrorRequestHandler, Request } from 'express';
import { type ErrorCode, isNewsdeskError } from '../errors.ts';
import type { Logger } from '../logger.ts';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_PARAMETER: 400,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  SEARCH_TIMEOUT: 503,
  OVERLOADED: 503,
};

/** A refusal decided by HTTP rules rather than the catalogue (405, 413, 414). */
export class HttpStatusError extends Error {
  override readonly name = 'HttpStatusError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface HttpError {
  status: number;
  code: string;
  message: string;
  parameter?: string;
}

/** What the visitor or client is told about `error`. */
export function toHttpError(error: unknown): HttpError {
  if (isNewsdeskError(error)) {
    const status = HTTP_STATUS[error.code] ?? 500;
    if (status === 500) return internal();
    return {
      status,
      code: error.code,
      message: error.message,
      ...(error.parameter ? { parameter: error.parameter } : {}),
    };
  }
  if (error instanceof HttpStatusError) {
    return { status: error.status, code: error.code, message: error.message };
  }
  const status = statusOf(error);
  if (status !== undefined && status >= 400 && status < 500) {
    return { status, code: 'BAD_REQUEST', message: (error as Error).message || 'bad request' };
  }
  return internal();
}

function internal(): HttpError {
  return { status: 500, code: 'INTERNAL', message: 'something went wrong on our side' };
}

/** The status Express's own errors carry (a malformed URL, say). */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { status, statusCode } = error as { status?: unknown; statusCode?: unknown };
  const value = status ?? statusCode;
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/**
 * True for requests answered in JSON. Express routes ignore case and a
 * trailing slash (`/API/Search/` reaches the API), so this does too.
 */
export function wantsJson(request: Request): boolean {
  const path = withoutTrailingSlashes((request.originalUrl.split('?')[0] ?? '').toLowerCase());
  return path.startsWith('/api/') || path === '/api' || path === '/healthz';
}

/** `path` without the slashes at its end (a loop: `/\/+$/` is quadratic on `//…//x`). */
function withoutTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path.charCodeAt(end - 1) === 0x2f) end--;
  return path.slice(0, end);
}

/** The error-handling middleware: logs what is unexpected, answers in the right form. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error, request, response, _next) => {
    const failure = toHttpError(error);
    if (failure.status >= 500) {
      log({
        event: 'error',
        method: request.method,
        path: request.originalUrl.split('?')[0],
        message: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? error.stack : undefined,
      });
    }
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.status(failure.status);
    if (failure.status === 503) response.set('Retry-After', RETRY_AFTER_SECONDS);
    const { status: _status, ...body } = failure;
    if (wantsJson(request)) response.json({ error: body });
    else response.render('error', { title: pageTitle(failure.status), error: failure, query: '' });
  };
}

const PAGE_TITLES: Record<number, string> = {
  404: 'Not found',
  405: 'Method not allowed',
  413: 'Request too large',
  414: 'Address too long',
  429: 'Too many requests',
  500: 'Something went wrong',
  503: 'Busy right now',
};

/** What a 503 (a search stopped or refused under load) tells the client to wait. */
const RETRY_AFTER_SECONDS = '1';

function pageTitle(status: number): string {
  return PAGE_TITLES[status] ?? 'Bad request';
}
