/**
 * Content codings for the fast path's answers, chosen as the `compression`
 * middleware chooses them (its Negotiator rules: the client's highest `q`,
 * ties to br, then gzip), and applied only where they pay: to bodies of at
 * least `COMPRESS_THRESHOLD` bytes, at fast settings. Runs wherever an answer
 * is encoded: on a search worker for searches, pages and articles.
 */
import { brotliCompressSync, constants, deflateSync, gzipSync } from 'node:zlib';

/** A content coding the server applies. */
export type ContentCoding = 'br' | 'gzip' | 'deflate';

/**
 * Smallest body compressed, in bytes: the `compression` middleware's default
 * (healthz, stats and suggestions stay plain).
 */
export const COMPRESS_THRESHOLD = 1024;

/**
 * Fast settings. On a search's JSON (12 KB) and a results page (18 KB) here,
 * brotli 1 takes 61-86 µs where the middleware's brotli 4 took 276-390 µs, and
 * gzip 1 91-143 µs where gzip 6 took 180-280 µs, for output 10-17 % larger
 * (3.7 KB instead of 3.2 KB for the JSON): a few hundred bytes, less than a
 * packet, for a fifth to a half of the CPU on every answer.
 */
const BROTLI_QUALITY = 1;
const ZLIB_LEVEL = 1;

/** The codings offered, in the order a tie goes to (the middleware's). */
const OFFERED = ['br', 'gzip', 'deflate', 'identity'] as const;
const PREFERRED: readonly string[] = ['br', 'gzip'];

type Offered = (typeof OFFERED)[number];

/** One entry of an Accept-Encoding header: its coding, `q` and position. */
interface Accepted {
  coding: string;
  q: number;
  at: number;
}

/** How well an accepted entry fits an offered coding (Negotiator's priority). */
interface Fit {
  coding: Offered;
  /** 1 when named exactly, 0 through `*`. */
  exact: number;
  q: number;
  /** Position of the entry in the header (-1: none). */
  at: number;
  /** Position of the coding in `OFFERED`. */
  offered: number;
}

const ENTRY = /^\s*([^\s;]+)\s*(?:;(.*))?$/;

/**
 * The coding to send for a request's `Accept-Encoding`, or undefined for none:
 * no header, identity preferred, or nothing acceptable.
 * @example negotiateCoding('gzip, deflate, br') // 'br'
 */
export function negotiateCoding(header: string | undefined): ContentCoding | undefined {
  if (!header) return undefined;
  const accepted = parseAcceptEncoding(header);
  const fits = OFFERED.map((coding, offered) => bestFit(coding, offered, accepted)).filter(
    (fit) => fit.q > 0,
  );
  const chosen = fits.sort(compareFits)[0]?.coding;
  return chosen === undefined || chosen === 'identity' ? undefined : chosen;
}

function parseAcceptEncoding(header: string): Accepted[] {
  const parts = header.split(',');
  const accepted: Accepted[] = [];
  let identityNamed = false;
  let lowest = 1;
  parts.forEach((part, at) => {
    const match = ENTRY.exec(part.trim());
    const coding = match?.[1];
    if (coding === undefined) return;
    const entry = { coding, q: quality(match?.[2]), at };
    accepted.push(entry);
    identityNamed ||= matches('identity', entry) !== undefined;
    lowest = Math.min(lowest, entry.q || 1);
  });
  // identity, when not named (nor `*`), is acceptable at the lowest q named.
  if (!identityNamed) accepted.push({ coding: 'identity', q: lowest, at: parts.length });
  return accepted;
}

function quality(parameters: string | undefined): number {
  for (const parameter of parameters?.split(';') ?? []) {
    const [name, value] = parameter.trim().split('=');
    if (name === 'q') return Number.parseFloat(value ?? '');
  }
  return 1;
}

function matches(coding: string, entry: Accepted): { exact: number } | undefined {
  if (entry.coding.toLowerCase() === coding) return { exact: 1 };
  return entry.coding === '*' ? { exact: 0 } : undefined;
}

function bestFit(coding: Offered, offered: number, accepted: readonly Accepted[]): Fit {
  let best: Fit = { coding, exact: 0, q: 0, at: -1, offered };
  for (const entry of accepted) {
    const match = matches(coding, entry);
    if (!match) continue;
    const fit = { coding, exact: match.exact, q: entry.q, at: entry.at, offered };
    if ((best.exact - fit.exact || best.q - fit.q || best.at - fit.at) < 0) best = fit;
  }
  return best;
}

function compareFits(a: Fit, b: Fit): number {
  if (a.q !== b.q) return b.q - a.q;
  const aPreferred = PREFERRED.indexOf(a.coding);
  const bPreferred = PREFERRED.indexOf(b.coding);
  if (aPreferred === -1 && bPreferred === -1) {
    return b.exact - a.exact || a.at - b.at || a.offered - b.offered;
  }
  if (aPreferred !== -1 && bPreferred !== -1) return aPreferred - bPreferred;
  return aPreferred === -1 ? 1 : -1;
}

/**
 * `body` in `coding`, when it is large enough to pay; otherwise as it is. A
 * compressed body comes in a buffer of its own size (zlib hands back a view
 * of its 16 KiB output chunk), so a worker can transfer it instead of
 * cloning the whole chunk, and a cache keeps no more than it counts.
 */
export function encodeBody(
  body: Uint8Array,
  coding: ContentCoding | undefined,
): { body: Uint8Array; coding?: ContentCoding } {
  if (coding === undefined || body.byteLength < COMPRESS_THRESHOLD) return { body };
  return { body: ownSize(compressed(body, coding)), coding };
}

function compressed(body: Uint8Array, coding: ContentCoding): Uint8Array {
  switch (coding) {
    case 'br':
      return brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
        },
      });
    case 'gzip':
      return gzipSync(body, { level: ZLIB_LEVEL });
    case 'deflate':
      return deflateSync(body, { level: ZLIB_LEVEL });
  }
}

/** `bytes` in a buffer of exactly their size (a copy when they view a larger one). */
export function ownSize(bytes: Uint8Array): Uint8Array {
  const whole = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength;
  return whole ? bytes : new Uint8Array(bytes);
}
