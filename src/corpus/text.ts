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
/*
 * Characters that are neither white space, control characters nor combining
 * marks, and that NFC leaves alone next to any neighbour: printable ASCII but
 * the space, Latin-1 and the Latin extensions up to U+02FF (combining marks
 * start at U+0300), the dashes, quotes, bullets and ellipsis of U+2010–U+2027,
 * and the euro sign. Words of them, joined by single spaces (and blank lines),
 * are text cleaning gives back unchanged.
 */
const CLEAN_INLINE =
  /^[!-~\u00a1-\u02ff\u2010-\u2027\u20ac]+(?: [!-~\u00a1-\u02ff\u2010-\u2027\u20ac]+)*$/;
const CLEAN_PARAGRAPHS =
  /^[!-~\u00a1-\u02ff\u2010-\u2027\u20ac]+(?:(?: |\n\n)[!-~\u00a1-\u02ff\u2010-\u2027\u20ac]+)*$/;
/** Longest text the clean-text regexes run on (10 million words would overflow their stack). */
const MAX_CLEAN_SCAN = 1_000_000;
// A run of more combining marks than Unicode's stream-safe format allows (UAX #15: 30).
const LONG_MARK_RUN = /\p{M}{31,}/gu;
const STREAM_SAFE_MARKS = 30;

/**
 * NFC, control characters removed, all white space collapsed to single spaces,
 * trimmed. Runs of combining marks are cut to 30 first (no real text has more),
 * since normalizing a long run of mixed marks takes quadratic time. Text that
 * is already clean (see {@link isCleanText}) comes back as it is.
 */
export function normalizeInline(text: string): string {
  return isCleanText(text, false) ? text : cleanInline(text);
}

/** normalizeInline's full work, for text the clean-text scan could not vouch for. */
function cleanInline(text: string): string {
  const cleaned = PLAIN_ASCII.test(text)
    ? text
    : text.replace(LONG_MARK_RUN, streamSafe).normalize('NFC').replace(CONTROL, '');
  return cleaned.replace(INLINE_SPACE, ' ').trim();
}

/**
 * Whether cleaning would leave `text` exactly as it is: every character is one
 * NFC never changes nor joins to a neighbour (see `CLEAN_INLINE`), spaces are
 * single and inside the text, and line breaks (only when `paragraphs`) come as
 * exact pairs between paragraphs. False says nothing: the text may still be
 * clean. Empty text is not clean, nor is text over `MAX_CLEAN_SCAN` characters
 * (the regex's backtracking stack grows with its words). One regex pass, faster
 * than a charCodeAt loop.
 */
export function isCleanText(text: string, paragraphs: boolean): boolean {
  if (text.length > MAX_CLEAN_SCAN) return false;
  return (paragraphs ? CLEAN_PARAGRAPHS : CLEAN_INLINE).test(text);
}

function streamSafe(run: string): string {
  return Array.from(run).slice(0, STREAM_SAFE_MARKS).join('');
}

/**
 * Plain text with paragraphs separated by exactly one blank line. Lines inside
 * a paragraph are unwrapped (joined with a space); empty paragraphs vanish.
 * Text already in that form (see {@link isCleanText}) comes back as it is.
 */
export function toParagraphs(text: string): string {
  if (isCleanText(text, true)) return text;
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
