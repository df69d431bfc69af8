/**
 * The `newsdesk` command line: a thin dispatcher. Errors are caught here, once,
 * printed as one clear line and turned into the exit code.
 */
import { type ErrorCode, isNewsdeskError } from '../errors.ts';
import type { CommandIO } from './io.ts';

const USAGE = `Usage: newsdesk <command> [options]

Commands:
  index    read a corpus folder, build the index and write the snapshot
  search   search the snapshot and print ranked results with snippets
  serve    serve the search pages and the JSON API (building the snapshot when needed)
  eval     measure ranking quality against relevance judgments (TREC qrels)
  help     show this help (newsdesk help <command> for one command)

Run "newsdesk <command> --help" for a command's options.`;

type Command = (args: readonly string[], io: CommandIO) => Promise<number>;

/**
 * Each command's module, imported only when that command runs: `search` then
 * loads neither the server (express) nor the corpus readers (linkedom, marked,
 * readability), which is most of a cold start.
 */
const COMMANDS: Record<string, () => Promise<{ run: Command; usage: string }>> = {
  index: async () => {
    const { indexCommand, INDEX_USAGE } = await import('./index-command.ts');
    return { run: indexCommand, usage: INDEX_USAGE };
  },
  search: async () => {
    const { searchCommand, SEARCH_USAGE } = await import('./search-command.ts');
    return { run: searchCommand, usage: SEARCH_USAGE };
  },
  serve: async () => {
    const { serveCommand, SERVE_USAGE } = await import('./serve-command.ts');
    return { run: serveCommand, usage: SERVE_USAGE };
  },
  eval: async () => {
    const { evalCommand, EVAL_USAGE } = await import('./eval-command.ts');
    return { run: evalCommand, usage: EVAL_USAGE };
  },
};

/** Exit status for each error code: 1 problems under --strict, 2 usage, 3 corpus, 4 snapshot, 5 address in use, 6 search stopped or refused. */
const EXIT_CODES: Record<ErrorCode, number> = {
  STRICT_PROBLEMS: 1,
  USAGE: 2,
  BAD_PARAMETER: 2,
  NOT_FOUND: 2,
  LISTEN_FAILED: 5,
  SEARCH_TIMEOUT: 6,
  OVERLOADED: 6,
  RATE_LIMITED: 6,
  CORPUS_MISSING: 3,
  CORPUS_EMPTY: 3,
  CORPUS_SETTINGS: 3,
  SNAPSHOT_MISSING: 4,
  SNAPSHOT_CORRUPT: 4,
  SNAPSHOT_INCOMPATIBLE: 4,
  SNAPSHOT_WRITE_FAILED: 4,
};

/** Run the CLI with `argv` (without `node` and the script); resolves to the exit code. */
export async function main(argv: readonly string[], io: CommandIO = process): Promise<number> {
  const [name, ...args] = argv;
  try {
    if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
      const topic = name === 'help' && args[0] ? await loadCommand(args[0]) : undefined;
      io.stdout.write(`${topic?.usage ?? USAGE}\n`);
      return 0;
    }
    const command = await loadCommand(name);
    if (!command) {
      io.stderr.write(`newsdesk: unknown command "${name}"\n\n${USAGE}\n`);
      return 2;
    }
    if (args.includes('--help') || args.includes('-h')) {
      io.stdout.write(`${command.usage}\n`);
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    return reportError(error, io);
  }
}

/** The command called `name` (its module imported now), or undefined for an unknown name. */
async function loadCommand(name: string): Promise<{ run: Command; usage: string } | undefined> {
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  return load ? await load() : undefined;
}

function reportError(error: unknown, io: CommandIO): number {
  if (isNewsdeskError(error)) {
    io.stderr.write(`newsdesk: ${error.message}\n`);
    return EXIT_CODES[error.code];
  }
  io.stderr.write(
    `newsdesk: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return 70;
}
