/**
 * Read a corpus (one folder or several, see `folders.ts`): walk → read bytes →
 * decode → parse → clean articles → drop exact duplicates. Bad input becomes a
 * `Problem` and is skipped, and so does a file that vanishes, turns into a
 * folder or cannot be read while the corpus is being read; the rest of the
 * corpus is always read.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describeError, NewsdeskError } from '../errors.ts';
import type { Article, FormatParser, ParseProblem, Problem } from '../types.ts';
import { toArticles } from './articles.ts';
import { decodeBytes } from './decode.ts';
import { corpusFolders, type SourceFile, walkFolders } from './folders.ts';
import { defaultParsers, parserLookup, splitExtension } from './formats/index.ts';
import type { WalkOptions } from './walk.ts';

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
}

export interface CorpusRead {
  articles: Article[];
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

/**
 * Read every article below `roots` (one folder, or several as one corpus).
 * Throws only when a folder is missing, two share a base name, or none holds an article.
 */
export async function readCorpus(
  roots: string | readonly string[],
  options: ReadOptions = {},
): Promise<CorpusRead> {
  const lookup = parserLookup(options.parsers ?? defaultParsers);
  const folders = corpusFolders(roots);
  const all = await walkFolders(folders, options);
  const files = all.filter((file) => lookup.has(splitExtension(file.relPath).extension));
  const state = newState(all.length - files.length);
  const reads = prefetch(files);
  for (const [index, file] of files.entries()) {
    await readOne(file, await reads.next(), lookup, state);
    options.onProgress?.({
      file: file.name,
      filesDone: index + 1,
      filesTotal: files.length,
      articles: state.articles.length,
    });
  }
  if (state.articles.length === 0) {
    throw emptyCorpus(folders.map((folder) => folder.root).join(', '), state.problems);
  }
  return finish(state, files.length);
}

interface ReadState {
  articles: Article[];
  problems: Problem[];
  ids: Set<string>;
  contentKeys: Set<string>;
  duplicates: number;
  bytes: number;
  skipped: number;
  hash: ReturnType<typeof createHash>;
}

function newState(skipped: number): ReadState {
  return {
    articles: [],
    problems: [],
    ids: new Set(),
    contentKeys: new Set(),
    duplicates: 0,
    bytes: 0,
    skipped,
    hash: createHash('sha256'),
  };
}

/** How many file reads are in flight ahead of the one being parsed. */
const READ_AHEAD = 32;

type ReadOutcome = { ok: true; bytes: Buffer } | { ok: false; error: unknown };

/** Reads files in order while keeping up to READ_AHEAD reads in flight. */
function prefetch(files: readonly SourceFile[]): { next(): Promise<ReadOutcome> } {
  const pending: Promise<ReadOutcome>[] = [];
  let started = 0;
  const start = () => {
    const file = files[started++];
    if (!file) return;
    pending.push(
      readFile(file.path).then(
        (bytes): ReadOutcome => ({ ok: true, bytes }),
        (error: unknown): ReadOutcome => ({ ok: false, error }),
      ),
    );
  };
  for (let i = 0; i < READ_AHEAD; i++) start();
  return {
    next() {
      start();
      return pending.shift() ?? Promise.resolve({ ok: false, error: new Error('no file left') });
    },
  };
}

function readOne(
  file: SourceFile,
  read: ReadOutcome,
  lookup: Map<string, FormatParser>,
  state: ReadState,
): void {
  const { extension, gzipped, base } = splitExtension(file.relPath);
  const parser = lookup.get(extension);
  if (!parser) return;
  const report = (problem: ParseProblem): void => {
    state.problems.push({ file: file.name, ...problem });
  };
  if (!read.ok) {
    report({ kind: 'unreadable', reason: readFailure(read.error) });
    return;
  }
  const bytes = read.bytes;
  state.bytes += bytes.length;
  state.hash.update(`${file.name}\0${bytes.length}\0`).update(bytes);
  const decoded = decodeBytes(bytes, gzipped);
  if (!decoded.ok) {
    report(decoded.problem);
    return;
  }
  const folder = file.relPath.includes('/')
    ? file.relPath.slice(0, file.relPath.lastIndexOf('/'))
    : '';
  let output: ReturnType<FormatParser['parse']>;
  try {
    output = parser.parse({ relPath: file.relPath, folder, text: decoded.text });
  } catch (error) {
    report({ kind: 'unreadable', reason: `${parser.name} parser failed: ${describeError(error)}` });
    return;
  }
  const { articles, problems } = toArticles(output, file.name, `${file.prefix}${base}`);
  problems.forEach(report);
  for (const article of articles) keepArticle(article, state, report);
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

function keepArticle(article: Article, state: ReadState, report: (p: ParseProblem) => void): void {
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
    return;
  }
  state.ids.add(article.id);
  state.contentKeys.add(key);
  state.articles.push(article);
}

/** Articles with the same normalized headline and body share this key. */
function contentKey(article: Article): string {
  return createHash('sha1')
    .update(article.title)
    .update('\0')
    .update(article.body)
    .digest('base64');
}

function finish(state: ReadState, files: number): CorpusRead {
  return {
    articles: state.articles,
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
