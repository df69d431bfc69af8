/** The end-of-rebuild summary, for people (text) and for scripts (one JSON object). */
import type { RebuildSummary } from '../index/rebuild.ts';
import type { Problem } from '../types.ts';

/** Problems listed one per line in the text summary; `--json` lists them all. */
const LISTED_PROBLEMS = 20;

/** The `--json` summary: `files`, `articles`, `duplicates`, `problems`, `ms`, `snapshotBytes`, … */
export function summaryJson(summary: RebuildSummary): string {
  const { problems, ...rest } = summary;
  return JSON.stringify({ ...rest, problems: problems.map(problemJson) });
}

function problemJson(problem: Problem) {
  const { file, line, record, kind, reason } = problem;
  return {
    file,
    ...(line !== undefined ? { line } : {}),
    ...(record !== undefined ? { record } : {}),
    kind,
    reason,
  };
}

/** The text summary. */
export function summaryText(summary: RebuildSummary): string {
  const seconds = summary.ms / 1000;
  const rate = Math.round(summary.articles / Math.max(seconds, 0.001));
  const lines = [
    headline(summary, seconds, rate),
    ...changeLines(summary),
    `  duplicates dropped  ${n(summary.duplicates)}`,
    `  problems            ${n(summary.problems.length)}${byKind(summary.problems)}`,
    ...summary.problems.slice(0, LISTED_PROBLEMS).map((problem) => `    ${problemLine(problem)}`),
  ];
  if (summary.problems.length > LISTED_PROBLEMS) {
    lines.push(
      `    … ${n(summary.problems.length - LISTED_PROBLEMS)} more (--json lists them all)`,
    );
  }
  if (summary.skipped > 0)
    lines.push(`  files skipped       ${n(summary.skipped)} (no parser for their type)`);
  lines.push(`  terms               ${n(summary.terms)}`);
  lines.push(`  snapshot            ${summary.snapshot} (${megabytes(summary.snapshotBytes)})`);
  return lines.join('\n');
}

function headline(summary: RebuildSummary, seconds: number, rate: number): string {
  const time = `in ${seconds.toFixed(1)} s`;
  const what = `${plural(summary.articles, 'article')} from ${plural(summary.files, 'file')}`;
  if (summary.mode === 'unchanged') return `Up to date: ${what}, nothing changed (checked ${time})`;
  if (summary.mode === 'incremental') return `Updated the index: ${what} ${time}`;
  return `Indexed ${what} ${time} (${n(rate)} articles/s)`;
}

/** What an update read, or why a rebuild was full. */
function changeLines(summary: RebuildSummary): string[] {
  const { changes } = summary;
  if (!changes) return summary.fullBecause ? [`  full rebuild        ${summary.fullBecause}`] : [];
  return [
    `  files               ${n(changes.filesRead)} read (added or changed), ${n(changes.filesUnchanged)} unchanged, ${n(changes.filesRemoved)} removed`,
    `  articles            ${n(changes.articlesAdded)} read, ${n(changes.articlesKept)} kept, ${n(changes.articlesRemoved)} left out`,
  ];
}

/** `sport/199.txt:3 [invalid-json] reason` */
export function problemLine(problem: Problem): string {
  const where = `${problem.file}${problem.line !== undefined ? `:${problem.line}` : ''}${problem.record !== undefined ? ` record ${problem.record}` : ''}`;
  return `${where} [${problem.kind}] ${problem.reason}`;
}

function byKind(problems: readonly Problem[]): string {
  if (problems.length === 0) return '';
  const counts = new Map<string, number>();
  for (const problem of problems) counts.set(problem.kind, (counts.get(problem.kind) ?? 0) + 1);
  return ` (${[...counts].map(([kind, count]) => `${kind} ${n(count)}`).join(', ')})`;
}

function n(value: number): string {
  return value.toLocaleString('en-US');
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** `1 article`, `2,127 articles`. */
function plural(count: number, noun: string): string {
  return `${n(count)} ${noun}${count === 1 ? '' : 's'}`;
}
