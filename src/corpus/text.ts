/**
 * Text clean-up shared by every format parser: Unicode NFC, whitespace
 * normalized, paragraphs kept as blank-line breaks.
 */

// Any run of white space inside a line, including no-break and zero-width spaces.
const INLINE_SPACE = /[\s\u00a0\u200b\u2028\u2029\ufeff]+/g;
// C0/C1 control characters other than tab and newlines (wire-service codes, stray bytes).
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;
const LINE_BREAK = /\r\n?/g;
const BLANK_LINES = /\n[ \t\u00a0]*\n\s*/;

// Printable ASCII and plain white space: nothing to normalize or strip but spacing.
const PLAIN_ASCII = /^[\x20-\x7e\t\n\r]*$/;
// A run of more combining marks than Unicode's stream-safe format allows (UAX #15: 30).
const LONG_MARK_RUN = /\p{M}{31,}/gu;
const STREAM_SAFE_MARKS = 30;

/**
 * NFC, control characters removed, all white space collapsed to single spaces,
 * trimmed. Runs of combining marks are cut to 30 first (no real text has more),
 * since normalizing a long run of mixed marks takes quadratic time.
 */
export function normalizeInline(text: string): string {
  const cleaned = PLAIN_ASCII.test(text)
    ? text
    : text.replace(LONG_MARK_RUN, streamSafe).normalize('NFC').replace(CONTROL, '');
  return cleaned.replace(INLINE_SPACE, ' ').trim();
}

function streamSafe(run: string): string {
  return Array.from(run).slice(0, STREAM_SAFE_MARKS).join('');
}

/**
 * Plain text with paragraphs separated by exactly one blank line. Lines inside
 * a paragraph are unwrapped (joined with a space); empty paragraphs vanish.
 */
export function toParagraphs(text: string): string {
  return splitParagraphs(text.replace(LINE_BREAK, '\n')).join('\n\n');
}

/** The paragraphs of a text (split on blank lines), each normalized inline. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(BLANK_LINES)
    .map(normalizeInline)
    .filter((paragraph) => paragraph.length > 0);
}

/**
 * 1-based line holding `offset`, given the ascending offsets where lines
 * start (the first is 0): a binary search, for parsers that report lines.
 */
export function lineAt(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if ((lineStarts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return low + 1;
}
