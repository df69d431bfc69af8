/**
 * Evaluate plan nodes into sorted match lists (documents ascending, with
 * scores): words accumulate BM25+ over their terms and fields, phrases check
 * word positions, `any` unites, `all` intersects, and in both a `not`
 * subtracts. Which documents match never depends on their scores.
 */
import type { NewsIndex } from '../../index/build.ts';
import { allDocIds, decodePostings } from '../../index/codec/doc-ids.ts';
import {
  type FieldEntry,
  fieldEntries,
  fieldEntry,
  indexOfSorted,
  type Postings,
  PostingsCursor,
} from '../../index/postings.ts';
import type { PhrasePlan, PlanNode, WordPlan } from '../../query/plan.ts';
import type { BlockBounds } from '../ranking/block-bounds.ts';
import {
  type BM25Params,
  fieldLengthOf,
  frequencyWeight,
  inverseDocumentFrequency,
} from '../ranking/score.ts';

/** Documents (ascending) and their scores. */
export interface Matches {
  docs: Uint32Array;
  scores: Float64Array;
}

export interface ClauseContext {
  index: NewsIndex;
  /** Per field id. */
  boosts: readonly number[];
  bm25: BM25Params;
  /** A zeroed array with one slot per document; left zeroed after each use. */
  scratch: Float64Array;
  /** Per-block score maxima of the postings under `bm25`, computed on first use. */
  bounds: BlockBounds;
}

const EMPTY: Matches = { docs: new Uint32Array(0), scores: new Float64Array(0) };

/** The documents matching `node`, with scores. */
export function evaluate(node: PlanNode, context: ClauseContext): Matches {
  switch (node.kind) {
    case 'word':
      return evaluateWord(node, context);
    case 'phrase':
      return evaluatePhrase(node, context);
    case 'any':
    case 'all':
      return evaluateGroup(node.kind, node.children, context);
    case 'not':
      return evaluateGroup('all', [node], context);
  }
}

/**
 * A group: its clauses intersected (`all`) or united (`any`), then its
 * exclusions taken away. A group of exclusions alone starts from every
 * document; in an `all` group, stop words are optional beside other clauses.
 */
function evaluateGroup(
  kind: 'all' | 'any',
  children: readonly PlanNode[],
  context: ClauseContext,
): Matches {
  const { positive, negative } = split(children);
  const kept = kind === 'all' ? withoutOptionalStops(positive) : positive;
  const lists = kept.map((child) => evaluate(child, context));
  const base =
    lists.length === 0
      ? everyDocument(context.index.store.count)
      : kind === 'all'
        ? lists.reduce(intersect)
        : unite(lists);
  if (negative.length === 0) return base;
  return subtract(base, unite(negative.map((child) => evaluate(child, context))));
}

/** The clauses of a group, and the ones it excludes. */
export function split(children: readonly PlanNode[]): {
  positive: PlanNode[];
  negative: PlanNode[];
} {
  return {
    positive: children.filter((child) => child.kind !== 'not'),
    negative: children.flatMap((child) => (child.kind === 'not' ? [child.child] : [])),
  };
}

/** A stop word (`the`, `of`) is optional beside other clauses; a group of stop words needs them all. */
export function withoutOptionalStops(clauses: readonly PlanNode[]): PlanNode[] {
  const isStop = (node: PlanNode) => node.kind === 'word' && node.stop;
  return clauses.every(isStop) ? [...clauses] : clauses.filter((node) => !isStop(node));
}

function everyDocument(count: number): Matches {
  return { docs: allDocIds(count), scores: new Float64Array(count) };
}

/** BM25+ of each of the word's terms in each of its fields, summed per document. */
export function evaluateWord(word: WordPlan, context: ClauseContext): Matches {
  const { postings } = context.index;
  const wanted = new Set(word.fields);
  const weighted: { entry: FieldEntry; weight: number }[] = [];
  for (const term of word.terms) {
    for (const entry of fieldEntries(postings, term.id)) {
      if (!wanted.has(entry.field)) continue;
      weighted.push({ entry, weight: term.weight * (context.boosts[entry.field] ?? 1) });
    }
  }
  const most = weighted.reduce((longest, { entry }) => Math.max(longest, entry.count), 0);
  const total = weighted.reduce((sum, { entry }) => sum + entry.count, 0);
  // Many postings: the documents are swept from the marks at the end, not listed as touched.
  const touched = new Touched(total * SWEEP_SHARE >= postings.documentCount);
  const docs = new Uint32Array(most);
  const frequencies = new Uint32Array(most);
  for (const { entry, weight } of weighted) {
    const n = decodePostings(postings, entry, docs, frequencies);
    accumulate(postings, entry, weight, context, touched, docs.subarray(0, n), frequencies);
  }
  return drain(touched, context);
}

/** Postings, against the documents, at and over which touched documents are swept, not listed. */
const SWEEP_SHARE = 8;

/** The documents a clause touched: listed, or only counted when they will be swept from the marks. */
class Touched {
  readonly docs: number[] = [];
  count = 0;
  constructor(readonly sweeping: boolean) {}
}

function accumulate(
  postings: Postings,
  entry: FieldEntry,
  weight: number,
  context: ClauseContext,
  touched: Touched,
  docs: Uint32Array,
  frequencies: Uint32Array,
): void {
  const { scratch, bm25 } = context;
  const marks = context.index.workspace.scratchMarks;
  const idf = inverseDocumentFrequency(postings.documentCount, entry.count);
  const average = postings.averageFieldLength[entry.field] ?? 1;
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] ?? 0;
    const length = fieldLengthOf(postings, doc, entry.field);
    const score = weight * idf * frequencyWeight(frequencies[i] ?? 0, length, average, bm25);
    touch(marks, doc, touched);
    scratch[doc] = (scratch[doc] ?? 0) + score;
  }
}

/** Marks `doc` as matched, once: matching never depends on a score (a boost of 0 scores 0). */
function touch(marks: Uint8Array, doc: number, touched: Touched): void {
  if (marks[doc] !== 0) return;
  marks[doc] = 1;
  touched.count++;
  if (!touched.sweeping) touched.docs.push(doc);
}

/**
 * Collects the touched documents in order and zeroes the scratch arrays again:
 * sorting a few, or sweeping the whole marks array when many were touched.
 */
function drain(touched: Touched, context: ClauseContext): Matches {
  const { scratch } = context;
  const marks = context.index.workspace.scratchMarks;
  const docs = new Uint32Array(touched.count);
  const scores = new Float64Array(touched.count);
  if (!touched.sweeping && touched.count * 8 < marks.length) {
    docs.set(touched.docs);
    docs.sort();
  } else {
    let i = 0;
    for (let doc = 0; i < docs.length && doc < marks.length; doc++)
      if (marks[doc] !== 0) docs[i++] = doc;
  }
  for (let i = 0; i < docs.length; i++) {
    const doc = docs[i] ?? 0;
    scores[i] = scratch[doc] ?? 0;
    scratch[doc] = 0;
    marks[doc] = 0;
  }
  return { docs, scores };
}

/** Documents where the phrase's words stand next to each other, in order, in one field. */
export function evaluatePhrase(phrase: PhrasePlan, context: ClauseContext): Matches {
  const { postings } = context.index;
  if (phrase.words.some((word) => word.terms.length === 0)) return EMPTY;
  const byField = phrase.fields.map((field) => ({
    field,
    entries: phraseEntries(postings, phrase, field),
  }));
  // The rarest word's documents bound the matches: many are swept from the marks, not listed.
  const most = byField.reduce((sum, { entries }) => sum + (entries?.[0]?.entry.count ?? 0), 0);
  const touched = new Touched(most * SWEEP_SHARE >= postings.documentCount);
  for (const { field, entries } of byField) {
    if (!entries) continue;
    const idf = entries.reduce(
      (sum, { entry }) => sum + inverseDocumentFrequency(postings.documentCount, entry.count),
      0,
    );
    const weight = idf * (context.boosts[field] ?? 1);
    scorePhraseField(postings, entries, field, weight, context, touched);
  }
  return drain(touched, context);
}

interface PhraseWordEntry {
  entry: FieldEntry;
  offset: number;
}

function phraseEntries(
  postings: Postings,
  phrase: PhrasePlan,
  field: number,
): PhraseWordEntry[] | undefined {
  const entries: PhraseWordEntry[] = [];
  for (const word of phrase.words) {
    const id = word.terms[0]?.id;
    const entry = id === undefined ? undefined : fieldEntry(postings, id, field);
    if (!entry) return undefined;
    entries.push({ entry, offset: word.offset });
  }
  // Walk the rarest word's documents, look the others up.
  return entries.sort((a, b) => a.entry.count - b.entry.count);
}

function scorePhraseField(
  postings: Postings,
  entries: PhraseWordEntry[],
  field: number,
  weight: number,
  context: ClauseContext,
  touched: Touched,
): void {
  const [rarest, ...others] = entries.map((word) => ({
    cursor: new PostingsCursor(postings, word.entry),
    offset: word.offset,
  }));
  if (!rarest) return;
  const average = postings.averageFieldLength[field] ?? 1;
  while (rarest.cursor.next()) {
    const doc = rarest.cursor.doc;
    const frequency = phraseFrequency(rarest, others, doc);
    if (frequency === 0) continue;
    const length = fieldLengthOf(postings, doc, field);
    touch(context.index.workspace.scratchMarks, doc, touched);
    context.scratch[doc] =
      (context.scratch[doc] ?? 0) +
      weight * frequencyWeight(frequency, length, average, context.bm25);
  }
}

/** One phrase word's cursor over its entry, and its offset in the phrase. */
interface PhraseWordCursor {
  cursor: PostingsCursor;
  offset: number;
}

/**
 * How many times the phrase occurs in `doc` (0 when a word is missing or out
 * of place). The other words' cursors advance to `doc`: documents ascend.
 */
function phraseFrequency(
  rarest: PhraseWordCursor,
  others: readonly PhraseWordCursor[],
  doc: number,
): number {
  for (const { cursor } of others) {
    if (!cursor.advance(doc) || cursor.doc !== doc) return 0;
  }
  const own = rarest.cursor.positions();
  const [only] = others;
  if (others.length === 1 && only) return placesAfter(own, rarest.offset, only);
  const lists = others.map(({ cursor, offset }) => ({ positions: cursor.positions(), offset }));
  let frequency = 0;
  for (const position of own) {
    const start = position - rarest.offset;
    if (lists.every((list) => indexOfSorted(list.positions, start + list.offset) >= 0)) {
      frequency++;
    }
  }
  return frequency;
}

/**
 * Of the rarest word's `own` positions (ascending), how many have the other
 * word at its place: both lists walked once, together.
 */
function placesAfter(own: Uint32Array, offset: number, other: PhraseWordCursor): number {
  const positions = other.cursor.positions();
  const shift = other.offset - offset;
  let frequency = 0;
  let j = 0;
  for (let i = 0; i < own.length; i++) {
    const wanted = (own[i] ?? 0) + shift;
    while (j < positions.length && (positions[j] ?? 0) < wanted) j++;
    if (j === positions.length) break;
    if (positions[j] === wanted) frequency++;
  }
  return frequency;
}

/**
 * Union of match lists, scores summed: sorted lists merged in pairs, so a
 * document is kept whatever its score.
 */
export function unite(lists: readonly Matches[]): Matches {
  if (lists.length === 0) return EMPTY;
  let round = [...lists];
  while (round.length > 1) {
    const next: Matches[] = [];
    for (let i = 0; i < round.length; i += 2) {
      const a = round[i] ?? EMPTY;
      const b = round[i + 1];
      next.push(b ? merge(a, b) : a);
    }
    round = next;
  }
  return round[0] ?? EMPTY;
}

/** Documents in either, scores summed. */
function merge(a: Matches, b: Matches): Matches {
  const docs = new Uint32Array(a.docs.length + b.docs.length);
  const scores = new Float64Array(docs.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.docs.length || j < b.docs.length) {
    const x = a.docs[i] ?? Number.POSITIVE_INFINITY;
    const y = b.docs[j] ?? Number.POSITIVE_INFINITY;
    const doc = Math.min(x, y);
    docs[n] = doc;
    scores[n++] = (x === doc ? (a.scores[i++] ?? 0) : 0) + (y === doc ? (b.scores[j++] ?? 0) : 0);
  }
  return { docs: docs.subarray(0, n), scores: scores.subarray(0, n) };
}

/** Documents in both, scores summed. */
export function intersect(a: Matches, b: Matches): Matches {
  const docs: number[] = [];
  const scores: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.docs.length && j < b.docs.length) {
    const x = a.docs[i] ?? 0;
    const y = b.docs[j] ?? 0;
    if (x === y) {
      docs.push(x);
      scores.push((a.scores[i++] ?? 0) + (b.scores[j++] ?? 0));
    } else if (x < y) i++;
    else j++;
  }
  return { docs: new Uint32Array(docs), scores: new Float64Array(scores) };
}

/** Documents of `a` that are not in `b`. */
export function subtract(a: Matches, b: Matches): Matches {
  const docs: number[] = [];
  const scores: number[] = [];
  let j = 0;
  a.docs.forEach((doc, i) => {
    while (j < b.docs.length && (b.docs[j] ?? 0) < doc) j++;
    if (b.docs[j] !== doc) {
      docs.push(doc);
      scores.push(a.scores[i] ?? 0);
    }
  });
  return { docs: new Uint32Array(docs), scores: new Float64Array(scores) };
}
