/** The article page's body: paragraphs kept, each escaped and then marked. */
import { markHtml } from '../search/snippets/snippet.ts';
import type { Highlight } from '../types.ts';

/** `text` split at blank lines into paragraphs of HTML, with `highlights` (offsets into `text`) marked. */
export function paragraphsHtml(text: string, matches: readonly Highlight[]): string[] {
  const highlights = [...matches].sort((a, b) => a.start - b.start);
  const paragraphs: string[] = [];
  let next = 0;
  let start = 0;
  while (start <= text.length) {
    const found = text.indexOf('\n\n', start);
    const end = found < 0 ? text.length : found;
    const inside: Highlight[] = [];
    while (next < highlights.length && (highlights[next]?.end ?? 0) <= end) {
      const highlight = highlights[next++];
      if (highlight && highlight.start >= start) {
        inside.push({ start: highlight.start - start, end: highlight.end - start });
      }
    }
    const paragraph = text.slice(start, end);
    if (paragraph.trim() !== '') paragraphs.push(markHtml(paragraph, inside));
    start = end + 2;
  }
  return paragraphs;
}
