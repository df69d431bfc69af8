/** `newsdesk search`: query a snapshot from the terminal. */
import { NewsdeskError } from '../errors.ts';
import { DEFAULT_SNAPSHOT_PATH, readSnapshot } from '../index/snapshot.ts';
import { DEFAULT_SEARCH_OPTIONS } from '../search/options.ts';
import { toSearchRequest } from '../search/request.ts';
import { search } from '../search/search.ts';
import { searchJson } from '../server/api-json.ts';
// Not server/export.ts: a search from the terminal must not load Express.
import { DEFAULT_EXPORT_CAP, EXPORT_FORMATS, type ExportFormat } from '../server/export-stream.ts';
import type { SearchRequest } from '../types.ts';
import { integerOption, parseOptions } from './args.ts';
import type { CommandIO } from './io.ts';
import { formatResults } from './results.ts';
import { writeSearchExport } from './search-export.ts';

export const SEARCH_USAGE = `Usage: newsdesk search "QUERY" [options]

Search the snapshot and print ranked results with highlighted snippets.

Options:
  --limit N          results per page (default ${DEFAULT_SEARCH_OPTIONS.defaultPageSize}, at most ${DEFAULT_SEARCH_OPTIONS.maxPageSize})
  --page N           page number, from 1 (default 1)
  --sort ORDER       relevance (default), newest or oldest
  --source NAME      only this source; repeatable
  --category NAME    only this category; repeatable
  --person NAME      only articles naming this person ("Tony Blair"); repeatable
  --place NAME       only articles naming this place; repeatable
  --org NAME         only articles naming this organisation; repeatable
  --from DATE        only articles from this year, month or day on (YYYY, YYYY-MM, YYYY-MM-DD)
  --to DATE          only articles up to the end of this year, month or day
  --spell on|off     on (default): close spellings match too and a query that finds
                     nothing as typed is corrected; off: the words exactly as typed
  --snapshot FILE    snapshot to search (default: ${DEFAULT_SNAPSHOT_PATH})
  --json             print the result as JSON, as the API serves it (--format json)
  --format FORMAT    text (default), json, csv or jsonl: csv and jsonl write rows of id,
                     headline, date, source, category, people, places, orgs, url,
                     partial and snippet, as /api/search.csv and .jsonl do
  --all              with csv or jsonl: every result, not one page (up to --cap)
  --cap N            most rows --all writes (default ${DEFAULT_EXPORT_CAP.toLocaleString('en-US')}); what it leaves
                     out is said on stderr

Query syntax: words (all must match), "exact phrase", -word, a OR b, (groups),
title: body: source: author: category: before a word or phrase, word* (prefix),
after:2004-06 and before:2005-01-31, person:"Tony Blair" place:Iraq org:OPEC.`;

export type SearchOutputFormat = 'text' | 'json' | ExportFormat;

const OUTPUT_FORMATS: readonly SearchOutputFormat[] = ['text', 'json', ...EXPORT_FORMATS];

export interface SearchCommandOptions {
  request: SearchRequest;
  snapshot: string;
  format: SearchOutputFormat;
  /** Every result (csv and jsonl only), not one page. */
  all: boolean;
  /** Most rows `all` writes. */
  cap: number;
}

/** Parse `search` arguments; throws a USAGE error naming the bad option. */
export function parseSearchArgs(args: readonly string[]): SearchCommandOptions {
  const { values, positionals } = parseOptions('search', SEARCH_USAGE, {
    args: [...args],
    allowPositionals: true,
    options: {
      limit: { type: 'string' },
      page: { type: 'string' },
      sort: { type: 'string' },
      source: { type: 'string', multiple: true },
      category: { type: 'string', multiple: true },
      person: { type: 'string', multiple: true },
      place: { type: 'string', multiple: true },
      org: { type: 'string', multiple: true },
      from: { type: 'string' },
      to: { type: 'string' },
      spell: { type: 'string' },
      snapshot: { type: 'string' },
      json: { type: 'boolean' },
      format: { type: 'string' },
      all: { type: 'boolean' },
      cap: { type: 'string' },
    },
  });
  const request = toSearchRequest(
    { ...values, q: positionals.join(' '), size: values.limit },
    (parameter, message) =>
      new NewsdeskError('USAGE', `--${parameter === 'size' ? 'limit' : parameter} ${message}`, {
        parameter,
      }),
  );
  const format = outputFormat(values.format, values.json ?? false);
  const all = values.all ?? false;
  if (all && format !== 'csv' && format !== 'jsonl') {
    throw new NewsdeskError('USAGE', '--all needs --format csv or --format jsonl', {
      parameter: 'all',
    });
  }
  return {
    request,
    snapshot: values.snapshot ?? DEFAULT_SNAPSHOT_PATH,
    format,
    all,
    cap: integerOption('cap', values.cap, DEFAULT_EXPORT_CAP, { min: 1, max: 100_000_000 }),
  };
}

/** The output format of `--format` and `--json` (which is `--format json`). */
function outputFormat(value: string | undefined, json: boolean): SearchOutputFormat {
  const format = OUTPUT_FORMATS.find((known) => known === (value ?? (json ? 'json' : 'text')));
  if (format === undefined) {
    throw new NewsdeskError(
      'USAGE',
      `--format must be one of ${OUTPUT_FORMATS.join(', ')}, not "${value}"`,
      { parameter: 'format' },
    );
  }
  if (json && format !== 'json') {
    throw new NewsdeskError('USAGE', `--json and --format ${format} ask for different outputs`, {
      parameter: 'format',
    });
  }
  return format;
}

/** Run `newsdesk search`; returns the exit code. */
export async function searchCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const options = parseSearchArgs(args);
  const { index } = await readSnapshot(options.snapshot);
  const { format } = options;
  if (format === 'csv' || format === 'jsonl') {
    await writeSearchExport(index, { ...options, format }, io);
    return 0;
  }
  const response = search(index, options.request);
  if (format === 'json') io.stdout.write(`${JSON.stringify(searchJson(response), null, 2)}\n`);
  else io.stdout.write(formatResults(response, io.stdout.isTTY === true));
  return 0;
}
