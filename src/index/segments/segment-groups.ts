/**
 * Segments merged while the corpus is still being read: as written segments
 * arrive (in any order), each run of `size` consecutive ones is merged into
 * one larger segment on the calling thread, so the merge at the end of a
 * build reads a few large segments instead of every small one, and most of
 * its work overlaps the workers'. Merging the groups gives what merging
 * every segment would: the same terms, postings, written forms, field
 * lengths, summaries and stored text blocks, byte for byte, except that a
 * short list's pieces from consecutive segments may be packed into its
 * blocks differently (a splice joins each piece to the block before while it
 * fits, and which pieces meet depends on the grouping).
 */
import type { Analyzer } from '../../analysis/analyzer.ts';
import { mergeSegments } from './merge-segments.ts';
import type { Segment } from './segment.ts';

export class SegmentGroups {
  /** Segments written out of turn, by sequence number. */
  private readonly early = new Map<number, Segment>();
  private next = 0;
  /** Consecutive segments not yet merged into a group. */
  private pending: Segment[] = [];
  /** Merged groups, then (at the end) the segments left over, in order. */
  private readonly done: Segment[] = [];

  /**
   * @param size How many consecutive segments make a group (below 2: none are merged early).
   * @example `new SegmentGroups(analyzer, 8)`
   */
  constructor(
    private readonly analyzer: Analyzer,
    private readonly size: number,
  ) {}

  /** Segment number `seq` (0, 1, … in article order) is written. */
  add(seq: number, segment: Segment): void {
    this.early.set(seq, segment);
    for (
      let turn = this.early.get(this.next);
      turn !== undefined;
      turn = this.early.get(this.next)
    ) {
      this.early.delete(this.next);
      this.next++;
      this.pending.push(turn);
      if (this.size >= 2 && this.pending.length >= this.size) this.mergePending();
    }
  }

  /** Every segment in article order, groups merged; the groups are let go. */
  finish(): Segment[] {
    if (this.early.size > 0) throw new Error(`segment ${this.next} was never written`);
    const segments = [...this.done.splice(0), ...this.pending];
    this.pending = [];
    return segments;
  }

  private mergePending(): void {
    const group = this.pending;
    this.pending = [];
    const merged = mergeSegments(group, this.analyzer, true);
    this.done.push({
      documentCount: merged.documentCount,
      terms: merged.terms,
      lists: merged.lists,
      fieldLength: merged.fieldLength,
      forms: merged.forms,
      store: merged.store,
      summaries: merged.summaries,
      summaryLength: merged.summaryLength,
    });
  }
}
