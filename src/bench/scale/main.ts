/**
 * `npm run bench:scale`: for each size, write a seeded synthetic corpus, build
 * it with `newsdesk index`, load the snapshot, serve it and time result pages,
 * all through the real commands as child processes; then report.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeError, isNewsdeskError } from '../../errors.ts';
import type { Article } from '../../types.ts';
import { readSourceArticles, writeSyntheticCorpus } from './corpus.ts';
import { type Material, materialOf } from './generate.ts';
import { loadInChild, runIndex } from './index-run.ts';
import { parseScaleArgs, SCALE_USAGE, type ScaleOptions } from './options.ts';
import { pagePaths } from './pages.ts';
import { reportJson, reportText, type SizeReport, servedText } from './report.ts';
import { measureServe } from './serve-run.ts';
import { measureUpdates } from './update-run.ts';

/**
 * Run the benchmark as `args` say; writes the report to `out`, progress to
 * standard error; returns the exit status: 0 measured (failed builds are
 * figures too), 1 the benchmark itself failed, 2 bad options.
 */
export async function runScaleBenchmark(
  args: readonly string[],
  out: Pick<NodeJS.WritableStream, 'write'> = process.stdout,
): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    out.write(`${SCALE_USAGE}\n`);
    return 0;
  }
  try {
    const options = parseScaleArgs(args);
    if (options.snapshot !== undefined) {
      out.write(`${await servedOnly(options.snapshot, options)}\n`);
      return 0;
    }
    const sizes = await scaleBenchmark(options, (line) => process.stderr.write(`${line}\n`));
    out.write(`${options.json ? reportJson(sizes) : reportText(sizes)}\n`);
    return 0;
  } catch (error) {
    const usage = isNewsdeskError(error, 'USAGE');
    process.stderr.write(`${usage ? '' : 'bench:scale: '}${describeError(error)}\n`);
    return usage ? 2 : 1;
  }
}

/** The serve rows of an existing snapshot (`--snapshot`), as text. */
async function servedOnly(snapshot: string, options: ScaleOptions): Promise<string> {
  process.stderr.write(`serving ${snapshot} and timing result pages …\n`);
  const sources = await readSourceArticles();
  const serve = await measureServe(snapshot, pagePaths(sources), options.rounds);
  const articles = options.articles[0] ?? 0;
  const title = `${snapshot} (${articles.toLocaleString('en')} articles, as --articles says)`;
  return servedText(title, serve, (await stat(snapshot)).size, articles);
}

/** Measure every size in `options.articles`, in order. */
export async function scaleBenchmark(
  options: ScaleOptions,
  progress: (line: string) => void = () => undefined,
): Promise<SizeReport[]> {
  progress('reading the BBC and Reuters corpora for headlines and sentences …');
  const sources = await readSourceArticles();
  const material = materialOf(sources);
  const work = await mkdtemp(join(tmpdir(), 'newsdesk-scale-'));
  try {
    const sizes: SizeReport[] = [];
    for (const articles of options.articles) {
      sizes.push(await measureSize(articles, { options, material, sources, work, progress }));
    }
    return sizes;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface SizeContext {
  options: ScaleOptions;
  material: Material;
  sources: readonly Article[];
  work: string;
  progress: (line: string) => void;
}

async function measureSize(articles: number, context: SizeContext): Promise<SizeReport> {
  const { options, progress, work } = context;
  const label = articles.toLocaleString('en');
  const folder = corpusFolder(articles, context);
  const snapshot = join(work, `scale-${articles}.snapshot`);
  try {
    progress(`${label}: writing the synthetic corpus to ${folder} …`);
    const started = performance.now();
    const written = await writeSyntheticCorpus(folder, context.material, articles, options.seed);
    const corpus = {
      files: written.files,
      textBytes: written.textBytes,
      gzipBytes: await folderBytes(folder),
      generateMs: performance.now() - started,
    };
    progress(`${label}: newsdesk index …`);
    const build = await runIndex(folder, snapshot, join(work, 'peak-rss.txt'));
    if (!build.ok) {
      progress(`${label}: the build fails: ${build.message}`);
      return { articles, corpus, build };
    }
    progress(`${label}: loading the snapshot …`);
    const load = await loadInChild(snapshot);
    progress(`${label}: newsdesk serve and result pages …`);
    const serve = await measureServe(snapshot, pagePaths(context.sources), options.rounds);
    if (options.updateArticles === 0) return { articles, corpus, build, load, serve };
    progress(`${label}: updates of ${options.updateArticles} articles while serving …`);
    const updates = await measureUpdates(
      folder,
      snapshot,
      context.material,
      options.updateArticles,
      join(work, 'peak-rss.txt'),
    );
    return { articles, corpus, build, load, serve, updates };
  } finally {
    await rm(snapshot, { force: true });
    if (options.keep === undefined) await rm(folder, { recursive: true, force: true });
  }
}

/** Where one size's corpus goes: `--keep DIR` (DIR/<articles> with several sizes) or the work folder. */
function corpusFolder(articles: number, { options, work }: SizeContext): string {
  if (options.keep === undefined) return join(work, `corpus-${articles}`);
  return options.articles.length > 1 ? join(options.keep, String(articles)) : options.keep;
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0;
  for (const name of await readdir(folder)) total += (await stat(join(folder, name))).size;
  return total;
}
