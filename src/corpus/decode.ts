/**
 * Bytes → text: gzip undone, binary files refused, UTF-8 with a
 * Windows-1252 fallback for files that are not valid UTF-8, BOM removed.
 */
import { gunzipSync } from 'node:zlib';
import { describeError } from '../errors.ts';
import type { ParseProblem } from '../types.ts';

export type Encoding = 'utf-8' | 'windows-1252';

export type DecodeResult =
  | { ok: true; text: string; encoding: Encoding }
  | { ok: false; problem: ParseProblem };

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const windows1252 = new TextDecoder('windows-1252');
/**
 * Windows-1252 characters of bytes 0x80–0x9F (WHATWG index). Node 20's TextDecoder decodes
 * those bytes as Latin-1 C1 controls (nodejs/node#56542), which would lose `€`, `’`, `“`.
 */
const WINDOWS_1252_C1 =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';
const C1_RANGE = /[\u0080-\u009f]/g;
const windows1252Char = (c1: string): string => WINDOWS_1252_C1.charAt(c1.charCodeAt(0) - 0x80);
/** How much of a file is inspected for binary content. */
const SNIFF_BYTES = 8192;
/** Share of control bytes above which a file counts as binary. */
const MAX_CONTROL_RATIO = 0.1;
/** A gzip member ends with CRC-32 and the input size, 4 bytes each. */
const GZIP_TRAILER_BYTES = 8;
/** Bounds of gunzip's output buffer (zlib's default is 16 KiB). */
const MIN_GUNZIP_CHUNK = 16 * 1024;
const MAX_GUNZIP_CHUNK = 64 * 1024 * 1024;

/** Decode one corpus file's bytes; `gzipped` when its name ends in `.gz`. */
export function decodeBytes(bytes: Uint8Array, gzipped: boolean): DecodeResult {
  let data = bytes;
  if (gzipped) {
    try {
      data = gunzipSync(bytes, { chunkSize: gunzipChunkSize(bytes) });
    } catch (error) {
      return fail('unreadable', `not valid gzip: ${describeError(error)}`);
    }
  }
  if (looksBinary(data)) return fail('binary', 'binary content (NUL or control bytes), not text');
  try {
    return { ok: true, text: utf8.decode(data), encoding: 'utf-8' };
  } catch {
    const text = windows1252.decode(stripBom(data)).replace(C1_RANGE, windows1252Char);
    return { ok: true, text, encoding: 'windows-1252' };
  }
}

/**
 * Output buffer size for gunzip: the size the gzip trailer states (of its last
 * member, mod 2^32) plus a little, so a one-member file inflates into a single
 * buffer instead of many 16 KiB pieces joined at the end (half the time on a
 * 25 MB file). Only a hint, bounded: a wrong trailer costs speed, never output.
 */
function gunzipChunkSize(bytes: Uint8Array): number {
  const end = bytes.length;
  if (end < GZIP_TRAILER_BYTES) return MIN_GUNZIP_CHUNK;
  const stated = new DataView(bytes.buffer, bytes.byteOffset + end - 4, 4).getUint32(0, true);
  return Math.min(Math.max(stated + 64, MIN_GUNZIP_CHUNK), MAX_GUNZIP_CHUNK);
}

/** A NUL byte, or many control bytes, in the first few kilobytes. */
export function looksBinary(data: Uint8Array): boolean {
  const end = Math.min(data.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < end; i++) {
    const byte = data[i] ?? 0;
    if (byte === 0) return true;
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control++;
  }
  return end > 0 && control / end > MAX_CONTROL_RATIO;
}

/** Drops a UTF-8 BOM's bytes: Windows-1252 would decode them as `ï»¿`, never as U+FEFF. */
function stripBom(data: Uint8Array): Uint8Array {
  return data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? data.subarray(3) : data;
}

function fail(kind: ParseProblem['kind'], reason: string): DecodeResult {
  return { ok: false, problem: { kind, reason } };
}
