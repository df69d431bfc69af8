/**
 * Listening and stopping: `listen` binds the app (refusing clearly when the
 * address is taken), `shutdown` stops taking connections, lets requests in
 * flight finish within a grace period, then closes what is left.
 */
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeError, NewsdeskError } from '../errors.ts';

export interface ListenOptions {
  /** @example 3000 (0 picks a free port) */
  port: number;
  /** @example '127.0.0.1' */
  host: string;
}

/** Timeouts that keep slow or idle clients from holding connections. */
const REQUEST_TIMEOUT_MS = 30_000;
const HEADERS_TIMEOUT_MS = 15_000;
const KEEP_ALIVE_TIMEOUT_MS = 5_000;

/** Start an HTTP server for `app`; resolves once it listens. */
export function listen(app: RequestListener, options: ListenOptions): Promise<Server> {
  const server = createServer(
    { requestTimeout: REQUEST_TIMEOUT_MS, headersTimeout: HEADERS_TIMEOUT_MS },
    app,
  );
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    server.once('error', (error) => {
      reject(
        new NewsdeskError(
          'LISTEN_FAILED',
          `cannot listen on ${options.host}:${options.port}: ${describeError(error)}`,
          { cause: error, parameter: 'port' },
        ),
      );
    });
    server.listen(options.port, options.host, () => resolve(server));
  });
}

/** The URL a listening server answers on. */
export function serverUrl(server: Server): string {
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}/`;
}

/** Stop accepting, finish requests in flight (up to `graceMs`), then close every connection. */
export function shutdown(server: Server, graceMs = 10_000): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    force.unref();
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
