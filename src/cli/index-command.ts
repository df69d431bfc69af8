/** `newsdesk index`: rebuild the snapshot from a corpus folder. */
import { corpusFolders } from '../corpus/folders.ts';
import { NewsdeskError } from '../errors.ts';
import { rebuild } from '../index/rebuild.ts';
import { DEFAULT_SNAPSHOT_PATH } from '../index/snapshot.ts';
import { parseOptions } from './args.ts';
import type { CommandIO } from './io.ts';
import { createProgress } from './progress.ts';
import { summaryJson, summaryText } from './summary.ts';

export const INDEX_USAGE = `Usage: newsdesk index [--corpus DIR]... [--out FILE] [--exclude GLOB]... [--full] [--json] [--strict] [--quiet]

Read every article below the corpus folder (or folders), index it and write the snapshot atomically.
When the snapshot was built from the same folders, only files added, changed or removed since are
read, and the new snapshot is exactly what a full rebuild would write; when nothing changed, nothing
is written.

Options:
  --corpus DIR     corpus folder to read (default: corpus); repeatable: several folders make one
                   index, each article id then starting with its folder's name (bbc/business/001)
  --out FILE       snapshot to write (default: ${DEFAULT_SNAPSHOT_PATH})
  --exclude GLOB   leave out matching files; repeatable; a pattern without "/" matches file
                   names in any folder, one with "/" the path inside each corpus folder
                   (README*, LICENSE* and hidden files are always left out)
  --full           read every file and rebuild, even when the snapshot could be updated
  --json           print the summary as one JSON object on standard output
  --strict         exit with status 1 when any file or record had a problem
  --quiet          no progress output`;

export interface IndexCommandOptions {
  /** The corpus folders, in reading order (checked: no two with one base name). */
  corpora: string[];
  out: string;
  exclude: string[];
  full: boolean;
  json: boolean;
  strict: boolean;
  quiet: boolean;
}

/** Parse `index` arguments; throws a USAGE error naming the bad option. */
export function parseIndexArgs(args: readonly string[]): IndexCommandOptions {
  const { values } = parseOptions('index', INDEX_USAGE, {
    args: [...args],
    options: {
      corpus: { type: 'string', multiple: true },
      out: { type: 'string' },
      exclude: { type: 'string', multiple: true },
      full: { type: 'boolean' },
      json: { type: 'boolean' },
      strict: { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
  });
  return {
    corpora: corpusFolders(values.corpus ?? ['corpus']).map((folder) => folder.root),
    out: values.out ?? DEFAULT_SNAPSHOT_PATH,
    exclude: values.exclude ?? [],
    full: values.full ?? false,
    json: values.json ?? false,
    strict: values.strict ?? false,
    quiet: values.quiet ?? false,
  };
}

/** Run `newsdesk index`; returns the exit code. */
export async function indexCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const options = parseIndexArgs(args);
  const progress = createProgress(io.stderr, options.quiet);
  let result: Awaited<ReturnType<typeof rebuild>>;
  try {
    result = await rebuild({
      corpus: options.corpora,
      out: options.out,
      exclude: options.exclude,
      full: options.full,
      onProgress: (p) => progress.update(p),
    });
  } finally {
    progress.stop();
  }
  const { summary } = result;
  if (options.json) io.stdout.write(`${summaryJson(summary)}\n`);
  else io.stderr.write(`${summaryText(summary)}\n`);
  if (options.strict && summary.problems.length > 0) {
    throw new NewsdeskError(
      'STRICT_PROBLEMS',
      `${summary.problems.length} problems in ${options.corpora.join(', ')} (--strict)`,
    );
  }
  return 0;
}
