/**
 * Merge segments (in document order) into the parts of one index: postings
 * with one sorted term list, display forms chosen from the summed
 * written-form counts, field lengths and the stored articles end to end.
 * The result is what one segment over all the articles would have been.
 */
import type { Analyzer } from '../../analysis/analyzer.ts';
import { TermTable } from '../term-table.ts';
import type { Segment } from './segment.ts';
import { type SplicedSegments, spliceSegments } from './splice-segments.ts';

/** What the merged segments make: a splice's parts and the display forms. */
export interface MergedSegments extends SplicedSegments {
  display: string[];
}

/**
 * Merge `segments`, whose documents follow each other in this order: a
 * splice of each segment whole. With `consume`, each segment's stored text is
 * let go as soon as it is copied (the segments are not to be used again), so
 * the text is not held twice.
 */
export function mergeSegments(
  segments: readonly Segment[],
  analyzer: Analyzer,
  consume = false,
): MergedSegments {
  const runs = segments.map((segment, source) => ({
    source,
    from: 0,
    to: segment.documentCount,
  }));
  const spliced = spliceSegments(segments, runs, { consume });
  return { ...spliced, display: mergedDisplay(segments, analyzer, spliced.terms) };
}

/**
 * Display forms over every segment's written-form counts, fed to one term
 * table in the order the forms were first seen, as one table over all the
 * text would have seen them.
 */
function mergedDisplay(
  segments: readonly Segment[],
  analyzer: Analyzer,
  terms: readonly string[],
): string[] {
  const table = new TermTable(analyzer);
  for (const { forms } of segments) {
    forms.text.forEach((text, form) => {
      table.countForm(text, forms.count[form] ?? 0);
    });
  }
  const sorted = table.sorted();
  if (sorted.terms.length !== terms.length || sorted.terms.some((term, t) => term !== terms[t])) {
    throw new Error('merged written forms do not make the merged terms (analyzer mismatch)');
  }
  return sorted.display;
}
