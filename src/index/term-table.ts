/**
 * The vocabulary while an index is built: each written form (`Elections`) is
 * analyzed once and mapped to its term's id; counts per written form give each
 * term a readable display form for suggestions. Written forms are interned by
 * their code units (`FormTable`), so `idAt` finds a known form straight from the
 * text it occurs in, without slicing it.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import { FormTable, hashRange, type SkipSet } from './form-table.ts';

export class TermTable {
  private readonly analyzer: Analyzer;
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Written forms; a form's id indexes `formTerm` and `formCount`. */
  private readonly forms = new FormTable();
  private formTerm = new Int32Array(1 << 14);
  private formCount = new Uint32Array(1 << 14);

  constructor(analyzer: Analyzer) {
    this.analyzer = analyzer;
  }

  /** The number of terms so far; ids run from 0 to `size - 1` in the order first seen. */
  get size(): number {
    return this.terms.length;
  }

  /** The term of id `id` (`''` for an id out of range). */
  term(id: number): string {
    return this.terms[id] ?? '';
  }

  /** The term ids' terms in id order (the table's own array: read, do not change). */
  termsById(): readonly string[] {
    return this.terms;
  }

  /** The term id of one written word, or -1 when it makes no term; counts the written form. */
  idOf(word: string): number {
    return this.idAt(word, 0, word.length);
  }

  /**
   * `idOf(text.slice(start, end))`, less the characters in `skip` (`idAt('2,500', 0, 5,
   * skipOf(','))` is `idOf('2500')`), without slicing the text when the form is known.
   */
  idAt(text: string, start: number, end: number, skip: SkipSet = 0): number {
    return this.idAtHashed(hashRange(text, start, end, skip), text, start, end, skip);
  }

  /** `idAt` given the form's hash (`hashRange(text, start, end, skip)`). */
  idAtHashed(hash: number, text: string, start: number, end: number, skip: SkipSet = 0): number {
    let form = this.forms.findHashed(hash, text, start, end, skip);
    if (form < 0) form = this.addForm(text, start, end, skip);
    this.formCount[form] = (this.formCount[form] ?? 0) + 1;
    return this.formTerm[form] ?? -1;
  }

  /**
   * Counts the written form `word` `count` times at once (as `count` calls of
   * `idOf` would): how segments' form counts are merged. Returns the term id.
   */
  countForm(word: string, count: number): number {
    let form = this.forms.find(word, 0, word.length);
    if (form < 0) form = this.addForm(word, 0, word.length);
    this.formCount[form] = (this.formCount[form] ?? 0) + count;
    return this.formTerm[form] ?? -1;
  }

  /**
   * Every written form in the order first seen, the term id it makes (-1 for
   * none) and how often it was seen: what a segment keeps to merge display forms.
   */
  formCounts(): { text: string[]; term: Int32Array; count: Uint32Array } {
    const size = this.forms.size;
    return {
      text: this.formTexts(),
      term: this.formTerm.slice(0, size),
      count: this.formCount.slice(0, size),
    };
  }

  private addForm(text: string, start: number, end: number, skip: SkipSet = 0): number {
    const form = this.forms.add(text, start, end, skip);
    if (form === this.formTerm.length) this.grow();
    const term = this.analyzer.term(this.forms.text(form));
    let id = -1;
    if (term !== '') {
      id = this.termIds.get(term) ?? this.terms.length;
      if (id === this.terms.length) {
        this.termIds.set(term, id);
        this.terms.push(term);
      }
    }
    this.formTerm[form] = id;
    return form;
  }

  private grow(): void {
    const termOf = new Int32Array(this.formTerm.length * 2);
    termOf.set(this.formTerm);
    this.formTerm = termOf;
    const count = new Uint32Array(this.formCount.length * 2);
    count.set(this.formCount);
    this.formCount = count;
  }

  /**
   * The terms sorted by UTF-16 code units, each term's most common written
   * form (lower-cased, or capitalised for a name), and `rank[id]`: the sorted
   * position of term `id`.
   */
  sorted(): { terms: string[]; display: string[]; rank: Uint32Array } {
    const ids = this.terms.map((_, id) => id);
    ids.sort((a, b) => compareStrings(this.terms[a] ?? '', this.terms[b] ?? ''));
    const rank = new Uint32Array(ids.length);
    ids.forEach((id, position) => {
      rank[id] = position;
    });
    const best = this.bestForms(this.formTexts());
    return {
      terms: ids.map((id) => this.terms[id] ?? ''),
      display: ids.map((id) => best[id] ?? this.terms[id] ?? ''),
      rank,
    };
  }

  /** Every written form's text, by form id. */
  private formTexts(): string[] {
    const texts = new Array<string>(this.forms.size);
    for (let form = 0; form < texts.length; form++) texts[form] = this.forms.text(form);
    return texts;
  }

  /**
   * Per term id, its most frequent written form, lower-cased (counts merged
   * across case), or as written capitalised when most of the term's mixed-case
   * or lower-case occurrences are capitalised (a name: `Chelsea`, `DiCaprio`).
   * All-capitals forms (Reuters headlines) count towards neither.
   */
  private bestForms(formText: readonly string[]): string[] {
    const counts = new Map<string, number>();
    const capitalised: number[] = [];
    const lower: number[] = [];
    formText.forEach((text, form) => {
      const term = this.formTerm[form] ?? -1;
      if (term < 0) return;
      const count = this.formCount[form] ?? 0;
      const key = `${term}\u0000${text.toLowerCase()}`;
      counts.set(key, (counts.get(key) ?? 0) + count);
      const shape = caseShape(text);
      if (shape === 'capitalised') capitalised[term] = (capitalised[term] ?? 0) + count;
      else if (shape === 'lower') lower[term] = (lower[term] ?? 0) + count;
    });
    const best: string[] = [];
    const bestCount: number[] = [];
    for (const [key, count] of counts) {
      const split = key.indexOf('\u0000');
      const term = Number(key.slice(0, split));
      const text = key.slice(split + 1);
      if (wins(count, text, bestCount[term] ?? 0, best[term])) {
        bestCount[term] = count;
        best[term] = text;
      }
    }
    this.capitaliseNames(formText, best, (term) => {
      const upper = capitalised[term] ?? 0;
      return upper >= NAME_LEAST && upper >= NAME_SHARE * (upper + (lower[term] ?? 0));
    });
    return best;
  }

  /** Replace `best[term]` by its most frequent capitalised writing for each term that `isName`. */
  private capitaliseNames(
    formText: readonly string[],
    best: string[],
    isName: (term: number) => boolean,
  ): void {
    const written: number[] = [];
    const lower = best.slice();
    formText.forEach((text, form) => {
      const term = this.formTerm[form] ?? -1;
      if (term < 0 || caseShape(text) !== 'capitalised' || !isName(term)) return;
      if (text.toLowerCase() !== lower[term]) return;
      const count = this.formCount[form] ?? 0;
      const chosen = written[term] === undefined ? undefined : best[term];
      if (wins(count, text, written[term] ?? 0, chosen)) {
        written[term] = count;
        best[term] = text;
      }
    });
  }
}

/**
 * Share of a term's capitalised and lower-case occurrences that must be
 * capitalised for it to be taken for a name (sentence starts make common
 * words capitalised now and then, names nearly always are).
 */
const NAME_SHARE = 0.8;

/** Fewest capitalised occurrences of a name (one capitalised slip, `Athough`, is not a name). */
const NAME_LEAST = 3;

/**
 * Whether a written form seen `count` times beats the one chosen so far: more
 * often, or as often and first in code-unit order, so that the choice never
 * depends on the order the text was read in (an incremental update sees the
 * same articles in another order than a full rebuild).
 */
function wins(count: number, text: string, bestCount: number, best: string | undefined): boolean {
  if (count !== bestCount) return count > bestCount;
  return count > 0 && (best === undefined || compareStrings(text, best) < 0);
}

/** `Chelsea` and `McDonald` are capitalised, `chelsea` lower, `CHELSEA` and `I` neither. */
function caseShape(text: string): 'capitalised' | 'lower' | 'other' {
  if (!/\p{Lu}/u.test(text)) return 'lower';
  return /^\p{Lu}/u.test(text) && /\p{Ll}/u.test(text) ? 'capitalised' : 'other';
}

/** Orders strings by UTF-16 code units (what `<` does), the order prefix ranges rely on. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
