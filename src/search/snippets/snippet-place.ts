/**
 * Passage placement for the snippet builder: given the core range of each
 * planned passage (or the text start, for a lead), choose where the passage
 * starts and ends. Only the characters near the chosen edges are looked at.
 */

import type { Highlight } from '../../types.ts';
import { findBoundary, isSpaceAt, splitsPair } from './snippet-text.ts';
import { planPassages, type Span, spanAround } from './snippet-window.ts';

/** The resolved length limits of a snippet (see `SnippetOptions`). */
export interface PassageLimits {
  maxLength: number;
  minLength: number;
  maxPassages: number;
}

/** Where one passage may go: between `lower` and `upper`, at most `budget` long. */
interface Frame {
  lower: number;
  upper: number;
  budget: number;
  min: number;
}

/** `[start, end)` without white space at either edge. */
export function trimRange(source: string, start: number, end: number): Highlight {
  let from = start;
  let to = end;
  while (from < to && isSpaceAt(source, from)) from++;
  while (to > from && isSpaceAt(source, to - 1)) to--;
  return { start: from, end: to };
}

/**
 * Where a passage around `core` starts. When the passage will reach `upper`:
 * early enough to fill the budget, at the first sentence start that still
 * leaves `min` characters, else the first word start. Otherwise: at the
 * nearest sentence start within half the budget before the core, else a word
 * start a quarter of the budget before it.
 */
function chooseStart(
  source: string,
  spans: readonly Span[],
  core: Highlight,
  frame: Frame,
): number {
  const low = Math.max(frame.lower, core.end - frame.budget);
  const high = core.start;
  if (low >= high) return high;
  let start: number;
  if (frame.upper - high <= frame.budget) {
    const from = Math.max(low, frame.upper - frame.budget);
    const latest = Math.min(high, frame.upper - frame.min);
    start = findBoundary(source, from, latest, 'sentence-start', 1);
    if (start < 0) start = findBoundary(source, from, high, 'word-start', 1);
  } else {
    const reach = Math.max(low, high - Math.floor(frame.budget / 2));
    start = findBoundary(source, reach, high, 'sentence-start', -1);
    const context = Math.max(low, high - Math.floor(frame.budget / 4));
    if (start < 0) start = findBoundary(source, context, high, 'word-start', 1);
  }
  if (start < 0) start = high;
  return spanAround(spans, start)?.end ?? start;
}

/**
 * Where a passage starting at `start` ends: the text end when it fits, else
 * the last sentence end past `min` characters, else the last word end, else
 * (one giant word) a hard cut between code points.
 */
function chooseEnd(
  source: string,
  spans: readonly Span[],
  core: Highlight,
  start: number,
  frame: Frame,
): number {
  const target = Math.min(frame.upper, start + frame.budget);
  if (target >= source.length) return source.length;
  const floor = Math.max(core.end, start + 1);
  let end = findBoundary(source, Math.max(floor, start + frame.min), target, 'sentence-end', -1);
  if (end < 0) end = findBoundary(source, floor, target, 'word-end', -1);
  if (end < 0) end = splitsPair(source, target) ? target - 1 : target;
  const around = spanAround(spans, end);
  return around && around.start > start ? around.start : end;
}

/** One passage around `core` within `frame`, trimmed of white space. */
function placePassage(
  source: string,
  spans: readonly Span[],
  core: Highlight,
  frame: Frame,
): Highlight {
  const start = chooseStart(source, spans, core, frame);
  return trimRange(source, start, chooseEnd(source, spans, core, start, frame));
}

/** The passages to show: planned around the matches, or the lead when none fits. */
export function choosePassages(
  source: string,
  spans: readonly Span[],
  options: PassageLimits,
  lead: number,
): Highlight[] {
  const plan = planPassages(spans, options.maxLength, options.maxPassages);
  const single = !plan || plan.cores.length === 1;
  const budget = plan?.budget ?? options.maxLength;
  const min = single
    ? options.minLength
    : Math.floor((options.minLength * budget) / options.maxLength);
  const cores = plan?.cores ?? [{ start: lead, end: lead }];
  const passages: Highlight[] = [];
  let lower = 0;
  cores.forEach((core, index) => {
    const upper = cores[index + 1]?.start ?? source.length;
    const passage = placePassage(source, spans, core, { lower, upper, budget, min });
    passages.push(passage);
    lower = passage.end;
  });
  return passages;
}
