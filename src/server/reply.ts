/**
 * A finished answer: its type and body bytes, already encoded (and compressed
 * where that pays) wherever it was made, so that the thread serving HTTP only
 * writes it. Search answers and pages are made on a search worker and cross to
 * the main thread as bytes, transferred rather than copied.
 */
import type { ServerResponse } from 'node:http';
import { type ContentCoding, encodeBody } from './encoding.ts';

/** What Express's `res.json` and `res.render` send. */
export const JSON_TYPE = 'application/json; charset=utf-8';
export const HTML_TYPE = 'text/html; charset=utf-8';

export interface Reply {
  /** The Content-Type header. @example 'application/json; charset=utf-8' */
  type: string;
  /** The body as sent (compressed when `coding` is set). */
  body: Uint8Array;
  /** The body's Content-Encoding, when compressed. */
  coding?: ContentCoding;
  /** Bytes before compression: what a HEAD request is told (Content-Length). */
  length: number;
  /**
   * False when the reply must not be answered again from the reply cache
   * (a search cut short by its time budget).
   */
  cacheable?: false;
  /** Set on a reply answered from the reply cache: sent as `X-Cache: HIT`. */
  cached?: true;
}

/** `text` as a reply of `type`, compressed in `coding` when it is large enough. */
export function textReply(text: string, type: string, coding?: ContentCoding): Reply {
  const plain = new TextEncoder().encode(text);
  return { type, length: plain.byteLength, ...encodeBody(plain, coding) };
}

/** `value` as a JSON reply, as `res.json` encodes it. */
export function jsonReply(value: unknown, coding?: ContentCoding): Reply {
  return textReply(JSON.stringify(value), JSON_TYPE, coding);
}

/**
 * The ArrayBuffers a reply's body can be moved in (none when the body is a
 * view of a larger or shared buffer, such as Node's pool: that one is copied).
 */
export function transferable(reply: Reply): ArrayBuffer[] {
  const { buffer, byteOffset, byteLength } = reply.body;
  const whole = buffer instanceof ArrayBuffer && byteOffset === 0;
  return whole && buffer.byteLength === byteLength ? [buffer] : [];
}

/**
 * Write `reply` with status 200 and `headers` (security, CORS), plus its own:
 * type, length, coding, `X-Cache` (HIT when it came from the reply cache) and
 * `Vary: Accept-Encoding` (as the compression middleware adds to every
 * compressible answer). HEAD gets the headers only.
 */
export function writeReply(
  response: ServerResponse,
  reply: Reply,
  headers: readonly (readonly [string, string])[],
  head: boolean,
): void {
  for (const [name, value] of headers) response.setHeader(name, value);
  response.setHeader('Content-Type', reply.type);
  response.setHeader('X-Cache', reply.cached ? 'HIT' : 'MISS');
  appendVary(response, 'Accept-Encoding');
  if (head) {
    response.setHeader('Content-Length', reply.length);
    response.end();
    return;
  }
  if (reply.coding) response.setHeader('Content-Encoding', reply.coding);
  response.setHeader('Content-Length', reply.body.byteLength);
  response.end(reply.body);
}

/** Add `field` to the Vary header unless it is there already. */
function appendVary(response: ServerResponse, field: string): void {
  const vary = response.getHeader('Vary');
  if (vary === undefined) {
    response.setHeader('Vary', field);
    return;
  }
  const fields = String(vary)
    .split(',')
    .map((item) => item.trim().toLowerCase());
  if (!fields.includes(field.toLowerCase()) && !fields.includes('*')) {
    response.setHeader('Vary', `${String(vary)}, ${field}`);
  }
}
