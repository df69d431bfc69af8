/**
 * Scores of chosen documents, computed on demand in one ascending pass:
 * words from their postings through cursors (blocks no candidate needs are
 * never decoded), phrases and groups from the scores their matching already
 * computed. Every score is summed in the same order, clause by clause and
 * term by term, as scoring every match would, so it is the same number to
 * the last bit. `bound` gives an upper bound from the block maxima
 * (`block-bounds.ts`) without decoding the long lists, for `top-k.ts` to
 * pass over documents that cannot reach the page.
 */
import { blockLast } from '../../index/codec/blocks.ts';
import {
  type FieldEntry,
  frequenciesIn,
  type Postings,
  PostingsCursor,
} from '../../index/postings.ts';
import type { ClauseContext, Matches } from '../matching/clauses.ts';
import type { CandidateScoring, ClauseScore, ScoredEntry } from './clause-score.ts';
import { fieldLengthOf, frequencyWeight } from './score.ts';

/**
 * An entry is bounded by its block maxima, not decoded to bound, when it has
 * at least this many blocks and holds at least half as many documents as
 * there are candidates; a shorter list is cheaper read whole, and knowing
 * exactly which candidates it holds lets the pass skip from one of them to
 * the next (MaxScore's essential lists). A headline list of a filtered
 * query is short beside its body list: bounded by blocks that span most of
 * the corpus it would lift every candidate's bound above the bar.
 */
const DENSE_BLOCKS = 4;
const DENSE_SHARE = 1 / 2;
/** Blocks of a long list read for the first pass, a batch at a time, at most. */
const SEED_BATCH = 4;
const MOST_SEED_BLOCKS = 256;

/** One entry's cursor, block maxima and the contribution last computed. */
interface EntryState {
  scored: ScoredEntry;
  postings: Postings;
  average: number;
  cursor: PostingsCursor;
  /** Block maxima when the entry is long; undefined: bounded by its exact contribution. */
  maxima: Float32Array | undefined;
  /** The block (absolute index) the bound last looked at. */
  block: number;
  lastDoc: number;
  lastValue: number;
}

/** One eager clause's matches and the read position in them. */
interface EagerState {
  matches: Matches;
  at: number;
}

type ClauseState = { kind: 'lazy'; entries: EntryState[] } | { kind: 'eager'; state: EagerState };

/**
 * Scores for documents asked in ascending order (each at most once scored).
 * @example
 * const pass = new ScorePass(candidates.scoring);
 * for (const doc of docs) if (pass.bound(doc, hits) >= threshold) use(pass.score(doc, hits));
 */
export class ScorePass {
  private readonly clauses: ClauseState[];
  private readonly context: ClauseContext;
  /** How many documents were scored exactly (the rest were passed over on their bounds). */
  scored = 0;

  /** A pass over `candidates` documents at most (which lists count as long depends on it). */
  constructor(
    private readonly scoring: CandidateScoring,
    candidates = Number.POSITIVE_INFINITY,
  ) {
    this.context = scoring.context;
    this.clauses = scoring.clauses.map((clause) => stateOf(clause, scoring.context, candidates));
  }

  /** Every clause scored when matched (a prefix or phrase alone): scoring all is one merge. */
  get eagerOnly(): boolean {
    return this.clauses.every((clause) => clause.kind === 'eager');
  }

  /** The score of `doc`, which matches `hits` required clauses. */
  score(doc: number, hits: number): number {
    this.scored++;
    return this.sum(doc, hits, false);
  }

  /**
   * The scores of `docs` (ascending; `hits[i]` required clauses matched by
   * `docs[i]`), each list read in one forward pass: what `score` gives each,
   * summed in the same order. Independent of the pass's own cursors.
   */
  scoreAll(docs: Uint32Array, hits: ArrayLike<number>): Float64Array {
    this.scored += docs.length;
    const { postings } = this.context.index;
    const total = new Float64Array(docs.length);
    const sum = new Float64Array(docs.length);
    const frequencies = new Uint32Array(docs.length);
    for (const clause of this.clauses) {
      if (clause.kind === 'eager') {
        const { matches } = clause.state;
        // The candidates may be the clause's own matches (a prefix alone): their scores, in order.
        const state = { matches, at: 0 };
        for (let i = 0; i < docs.length; i++) {
          total[i] =
            (total[i] ?? 0) +
            (matches.docs === docs ? (matches.scores[i] ?? 0) : eagerScore(state, docs[i] ?? 0));
        }
        continue;
      }
      sum.fill(0);
      for (const { scored, average } of clause.entries) {
        const { field } = scored.entry;
        frequenciesIn(postings, scored.entry, docs, frequencies);
        for (let i = 0; i < docs.length; i++) {
          const frequency = frequencies[i] ?? 0;
          if (frequency === 0) continue;
          const length = fieldLengthOf(postings, docs[i] ?? 0, field);
          const weight = frequencyWeight(frequency, length, average, this.context.bm25);
          sum[i] = (sum[i] ?? 0) + scored.weight * weight;
        }
      }
      for (let i = 0; i < docs.length; i++) total[i] = (total[i] ?? 0) + (sum[i] ?? 0);
    }
    for (let i = 0; i < docs.length; i++) {
      total[i] = (total[i] ?? 0) * this.coordination(hits[i] ?? 0);
    }
    return total;
  }

  /** An upper bound of `score(doc, hits)`, decoding only the short lists. */
  bound(doc: number, hits: number): number {
    return this.sum(doc, hits, true);
  }

  /**
   * The clauses' weights in `doc` summed in scoring order, times the
   * coordination: exact, or with the long lists `bounded` by their blocks.
   */
  private sum(doc: number, hits: number, bounded: boolean): number {
    let total = 0;
    for (const clause of this.clauses) {
      if (clause.kind === 'eager') {
        total += eagerScore(clause.state, doc);
        continue;
      }
      let sum = 0;
      for (const entry of clause.entries) {
        sum += bounded && entry.maxima ? blockBound(entry, doc) : this.exact(entry, doc);
      }
      total += sum;
    }
    return total * this.coordination(hits);
  }

  /**
   * After `bound(doc)`: the last document up to which no short list or eager
   * clause matches after `doc` and the long lists stay in their current
   * blocks, and the bound of any document in between (at most `required`
   * clauses matched). The end is `doc` when nothing can be said.
   */
  quietAfter(doc: number, threshold: number): { end: number; bound: number } {
    const block = this.quietSpan(doc);
    if (block.bound >= threshold) return block;
    // When the long lists' best blocks anywhere cannot reach the threshold
    // alone, only the short lists' documents can: skip to the next of them.
    const anywhere = this.quietAnywhere(doc, threshold);
    if (anywhere.bound < threshold) return anywhere;
    return this.widen(block, anywhere.end, threshold);
  }

  /**
   * The stretch after `doc` bounded by every list's best weight anywhere
   * (MaxScore): the long lists, and the short lists of the smallest best
   * weights as long as all of those together stay below `threshold` (the
   * non-essential lists); only a match of another short list (an essential
   * one) or of an eager clause ends it.
   */
  private quietAnywhere(doc: number, threshold: number): { end: number; bound: number } {
    const coordination = this.coordination(this.scoring.required);
    // An entry's best weight anywhere: computed on first use, kept by the searcher.
    const ceiling = (entry: EntryState) =>
      entry.scored.weight * this.context.bounds.highest(entry.scored.entry);
    let end = Number.MAX_SAFE_INTEGER;
    let total = 0;
    const short: EntryState[] = [];
    for (const clause of this.clauses) {
      if (clause.kind === 'eager') {
        end = Math.min(end, nextEager(clause.state, doc) - 1);
        continue;
      }
      for (const entry of clause.entries) {
        if (entry.maxima) total += ceiling(entry);
        else short.push(entry);
      }
    }
    short.sort((a, b) => ceiling(a) - ceiling(b));
    for (const entry of short) {
      const best = ceiling(entry);
      if ((total + best) * coordination < threshold) {
        total += best;
        continue;
      }
      entry.cursor.advance(doc + 1);
      end = Math.min(end, entry.cursor.doc - 1);
    }
    return { end: Math.max(end, doc), bound: total * coordination };
  }

  /**
   * `span` carried on block by block through the long lists while their
   * maxima stay below `threshold`, up to `limit` (the short lists' and eager
   * clauses' next match): many blocks passed over without decoding any.
   */
  private widen(
    span: { end: number; bound: number },
    limit: number,
    threshold: number,
  ): { end: number; bound: number } {
    const { postings } = this.context.index;
    let { end, bound } = span;
    while (end < limit) {
      let total = 0;
      let next = limit;
      for (const clause of this.clauses) {
        if (clause.kind === 'eager') continue;
        let sum = 0;
        for (const entry of clause.entries) {
          const { maxima } = entry;
          if (!maxima) continue;
          const first = entry.scored.entry.firstBlock;
          if (entry.block - first < maxima.length && blockLast(postings, entry.block) <= end) {
            entry.block++;
          }
          if (entry.block - first >= maxima.length) continue;
          sum += entry.scored.weight * (maxima[entry.block - first] ?? 0);
          next = Math.min(next, blockLast(postings, entry.block));
        }
        total += sum;
      }
      total *= this.coordination(this.scoring.required);
      if (total >= threshold) break;
      bound = Math.max(bound, total);
      end = next;
    }
    return { end: Math.min(end, limit), bound };
  }

  /**
   * The stretch after `doc` where no short list or eager clause matches, and
   * the long lists' bound in it: their current blocks' maxima (the stretch
   * also ending where the first of those blocks does).
   */
  private quietSpan(doc: number): { end: number; bound: number } {
    let end = Number.MAX_SAFE_INTEGER;
    let total = 0;
    for (const clause of this.clauses) {
      if (clause.kind === 'eager') {
        end = Math.min(end, nextEager(clause.state, doc) - 1);
        continue;
      }
      let sum = 0;
      for (const entry of clause.entries) {
        if (entry.maxima) {
          const at = entry.block - entry.scored.entry.firstBlock;
          if (at >= entry.maxima.length) continue;
          end = Math.min(end, blockLast(this.context.index.postings, entry.block));
          sum += entry.scored.weight * (entry.maxima[at] ?? 0);
        } else {
          entry.cursor.advance(doc + 1);
          end = Math.min(end, entry.cursor.doc - 1);
        }
      }
      total += sum;
    }
    return { end: Math.max(end, doc), bound: total * this.coordination(this.scoring.required) };
  }

  /**
   * Documents likely to hold the best scores, ascending, for a first pass
   * that sets a high bar early: every document of the lists of a few blocks,
   * and of each longer list the documents of the blocks with the highest
   * maxima, enough to hold `k` × 2 of them.
   */
  promising(k: number, wanted: (doc: number) => boolean): Uint32Array {
    const found: number[] = [];
    const { postings } = this.context.index;
    for (const clause of this.clauses) {
      if (clause.kind === 'eager') continue;
      for (const { scored } of clause.entries) {
        const { entry } = scored;
        if (entry.blockCount < DENSE_BLOCKS) {
          const cursor = new PostingsCursor(postings, entry);
          while (cursor.next()) if (wanted(cursor.doc)) found.push(cursor.doc);
          continue;
        }
        this.bestBlocksDocs(entry, 2 * k, wanted, found);
      }
    }
    return uniqueSorted(Uint32Array.from(found).sort());
  }

  /**
   * Appends to `found` the wanted documents of `entry`'s blocks, highest
   * maxima first, a batch of blocks at a time, until `enough` are found or
   * `MOST_SEED_BLOCKS` blocks were read.
   */
  private bestBlocksDocs(
    entry: FieldEntry,
    enough: number,
    wanted: (doc: number) => boolean,
    found: number[],
  ): void {
    const { postings } = this.context.index;
    const order = this.context.bounds.order(entry);
    const most = Math.min(order.length, MOST_SEED_BLOCKS);
    let taken = 0;
    for (let from = 0; from < most && taken < enough; from += SEED_BATCH) {
      const batch = Array.from(order.subarray(from, Math.min(from + SEED_BATCH, most))).sort(
        (a, b) => a - b,
      );
      const cursor = new PostingsCursor(postings, entry);
      for (const at of batch) {
        const b = entry.firstBlock + at;
        const to = blockLast(postings, b);
        let more = cursor.advance(at === 0 ? 0 : blockLast(postings, b - 1) + 1);
        for (; more && cursor.doc <= to; more = cursor.next()) {
          if (!wanted(cursor.doc)) continue;
          found.push(cursor.doc);
          taken++;
        }
      }
    }
  }

  private coordination(hits: number): number {
    return this.scoring.coordination ? Math.max(1, hits) : 1;
  }

  /** The exact weight of `entry` in `doc` (0 when the entry does not hold it). */
  private exact(entry: EntryState, doc: number): number {
    if (entry.lastDoc === doc) return entry.lastValue;
    const { cursor } = entry;
    let value = 0;
    if (cursor.advance(doc) && cursor.doc === doc) {
      const length = fieldLengthOf(this.context.index.postings, doc, entry.scored.entry.field);
      const weight = frequencyWeight(cursor.frequency, length, entry.average, this.context.bm25);
      value = entry.scored.weight * weight;
    }
    entry.lastDoc = doc;
    entry.lastValue = value;
    return value;
  }
}

/** `docs` (ascending) with repeats left out. */
function uniqueSorted(docs: Uint32Array): Uint32Array {
  let n = 0;
  for (let i = 0; i < docs.length; i++) {
    if (i === 0 || docs[i] !== docs[i - 1]) docs[n++] = docs[i] ?? 0;
  }
  return docs.subarray(0, n);
}

function stateOf(clause: ClauseScore, context: ClauseContext, candidates: number): ClauseState {
  if (clause.kind === 'eager') return { kind: 'eager', state: { matches: clause.matches, at: 0 } };
  const { postings } = context.index;
  return {
    kind: 'lazy',
    entries: clause.entries.map((scored) => {
      const { entry } = scored;
      const dense = entry.blockCount >= DENSE_BLOCKS && entry.count >= DENSE_SHARE * candidates;
      const maxima = dense ? context.bounds.of(entry) : undefined;
      return {
        scored,
        postings,
        average: postings.averageFieldLength[entry.field] ?? 1,
        cursor: new PostingsCursor(postings, entry),
        maxima,
        block: entry.firstBlock,
        lastDoc: -1,
        lastValue: 0,
      };
    }),
  };
}

/** weight × the maximum of the block that may hold `doc` (0 past the entry's last document). */
function blockBound(entry: EntryState, doc: number): number {
  const { maxima } = entry;
  if (!maxima) return 0;
  const first = entry.scored.entry.firstBlock;
  const { postings } = entry;
  while (entry.block - first < maxima.length && blockLast(postings, entry.block) < doc) {
    entry.block++;
  }
  const at = entry.block - first;
  return at < maxima.length ? entry.scored.weight * (maxima[at] ?? 0) : 0;
}

function eagerScore(state: EagerState, doc: number): number {
  const { docs, scores } = state.matches;
  while (state.at < docs.length && (docs[state.at] ?? 0) < doc) state.at++;
  return docs[state.at] === doc ? (scores[state.at] ?? 0) : 0;
}

/** The first document after `doc` the eager clause matches (past the end: the largest id). */
function nextEager(state: EagerState, doc: number): number {
  const { docs } = state.matches;
  let at = state.at;
  while (at < docs.length && (docs[at] ?? 0) <= doc) at++;
  return at < docs.length ? (docs[at] ?? 0) : Number.MAX_SAFE_INTEGER;
}
