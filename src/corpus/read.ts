/**
 * Read a corpus (one folder or several, see `folders.ts`): walk → read bytes →
 * decode → parse → clean articles → drop exact duplicates, file by file.
 * `streamCorpus` hands the articles over one file at a time, with a record of
 * each file (for incremental updates); `readCorpus` collects them into one
 * array. Bad input becomes a `Problem` and is skipped, and so does a file that
 * vanishes, turns into a folder or cannot be read while the corpus is being
 * read; the rest of the corpus is always read.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describeError, NewsdeskError } from '../errors.ts';
import type { Article, FormatParser, ParseProblem, Problem } from '../types.ts';
import { toArticles } from './articles.ts';
import { decodeBytes } from './decode.ts';
import { corpusFolders, type SourceFile, walkFolders } from './folders.ts';
import { defaultParsers, parserLookup, splitExtension } from './formats/index.ts';
import { type FileReader, type ReadAhead, type ReadOutcome, readAhead } from './read-ahead.ts';
import type { WalkOptions } from './walk.ts';

export type { FileReader, ReadAhead } from './read-ahead.ts';

export interface ReadProgress {
  /** The file just read: its path relative to the corpus root (after the folder's name with several). */
  file: string;
  filesDone: number;
  filesTotal: number;
  articles: number;
}

export interface ReadOptions extends WalkOptions {
  /**
   * Format parsers to use, looked up by extension.
   * @example `[...defaultParsers, myFormatParser]`
   */
  parsers?: readonly FormatParser[];
  /**
   * Called after each file.
   * @example `(p) => bar.update(p.filesDone)`
   */
  onProgress?: (progress: ReadProgress) => void;
  /**
   * How far reads may run ahead of parsing: at most this many files and raw
   * bytes in flight (one file is always read, however large). Default 32
   * files and 64 MiB.
   * @example `{ files: 8, bytes: 16 * 1024 * 1024 }`
   */
  readAhead?: Partial<ReadAhead>;
  /**
   * Reads a file's raw bytes (default: `fs.promises.readFile`); for tests
   * that watch or fail the reads.
   * @example `(path) => readFile(path)`
   */
  readFile?: FileReader;
}

const READ_DEFAULTS = {
  parsers: defaultParsers,
  readAhead: { files: 32, bytes: 64 * 1024 * 1024 } satisfies ReadAhead,
  readFile: ((path) => readFile(path)) satisfies FileReader,
};

/** What a read of the whole corpus found, apart from the articles themselves. */
export interface CorpusSummary {
  problems: Problem[];
  /** Files handed to a parser. */
  files: number;
  /** Files left out because no parser reads their extension. */
  skipped: number;
  /** Exact duplicates (same normalized headline and body) that were dropped. */
  duplicates: number;
  /** Bytes read from disk. */
  bytes: number;
  /** SHA-256 over every read file's path and bytes: changes when the corpus does. */
  fingerprint: string;
}

export interface CorpusRead extends CorpusSummary {
  articles: Article[];
}

/** One corpus file as it was read: enough to tell later whether it changed, and what it gave. */
export interface CorpusFileRecord {
  /** Its name in ids, problems and origins (`wire/briefs.jsonl`, `bbc/sport/001.txt`). */
  name: string;
  /** Its path relative to its own corpus folder. */
  relPath: string;
  /** Size in bytes and modification time as listed before the read (so a file changed mid-read looks changed next time). */
  size: number;
  mtimeMs: number;
  /** SHA-256 (hex) of the raw bytes as read, before gunzip; absent when the file could not be read. */
  sha256?: string;
  /** Ids of the articles it gave that were kept, in order. */
  ids: string[];
  /** Ids of its articles left out as exact duplicates of an earlier article (taken ids are problems). */
  dropped: string[];
}

/** One file's share of the corpus: its record, its kept articles, its problems. */
export interface FileBatch {
  file: CorpusFileRecord;
  articles: Article[];
  problems: Problem[];
}

/**
 * The corpus file by file, in reading order; iterate it once. `summary()`
 * gives the tally once the iteration has ended, and throws before.
 */
export interface CorpusStream extends AsyncIterable<FileBatch> {
  /** Files that will be read (handed to a parser), known before the first is. */
  readonly files: number;
  /** The whole read's tally (readCorpus's result without the articles), after the last batch. */
  summary(): CorpusSummary;
}

/**
 * Read every article below `roots` (one folder, or several as one corpus).
 * Throws only when a folder is missing, two share a base name, or none holds an article.
 */
export async function readCorpus(
  roots: string | readonly string[],
  options: ReadOptions = {},
): Promise<CorpusRead> {
  const stream = await streamCorpus(roots, options);
  const articles: Article[] = [];
  for await (const batch of stream) {
    for (const article of batch.articles) articles.push(article);
  }
  return { articles, ...stream.summary() };
}

/**
 * The corpus below `roots` one file at a time, without holding more than the
 * read-ahead's bytes and one file's articles. Throws (when awaited) when a
 * folder is missing or two share a base name; the iteration throws
 * CORPUS_EMPTY at its end when no file held an article.
 * @example
 * ```ts
 * const stream = await streamCorpus('corpus');
 * for await (const { file, articles } of stream) index(articles, file);
 * const { problems, fingerprint } = stream.summary();
 * ```
 */
export async function streamCorpus(
  roots: string | readonly string[],
  options: ReadOptions = {},
): Promise<CorpusStream> {
  const lookup = parserLookup(options.parsers ?? READ_DEFAULTS.parsers);
  const folders = corpusFolders(roots);
  const all = await walkFolders(folders, options);
  const files = all.filter((file) => lookup.has(splitExtension(file.relPath).extension));
  const where = folders.map((folder) => folder.root).join(', ');
  const state = newState(all.length - files.length);
  let summary: CorpusSummary | undefined;
  const batches = readFiles(files, lookup, state, options, where, (done) => {
    summary = done;
  });
  return {
    files: files.length,
    [Symbol.asyncIterator]: () => batches,
    summary() {
      if (!summary) {
        throw new Error('streamCorpus: summary() is only known after the last file was read');
      }
      return summary;
    },
  };
}

async function* readFiles(
  files: readonly SourceFile[],
  lookup: Map<string, FormatParser>,
  state: ReadState,
  options: ReadOptions,
  where: string,
  onEnd: (summary: CorpusSummary) => void,
): AsyncGenerator<FileBatch, void, undefined> {
  const limit: ReadAhead = {
    files: options.readAhead?.files ?? READ_DEFAULTS.readAhead.files,
    bytes: options.readAhead?.bytes ?? READ_DEFAULTS.readAhead.bytes,
  };
  const queue = readAhead(files, limit, options.readFile ?? READ_DEFAULTS.readFile);
  for (const [index, file] of files.entries()) {
    const outcome = await queue.next();
    let batch: FileBatch;
    try {
      batch = readOne(file, outcome, lookup, state);
    } finally {
      queue.release();
    }
    options.onProgress?.({
      file: file.name,
      filesDone: index + 1,
      filesTotal: files.length,
      articles: state.kept,
    });
    yield batch;
  }
  if (state.kept === 0) throw emptyCorpus(where, state.problems);
  onEnd(finish(state, files.length));
}

interface ReadState {
  kept: number;
  problems: Problem[];
  ids: Set<string>;
  /** SHA-1 of headline and body as a 20-character latin1 string (see `contentKey`). */
  contentKeys: Set<string>;
  duplicates: number;
  bytes: number;
  skipped: number;
  hash: ReturnType<typeof createHash>;
}

function newState(skipped: number): ReadState {
  return {
    kept: 0,
    problems: [],
    ids: new Set(),
    contentKeys: new Set(),
    duplicates: 0,
    bytes: 0,
    skipped,
    hash: createHash('sha256'),
  };
}

function readOne(
  file: SourceFile,
  read: ReadOutcome,
  lookup: Map<string, FormatParser>,
  state: ReadState,
): FileBatch {
  const record: CorpusFileRecord = {
    name: file.name,
    relPath: file.relPath,
    size: file.size,
    mtimeMs: file.mtimeMs,
    ids: [],
    dropped: [],
  };
  const batch: FileBatch = { file: record, articles: [], problems: [] };
  const report = (problem: ParseProblem): void => {
    const named: Problem = { file: file.name, ...problem };
    batch.problems.push(named);
    state.problems.push(named);
  };
  if (!read.ok) {
    report({ kind: 'unreadable', reason: readFailure(read.error) });
    return batch;
  }
  const bytes = read.bytes;
  state.bytes += bytes.length;
  state.hash.update(`${file.name}\0${bytes.length}\0`).update(bytes);
  record.sha256 = createHash('sha256').update(bytes).digest('hex');
  const articles = parseFile(file, bytes, lookup, report);
  for (const article of articles) keepArticle(article, state, batch, report);
  return batch;
}

/** The clean articles of one file's bytes, or none when they do not decode or parse. */
function parseFile(
  file: SourceFile,
  bytes: Uint8Array,
  lookup: Map<string, FormatParser>,
  report: (problem: ParseProblem) => void,
): Article[] {
  const { extension, gzipped, base } = splitExtension(file.relPath);
  const parser = lookup.get(extension);
  if (!parser) return [];
  const decoded = decodeBytes(bytes, gzipped);
  if (!decoded.ok) {
    report(decoded.problem);
    return [];
  }
  const folder = file.relPath.includes('/')
    ? file.relPath.slice(0, file.relPath.lastIndexOf('/'))
    : '';
  let output: ReturnType<FormatParser['parse']>;
  try {
    output = parser.parse({ relPath: file.relPath, folder, text: decoded.text });
  } catch (error) {
    report({ kind: 'unreadable', reason: `${parser.name} parser failed: ${describeError(error)}` });
    return [];
  }
  const { articles, problems } = toArticles(output, file.name, `${file.prefix}${base}`);
  problems.forEach(report);
  return articles;
}

/** Why a listed file could not be read, saying when it changed under the read. */
function readFailure(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  const why =
    code === 'ENOENT'
      ? ' (it was removed after the corpus was listed)'
      : code === 'EISDIR'
        ? ' (it became a folder after the corpus was listed)'
        : '';
  return `cannot read file${why}: ${describeError(error)}`;
}

/** Keeps an article unless its id is taken (a problem) or it repeats an earlier one exactly. */
function keepArticle(
  article: Article,
  state: ReadState,
  batch: FileBatch,
  report: (p: ParseProblem) => void,
): void {
  if (state.ids.has(article.id)) {
    const problem: ParseProblem = {
      kind: 'duplicate-id',
      reason: `id ${article.id} is already taken`,
    };
    if (article.origin.line !== undefined) problem.line = article.origin.line;
    if (article.origin.record !== undefined) problem.record = article.origin.record;
    report(problem);
    return;
  }
  const key = contentKey(article);
  if (state.contentKeys.has(key)) {
    state.duplicates++;
    batch.file.dropped.push(article.id);
    return;
  }
  state.ids.add(article.id);
  state.contentKeys.add(key);
  state.kept++;
  batch.file.ids.push(article.id);
  batch.articles.push(article);
}

/**
 * Articles with the same normalized headline and body share this key: their
 * SHA-1 as a 20-character latin1 (`binary`) string, the same 160 bits as the
 * base64 form in 20 one-byte characters instead of 28.
 */
function contentKey(article: Article): string {
  return createHash('sha1')
    .update(article.title)
    .update('\0')
    .update(article.body)
    .digest('binary');
}

function finish(state: ReadState, files: number): CorpusSummary {
  return {
    problems: state.problems,
    files,
    skipped: state.skipped,
    duplicates: state.duplicates,
    bytes: state.bytes,
    fingerprint: state.hash.digest('hex'),
  };
}

function emptyCorpus(root: string, problems: Problem[]): NewsdeskError {
  const detail =
    problems.length > 0
      ? ` (${problems.length} problems, first: ${problems[0]?.file}: ${problems[0]?.reason})`
      : '';
  return new NewsdeskError('CORPUS_EMPTY', `no articles found in ${root}${detail}`);
}
