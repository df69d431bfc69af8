/**
 * An article's headline and body read again into the index's term ids, the
 * way the segment writer read them (`eachTermId`, so exactly its terms), for
 * what is computed from one article's text at query time (its keywords).
 * Written forms are looked up through a term table of their own, so a form
 * seen before costs no string and no analysis; the table starts over when it
 * grows past a bound, as the analyzer's stem cache does.
 */
import type { Analyzer } from '../analysis/analyzer.ts';
import { eachTermId } from './term-ids.ts';
import { TermTable } from './term-table.ts';
import type { Vocabulary } from './vocabulary.ts';

/** A table term not looked up in the index's vocabulary yet. */
const UNKNOWN = -2;
/** A table term the index does not hold, or that `accept` turned down. */
const ABSENT = -1;

/**
 * Reads texts into the term ids of one index (`vocabulary`, made with
 * `analyzer`), keeping only the terms `accept` takes (asked once per term
 * seen); `termsKept` bounds the terms it remembers.
 * @example new ArticleTerms(vocabulary, analyzer, () => true, 200_000).keys('Oil rises', 'Crude oil…')
 */
export class ArticleTerms {
  private table: TermTable;
  /** The index's term id of each table term id (`UNKNOWN`, `ABSENT`). */
  private indexIds = new Int32Array(1024).fill(UNKNOWN);
  private out = new Uint32Array(1024);
  private length = 0;
  private field = 0;
  private readonly visit = (tableId: number): void => {
    const id = this.indexId(tableId);
    if (id < 0) return;
    if (this.length === this.out.length) {
      const out = new Uint32Array(this.out.length * 2);
      out.set(this.out);
      this.out = out;
    }
    this.out[this.length++] = id * 2 + this.field;
  };

  constructor(
    private readonly vocabulary: Vocabulary,
    private readonly analyzer: Analyzer,
    private readonly accept: (id: number) => boolean,
    private readonly termsKept: number,
  ) {
    this.table = new TermTable(analyzer);
  }

  /**
   * One key per accepted term occurrence of `title` (`2 × id`) and `body` (`2 × id + 1`),
   * ascending: a term's headline occurrences, then its body's, then the next
   * term's. The array is reused by the next call.
   */
  keys(title: string, body: string): Uint32Array {
    if (this.table.size > this.termsKept) {
      this.table = new TermTable(this.analyzer);
      this.indexIds.fill(UNKNOWN);
    }
    this.length = 0;
    this.field = 0;
    eachTermId(title, this.table, this.visit);
    this.field = 1;
    eachTermId(body, this.table, this.visit);
    return this.out.subarray(0, this.length).sort();
  }

  private indexId(tableId: number): number {
    if (tableId >= this.indexIds.length) {
      const ids = new Int32Array(Math.max(tableId + 1, this.indexIds.length * 2)).fill(UNKNOWN);
      ids.set(this.indexIds);
      this.indexIds = ids;
    }
    let id = this.indexIds[tableId] ?? UNKNOWN;
    if (id === UNKNOWN) {
      id = this.vocabulary.id(this.table.term(tableId)) ?? ABSENT;
      if (id >= 0 && !this.accept(id)) id = ABSENT;
      this.indexIds[tableId] = id;
    }
    return id;
  }
}
