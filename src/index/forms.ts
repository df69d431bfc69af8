/**
 * Written-form counts over a whole index, and the display forms they choose
 * (`TermTable`): summed from segments on a build, and on an incremental
 * update the previous generation's minus the removed articles' plus the new
 * segments'. The choice depends only on the counts, never on their order.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import type { Article } from '../types.ts';
import { fieldText, INDEX_FIELDS } from './fields.ts';
import type { FormCounts } from './segments/segment.ts';
import { eachTermId } from './term-ids.ts';
import { TermTable } from './term-table.ts';

/** The sorted terms the counted forms make, their display forms, and the counts themselves. */
export interface TalliedForms {
  terms: string[];
  display: string[];
  /** Every counted form (count > 0), its term an index into `terms`. */
  forms: FormCounts;
}

/**
 * Sums written-form counts. Additions go straight into one term table;
 * subtractions are kept aside and taken off when the tally is finished.
 * @example
 * ```ts
 * const tally = new FormTally(analyzer);
 * for (const segment of segments) tally.add(segment.forms);
 * const { terms, display } = tally.finish();
 * ```
 */
export class FormTally {
  private readonly table: TermTable;
  private readonly removed = new Map<string, number>();

  constructor(private readonly analyzer: Analyzer) {
    this.table = new TermTable(analyzer);
  }

  /** Counts `forms` in. */
  add(forms: FormCounts): void {
    forms.text.forEach((text, form) => {
      this.table.countForm(text, forms.count[form] ?? 0);
    });
  }

  /** Takes the written forms of `articles` (every indexed field, as a segment counts them) off. */
  subtractArticles(articles: Iterable<Article>): void {
    const table = new TermTable(this.analyzer);
    for (const article of articles) {
      for (const field of INDEX_FIELDS) eachTermId(fieldText(article, field), table, ignore);
    }
    const { text, term, count } = table.formCounts();
    text.forEach((written, form) => {
      if ((term[form] ?? -1) < 0) return;
      this.removed.set(written, (this.removed.get(written) ?? 0) + (count[form] ?? 0));
    });
  }

  /** The terms, display forms and counts; throws when more was taken off a form than it had. */
  finish(): TalliedForms {
    const table = this.removed.size === 0 ? this.table : this.withoutRemoved();
    const { terms, display, rank } = table.sorted();
    const { text, term, count } = table.formCounts();
    const kept = text.flatMap((_, form) =>
      (term[form] ?? -1) < 0 || (count[form] ?? 0) === 0 ? [] : [form],
    );
    return {
      terms,
      display,
      forms: {
        text: kept.map((form) => text[form] ?? ''),
        term: Uint32Array.from(kept, (form) => rank[term[form] ?? 0] ?? 0),
        count: Uint32Array.from(kept, (form) => count[form] ?? 0),
      },
    };
  }

  /** A table of the counts less the subtractions, forms left at 0 dropped (and their terms with them). */
  private withoutRemoved(): TermTable {
    const { text, count } = this.table.formCounts();
    const table = new TermTable(this.analyzer);
    text.forEach((written, form) => {
      const left = (count[form] ?? 0) - (this.removed.get(written) ?? 0);
      if (left < 0) {
        throw new Error(
          `the written form ${JSON.stringify(written)} was taken off more often than counted`,
        );
      }
      if (left > 0) table.countForm(written, left);
      this.removed.delete(written);
    });
    const unknown = this.removed.keys().next();
    if (!unknown.done) {
      throw new Error(
        `the written form ${JSON.stringify(unknown.value)} was taken off but never counted`,
      );
    }
    return table;
  }
}

function ignore(): void {}

/** Throws unless the tallied forms make exactly the postings' `terms` (they were counted from the same articles). */
export function assertSameTerms(tallied: readonly string[], terms: readonly string[]): void {
  if (tallied.length !== terms.length || tallied.some((term, t) => term !== terms[t])) {
    throw new Error("the written forms do not make the postings' terms (analyzer mismatch)");
  }
}
