/**
 * Security headers through helmet, with a Content-Security-Policy the pages
 * satisfy: scripts, styles and images only from this site, no inline script
 * or style, no frames, forms only to this site.
 */
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
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives: { ...CONTENT_SECURITY_POLICY } },
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
  });
}
