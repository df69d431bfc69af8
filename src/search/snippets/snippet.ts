/**
 * Snippets: the best passage(s) of an article for a search hit, as plain text
 * and as HTML with each match in `<mark>`. Pure and allocation-light: it works
 * from the match offsets and scans characters only near the passage edges.
 *
 * Rules: passages are chosen by distinct query keys, then matches, then text
 * order; they start at a sentence start when one is near (else a word start)
 * and end at a sentence end when that still leaves `minLength` characters
 * (else a word end), never inside a word or a match. `… ` marks text left out
 * before the first passage, ` …` text left out after the last one, and
 * ` … ` joins passages. White-space runs become one space.
 */

import { escapeUTF8 } from 'entities/escape';
import type { Highlight, Snippet, SnippetMatch } from '../../types.ts';
import { choosePassages, trimRange } from './snippet-place.ts';
import { hasTextBefore, hasTextBetween, splitsPair } from './snippet-text.ts';
import {
  clampRange,
  firstSpanFrom,
  normalizeSpans,
  PASSAGE_JOINER,
  type Span,
} from './snippet-window.ts';

/** How long a snippet may be and how many passages it may join. */
export interface SnippetOptions {
  /**
   * Longest snippet in characters, passages and the joining ` … ` included
   * (a leading `… ` and a trailing ` …` may add up to 4 more).
   * @example 240
   */
  maxLength?: number;
  /**
   * Aim for at least this many characters when the text allows: a passage
   * ends early at a sentence end only past this length.
   * @example 160
   */
  minLength?: number;
  /**
   * Most passages joined with ` … `.
   * @example 2
   */
  maxPassages?: number;
}

/** The options used when none are given. */
export const DEFAULT_SNIPPET_OPTIONS: Readonly<Required<SnippetOptions>> = Object.freeze({
  maxLength: 240,
  minLength: 160,
  maxPassages: 2,
});

const ELLIPSIS = '…';
// White-space runs that are not already one plain space.
const SPACE_RUN = /\s{2,}|[^\S ]/g;

/** A whole number at least `min`, or the default when the value is missing or not finite. */
function wholeAtLeast(value: number | undefined, min: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.max(min, Math.floor(value));
}

/** Options with defaults filled in and values made sane. */
function resolveOptions(options: SnippetOptions | undefined): Required<SnippetOptions> {
  const defaults = DEFAULT_SNIPPET_OPTIONS;
  const maxLength = wholeAtLeast(options?.maxLength, 1, defaults.maxLength);
  const minLength = wholeAtLeast(options?.minLength, 0, defaults.minLength);
  return {
    maxLength,
    minLength: Math.min(minLength, maxLength),
    maxPassages: wholeAtLeast(options?.maxPassages, 1, defaults.maxPassages),
  };
}

/**
 * Append one passage of `source` to `text` with each white-space run as one
 * space (one native pass over the passage), recording the spans inside it as
 * highlights shifted by the space the collapsed runs before them gave up.
 */
function appendPassage(
  text: string,
  source: string,
  spans: readonly Span[],
  passage: Highlight,
  highlights: Highlight[],
): string {
  const runs: number[] = [];
  const collapsed = source
    .slice(passage.start, passage.end)
    .replace(SPACE_RUN, (run: string, at: number) => {
      runs.push(at + passage.start, run.length - 1);
      return ' ';
    });
  let run = 0;
  let saved = 0;
  const shift = text.length - passage.start;
  for (let index = firstSpanFrom(spans, passage.start); index < spans.length; index++) {
    const span = spans[index];
    if (!span || span.end > passage.end) break;
    for (; run < runs.length && (runs[run] ?? span.start) < span.start; run += 2) {
      saved += runs[run + 1] ?? 0;
    }
    const start = span.start + shift - saved;
    for (; run < runs.length && (runs[run] ?? span.end) < span.end; run += 2) {
      saved += runs[run + 1] ?? 0;
    }
    highlights.push({ start, end: span.end + shift - saved });
  }
  return text + collapsed;
}

/** What goes before a passage: `… ` or ` … ` where text is left out, else nothing or a space. */
function separator(source: string, previous: Highlight | undefined, passage: Highlight): string {
  if (!previous) return hasTextBefore(source, passage.start) ? `${ELLIPSIS} ` : '';
  return hasTextBetween(source, previous.end, passage.start) ? PASSAGE_JOINER : ' ';
}

/** Join passages (in text order) into a snippet, with ellipses where text is left out. */
function assemble(source: string, spans: readonly Span[], passages: readonly Highlight[]): Snippet {
  const highlights: Highlight[] = [];
  let text = '';
  let previous: Highlight | undefined;
  for (const passage of passages) {
    if (passage.end <= passage.start) continue;
    text = appendPassage(
      text + separator(source, previous, passage),
      source,
      spans,
      passage,
      highlights,
    );
    previous = passage;
  }
  if (previous && hasTextBetween(source, previous.end, source.length)) text += ` ${ELLIPSIS}`;
  return { text, html: markHtml(text, highlights), highlights };
}

/** The best passage(s) of `source` for the given matches. */
export function buildSnippet(
  source: string,
  matches: readonly SnippetMatch[],
  options?: SnippetOptions,
): Snippet {
  const resolved = resolveOptions(options);
  const spans = normalizeSpans(source, matches);
  const whole = trimRange(source, 0, source.length);
  if (whole.end - whole.start <= resolved.maxLength) return assemble(source, spans, [whole]);
  return assemble(source, spans, choosePassages(source, spans, resolved, whole.start));
}

/** The whole of a short text (a headline) with every match highlighted. */
export function highlightText(source: string, matches: readonly Highlight[]): Snippet {
  const spans = normalizeSpans(
    source,
    matches.map((match) => ({ start: match.start, end: match.end, key: 0 })),
  );
  return assemble(source, spans, [trimRange(source, 0, source.length)]);
}

/** Whether highlights are already sorted, disjoint, in bounds and between code points. */
function isClean(text: string, highlights: readonly Highlight[]): boolean {
  let last = 0;
  for (const { start, end } of highlights) {
    if (!Number.isInteger(start) || !Number.isInteger(end)) return false;
    if (start < last || end <= start || end > text.length) return false;
    if (splitsPair(text, start) || splitsPair(text, end)) return false;
    last = end;
  }
  return true;
}

/** Highlights clamped to `text`, sorted, with overlapping ones merged. */
function cleanHighlights(text: string, highlights: readonly Highlight[]): readonly Highlight[] {
  if (isClean(text, highlights)) return highlights;
  const ranges = highlights
    .flatMap((highlight) => clampRange(text, highlight.start, highlight.end, false) ?? [])
    .sort((a, b) => a.start - b.start);
  const merged: Highlight[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range.start < last.end) last.end = Math.max(last.end, range.end);
    else merged.push(range);
  }
  return merged;
}

/** HTML-escape `text`, then wrap each highlight (offsets into `text`) in <mark>…</mark>. */
export function markHtml(text: string, highlights: readonly Highlight[]): string {
  let html = '';
  let cursor = 0;
  for (const { start, end } of cleanHighlights(text, highlights)) {
    html += `${escapeUTF8(text.slice(cursor, start))}<mark>${escapeUTF8(text.slice(start, end))}</mark>`;
    cursor = end;
  }
  return html + escapeUTF8(text.slice(cursor));
}
