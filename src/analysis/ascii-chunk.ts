/**
 * The shape of a joined chunk that is all ASCII (`don't`, `pro-Iranian`,
 * `AT&T`, `2,500`, `1.13bn`, `U.S`, `end.Start`), by the tokenizer's rules
 * (`addChunk` in tokenize.ts), so that the fast text walkers (term ids at
 * index time, word positions for highlights) can take it straight from the
 * text instead of through the tokenizer's general path.
 */

export const APOSTROPHE = 39;
export const AMPERSAND = 38;
export const COMMA = 44;
export const HYPHEN = 45;
export const PERIOD = 46;

/**
 * `apostrophe`: one word (apostrophes vanish, a possessive `'s` is dropped);
 * `compound`: one word a part between hyphens or `&`, and the joined whole at
 * the first part's position; `number` and `acronym`: one word without its
 * commas or periods; `pieces`: one word a piece between periods and commas.
 */
export type AsciiChunkShape = 'apostrophe' | 'compound' | 'number' | 'acronym' | 'pieces';

/** A chunk's shape and how many joiners of that shape it holds. */
export interface AsciiChunk {
  shape: AsciiChunkShape;
  joiners: number;
}

/**
 * The shape of the joined chunk `text.slice(start, end)`, or undefined when it
 * is not all ASCII or mixes joiners the shapes do not cover.
 * @example asciiChunk("don't", 0, 5) // { shape: 'apostrophe', joiners: 1 }
 */
export function asciiChunk(text: string, start: number, end: number): AsciiChunk | undefined {
  let apostrophes = 0;
  let compound = 0;
  let commas = 0;
  let periods = 0;
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code >= 128) return undefined;
    if (code === APOSTROPHE) apostrophes++;
    else if (code === HYPHEN || code === AMPERSAND) compound++;
    else if (code === COMMA) commas++;
    else if (code === PERIOD) periods++;
  }
  const separators = commas + periods;
  if (apostrophes > 0) {
    return compound + separators > 0 ? undefined : { shape: 'apostrophe', joiners: apostrophes };
  }
  if (compound > 0) return separators > 0 ? undefined : { shape: 'compound', joiners: compound };
  if (periods <= 1 && isAsciiNumber(text, start, end)) return { shape: 'number', joiners: commas };
  if (commas === 0 && isAcronym(text, start, end)) return { shape: 'acronym', joiners: periods };
  return { shape: 'pieces', joiners: separators };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * `2,500`, `1,000.5`, `1.13` and `1.13bn`: digits first, a digit after every
 * separator, no comma after the period (the caller checks there is at most one).
 */
function isAsciiNumber(text: string, start: number, end: number): boolean {
  let i = start;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === PERIOD || code === COMMA) break;
    if (!isDigit(code)) return false;
  }
  let afterPeriod = false;
  for (; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code !== PERIOD && code !== COMMA) continue;
    if (code === COMMA && afterPeriod) return false;
    if (code === PERIOD) afterPeriod = true;
    if (!isDigit(text.charCodeAt(i + 1))) return false;
  }
  return true;
}

/** `U.S`, `e.g`: single letters between periods. */
function isAcronym(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i += 2) {
    if (isDigit(text.charCodeAt(i))) return false;
    if (i + 1 < end && text.charCodeAt(i + 1) !== PERIOD) return false;
  }
  return true;
}
