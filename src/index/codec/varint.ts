/**
 * Variable-byte integers (LEB128, unsigned): seven bits a byte, low bits
 * first, the high bit set on every byte but the last. Small numbers — the
 * gaps between documents and between word positions — take one byte.
 */

/** A growing byte buffer that varints and raw bytes are appended to. */
export class ByteWriter {
  length = 0;
  private bytes: Uint8Array;

  constructor(capacity = 1 << 16) {
    this.bytes = new Uint8Array(Math.max(capacity, 16));
  }

  /** Appends `value` (a whole number from 0 to 2^53 − 1). */
  varint(value: number): void {
    if (this.length + 8 > this.bytes.length) this.grow(8);
    let rest = value;
    while (rest >= 0x80) {
      this.bytes[this.length++] = (rest % 0x80) | 0x80;
      rest = Math.floor(rest / 0x80);
    }
    this.bytes[this.length++] = rest;
  }

  /** Appends raw bytes. */
  append(source: Uint8Array): void {
    if (this.length + source.length > this.bytes.length) this.grow(source.length);
    this.bytes.set(source, this.length);
    this.length += source.length;
  }

  /** The bytes written so far, in a buffer of exactly that size (a copy). */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  /**
   * The bytes written so far, for a writer that is done: its own buffer
   * (a view, no copy) when that is at most an eighth larger, else a copy of
   * exactly that size. A writer sized in advance saves copying its whole
   * output (a splice's hundreds of megabytes).
   */
  take(): Uint8Array {
    if (this.bytes.length - this.length <= this.length / 8)
      return this.bytes.subarray(0, this.length);
    return this.finish();
  }

  private grow(least: number): void {
    let size = this.bytes.length * 2;
    while (size < this.length + least) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
  }
}

/**
 * A read position in a byte array: `varint()` decodes the number at `at` and
 * moves past it; `skip(n)` moves past `n` varints without decoding them.
 */
export class ByteReader {
  bytes: Uint8Array;
  at: number;

  constructor(bytes: Uint8Array, at = 0) {
    this.bytes = bytes;
    this.at = at;
  }

  varint(): number {
    const bytes = this.bytes;
    let byte = bytes[this.at++] ?? 0;
    if (byte < 0x80) return byte;
    let value = byte & 0x7f;
    let scale = 0x80;
    for (;;) {
      byte = bytes[this.at++] ?? 0;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }

  skip(count: number): void {
    const bytes = this.bytes;
    let left = count;
    while (left > 0) {
      if ((bytes[this.at++] ?? 0) < 0x80) left--;
    }
  }
}
