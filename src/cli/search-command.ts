/** `newsdesk search`: query a snapshot from the terminal. */
import { NewsdeskError } from '../errors.ts';
import { DEFAULT_SNAPSHOT_PATH, readSnapshot } from '../index/snapshot.ts';
import { DEFAULT_SEARCH_OPTIONS } from '../search/options.ts';
import { toSearchRequest } from '../search/request.ts';
import { search } from '../search/search.ts';
import { searchJson } from '../server/api-json.ts';
import type { SearchRequest } from '../types.ts';
import { parseOptions } from './args.ts';
import type { CommandIO } from './io.ts';
import { formatResults } from './results.ts';

export const SEARCH_USAGE = `Usage: newsdesk search "QUERY" [options]

Search the snapshot and print ranked results with highlighted snippets.

Options:
  --limit N          results per page (default ${DEFAULT_SEARCH_OPTIONS.defaultPageSize}, at most ${DEFAULT_SEARCH_OPTIONS.maxPageSize})
  --page N           page number, from 1 (default 1)
  --sort ORDER       relevance (default), newest or oldest
  --source NAME      only this source; repeatable
  --category NAME    only this category; repeatable
  --from DATE        only articles from this year, month or day on (YYYY, YYYY-MM, YYYY-MM-DD)
  --to DATE          only articles up to the end of this year, month or day
  --spell on|off     on (default): close spellings match too and a query that finds
                     nothing as typed is corrected; off: the words exactly as typed
  --snapshot FILE    snapshot to search (default: ${DEFAULT_SNAPSHOT_PATH})
  --json             print the result as JSON, as the API serves it

Query syntax: words (all must match), "exact phrase", -word, a OR b, (groups),
title: body: source: author: category: before a word or phrase, word* (prefix),
after:2004-06 and before:2005-01-31.`;

export interface SearchCommandOptions {
  request: SearchRequest;
  snapshot: string;
  json: boolean;
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
      from: { type: 'string' },
      to: { type: 'string' },
      spell: { type: 'string' },
      snapshot: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const request = toSearchRequest(
    { ...values, q: positionals.join(' '), size: values.limit },
    (parameter, message) =>
      new NewsdeskError('USAGE', `--${parameter === 'size' ? 'limit' : parameter} ${message}`, {
        parameter,
      }),
  );
  return {
    request,
    snapshot: values.snapshot ?? DEFAULT_SNAPSHOT_PATH,
    json: values.json ?? false,
  };
}

/** Run `newsdesk search`; returns the exit code. */
export async function searchCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const options = parseSearchArgs(args);
  const { index } = await readSnapshot(options.snapshot);
  const response = search(index, options.request);
  if (options.json) io.stdout.write(`${JSON.stringify(searchJson(response), null, 2)}\n`);
  else io.stdout.write(formatResults(response, io.stdout.isTTY === true));
  return 0;
}
