/**
 * The scale benchmark's report: one table per corpus size, a growth table
 * from the first size to the last, and the same as one JSON object.
 */
import { formatTable } from '../report.ts';
import type { IndexRun } from './index-run.ts';
import { PAGE_KINDS } from './pages.ts';
import type { ServeFigures } from './serve-run.ts';
import type { UpdateFigures, UpdateKind } from './update-run.ts';

/** Everything measured at one corpus size. */
export interface SizeReport {
  articles: number;
  corpus: { files: number; textBytes: number; gzipBytes: number; generateMs: number };
  build: IndexRun;
  /** `readSnapshot` in a fresh process; absent when the build failed. */
  load?: { ms: number; rss: number };
  serve?: ServeFigures;
  /** Incremental updates while serving (absent with `--update 0` or a failed build). */
  updates?: UpdateFigures[];
}

const MB = 1024 * 1024;
const KB = 1024;

/** One figure for the growth table, undefined where it was not measured. */
interface Figure {
  label: string;
  value: (size: SizeReport) => number | undefined;
}

const built = (size: SizeReport) => (size.build.ok ? size.build : undefined);

const FIGURES: readonly Figure[] = [
  { label: 'text (MB)', value: (s) => s.corpus.textBytes / MB },
  { label: 'build (s)', value: (s) => (built(s) ? s.build.ms / 1000 : undefined) },
  {
    label: 'build rate (articles/s)',
    value: (s) => (built(s) ? s.articles / (s.build.ms / 1000) : undefined),
  },
  { label: 'peak RSS building (MB)', value: (s) => (s.build.peakRss ?? 0) / MB || undefined },
  { label: 'snapshot (MB)', value: (s) => (built(s)?.snapshotBytes ?? 0) / MB || undefined },
  { label: 'snapshot per article (KB)', value: (s) => perArticle(s) },
  {
    label: 'snapshot / text',
    value: (s) => (built(s)?.snapshotBytes ?? 0) / s.corpus.textBytes || undefined,
  },
  { label: 'load, readSnapshot (ms)', value: (s) => s.load?.ms },
  { label: 'serve ready (s)', value: (s) => (s.serve ? s.serve.readyMs / 1000 : undefined) },
  {
    label: 'serve RSS after pages (MB)',
    value: (s) => (s.serve ? s.serve.rssAfter / MB : undefined),
  },
  { label: 'serve RSS / snapshot', value: (s) => serveRatio(s) },
  ...(['add', 'change', 'remove'] as const).flatMap((kind): Figure[] => [
    { label: `update: ${kind}, index (s)`, value: (s) => updateOf(s, kind, 'index') },
    { label: `update: ${kind}, to served (s)`, value: (s) => updateOf(s, kind, 'served') },
    { label: `update: ${kind}, peak RSS (MB)`, value: (s) => updateOf(s, kind, 'rss') },
  ]),
  ...PAGE_KINDS.flatMap((kind): Figure[] => [
    { label: `${kind} p50 (ms)`, value: (s) => s.serve?.latency.get(kind)?.p50 },
    { label: `${kind} p99 (ms)`, value: (s) => s.serve?.latency.get(kind)?.p99 },
  ]),
];

function updateOf(
  size: SizeReport,
  kind: UpdateKind,
  what: 'index' | 'served' | 'rss',
): number | undefined {
  const update = size.updates?.find((figures) => figures.kind === kind);
  if (!update) return undefined;
  if (what === 'served') return update.servedMs === undefined ? undefined : update.servedMs / 1000;
  if (what === 'rss') return (update.build.peakRss ?? 0) / MB || undefined;
  return update.build.ms / 1000;
}

function perArticle(size: SizeReport): number | undefined {
  const build = built(size);
  return build ? build.snapshotBytes / size.articles / KB : undefined;
}

function serveRatio(size: SizeReport): number | undefined {
  const build = built(size);
  return build && size.serve ? size.serve.rssAfter / build.snapshotBytes : undefined;
}

/** A number for a table: thousands separated, three significant digits below 100. */
export function figure(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en');
  return value.toPrecision(3);
}

/** The table of one size: a figure and its value per row. */
export function sizeRows(size: SizeReport): string[][] {
  const { corpus, build } = size;
  const rows: string[][] = [
    [
      'text',
      `${figure(corpus.textBytes / MB)} MB, ${figure(corpus.textBytes / size.articles)} B/article`,
    ],
    ['corpus files (JSONL.gz)', `${corpus.files}, ${figure(corpus.gzipBytes / MB)} MB`],
    ['generate', `${figure(corpus.generateMs / 1000)} s`],
  ];
  const peak = build.peakRss === undefined ? '—' : `${figure(build.peakRss / MB)} MB`;
  if (!build.ok) {
    rows.push(['build', `fails: ${build.message}`]);
    rows.push(['build time at failure', `${figure(build.ms / 1000)} s`]);
    rows.push(['peak RSS at failure', peak]);
    return rows;
  }
  rows.push(
    [
      'build (end to end)',
      `${figure(build.ms / 1000)} s, ${figure(size.articles / (build.ms / 1000))} articles/s`,
    ],
    ['peak RSS building', peak],
    ['terms', figure(build.terms)],
    [
      'snapshot',
      `${figure(build.snapshotBytes / MB)} MB, ${figure(perArticle(size))} KB/article, ${figure(build.snapshotBytes / corpus.textBytes)} × text`,
    ],
  );
  if (size.load) {
    rows.push([
      'load, readSnapshot',
      `${figure(size.load.ms)} ms (RSS after ${figure(size.load.rss / MB)} MB)`,
    ]);
  }
  if (size.serve) rows.push(...serveRows(size.serve, build.snapshotBytes, size.articles));
  for (const update of size.updates ?? []) rows.push(updateRow(update));
  return rows;
}

/** `update: add 1,000` → `3.1 s index (incremental), 4.0 s to served, peak 900 MB`. */
function updateRow(update: UpdateFigures): string[] {
  const label = `update: ${update.kind} ${update.articles.toLocaleString('en')}`;
  const { build } = update;
  if (!build.ok) return [label, `fails: ${build.message}`];
  const served =
    update.servedMs === undefined
      ? 'never served'
      : `${figure(update.servedMs / 1000)} s to served`;
  const peak = build.peakRss === undefined ? '' : `, peak ${figure(build.peakRss / MB)} MB`;
  return [label, `${figure(build.ms / 1000)} s index (${build.mode}), ${served}${peak}`];
}

/** Issue 13's page targets at a million articles, per kind: p50 and p99 in milliseconds. */
export const PAGE_TARGETS = { articles: 1_000_000, p50: 10, p99: 60 };

/** " (target ≤ 10 / ≤ 60: met)" for a size that reaches the targets' size, else "". */
function pageTarget(latency: { p50: number; p99: number }, articles: number): string {
  if (articles < PAGE_TARGETS.articles) return '';
  const met = latency.p50 <= PAGE_TARGETS.p50 && latency.p99 <= PAGE_TARGETS.p99;
  return ` (target p50 ≤ ${PAGE_TARGETS.p50}, p99 ≤ ${PAGE_TARGETS.p99}: ${met ? 'met' : 'missed'})`;
}

/** The serve rows of an existing snapshot of `articles` articles (`--snapshot`), as text. */
export function servedText(
  title: string,
  serve: ServeFigures,
  snapshotBytes: number,
  articles: number,
): string {
  return formatTable(
    title,
    ['figure', 'value'],
    serveRows(serve, snapshotBytes, articles),
    [28, 0],
    2,
  );
}

function serveRows(serve: ServeFigures, snapshotBytes: number, articles: number): string[][] {
  const rows: string[][] = [
    [
      'serve ready (to /healthz)',
      `${figure(serve.readyMs / 1000)} s${serve.rebuilt ? ' (rebuilt the snapshot!)' : ''}`,
    ],
    [
      'serve RSS, 2 workers',
      `${figure(serve.rssReady / MB)} MB ready, ${figure(serve.rssAfter / MB)} MB after pages (${figure(serve.rssAfter / snapshotBytes)} × snapshot)`,
    ],
  ];
  for (const kind of PAGE_KINDS) {
    const latency = serve.latency.get(kind);
    if (latency === undefined) continue;
    const failed = latency.failed > 0 ? `, ${latency.failed} failed` : '';
    rows.push([
      `${kind} p50 / p95 / p99`,
      `${figure(latency.p50)} / ${figure(latency.p95)} / ${figure(latency.p99)} ms${failed}${pageTarget(latency, articles)}`,
    ]);
  }
  return rows;
}

/** The growth table: each figure per size, and last ÷ first. */
export function growthRows(sizes: readonly SizeReport[]): string[][] {
  const first = sizes[0];
  const last = sizes[sizes.length - 1];
  return FIGURES.map((row) => {
    const values = sizes.map((size) => row.value(size));
    const a = first ? row.value(first) : undefined;
    const b = last ? row.value(last) : undefined;
    const growth = a !== undefined && b !== undefined && a > 0 ? `× ${(b / a).toFixed(2)}` : '—';
    return [
      row.label,
      ...values.map((value, at) =>
        value === undefined && sizes[at]?.build.ok === false ? 'fails' : figure(value),
      ),
      growth,
    ];
  });
}

/** The whole report as text: a table per size, then the growth table when there are several. */
export function reportText(sizes: readonly SizeReport[]): string {
  const tables = sizes.map((size) =>
    formatTable(
      `${size.articles.toLocaleString('en')} synthetic articles`,
      ['figure', 'value'],
      sizeRows(size),
      [28, 0],
      2,
    ),
  );
  if (sizes.length > 1) {
    const first = sizes[0]?.articles ?? 0;
    const last = sizes[sizes.length - 1]?.articles ?? 0;
    tables.push(
      formatTable(
        `Growth, ${first.toLocaleString('en')} → ${last.toLocaleString('en')} articles (× ${(last / first).toFixed(1)})`,
        ['figure', ...sizes.map((size) => size.articles.toLocaleString('en')), 'growth'],
        growthRows(sizes),
        [28],
      ),
    );
  }
  return tables.join('\n');
}

/** The report as one JSON object (latency keyed by kind). */
export function reportJson(sizes: readonly SizeReport[]): string {
  return JSON.stringify({
    sizes: sizes.map((size) => ({
      ...size,
      ...(size.serve
        ? { serve: { ...size.serve, latency: Object.fromEntries(size.serve.latency) } }
        : {}),
    })),
  });
}
