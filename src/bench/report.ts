/** The benchmark's table: newsdesk, MiniSearch and their ratio per figure. */

export interface Row {
  label: string;
  ours: number;
  theirs: number;
  higherIsBetter?: boolean;
}

const number = (value: number): string =>
  value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(value >= 10 ? 1 : 3);

export function printTable(title: string, rows: readonly Row[]): void {
  const lines = [
    '',
    title,
    `${'figure'.padEnd(28)}${'newsdesk'.padStart(12)}${'MiniSearch'.padStart(12)}${'ratio'.padStart(8)}`,
  ];
  for (const row of rows) {
    const ratio = row.theirs === 0 ? 'n/a' : (row.ours / row.theirs).toFixed(2);
    lines.push(
      `${row.label.padEnd(28)}${number(row.ours).padStart(12)}${number(row.theirs).padStart(12)}${ratio.padStart(8)}`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
