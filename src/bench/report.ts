/** The benchmarks' tables: `formatTable` for any columns, `printTable` for newsdesk against MiniSearch. */

export interface Row {
  label: string;
  ours: number;
  theirs: number;
  higherIsBetter?: boolean;
  /** What newsdesk should reach, shown in a last column when any row has one (`<= 0.8`). */
  target?: string;
}

const number = (value: number): string =>
  value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(value >= 10 ? 1 : 3);

/**
 * A titled text table: the first `leftColumns` columns left-aligned, the
 * others right-aligned; each column as wide as `minWidths` says (28 for the
 * first, 8 for the others unless told) or as its widest cell needs.
 */
export function formatTable(
  title: string,
  headings: readonly string[],
  rows: readonly (readonly string[])[],
  minWidths: readonly number[] = [],
  leftColumns = 1,
): string {
  const widths = headings.map((heading, column) =>
    Math.max(
      minWidths[column] ?? (column === 0 ? 28 : 8),
      heading.length + (column < leftColumns ? 1 : 2),
      ...rows.map((row) => (row[column] ?? '').length + (column < leftColumns ? 1 : 2)),
    ),
  );
  const line = (cells: readonly string[]) =>
    widths
      .map((width, column) => {
        const cell = cells[column] ?? '';
        return column < leftColumns ? cell.padEnd(width) : cell.padStart(width);
      })
      .join('')
      .trimEnd();
  return ['', title, line(headings), ...rows.map(line)].join('\n');
}

/** The rows as a table of newsdesk against MiniSearch, with a target column when any row has one. */
export function benchTable(title: string, rows: readonly Row[]): string {
  const targets = rows.some((row) => row.target !== undefined);
  const cells = rows.map((row) => [
    row.label,
    number(row.ours),
    number(row.theirs),
    row.theirs === 0 ? 'n/a' : (row.ours / row.theirs).toFixed(2),
    ...(targets ? [row.target ?? ''] : []),
  ]);
  const headings = ['figure', 'newsdesk', 'MiniSearch', 'ratio', ...(targets ? ['target'] : [])];
  return formatTable(title, headings, cells, [32, 12, 12, 8, 10]);
}

export function printTable(title: string, rows: readonly Row[]): void {
  process.stdout.write(`${benchTable(title, rows)}\n`);
}
