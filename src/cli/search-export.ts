/**
 * `newsdesk search --format csv|jsonl [--all]`: the results as CSV or JSON
 * Lines on standard output (one page, or with `--all` every result up to the
 * cap), written a batch at a time as the output takes them, exactly as the
 * API's export writes them. A progress bar goes to standard error when it is
 * a terminal; what the cap left out is said there too, never on stdout.
 */
import cliProgress from 'cli-progress';
import type { NewsIndex } from '../index/build.ts';
import { exportRows, rankForExport, rankingFrom } from '../search/extras/export.ts';
import { createSearcher } from '../search/searcher.ts';
import { type ExportFormat, writeExport } from '../server/export-stream.ts';
import type { SearchRequest } from '../types.ts';
import { groupThousands } from './results.ts';

export interface SearchExportOptions {
  request: SearchRequest;
  format: ExportFormat;
  /** Every result up to `cap`, instead of the request's page. */
  all: boolean;
  /** Most rows `--all` writes. @example 100_000 */
  cap: number;
}

/** Write `options.request`'s results from `index` to `stdout`; resolves once written (or the pipe closed). */
export async function writeSearchExport(
  index: NewsIndex,
  options: SearchExportOptions,
  io: { stdout: NodeJS.WriteStream; stderr: NodeJS.WriteStream },
): Promise<void> {
  const searcher = createSearcher(index);
  const { request } = options;
  const size = request.size ?? searcher.options.defaultPageSize;
  const start = ((request.page ?? 1) - 1) * size;
  const ranking = options.all
    ? rankForExport(searcher, request, options.cap)
    : rankingFrom(rankForExport(searcher, request, start + size), start);
  const bar = io.stderr.isTTY ? progressBar(io.stderr, ranking.docs.length) : undefined;
  const stop = new AbortController();
  const broken = () => stop.abort();
  io.stdout.once?.('error', broken);
  try {
    await writeExport(ranking, async (batch) => exportRows(searcher, batch), io.stdout, {
      format: options.format,
      signal: stop.signal,
      ...(bar ? { onBatch: ({ written }: { written: number }) => bar.update(written) } : {}),
    });
  } finally {
    bar?.stop();
    io.stdout.off?.('error', broken);
  }
  if (ranking.corrected) {
    io.stderr.write(
      `newsdesk: showing results for ${ranking.corrected.to} (--spell off searches the words as typed)\n`,
    );
  }
  const leftOut = ranking.total - ranking.docs.length;
  if (options.all && leftOut > 0) {
    io.stderr.write(
      `newsdesk: ${groupThousands(ranking.docs.length)} of ${groupThousands(ranking.total)} results written; the cap left out ${groupThousands(leftOut)} (--cap N raises it)\n`,
    );
  }
}

function progressBar(stream: NodeJS.WriteStream, total: number): cliProgress.SingleBar {
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: 'exporting [{bar}] {value}/{total} rows | ETA {eta_formatted}',
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0);
  return bar;
}
