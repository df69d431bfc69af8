/**
 * Relevance metrics with their standard TREC definitions, for one ranked list
 * of document ids against one query's judgements, and their means over a set
 * of queries. Every function is pure.
 *
 * Conventions shared by all metrics:
 * - A document is relevant when its grade is > 0; unjudged documents count as
 *   grade 0 (not relevant).
 * - Ranks are 1-based: `ranked[0]` is at rank 1.
 * - Duplicates in a ranked list count once: a document's later repeats are
 *   dropped before scoring, so the documents after them move up
 *   (`distinctRanking`). A run cannot earn credit twice for one document.
 */
import { NewsdeskError } from '../errors.ts';
import type { Qrels } from './topics.ts';

/** One query's judgements: document id → grade (integer ≥ 0, 0 = not relevant). */
export type Judgements = ReadonlyMap<string, number>;

/** The cut-off of the `@10` metrics in an `EvalReport`. */
export const REPORT_CUTOFF = 10;

/** The ranked list with every later repeat of a document removed. */
export function distinctRanking(ranked: readonly string[]): string[] {
  return [...new Set(ranked)];
}

/** The gain of `doc`: its grade when it is relevant, else 0. */
function gain(doc: string, judged: Judgements): number {
  return Math.max(0, judged.get(doc) ?? 0);
}

/** How many judged documents are relevant (grade > 0). */
export function countRelevant(judged: Judgements): number {
  let count = 0;
  for (const grade of judged.values()) if (grade > 0) count += 1;
  return count;
}

/** Throws unless `k` is a positive integer. */
function checkCutoff(k: number): void {
  if (!Number.isInteger(k) || k < 1) {
    throw new NewsdeskError('USAGE', `a metric cut-off must be a positive integer, got ${k}`);
  }
}

/**
 * Average precision over the whole ranked list:
 * `AP = (Σ_{r : doc at r relevant} P@r) / R`, where `P@r` is the precision of
 * the top `r` results and `R` the number of relevant documents in `relevant`
 * (retrieved or not). 0 when `R` is 0.
 *
 * @example averagePrecision(['a', 'x', 'b'], new Map([['a', 1], ['b', 1]]))
 *   // → (1/1 + 2/3) / 2 = 0.8333…
 */
export function averagePrecision(ranked: readonly string[], relevant: Judgements): number {
  const total = countRelevant(relevant);
  if (total === 0) return 0;
  let found = 0;
  let sum = 0;
  distinctRanking(ranked).forEach((doc, index) => {
    if (gain(doc, relevant) === 0) return;
    found += 1;
    sum += found / (index + 1);
  });
  return sum / total;
}

/** `Σ_{i=0}^{min(k,n)-1} gains[i] / log2(i + 2)`, for gains in rank order. */
function discountedGain(gains: readonly number[], k: number): number {
  let sum = 0;
  gains.slice(0, k).forEach((value, index) => {
    sum += value / Math.log2(index + 2);
  });
  return sum;
}

/**
 * Normalised discounted cumulative gain at `k`, with linear graded gains:
 * `DCG@k = Σ_{i=1}^{k} rel_i / log2(i + 1)` where `rel_i` is the grade of the
 * document at rank `i` (0 if unjudged), and `nDCG@k = DCG@k / IDCG@k`, where
 * `IDCG@k` is the DCG@k of the judged grades sorted best first. 0 when no
 * judged document is relevant.
 *
 * @param k - the cut-off, a positive integer, e.g. `10`.
 * @example ndcgAt(10, ['x', 'a'], new Map([['a', 1]])) // → (1/log2 3) / 1 = 0.6309…
 */
export function ndcgAt(k: number, ranked: readonly string[], judged: Judgements): number {
  checkCutoff(k);
  const ideal = [...judged.values()].filter((grade) => grade > 0).sort((a, b) => b - a);
  const idealGain = discountedGain(ideal, k);
  if (idealGain === 0) return 0;
  const gains = distinctRanking(ranked).map((doc) => gain(doc, judged));
  return discountedGain(gains, k) / idealGain;
}

/**
 * Precision at `k`: the number of relevant documents in the top `k`, divided
 * by `k`, even when fewer than `k` results were returned (missing ranks count
 * as not relevant).
 *
 * @param k - the cut-off, a positive integer, e.g. `10`.
 * @example precisionAt(10, ['a', 'x'], new Map([['a', 1]])) // → 1/10 = 0.1
 */
export function precisionAt(k: number, ranked: readonly string[], relevant: Judgements): number {
  checkCutoff(k);
  const top = distinctRanking(ranked).slice(0, k);
  return top.filter((doc) => gain(doc, relevant) > 0).length / k;
}

/**
 * Reciprocal rank: `1 / r` for the rank `r` of the first relevant document,
 * 0 when none was retrieved.
 *
 * @example reciprocalRank(['x', 'y', 'a'], new Map([['a', 1]])) // → 1/3
 */
export function reciprocalRank(ranked: readonly string[], relevant: Judgements): number {
  const index = distinctRanking(ranked).findIndex((doc) => gain(doc, relevant) > 0);
  return index < 0 ? 0 : 1 / (index + 1);
}

/** One query's scores in an `EvalReport`. */
export interface QueryScores {
  id: string;
  /** Average precision over the whole run. */
  ap: number;
  ndcg10: number;
  p10: number;
  /** Reciprocal rank. */
  rr: number;
  /** Distinct documents the run returned for the query. */
  retrieved: number;
  /** Documents judged relevant (grade > 0) for the query. */
  relevant: number;
}

/** The scores of a run: the means over the queries, then each query's own. */
export interface EvalReport {
  /** How many queries the means are over. */
  queries: number;
  /** Mean average precision. */
  map: number;
  /** Mean nDCG@10. */
  ndcg10: number;
  /** Mean P@10. */
  p10: number;
  /** Mean reciprocal rank. */
  mrr: number;
  perQuery: QueryScores[];
}

/** The arithmetic mean of `values`, 0 when there are none. */
function mean(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

/** The scores of one query's ranked list against its judgements. */
function scoreQuery(id: string, ranked: readonly string[], judged: Judgements): QueryScores {
  return {
    id,
    ap: averagePrecision(ranked, judged),
    ndcg10: ndcgAt(REPORT_CUTOFF, ranked, judged),
    p10: precisionAt(REPORT_CUTOFF, ranked, judged),
    rr: reciprocalRank(ranked, judged),
    retrieved: distinctRanking(ranked).length,
    relevant: countRelevant(judged),
  };
}

/**
 * Scores a run (query id → ranked document ids) against `qrels`, averaging
 * MAP, nDCG@10, P@10 and MRR over `queryIds` (each id once, in order):
 * - a query missing from the run scores 0 on every metric but still counts;
 * - a query with no relevant document in `qrels` also scores 0 and still
 *   counts (so a set's means are comparable across runs);
 * - run entries for ids not in `queryIds` are ignored.
 * The means are 0 when `queryIds` is empty.
 *
 * @example evaluateRun(new Map([['r01', ['a', 'b']]]), qrels, ['r01', 'r02'])
 */
export function evaluateRun(
  run: ReadonlyMap<string, readonly string[]>,
  qrels: Qrels,
  queryIds: readonly string[],
): EvalReport {
  const perQuery = distinctRanking(queryIds).map((id) =>
    scoreQuery(id, run.get(id) ?? [], qrels.get(id) ?? new Map<string, number>()),
  );
  return {
    queries: perQuery.length,
    map: mean(perQuery.map((scores) => scores.ap)),
    ndcg10: mean(perQuery.map((scores) => scores.ndcg10)),
    p10: mean(perQuery.map((scores) => scores.p10)),
    mrr: mean(perQuery.map((scores) => scores.rr)),
    perQuery,
  };
}

/** One system's report, named, for `formatReport`. */
export interface NamedReport {
  name: string;
  report: EvalReport;
}

/** The table's header; the first column holds names, the others the means. */
const HEADER = ['system', 'MAP', 'nDCG@10', 'P@10', 'MRR'] as const;

/** The means of `report` in table order. */
function means(report: EvalReport): number[] {
  return [report.map, report.ndcg10, report.p10, report.mrr];
}

/** `(a − b) / b` in percent with a sign, e.g. `+12.50%`; `n/a` when `b` is 0. */
function relativeDifference(a: number, b: number): string {
  if (b === 0) return 'n/a';
  const percent = ((a - b) / b) * 100;
  const digits = Math.abs(percent).toFixed(2);
  const sign = percent < 0 && digits !== '0.00' ? '-' : '+';
  return `${sign}${digits}%`;
}

/** The rows of the table as cells, header first. */
function tableCells(rows: readonly NamedReport[]): string[][] {
  const cells: string[][] = [[...HEADER]];
  for (const { name, report } of rows) {
    cells.push([name, ...means(report).map((value) => value.toFixed(4))]);
  }
  const [first, second] = rows;
  if (rows.length === 2 && first !== undefined && second !== undefined) {
    const baseline = means(second.report);
    const differences = means(first.report).map((value, index) =>
      relativeDifference(value, baseline[index] ?? 0),
    );
    cells.push([`${first.name} vs ${second.name}`, ...differences]);
  }
  return cells;
}

/**
 * A fixed-width text table of the systems' means: columns system, MAP,
 * nDCG@10, P@10 and MRR to 4 decimals, names left-aligned, numbers
 * right-aligned, two spaces between columns, no trailing newline. With exactly
 * two rows a last line `<first> vs <second>` gives the relative difference of
 * the first over the second, `(first − second) / second`, in percent (`n/a`
 * where the second is 0).
 *
 * @example formatReport([{ name: 'bm25', report }, { name: 'tfidf', report: other }])
 *   // system             MAP  nDCG@10     P@10      MRR
 *   // bm25            0.3000   0.4000   0.5000   0.6000
 *   // tfidf           0.2000   0.4000   0.4000   0.8000
 *   // bm25 vs tfidf  +50.00%   +0.00%  +25.00%  -25.00%
 */
export function formatReport(rows: readonly NamedReport[]): string {
  const cells = tableCells(rows);
  const widths = HEADER.map((_, column) =>
    Math.max(...cells.map((row) => (row[column] ?? '').length)),
  );
  return cells
    .map((row) =>
      row
        .map((cell, column) => {
          const width = widths[column] ?? 0;
          return column === 0 ? cell.padEnd(width) : cell.padStart(width);
        })
        .join('  '),
    )
    .join('\n');
}
