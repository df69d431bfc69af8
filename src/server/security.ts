/**
 * Security headers through helmet, with a Content-Security-Policy the pages
 * satisfy: scripts, styles and images only from this site, no inline script
 * or style, no frames, forms only to this site. Our policy is the same for
 * every request, so helmet runs once, on a stand-in response, and each
 * response gets the headers it set (instead of helmet's twelve middlewares).
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
} as const;

/**
 * helmet with our policy; HSTS is left to the TLS proxy in front (newsdesk speaks plain HTTP).
 * X-Frame-Options says DENY, as `frame-ancestors 'none'` does, for browsers without CSP 2.
 */
export function securityHeaders(): RequestHandler {
  const headers = securityHeaderList();
  return (_request, response, next) => {
    for (const [name, value] of headers) response.setHeader(name, value);
    next();
  };
}

/** The headers helmet sets with our policy, in its order and spelling. */
export function securityHeaderList(): readonly (readonly [string, string])[] {
  const headers: [string, string][] = [];
  const request = new IncomingMessage(new Socket());
  const response = new (class extends ServerResponse {
    override setHeader(name: string, value: number | string | readonly string[]): this {
      headers.push([name, String(value)]);
      return super.setHeader(name, value);
    }
  })(request);
  let failure: unknown;
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...CONTENT_SECURITY_POLICY } },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
  })(request, response, (error?: unknown) => {
    failure = error;
  });
  if (failure !== undefined) throw failure;
  return headers;
}
