/**
 * The vocabulary while an index is built: each written form (`Elections`) is
 * analyzed once and mapped to its term's id; counts per written form give each
 * term a readable display form for suggestions.
 */
import type { Analyzer } from '../analysis/analyzer.ts';

export class TermTable {
  private readonly analyzer: Analyzer;
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Written form → index into `formTerm` / `formCount`. */
  private readonly forms = new Map<string, number>();
  private readonly formText: string[] = [];
  private formTerm = new Int32Array(1 << 14);
  private formCount = new Uint32Array(1 << 14);

  constructor(analyzer: Analyzer) {
    this.analyzer = analyzer;
  }

  /** The term id of one written word, or -1 when it makes no term. */
  idOf(word: string): number {
    let form = this.forms.get(word);
    if (form === undefined) form = this.addForm(word);
    this.formCount[form] = (this.formCount[form] ?? 0) + 1;
    return this.formTerm[form] ?? -1;
  }

  private addForm(word: string): number {
    const form = this.formText.length;
    if (form === this.formTerm.length) this.grow();
    const term = this.analyzer.term(word);
    let id = -1;
    if (term !== '') {
      id = this.termIds.get(term) ?? this.terms.length;
      if (id === this.terms.length) {
        this.termIds.set(term, id);
        this.terms.push(term);
      }
    }
    this.forms.set(word, form);
    this.formText.push(word);
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
    const best = this.bestForms();
    return {
      terms: ids.map((id) => this.terms[id] ?? ''),
      display: ids.map((id) => best[id] ?? this.terms[id] ?? ''),
      rank,
    };
  }

  /**
   * Per term id, its most frequent written form, lower-cased (counts merged
   * across case), or as written capitalised when most of the term's mixed-case
   * or lower-case occurrences are capitalised (a name: `Chelsea`, `DiCaprio`).
   * All-capitals forms (Reuters headlines) count towards neither.
   */
  private bestForms(): string[] {
    const counts = new Map<string, number>();
    const capitalised: number[] = [];
    const lower: number[] = [];
    this.formText.forEach((text, form) => {
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
      if (count > (bestCount[term] ?? 0)) {
        bestCount[term] = count;
        best[term] = key.slice(split + 1);
      }
    }
    this.capitaliseNames(best, (term) => {
      const upper = capitalised[term] ?? 0;
      return upper >= NAME_LEAST && upper >= NAME_SHARE * (upper + (lower[term] ?? 0));
    });
    return best;
  }

  /** Replace `best[term]` by its most frequent capitalised writing for each term that `isName`. */
  private capitaliseNames(best: string[], isName: (term: number) => boolean): void {
    const written: number[] = [];
    this.formText.forEach((text, form) => {
      const term = this.formTerm[form] ?? -1;
      if (term < 0 || caseShape(text) !== 'capitalised' || !isName(term)) return;
      if (text.toLowerCase() !== best[term]) return;
      const count = this.formCount[form] ?? 0;
      if (count > (written[term] ?? 0)) {
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
