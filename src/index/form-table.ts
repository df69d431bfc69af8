/**
 * Written forms interned by their UTF-16 code units: an open-addressing hash
 * table (`Int32Array` slots) over a `Uint16Array` pool of the forms' characters.
 * A form is looked up straight from a range of a larger text, so a known form
 * costs a hash and a compare, and no string is sliced or allocated.
 */

/** Slots start at this many and double when half are used. */
const INITIAL_SLOTS = 1 << 15;
/** Pool code units to start with; doubles when full. */
const INITIAL_POOL = 1 << 18;
/** Code units per `String.fromCharCode` call when a form is read back (bounds the call's arguments). */
const DECODE_PIECE = 4096;

/**
 * A set of ASCII characters from `' '` (32) to `'?'` (63) that a lookup leaves
 * out of the form (`skipOf(',')`: `2,500` is the form `2500`); 0 leaves none out.
 */
export type SkipSet = number;

/** The skip set of the characters of `chars` (each from `' '` to `'?'`). */
export function skipOf(chars: string): SkipSet {
  let skip = 0;
  for (let i = 0; i < chars.length; i++) skip |= 1 << (chars.charCodeAt(i) - 32);
  return skip;
}

function skips(skip: SkipSet, code: number): boolean {
  return code >= 32 && code < 64 && ((skip >>> (code - 32)) & 1) === 1;
}

/**
 * The hash of the form `text.slice(start, end)` less the characters in `skip`,
 * by its code units (FNV-1a with a final mix): the same for the same form
 * however it is found.
 */
export function hashRange(text: string, start: number, end: number, skip: SkipSet = 0): number {
  let hash = HASH_SEED;
  if (skip === 0) {
    for (let i = start; i < end; i++) hash = hashStep(hash, text.charCodeAt(i));
  } else {
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      if (!skips(skip, code)) hash = hashStep(hash, code);
    }
  }
  return hashFinish(hash);
}

/**
 * A form's hash code unit by code unit, for a caller that reads the units anyway:
 * `hashFinish(hashStep(hashStep(HASH_SEED, 97), 98))` is `hashRange('ab', 0, 2)`.
 */
export const HASH_SEED = 0x811c9dc5 | 0;

/** The hash so far followed by code unit `code`. */
export function hashStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** The hash of a form from the hash of its code units. */
export function hashFinish(hash: number): number {
  const mixed = Math.imul(hash ^ (hash >>> 16), 0x85ebca6b);
  return mixed ^ (mixed >>> 13);
}

/** Int32s per slot: form id + 1 (0: empty), hash, pool start, length. */
const SLOT = 4;

/** Dense ids (0, 1, 2, …) for distinct strings, in the order first seen. */
export class FormTable {
  /** Number of forms. */
  size = 0;
  /**
   * The hash table, `SLOT` int32s a slot, so that a probe reads one record:
   * form id + 1 (0 for an empty slot), hash, where the form's code units start
   * in `pool`, and how many there are.
   */
  private slots = new Int32Array(INITIAL_SLOTS * SLOT);
  /** Slots in the table (a power of two). */
  private capacity = INITIAL_SLOTS;
  /** Form `f`'s code units are `pool[starts[f]]` up to `pool[starts[f + 1]]`. */
  private starts = new Int32Array(INITIAL_SLOTS / 2 + 1);
  private pool = new Uint16Array(INITIAL_POOL);

  /** The id of the form `text.slice(start, end)` (less `skip`), or -1 when it is not in the table. */
  find(text: string, start: number, end: number, skip: SkipSet = 0): number {
    return this.findHashed(hashRange(text, start, end, skip), text, start, end, skip);
  }

  /** `find` given the form's hash (`hashRange(text, start, end, skip)`). */
  findHashed(hash: number, text: string, start: number, end: number, skip: SkipSet = 0): number {
    const slots = this.slots;
    const mask = this.capacity - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * SLOT;
      const entry = slots[at] ?? 0;
      if (entry === 0) return -1;
      if (
        slots[at + 1] === hash &&
        this.equals(slots[at + 2] ?? 0, slots[at + 3] ?? 0, text, start, end, skip)
      ) {
        return entry - 1;
      }
    }
  }

  /** Adds the form `text.slice(start, end)` (less `skip`), not in the table yet; returns its id. */
  add(text: string, start: number, end: number, skip: SkipSet = 0): number {
    const form = this.size;
    if (2 * (form + 1) > this.capacity) this.grow();
    const from = this.starts[form] ?? 0;
    if (from + end - start > this.pool.length) {
      this.pool = enlarged(this.pool, from + end - start, (n) => new Uint16Array(n));
    }
    let to = from;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      if (skip === 0 || !skips(skip, code)) this.pool[to++] = code;
    }
    this.starts[form + 1] = to;
    this.place(form, hashRange(text, start, end, skip), from, to - from);
    this.size = form + 1;
    return form;
  }

  /** The text of form `form`, a new flat string (never a slice of a source text). */
  text(form: number): string {
    const from = this.starts[form] ?? 0;
    const to = this.starts[form + 1] ?? from;
    let text = '';
    for (let at = from; at < to; at += DECODE_PIECE) {
      const piece = this.pool.subarray(at, Math.min(at + DECODE_PIECE, to));
      text += String.fromCharCode.apply(null, piece as unknown as number[]);
    }
    return text;
  }

  /** Whether `pool[from, from + length)` holds `text.slice(start, end)` less `skip`. */
  private equals(
    from: number,
    length: number,
    text: string,
    start: number,
    end: number,
    skip: SkipSet,
  ): boolean {
    const pool = this.pool;
    if (skip === 0) {
      if (length !== end - start) return false;
      for (let i = start, at = from; i < end; i++, at++) {
        if (pool[at] !== text.charCodeAt(i)) return false;
      }
      return true;
    }
    const to = from + length;
    let at = from;
    for (let i = start; i < end; i++) {
      const code = text.charCodeAt(i);
      if (skips(skip, code)) continue;
      if (at === to || pool[at] !== code) return false;
      at++;
    }
    return at === to;
  }

  private place(form: number, hash: number, from: number, length: number): void {
    const slots = this.slots;
    const mask = this.capacity - 1;
    let slot = hash & mask;
    while ((slots[slot * SLOT] ?? 0) !== 0) slot = (slot + 1) & mask;
    const at = slot * SLOT;
    slots[at] = form + 1;
    slots[at + 1] = hash;
    slots[at + 2] = from;
    slots[at + 3] = length;
  }

  private grow(): void {
    const old = this.slots;
    this.capacity *= 2;
    this.slots = new Int32Array(this.capacity * SLOT);
    this.starts = enlarged(this.starts, this.capacity / 2 + 1, (n) => new Int32Array(n));
    for (let at = 0; at < old.length; at += SLOT) {
      const entry = old[at] ?? 0;
      if (entry !== 0) this.place(entry - 1, old[at + 1] ?? 0, old[at + 2] ?? 0, old[at + 3] ?? 0);
    }
  }
}

/** A copy of `array` at least `least` long (doubling). */
function enlarged<T extends Int32Array | Uint16Array>(
  array: T,
  least: number,
  make: (length: number) => T,
): T {
  let length = Math.max(array.length, 1);
  while (length < least) length *= 2;
  const next = make(length);
  next.set(array);
  return next;
}
