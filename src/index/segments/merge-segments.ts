/**
 * Merge segments (in document order) into the parts of one index: postings
 * with one sorted term list, display forms chosen from the summed
 * written-form counts, field lengths and the stored articles end to end.
 * The result is what one segment over all the articles would have been.
 */
import type { Analyzer } from '../../analysis/analyzer.ts';
import { assertSameTerms, FormTally, type TalliedForms } from '../forms.ts';
import type { Segment } from './segment.ts';
import { type SplicedSegments, spliceSegments } from './splice-segments.ts';

/** What the merged segments make: a splice's parts, and the summed written forms with their display forms. */
export interface MergedSegments extends SplicedSegments, TalliedForms {}

/**
 * Merge `segments`, whose documents follow each other in this order: a
 * splice of each segment whole, and their written-form counts summed. With
 * `consume`, each segment's stored text is let go as soon as it is copied
 * (the segments are not to be used again), so the text is not held twice.
 */
export function mergeSegments(
  segments: readonly Segment[],
  analyzer: Analyzer,
  consume = false,
): MergedSegments {
  const tally = new FormTally(analyzer);
  for (const segment of segments) tally.add(segment.forms);
  const forms = tally.finish();
  const runs = segments.map((segment, source) => ({
    source,
    from: 0,
    to: segment.documentCount,
  }));
  const spliced = spliceSegments(segments, runs, { consume });
  assertSameTerms(forms.terms, spliced.terms);
  return { ...spliced, ...forms };
}
