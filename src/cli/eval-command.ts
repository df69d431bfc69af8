/** `newsdesk eval`: relevance of newsdesk's ranking (and alternatives) against TREC judgments. */
import { basename, extname } from 'node:path';
import { readCorpus } from '../corpus/read.ts';
import { evaluateForms, formatForms, type QueryForm } from '../eval/forms.ts';
import { evaluationSystems } from '../eval/systems.ts';
import { readQrels, readQueries } from '../eval/topics.ts';
import { integerOption, parseOptions, usageError } from './args.ts';
import type { CommandIO } from './io.ts';

export const EVAL_USAGE = `Usage: newsdesk eval --corpus DIR --queries [NAME=]FILE... --qrels FILE [options]

Index the corpus once, run every query of every query file, and report MAP,
nDCG@10, P@10 and MRR for newsdesk, for newsdesk with one ranking choice turned
off, for plain MiniSearch with its defaults and for SQLite FTS5 (porter, OR of
the words, bm25) over the same articles, one column group per query file.

Options:
  --corpus DIR     corpus folder (the judged article ids must follow its id rule); repeatable:
                   several folders make one corpus, ids starting with each folder's name
  --queries [NAME=]FILE
                   queries, one per line: id<TAB>query text; repeatable (forms of the same
                   needs, judged by one qrels file); NAME heads the file's columns
                   (default: the file name without extension)
  --qrels FILE     TREC qrels: query-id 0 article-id grade
  --exclude GLOB   leave out matching files; repeatable
  --depth N        results ranked per query (default 1000)
  --json           print the reports as JSON: per system, its report on each query file`;

/** `short=queries.tsv` → short, queries.tsv; `dir/queries.tsv` → queries, dir/queries.tsv. */
export function queryFileArgument(value: string): { name: string; path: string } {
  const named = /^([\w-]+)=(.+)$/.exec(value);
  if (named?.[1] && named[2]) return { name: named[1], path: named[2] };
  return { name: basename(value, extname(value)), path: value };
}

/** Run `newsdesk eval`; returns the exit code. */
export async function evalCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values } = parseOptions('eval', EVAL_USAGE, {
    args: [...args],
    options: {
      corpus: { type: 'string', multiple: true },
      queries: { type: 'string', multiple: true },
      qrels: { type: 'string' },
      exclude: { type: 'string', multiple: true },
      depth: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const { corpus, queries: queryFiles, qrels: qrelsPath } = values;
  if (!corpus || !queryFiles || queryFiles.length === 0 || !qrelsPath) {
    throw usageError('eval', '--corpus, --queries and --qrels are required', EVAL_USAGE);
  }
  const depth = integerOption('depth', values.depth, 1000, { min: 10, max: 100_000 });
  const files = queryFiles.map(queryFileArgument);
  const [forms, qrels, read] = await Promise.all([
    Promise.all(
      files.map(
        async ({ name, path }): Promise<QueryForm> => ({ name, queries: await readQueries(path) }),
      ),
    ),
    readQrels(qrelsPath),
    readCorpus(corpus, values.exclude ? { exclude: values.exclude } : {}),
  ]);
  const results = evaluateForms(await evaluationSystems(read.articles), forms, qrels, depth);
  if (values.json) {
    io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  } else {
    const counts = forms.map((form) => `${form.name} ${form.queries.length}`).join(', ');
    io.stdout.write(
      `queries: ${counts}; ${read.articles.length} articles, depth ${depth}\n\n${formatForms(results)}\n`,
    );
  }
  return 0;
}
