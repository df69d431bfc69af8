/** `newsdesk eval`: relevance of newsdesk's ranking (and alternatives) against TREC judgments. */
import { readCorpus } from '../corpus/read.ts';
import { evaluateRun, formatReport, type NamedReport } from '../eval/metrics.ts';
import { evaluationSystems } from '../eval/systems.ts';
import { readQrels, readQueries } from '../eval/topics.ts';
import { integerOption, parseOptions, usageError } from './args.ts';
import type { CommandIO } from './io.ts';

export const EVAL_USAGE = `Usage: newsdesk eval --corpus DIR --queries FILE --qrels FILE [options]

Index the corpus, run every query, and report MAP, nDCG@10, P@10 and MRR for
newsdesk, for newsdesk with one ranking choice turned off, and for plain
MiniSearch with its defaults over the same articles.

Options:
  --corpus DIR     corpus folder (the judged article ids must follow its id rule); repeatable:
                   several folders make one corpus, ids starting with each folder's name
  --queries FILE   queries, one per line: id<TAB>query text
  --qrels FILE     TREC qrels: query-id 0 article-id grade
  --exclude GLOB   leave out matching files; repeatable
  --depth N        results ranked per query (default 1000)
  --json           print the reports as JSON`;

/** Run `newsdesk eval`; returns the exit code. */
export async function evalCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values } = parseOptions('eval', EVAL_USAGE, {
    args: [...args],
    options: {
      corpus: { type: 'string', multiple: true },
      queries: { type: 'string' },
      qrels: { type: 'string' },
      exclude: { type: 'string', multiple: true },
      depth: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const { corpus, queries: queriesPath, qrels: qrelsPath } = values;
  if (!corpus || !queriesPath || !qrelsPath) {
    throw usageError('eval', '--corpus, --queries and --qrels are required', EVAL_USAGE);
  }
  const depth = integerOption('depth', values.depth, 1000, { min: 10, max: 100_000 });
  const [queries, qrels, read] = await Promise.all([
    readQueries(queriesPath),
    readQrels(qrelsPath),
    readCorpus(corpus, values.exclude ? { exclude: values.exclude } : {}),
  ]);
  const ids = queries.map((query) => query.id);
  const reports: NamedReport[] = evaluationSystems(read.articles).map((system) => {
    const run = new Map(queries.map((query) => [query.id, system.rank(query.text, depth)]));
    return { name: system.name, report: evaluateRun(run, qrels, ids) };
  });
  if (values.json) {
    io.stdout.write(`${JSON.stringify(reports, null, 2)}\n`);
  } else {
    io.stdout.write(
      `${queries.length} queries, ${read.articles.length} articles, depth ${depth}\n\n${formatReport(reports)}\n`,
    );
  }
  return 0;
}
