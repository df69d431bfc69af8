/**
 * Read a corpus (one folder or several, see `folders.ts`): walk → read bytes →
 * decode → parse → clean articles → drop exact duplicates, file by file.
 * `streamCorpus` hands the articles over one file at a time, with a record of
 * each file (for incremental updates); `readCorpus` collects them into one
 * array. Told the previous generation's records (`previous`), it reads and
 * parses only the files it has to (`changes.ts`). Bad input becomes a
 * `Problem` and is skipped, and so does a file that vanishes, turns into a
 * folder or cannot be read while the corpus is being read; the rest of the
 * corpus is always read.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describeError, NewsdeskError } from '../errors.ts';
import type { Article, FormatParser, ParseProblem, Problem } from '../types.ts';
import { toArticles } from './articles.ts';
import {
  type CorpusFileRecord,
  emptyRecord,
  filesToFetch,
  hashInto,
  keepArticle,
  newState,
  outcomeStands,
  type ReadState,
  removedFiles,
  reuseRecord,
  statUnchanged,
} from './changes.ts';
import { decodeBytes } from './decode.ts';
import { corpusFolders, type SourceFile, walkFolders } from './folders.ts';
import { defaultParsers, parserLookup, splitExtension } from './formats/index.ts';
import {
  type FileReader,
  type ReadAhead,
  type ReadOutcome,
  type ReadQueue,
  readAhead,
  startRead,
} from './read-ahead.ts';
import { type FolderSettings, readCorpusSettings, withFolderSettings } from './settings.ts';
import type { WalkOptions } from './walk.ts';

export type { CorpusFileRecord } from './changes.ts';
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
  /**
   * The previous generation's file records, by `name`: an incremental read.
   * A file listed with its record's size and modification time is not read,
   * and one whose bytes hash as its record's is not parsed, when the record's
   * outcome still stands at that point of the corpus; such a file's batch is
   * `unchanged` (no articles: they are the previous generation's). Files of
   * `previous` no longer listed are in the summary's `removed`.
   * @example `new Map(lastRead.map((record) => [record.name, record]))`
   */
  previous?: ReadonlyMap<string, CorpusFileRecord>;
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
  /** Bytes read from disk (in an incremental read, only those of the files it had to read). */
  bytes: number;
  /**
   * SHA-256 over each read file's `name \0 size \0 sha256 \n` (listed size,
   * hex SHA-256 of its bytes), in order: changes when the corpus does, and is
   * the same for an incremental read as for a full one.
   */
  fingerprint: string;
  /** Files whose bytes were read (or tried) this time: all of them in a full read. */
  read: number;
  /** Files whose batch is `unchanged` (always 0 without `previous`). */
  unchanged: number;
  /** Names of the files of `previous` not read any more (removed, excluded, or no parser), in `previous`'s order. */
  removed: string[];
  /** Each folder's `newsdesk.yml` settings, in reading order (`null`: none; see `settings.ts`). */
  settings: (FolderSettings | null)[];
}

export interface CorpusRead extends CorpusSummary {
  articles: Article[];
}

/** One file's share of the corpus: its record, its kept articles, its problems. */
export interface FileBatch {
  file: CorpusFileRecord;
  /** Its kept articles; empty when `unchanged`. */
  articles: Article[];
  problems: Problem[];
  /**
   * True when the file gives what its `previous` record says (the record,
   * size and modification time refreshed, is `file`): its kept articles are
   * the previous generation's `file.ids`, and `articles` is empty.
   */
  unchanged: boolean;
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
 * With `previous`, the articles of unchanged files are not among `articles`.
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
  const settings = await readCorpusSettings(folders.map((folder) => folder.root));
  const byPrefix = new Map(folders.map((folder, n) => [folder.prefix, settings[n] ?? null]));
  const listedAtMs = Date.now();
  const all = await walkFolders(folders, options);
  const files = all.filter((file) => lookup.has(splitExtension(file.relPath).extension));
  const where = folders.map((folder) => folder.root).join(', ');
  const state = newState(all.length - files.length, listedAtMs);
  let summary: CorpusSummary | undefined;
  const reading = { lookup, state, options, settings: byPrefix };
  const batches = readFiles(files, reading, where, (done) => {
    summary = { ...done, settings };
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

/** What reading each file needs: the parsers, the state so far, the options. */
interface Reading {
  lookup: Map<string, FormatParser>;
  state: ReadState;
  options: ReadOptions;
  /** Each folder's settings, by its prefix. */
  settings: ReadonlyMap<string, FolderSettings | null>;
}

async function* readFiles(
  files: readonly SourceFile[],
  reading: Reading,
  where: string,
  onEnd: (summary: Omit<CorpusSummary, 'settings'>) => void,
): AsyncGenerator<FileBatch, void, undefined> {
  const { state, options } = reading;
  const limit: ReadAhead = {
    files: options.readAhead?.files ?? READ_DEFAULTS.readAhead.files,
    bytes: options.readAhead?.bytes ?? READ_DEFAULTS.readAhead.bytes,
  };
  const reader = options.readFile ?? READ_DEFAULTS.readFile;
  const queue = readAhead(filesToFetch(files, options.previous), limit, reader);
  for (const [index, file] of files.entries()) {
    const batch = await nextBatch(file, reading, queue, reader);
    options.onProgress?.({
      file: file.name,
      filesDone: index + 1,
      filesTotal: files.length,
      articles: state.kept,
    });
    yield batch;
  }
  if (state.kept === 0) throw emptyCorpus(where, state.problems);
  onEnd(finish(state, files.length, removedFiles(options.previous, files)));
}

/**
 * One file's batch: its previous record again when the file is listed as
 * recorded and the outcome stands; else its bytes, from the read-ahead (or
 * read now, for a file listed as recorded whose outcome no longer stands).
 */
async function nextBatch(
  file: SourceFile,
  reading: Reading,
  queue: ReadQueue,
  reader: FileReader,
): Promise<FileBatch> {
  const before = reading.options.previous?.get(file.name);
  if (statUnchanged(file, before)) {
    if (outcomeStands(before, reading.state)) {
      return unchangedBatch(reuseRecord(before, file, before.sha256, reading.state));
    }
    return readOne(file, await startRead(reader, file.path), reading, undefined);
  }
  const outcome = await queue.next();
  try {
    return readOne(file, outcome, reading, before);
  } finally {
    queue.release();
  }
}

/** A file read (or not) and parsed (unless its bytes are its `before` record's and that outcome stands). */
function readOne(
  file: SourceFile,
  read: ReadOutcome,
  reading: Reading,
  before: CorpusFileRecord | undefined,
): FileBatch {
  const { state } = reading;
  state.read++;
  const record = emptyRecord(file, state.listedAtMs);
  const batch: FileBatch = {
    file: record,
    articles: [],
    problems: record.problems,
    unchanged: false,
  };
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
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (
    before?.sha256 === sha256 &&
    before.relPath === file.relPath &&
    outcomeStands(before, state)
  ) {
    return unchangedBatch(reuseRecord(before, file, sha256, state));
  }
  record.sha256 = sha256;
  hashInto(state, file, sha256);
  const settings = reading.settings.get(file.prefix) ?? undefined;
  const articles = parseFile(file, bytes, reading.lookup, report).map((article) =>
    withFolderSettings(article, settings),
  );
  for (const article of articles) keepArticle(article, state, record, batch.articles, report);
  return batch;
}

function unchangedBatch(record: CorpusFileRecord): FileBatch {
  return { file: record, articles: [], problems: [...record.problems], unchanged: true };
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

function finish(
  state: ReadState,
  files: number,
  removed: string[],
): Omit<CorpusSummary, 'settings'> {
  return {
    problems: state.problems,
    files,
    skipped: state.skipped,
    duplicates: state.duplicates,
    bytes: state.bytes,
    fingerprint: state.hash.digest('hex'),
    read: state.read,
    unchanged: state.unchanged,
    removed,
  };
}

function emptyCorpus(root: string, problems: Problem[]): NewsdeskError {
  const detail =
    problems.length > 0
      ? ` (${problems.length} problems, first: ${problems[0]?.file}: ${problems[0]?.reason})`
      : '';
  return new NewsdeskError('CORPUS_EMPTY', `no articles found in ${root}${detail}`);
}
