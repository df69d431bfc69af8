/**
 * Requests sent as raw bytes to a listening app, so a test controls the exact
 * request line: fetch and supertest normalize or refuse odd URLs (`..`,
 * backslashes, malformed escapes), node:http sends the path as given.
 */
import { Agent, createServer, request as httpRequest, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface RawServer {
  /** Send `method path` (the path exactly as given: it must already be percent-encoded). */
  send(
    path: string,
    options?: { method?: string; headers?: Record<string, string> },
  ): Promise<RawResponse>;
  close(): Promise<void>;
}

/** `app` listening on a free loopback port. */
export async function listenRaw(app: RequestListener): Promise<RawServer> {
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  return {
    send: (path, options = {}) => send(agent, port, path, options),
    close: async () => {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(
  agent: Agent,
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string> },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path,
        agent,
        method: options.method ?? 'GET',
        headers: options.headers,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end();
  });
}

/**
 * `text` made sendable as a request target: every character outside printable
 * ASCII (and `#`) is percent-encoded as UTF-8, a lone surrogate as the three
 * bytes it would take (`%ED%A0%80`, not valid UTF-8), and `%`, `&`, `=`, `/`
 * are left alone so malformed escapes and separators reach the server as written.
 */
export function rawEncode(text: string): string {
  return encodeEach(text, (code) => code > 0x20 && code < 0x7f && code !== 0x23);
}

/** `text` as one query value or path segment: everything but `A-Z a-z 0-9 - _ . ~` encoded. */
export function percentEncode(text: string): string {
  return encodeEach(text, (code) => UNRESERVED.test(String.fromCharCode(code)));
}

const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;

function encodeEach(text: string, keep: (code: number) => boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80 && keep(code)) out += text.charAt(i);
    else if (code >= 0xd800 && code <= 0xdbff && isLow(text.charCodeAt(i + 1))) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      out += bytes([0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]);
    } else out += encodeURIComponent(text.charAt(i));
  }
  return out;
}

function isLow(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function bytes(values: readonly number[]): string {
  return values.map((value) => `%${value.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
