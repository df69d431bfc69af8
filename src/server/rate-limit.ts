/**
 * Per-client rate limiting for the JSON API (express-rate-limit). Clients are
 * told where they stand in the standard `RateLimit` and `RateLimit-Policy`
 * headers (IETF draft 8); a refused request goes to the app's error handler
 * as RATE_LIMITED (429, with `Retry-After`).
 *
 * A client is its address as Express sees it (`request.ip`, IPv6 grouped by
 * /56 network). `trust proxy` stays off, so `X-Forwarded-For` is ignored:
 * behind a reverse proxy every client shares the proxy's address, and the
 * limit belongs in the proxy.
 */
import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { describeError, NewsdeskError } from '../errors.ts';
import type { Logger } from '../logger.ts';

export interface RateLimitOptions {
  /**
   * Requests one client may make to the API per window; the next is refused with 429.
   * @example 600
   */
  limit: number;
  /**
   * The window, in milliseconds; each client's count starts over when its window ends.
   * @example 60_000
   */
  windowMs: number;
}

/** What `newsdesk serve` applies when it serves other machines: 600 requests a minute. */
export const DEFAULT_RATE_LIMIT: Readonly<RateLimitOptions> = Object.freeze({
  limit: 600,
  windowMs: 60_000,
});

/** Middleware limiting each client to `options.limit` requests per window. */
export function apiRateLimit(options: RateLimitOptions, log: Logger): RequestHandler {
  const { limit, windowMs } = options;
  return rateLimit({
    limit,
    windowMs,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_request, response, next) => {
      const wait = response.getHeader('Retry-After');
      next(
        new NewsdeskError(
          'RATE_LIMITED',
          `too many API requests from this address: at most ${limit} ${per(windowMs)}; try again in ${wait ?? Math.ceil(windowMs / 1000)} s`,
        ),
      );
    },
    // The library's own warnings (a proxy header it ignores, say) go to the JSON log.
    logger: {
      warn: (error) => log({ event: 'rate-limit-warning', message: describeError(error) }),
      error: (error) => log({ event: 'rate-limit-warning', message: describeError(error) }),
    },
  });
}

/** `a minute`, `per 30 s`: the window in words. */
function per(windowMs: number): string {
  if (windowMs === 60_000) return 'a minute';
  if (windowMs === 1000) return 'a second';
  return `per ${windowMs / 1000} s`;
}
