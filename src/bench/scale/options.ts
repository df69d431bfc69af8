/** `npm run bench:scale` options: how many synthetic articles, the seed, and what to print. */
import { integerOption, parseOptions, usageError } from '../../cli/args.ts';

export const SCALE_USAGE = `Usage: npm run bench:scale -- [options]

Generate a seeded synthetic corpus (real BBC and Reuters headlines and sentences recombined into
articles of about 2.3 KB, dated 2000-2019, with sources and categories; gzipped JSONL in a
temporary folder, labelled synthetic, never for relevance), then measure the real commands as
child processes: \`newsdesk index\` time and peak RSS, snapshot size, snapshot load, \`newsdesk
serve\` start-up and memory with its workers, and result-page latency over HTTP per query kind.
A build that fails is reported as "fails: <message>" and the next size runs.

Options:
  --articles N[,N]  articles to generate; a comma-separated list runs each size and adds a
                    growth table (default 100000; 100k and 1m are understood too)
  --seed N          seed of the generator (default 20260101)
  --rounds N        timed rounds over each kind's queries, after one warm-up round (default 5)
  --update N        articles added, then changed, then removed while serve runs, each time timed
                    from \`newsdesk index\` to results served (default 1000; 0 skips it)
  --keep DIR        keep the generated corpus in DIR (DIR/<articles> with several sizes)
  --snapshot FILE   only serve FILE, an existing snapshot (of --articles N articles), and time
                    its result pages: no corpus is generated, built, loaded or updated
  --json            print the report as one JSON object
  --help            this text`;

export interface ScaleOptions {
  /**
   * Corpus sizes to measure, in order.
   * @example `[100_000, 300_000]`
   */
  articles: number[];
  /**
   * Seed of the synthetic corpus: the same seed gives the same articles.
   * @example 20260101
   */
  seed: number;
  /**
   * Timed rounds over each kind's queries, after one warm-up round.
   * @example 5
   */
  rounds: number;
  /**
   * Articles of the incremental updates (added, changed, removed); 0 skips them.
   * @example 1000
   */
  updateArticles: number;
  /**
   * Folder to keep the generated corpus in; without it the corpus is removed.
   * @example '/tmp/scale-corpus'
   */
  keep?: string;
  /**
   * An existing snapshot to serve and time pages of, instead of building one.
   * @example '/tmp/scale-1m.snapshot'
   */
  snapshot?: string;
  /**
   * Print the report as JSON instead of tables.
   * @example true
   */
  json: boolean;
}

export const DEFAULT_SCALE_OPTIONS: ScaleOptions = {
  articles: [100_000],
  seed: 20_260_101,
  rounds: 5,
  updateArticles: 1000,
  json: false,
};

/** Fewest and most articles one size may have. */
const ARTICLE_BOUNDS = { min: 100, max: 10_000_000 };

/** The options in `args`; throws a USAGE error naming a bad one. */
export function parseScaleArgs(args: readonly string[]): ScaleOptions {
  const { values } = parseOptions('bench:scale', SCALE_USAGE, {
    args: [...args],
    options: {
      articles: { type: 'string' },
      seed: { type: 'string' },
      rounds: { type: 'string' },
      update: { type: 'string' },
      keep: { type: 'string' },
      snapshot: { type: 'string' },
      json: { type: 'boolean' },
    },
  });
  const defaults = DEFAULT_SCALE_OPTIONS;
  return {
    articles: values.articles === undefined ? defaults.articles : articleSizes(values.articles),
    seed: integerOption('seed', values.seed, defaults.seed, { min: 0, max: 2 ** 32 - 1 }),
    rounds: integerOption('rounds', values.rounds, defaults.rounds, { min: 1, max: 1000 }),
    updateArticles: integerOption('update', values.update, defaults.updateArticles, {
      min: 0,
      max: 1_000_000,
    }),
    ...(values.keep === undefined ? {} : { keep: values.keep }),
    ...(values.snapshot === undefined ? {} : { snapshot: values.snapshot }),
    json: values.json ?? false,
  };
}

/** `100000,300k,1m` → [100000, 300000, 1000000]. */
export function articleSizes(text: string): number[] {
  return text.split(',').map((part) => {
    const match = /^(\d+)([km]?)$/i.exec(part.trim().replaceAll('_', ''));
    const unit = match?.[2]?.toLowerCase();
    const size = Number(match?.[1]) * (unit === 'k' ? 1000 : unit === 'm' ? 1_000_000 : 1);
    if (!match || size < ARTICLE_BOUNDS.min || size > ARTICLE_BOUNDS.max) {
      throw usageError(
        'bench:scale',
        `--articles takes whole numbers from ${ARTICLE_BOUNDS.min} to ${ARTICLE_BOUNDS.max.toLocaleString('en')} (100000, 300k, 1m), comma-separated, not "${part}"`,
        SCALE_USAGE,
      );
    }
    return size;
  });
}
