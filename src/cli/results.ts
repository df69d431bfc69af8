/** Search results as terminal text: highlights in bold on a terminal, plain when piped. */
import type { Highlight, SearchResponse } from '../types.ts';

const BOLD = '\u001b[1m';
const NORMAL = '\u001b[22m';

/** The whole response as lines of text. */
export function formatResults(response: SearchResponse, color: boolean): string {
  const lines = [header(response)];
  if (response.corrected) {
    const { from, to } = response.corrected;
    lines.push(`Showing results for ${to}; search instead for ${from} with --spell off`);
  }
  if (response.suggestion) {
    lines.push(
      `Did you mean: ${response.suggestion.query} (${results(response.suggestion.total)})?`,
    );
  }
  for (const notice of response.notices) lines.push(`Note: ${notice}`);
  const first = (response.page - 1) * response.size;
  response.hits.forEach((hit, i) => {
    if (hit.partial && (i === 0 || !response.hits[i - 1]?.partial)) {
      lines.push('', 'Articles that match most of the words:');
    }
    const meta = [hit.date?.slice(0, 10), hit.source, hit.category.join(', '), hit.id]
      .filter((part) => part)
      .join(' · ');
    lines.push(
      '',
      `${String(first + i + 1).padStart(3)}. ${emphasize(hit.title, hit.titleHighlights, color)}`,
      `     ${meta}`,
      `     ${emphasize(hit.snippet.text, hit.snippet.highlights, color)}`,
    );
  });
  return `${lines.join('\n')}\n`;
}

function header(response: SearchResponse): string {
  const listed = response.total + response.partialMatches;
  const pages = Math.max(1, Math.ceil(listed / response.size));
  const partial =
    response.partialMatches > 0
      ? ` (and ${groupThousands(response.partialMatches)} with some of the words)`
      : '';
  if (listed === 0) return `No results for "${response.query}" (${response.tookMs} ms)`;
  return `${results(response.total)}${partial} in ${response.tookMs} ms · page ${response.page} of ${groupThousands(pages)}`;
}

/**
 * A whole number with its thousands grouped by commas, as `toLocaleString('en')`
 * writes it, without waking the ICU number formatter (20-40 ms of a cold
 * `newsdesk search`). @example groupThousands(23397) === '23,397'
 */
export const groupThousands = (n: number): string =>
  String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
const results = (n: number) => `${groupThousands(n)} ${n === 1 ? 'result' : 'results'}`;

/** `text` with each highlight in bold (or as is without color). */
export function emphasize(text: string, highlights: readonly Highlight[], color: boolean): string {
  if (!color || highlights.length === 0) return text;
  let out = '';
  let at = 0;
  for (const { start, end } of highlights) {
    if (start < at) continue;
    out += `${text.slice(at, start)}${BOLD}${text.slice(start, end)}${NORMAL}`;
    at = end;
  }
  return out + text.slice(at);
}
