/**
 * One article's headline-then-body stream as near-duplicate detection reads
 * it: one 32-bit hash of each term's text per word position. Hashing the
 * text, not a term id, gives the same stream whichever term table (segment)
 * analyzed the article, so an article's shingles never depend on the build.
 *
 * The stream is the one `textStreams` reads back from the postings: at a
 * position held by several terms (a compound and its first part) the term
 * that sorts first by UTF-16 code units is kept (the lowest id of a sorted
 * term table), and positions that hold no term are squeezed out.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import { eachToken } from '../analysis/tokenize.ts';
import type { Postings } from './postings.ts';
import { mix32, type TermStreams, textStreams } from './shingles.ts';

/** An article's term hashes in reading order; the first `headlineLength` are its headline's. */
export interface ArticleStream {
  hashes: Uint32Array;
  headlineLength: number;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * The 32-bit hash of a term's text: FNV-1a over its UTF-16 code units, then
 * MurmurHash3's finaliser so every bit of the text moves every bit.
 * @example termHash('oil') === termHash('oil')
 */
export function termHash(term: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), FNV_PRIME);
  return mix32(h);
}

/** The term hash of each term of a term table, by id. */
export function termHashes(terms: readonly string[]): Uint32Array {
  const hashes = new Uint32Array(terms.length);
  for (let id = 0; id < terms.length; id++) hashes[id] = termHash(terms[id] ?? '');
  return hashes;
}

/**
 * Every article's stream read back from the postings, with term hashes in
 * place of term ids: the whole-corpus streams near-duplicate detection reads.
 */
export function hashedStreams(postings: Postings): TermStreams {
  const streams = textStreams(postings);
  const hashes = termHashes(postings.terms);
  const { terms } = streams;
  for (let at = 0; at < terms.length; at++) terms[at] = hashes[terms[at] ?? 0] ?? 0;
  return streams;
}

/**
 * The stream of one article from its headline and body text, exactly as
 * `hashedStreams` reads it from an index built with the same analyzer.
 */
export function termStreamOfText(analyzer: Analyzer, title: string, body: string): ArticleStream {
  const builder = createStreamBuilder();
  const addTerm = (word: string, _start: number, _end: number, position: number): void => {
    builder.add(position, analyzer.term(word));
  };
  eachToken(title, addTerm);
  builder.endHeadline();
  eachToken(body, addTerm);
  return builder.finish();
}

/**
 * Builds article streams from the terms a token loop already has (so a
 * segment writer need not tokenize twice): `add` each headline term, then
 * `endHeadline`, each body term, then `finish`. Reusable for the next article.
 * @example
 * const builder = createStreamBuilder();
 * builder.add(0, 'oil'); builder.endHeadline(); builder.add(0, 'crude');
 * builder.finish(); // { hashes: [termHash('oil'), termHash('crude')], headlineLength: 1 }
 */
export interface StreamBuilder {
  /** The term at a word position of the current field ('' makes no term). */
  add(position: number, term: string): void;
  /** Ends the headline: what follows is the body. */
  endHeadline(): void;
  /** The stream (all of it headline when `endHeadline` was not called); starts the next. */
  finish(): ArticleStream;
}

export function createStreamBuilder(): StreamBuilder {
  let lowest: (string | undefined)[] = [];
  let hashes: number[] = [];
  let headlineLength = -1;
  /** The field's lowest term at each position that holds one, hashed, in position order. */
  const endField = (): void => {
    for (const term of lowest) if (term !== undefined) hashes.push(termHash(term));
    lowest = [];
  };
  return {
    add: (position, term) => {
      if (term === '') return;
      while (lowest.length <= position) lowest.push(undefined);
      const held = lowest[position];
      if (held === undefined || term < held) lowest[position] = term;
    },
    endHeadline: () => {
      endField();
      headlineLength = hashes.length;
    },
    finish: () => {
      endField();
      const stream = {
        hashes: Uint32Array.from(hashes),
        headlineLength: headlineLength < 0 ? hashes.length : headlineLength,
      };
      hashes = [];
      headlineLength = -1;
      return stream;
    },
  };
}

/** One article's stream seen as the streams of a corpus of one article (article 0). */
export function singleStream(stream: ArticleStream): TermStreams {
  return {
    starts: Uint32Array.of(0, stream.hashes.length),
    terms: stream.hashes,
    headlineLengths: Uint32Array.of(stream.headlineLength),
  };
}

/**
 * `createStreamBuilder` for a token loop that has term ids of one term table
 * (a segment writer's): positions hold ids in typed arrays, each term is
 * hashed once for the whole table, and terms are compared as text only when
 * two share a position. `termOf(id)` is the table's term for an id.
 * @example
 * const builder = createIdStreamBuilder((id) => table.term(id));
 * builder.add(0, id); builder.endHeadline(); builder.finish();
 */
export interface IdStreamBuilder {
  /** Term `id` at a word position of the current field. */
  add(position: number, id: number): void;
  endHeadline(): void;
  finish(): ArticleStream;
}

/** Each term id's `termHash`, computed on first use. */
class TermHashCache {
  private hashes = new Uint32Array(1024);
  private known = new Uint8Array(1024);

  constructor(private readonly termOf: (id: number) => string) {}

  of(id: number): number {
    if (id >= this.known.length) this.grow(Math.max(id + 1, this.known.length * 2));
    if (this.known[id] === 0) {
      this.hashes[id] = termHash(this.termOf(id));
      this.known[id] = 1;
    }
    return this.hashes[id] ?? 0;
  }

  private grow(size: number): void {
    const hashes = new Uint32Array(size);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const known = new Uint8Array(size);
    known.set(this.known);
    this.known = known;
  }
}

export function createIdStreamBuilder(termOf: (id: number) => string): IdStreamBuilder {
  const EMPTY = -1;
  let slots = new Int32Array(1024).fill(EMPTY);
  let used = 0;
  const hashes = new TermHashCache(termOf);
  let out = new Uint32Array(1024);
  let length = 0;
  let headlineLength = -1;
  const endField = (): void => {
    if (length + used > out.length) {
      const grown = new Uint32Array(Math.max(out.length * 2, length + used));
      grown.set(out.subarray(0, length));
      out = grown;
    }
    for (let at = 0; at < used; at++) {
      const id = slots[at] ?? EMPTY;
      if (id !== EMPTY) out[length++] = hashes.of(id);
    }
    slots.fill(EMPTY, 0, used);
    used = 0;
  };
  return {
    add: (position, id) => {
      if (position >= slots.length) {
        const grown = new Int32Array(Math.max(position + 1, slots.length * 2)).fill(EMPTY);
        grown.set(slots.subarray(0, used));
        slots = grown;
      }
      if (position >= used) used = position + 1;
      const held = slots[position] ?? EMPTY;
      if (held === EMPTY || (held !== id && termOf(id) < termOf(held))) slots[position] = id;
    },
    endHeadline: () => {
      endField();
      headlineLength = length;
    },
    finish: () => {
      endField();
      const stream = {
        hashes: out.slice(0, length),
        headlineLength: headlineLength < 0 ? length : headlineLength,
      };
      length = 0;
      headlineLength = -1;
      return stream;
    },
  };
}
