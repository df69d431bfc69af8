/**
 * Match spans and passage planning for the snippet builder: clean the caller's
 * match offsets, then pick the group(s) of matches the passages are built
 * around, by distinct keys, then match count, then text order.
 */

import type { Highlight, SnippetMatch } from '../../types.ts';
import { isSpaceAt, splitsPair } from './snippet-text.ts';

/** What joins two passages of one snippet. */
export const PASSAGE_JOINER = ' … ';

/** A cleaned match range in the source, with the query keys it matches. */
export interface Span extends Highlight {
  /**
   * Distinct keys of the matches merged into this span (usually one), as
   * dense ids: the caller's keys numbered 0, 1, … in order of first sight.
   */
  keys: number[];
}

/** The passages to build: their core ranges in text order and each one's budget. */
export interface PassagePlan {
  /** From the first to the end of the last match of each passage, in text order. */
  cores: Highlight[];
  /** Most source characters each passage may take. */
  budget: number;
}

/**
 * Clamp a range to `text`, widen it so it never splits a surrogate pair, and
 * (when `trim`) shrink it past white space at its edges. Undefined when
 * nothing is left.
 */
export function clampRange(
  text: string,
  start: number,
  end: number,
  trim: boolean,
): Highlight | undefined {
  if (!Number.isFinite(start) || !Number.isFinite(end)) return undefined;
  let from = Math.max(0, Math.floor(start));
  let to = Math.min(text.length, Math.ceil(end));
  if (splitsPair(text, from)) from--;
  if (splitsPair(text, to)) to++;
  if (trim) {
    while (from < to && isSpaceAt(text, from)) from++;
    while (to > from && isSpaceAt(text, to - 1)) to--;
  }
  return from < to ? { start: from, end: to } : undefined;
}

/** The caller's matches as sorted, non-overlapping spans inside `source`. */
export function normalizeSpans(source: string, matches: readonly SnippetMatch[]): Span[] {
  const ids = new Map<number, number>();
  const cleaned: Span[] = [];
  let sorted = true;
  for (const match of matches) {
    const range = clampRange(source, match.start, match.end, true);
    if (!range) continue;
    const id = ids.get(match.key) ?? ids.size;
    if (id === ids.size) ids.set(match.key, id);
    const previous = cleaned[cleaned.length - 1];
    if (previous && previous.start > range.start) sorted = false;
    cleaned.push({ start: range.start, end: range.end, keys: [id] });
  }
  if (!sorted) cleaned.sort((a, b) => a.start - b.start);
  return mergeOverlaps(cleaned);
}

/** Sorted spans with overlapping ones merged (their keys joined). */
function mergeOverlaps(sorted: Span[]): Span[] {
  const spans: Span[] = [];
  let last: Span | undefined;
  for (const span of sorted) {
    if (last && span.start < last.end) {
      last.end = Math.max(last.end, span.end);
      for (const key of span.keys) if (!last.keys.includes(key)) last.keys.push(key);
    } else {
      spans.push(span);
      last = span;
    }
  }
  return spans;
}

/** Index of the first span starting at or after `position`. */
export function firstSpanFrom(spans: readonly Span[], position: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((spans[middle]?.start ?? position) < position) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The span that strictly contains `position` (starts before it, ends after it), if any. */
export function spanAround(spans: readonly Span[], position: number): Span | undefined {
  const before = spans[firstSpanFrom(spans, position) - 1];
  return before && before.end > position ? before : undefined;
}

/** A run of spans `[first, last)` and what it brings. */
interface Group {
  first: number;
  last: number;
  /** Keys not yet shown by the passages chosen before. */
  fresh: number;
  matches: number;
}

/** Whether group `a` beats `b`: more fresh keys, then more matches (earlier wins ties). */
function beats(a: Group, b: Group): boolean {
  return a.fresh > b.fresh || (a.fresh === b.fresh && a.matches > b.matches);
}

/** The keys and matches inside the current window of a sliding search. */
interface Tally {
  /** How many spans in the window hold each key id. */
  counts: number[];
  /** Key ids already shown by the passages chosen before (1 = shown). */
  shown: number[];
  fresh: number;
  matches: number;
}

/** Add (`step` 1) or remove (`step` -1) one span's keys from a window's tally. */
function count(tally: Tally, span: Span, step: 1 | -1): void {
  tally.matches += step * span.keys.length;
  for (const key of span.keys) {
    const seen = (tally.counts[key] ?? 0) + step;
    tally.counts[key] = seen;
    if (seen === (step === 1 ? 1 : 0) && tally.shown[key] !== 1) tally.fresh += step;
  }
}

/** Sliding-window search for the best run of spans in `[from, to)` fitting `budget`. */
function bestGroup(
  spans: readonly Span[],
  [from, to]: readonly [number, number],
  budget: number,
  tally: Tally,
): Group | undefined {
  tally.counts.fill(0);
  tally.fresh = 0;
  tally.matches = 0;
  let best: Group | undefined;
  let next = from;
  for (let first = from; first < to; first++) {
    const head = spans[first];
    if (!head) break;
    next = Math.max(next, first);
    while (next < to) {
      const span = spans[next];
      if (!span || span.end - head.start > budget) break;
      count(tally, span, 1);
      next++;
    }
    if (next === first) continue;
    const group = { first, last: next, fresh: tally.fresh, matches: tally.matches };
    if (!best || beats(group, best)) best = group;
    count(tally, head, -1);
  }
  return best;
}

/** The index ranges between already chosen groups (sorted by `first`). */
function freeRanges(chosen: readonly Group[], total: number): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let from = 0;
  for (const group of chosen) {
    if (group.first > from) ranges.push([from, group.first]);
    from = group.last;
  }
  if (total > from) ranges.push([from, total]);
  return ranges;
}

/** The groups chosen for one passage count, and the distinct keys and matches they show. */
interface Choice {
  keys: number;
  matches: number;
  /** In text order. */
  chosen: Group[];
}

/** Greedily choose `passages` groups of spans; undefined when there are not enough. */
function chooseGroups(
  spans: readonly Span[],
  keyCount: number,
  passages: number,
  budget: number,
): Choice | undefined {
  const tally: Tally = {
    counts: new Array<number>(keyCount).fill(0),
    shown: new Array<number>(keyCount).fill(0),
    fresh: 0,
    matches: 0,
  };
  const chosen: Group[] = [];
  let keys = 0;
  let matches = 0;
  for (let round = 0; round < passages; round++) {
    let best: Group | undefined;
    for (const range of freeRanges(chosen, spans.length)) {
      const group = bestGroup(spans, range, budget, tally);
      if (group && (!best || beats(group, best))) best = group;
    }
    if (!best) return undefined;
    keys += best.fresh;
    matches += best.matches;
    for (let index = best.first; index < best.last; index++) {
      for (const key of spans[index]?.keys ?? []) tally.shown[key] = 1;
    }
    chosen.push(best);
    chosen.sort((a, b) => a.first - b.first);
  }
  return { keys, matches, chosen };
}

/** How many dense key ids the spans use. */
function countKeys(spans: readonly Span[]): number {
  let keyCount = 0;
  for (const span of spans) for (const key of span.keys) keyCount = Math.max(keyCount, key + 1);
  return keyCount;
}

/**
 * Plan one to `maxPassages` passages, whichever shows the most distinct keys,
 * then the most matches (fewer passages win ties). Undefined when no span
 * fits the budget.
 */
export function planPassages(
  spans: readonly Span[],
  maxLength: number,
  maxPassages: number,
): PassagePlan | undefined {
  const keyCount = countKeys(spans);
  let best: { keys: number; matches: number; plan: PassagePlan } | undefined;
  for (let passages = 1; passages <= Math.min(maxPassages, spans.length); passages++) {
    const budget = Math.floor((maxLength - PASSAGE_JOINER.length * (passages - 1)) / passages);
    if (budget < 1) break;
    const result = chooseGroups(spans, keyCount, passages, budget);
    if (!result) break;
    const { keys, matches } = result;
    if (best && !(keys > best.keys || (keys === best.keys && matches > best.matches))) continue;
    const cores = result.chosen.map((group) => ({
      start: spans[group.first]?.start ?? 0,
      end: spans[group.last - 1]?.end ?? 0,
    }));
    best = { keys, matches, plan: { cores, budget } };
  }
  return best?.plan;
}
