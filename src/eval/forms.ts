/**
 * Several forms of the same information needs (short, verbose, misspelled
 * queries, one set of judgements) evaluated for the same systems, and the
 * side-by-side table of their means.
 */
import { type EvalReport, evaluateRun } from './metrics.ts';
import type { RankingSystem } from './systems.ts';
import type { EvalQuery, Qrels } from './topics.ts';

/** One form of the needs: a name for the table and its queries. */
export interface QueryForm {
  /** Column group heading, e.g. `verbose`. */
  name: string;
  queries: readonly EvalQuery[];
}

/** One system's report on each form, in the forms' order. */
export interface SystemForms {
  name: string;
  forms: { form: string; report: EvalReport }[];
}

/**
 * Runs every system on every form to `depth` and scores each run against
 * `qrels` (see `evaluateRun`). Systems are built once by the caller.
 *
 * @example evaluateForms(systems, [{ name: 'short', queries }], qrels, 1000)
 */
export function evaluateForms(
  systems: readonly RankingSystem[],
  forms: readonly QueryForm[],
  qrels: Qrels,
  depth: number,
): SystemForms[] {
  return systems.map((system) => ({
    name: system.name,
    forms: forms.map((form) => {
      const run = new Map(form.queries.map((query) => [query.id, system.rank(query.text, depth)]));
      const ids = form.queries.map((query) => query.id);
      return { form: form.name, report: evaluateRun(run, qrels, ids) };
    }),
  }));
}

const METRICS = ['MAP', 'nDCG@10', 'P@10', 'MRR'] as const;

/** The means of `report` in `METRICS` order. */
function means(report: EvalReport): number[] {
  return [report.map, report.ndcg10, report.p10, report.mrr];
}

/** Pads `cell` to `width`: names to the left, numbers to the right. */
function pad(cell: string, width: number, left: boolean): string {
  return left ? cell.padEnd(width) : cell.padStart(width);
}

/**
 * A fixed-width text table, one row per system and one group of columns per
 * form (MAP, nDCG@10, P@10, MRR to 4 decimals), the forms named on a first
 * header line above their groups; groups are separated by ` | `. No trailing
 * newline.
 *
 * @example formatForms(evaluateForms(systems, forms, qrels, 1000))
 *   //          | short                           | verbose
 *   // system   |     MAP nDCG@10    P@10     MRR |     MAP nDCG@10    P@10     MRR
 *   // newsdesk |  0.5191  0.9478  0.9400  1.0000 |  0.3637  0.7497  0.7400  0.8406
 */
export function formatForms(rows: readonly SystemForms[]): string {
  const forms = rows[0]?.forms.map((entry) => entry.form) ?? [];
  const nameWidth = Math.max('system'.length, ...rows.map((row) => row.name.length));
  const metricWidth = Math.max(...METRICS.map((metric) => metric.length));
  const groupWidth = METRICS.length * metricWidth + METRICS.length - 1;
  const group = (cells: readonly string[]) =>
    cells.map((cell) => pad(cell, metricWidth, false)).join(' ');
  const line = (name: string, groups: readonly string[]) =>
    [pad(name, nameWidth, true), ...groups].join(' | ').trimEnd();
  const lines = [
    line(
      '',
      forms.map((form) => pad(form, groupWidth, true)),
    ),
    line(
      'system',
      forms.map(() => group(METRICS)),
    ),
  ];
  for (const row of rows) {
    const groups = forms.map((form) => {
      const report = row.forms.find((entry) => entry.form === form)?.report;
      return report ? group(means(report).map((value) => value.toFixed(4))) : '';
    });
    lines.push(line(row.name, groups));
  }
  return lines.join('\n');
}
