/**
 * The reader's state (ids and content keys taken so far), the record each
 * file's read leaves, and what an incremental read may take from the
 * previous generation's records: a record says what its file gave (kept,
 * dropped and refused articles, with their content keys, and its problems),
 * so a file whose bytes are those of its record need not be parsed, and one
 * whose size and modification time match need not even be read, as long as
 * the state when the file is reached would give the same outcome again
 * (`outcomeStands`).
 */
import { createHash } from 'node:crypto';
import type { Article, ParseProblem, Problem } from '../types.ts';
import type { SourceFile } from './folders.ts';

/** One corpus file as it was read: enough to tell later whether it changed, and what it gave. */
export interface CorpusFileRecord {
  /** Its name in ids, problems and origins (`wire/briefs.jsonl`, `bbc/sport/001.txt`). */
  name: string;
  /** Its path relative to its own corpus folder. */
  relPath: string;
  /** Size in bytes and modification time as listed before the read (so a file changed mid-read looks changed next time). */
  size: number;
  mtimeMs: number;
  /**
   * When the listing that saw `size` and `mtimeMs` began (ms since the
   * epoch). A file modified less than `RACY_MS` before it is "racy" (as Git
   * calls it): an edit in the same clock tick may have left its size and time
   * unchanged, so the next incremental read hashes it instead of trusting them.
   */
  listedAtMs: number;
  /** SHA-256 (hex) of the raw bytes as read, before gunzip; absent when the file could not be read. */
  sha256?: string;
  /** Ids of the articles it gave that were kept, in order. */
  ids: string[];
  /** Content keys (see `contentKey`: SHA-1 as a 20-character latin1 string) of the kept articles, aligned with `ids`. */
  keys: string[];
  /** Ids of its articles left out as exact duplicates of an earlier article (taken ids are problems). */
  dropped: string[];
  /** Content keys of the dropped articles, aligned with `dropped`. */
  droppedKeys: string[];
  /** Ids of its articles refused because the id was already taken (each is also a `duplicate-id` problem). */
  takenIds: string[];
  /** The file's problems, in order (the ones its batch carries). */
  problems: Problem[];
}

/**
 * How close before its listing a file's modification time makes its record
 * racy: file times are coarser than the clock (a kernel tick, 2 s on FAT).
 */
export const RACY_MS = 2000;

/** A record of a file that was read, so with its bytes' hash. */
export type HashedRecord = CorpusFileRecord & { sha256: string };

/** The part of the reader's state an outcome depends on: ids and content keys taken so far. */
export interface TakenSoFar {
  ids: ReadonlySet<string>;
  contentKeys: ReadonlySet<string>;
}

/**
 * Whether `file` is listed as its record was: same path in its folder, size
 * and modification time, the record has the bytes' hash (a file that could
 * not be read is read again), and it is not racy (modified well before it
 * was listed).
 */
export function statUnchanged(
  file: SourceFile,
  record: CorpusFileRecord | undefined,
): record is HashedRecord {
  return (
    record !== undefined &&
    record.sha256 !== undefined &&
    record.relPath === file.relPath &&
    record.size === file.size &&
    record.mtimeMs === file.mtimeMs &&
    record.mtimeMs + RACY_MS <= record.listedAtMs
  );
}

/**
 * Whether a file with the bytes of `record`, reached with `taken` as the
 * reader's state, gives exactly the record's outcome again: its kept ids and
 * keys are not taken yet, its dropped articles' ids are not taken but their
 * keys are (by earlier files or by its own kept articles), and its refused
 * ids are taken (likewise). Its own kept articles always come before the
 * articles they drop or refuse, since a taken id or key stays taken.
 */
export function outcomeStands(record: CorpusFileRecord, taken: TakenSoFar): boolean {
  for (const id of record.ids) if (taken.ids.has(id)) return false;
  for (const key of record.keys) if (taken.contentKeys.has(key)) return false;
  for (const id of record.dropped) if (taken.ids.has(id)) return false;
  const ownKeys = record.droppedKeys.length > 0 ? new Set(record.keys) : undefined;
  for (const key of record.droppedKeys) {
    if (!taken.contentKeys.has(key) && !ownKeys?.has(key)) return false;
  }
  const ownIds = record.takenIds.length > 0 ? new Set(record.ids) : undefined;
  for (const id of record.takenIds) {
    if (!taken.ids.has(id) && !ownIds?.has(id)) return false;
  }
  return true;
}

/** The record again, with the size, modification time and listing time of this read. */
function refreshed(
  record: CorpusFileRecord,
  file: SourceFile,
  listedAtMs: number,
): CorpusFileRecord {
  return { ...record, size: file.size, mtimeMs: file.mtimeMs, listedAtMs };
}

/** Files of `previous` that are not among `files` (removed, or no longer read), in `previous`'s order. */
export function removedFiles(
  previous: ReadonlyMap<string, CorpusFileRecord> | undefined,
  files: readonly SourceFile[],
): string[] {
  if (!previous) return [];
  const listed = new Set(files.map((file) => file.name));
  return [...previous.keys()].filter((name) => !listed.has(name));
}

/** The files to read ahead: all of them, or with `previous` those not listed as their record was. */
export function filesToFetch(
  files: readonly SourceFile[],
  previous: ReadonlyMap<string, CorpusFileRecord> | undefined,
): SourceFile[] {
  if (!previous) return [...files];
  return files.filter((file) => !statUnchanged(file, previous.get(file.name)));
}
/** What the read has taken and counted so far. */
export interface ReadState {
  kept: number;
  problems: Problem[];
  ids: Set<string>;
  /** SHA-1 of headline and body as a 20-character latin1 string (see `contentKey`). */
  contentKeys: Set<string>;
  duplicates: number;
  bytes: number;
  skipped: number;
  read: number;
  unchanged: number;
  hash: ReturnType<typeof createHash>;
  /** When the listing began (each record's `listedAtMs`). */
  listedAtMs: number;
}

export function newState(skipped: number, listedAtMs: number): ReadState {
  return {
    listedAtMs,
    kept: 0,
    problems: [],
    ids: new Set(),
    contentKeys: new Set(),
    duplicates: 0,
    bytes: 0,
    skipped,
    read: 0,
    unchanged: 0,
    hash: createHash('sha256'),
  };
}

/** The record of a file not read or parsed yet. */
export function emptyRecord(file: SourceFile, listedAtMs: number): CorpusFileRecord {
  return {
    name: file.name,
    relPath: file.relPath,
    size: file.size,
    mtimeMs: file.mtimeMs,
    listedAtMs,
    ids: [],
    keys: [],
    dropped: [],
    droppedKeys: [],
    takenIds: [],
    problems: [],
  };
}

/**
 * A file whose outcome is its record's: the state takes its ids, keys,
 * duplicates and problems; gives the record with the listing's size and time.
 */
export function reuseRecord(
  record: CorpusFileRecord,
  file: SourceFile,
  sha256: string,
  state: ReadState,
): CorpusFileRecord {
  const again = refreshed(record, file, state.listedAtMs);
  for (const id of again.ids) state.ids.add(id);
  for (const key of again.keys) state.contentKeys.add(key);
  for (const problem of again.problems) state.problems.push(problem);
  state.kept += again.ids.length;
  state.duplicates += again.dropped.length;
  state.unchanged++;
  hashInto(state, file, sha256);
  return again;
}

/** One read file's line of the fingerprint. */
export function hashInto(state: ReadState, file: SourceFile, sha256: string): void {
  state.hash.update(`${file.name}\0${file.size}\0${sha256}\n`);
}

/** Keeps an article unless its id is taken (a problem) or it repeats an earlier one exactly. */
export function keepArticle(
  article: Article,
  state: ReadState,
  record: CorpusFileRecord,
  kept: Article[],
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
    record.takenIds.push(article.id);
    return;
  }
  const key = contentKey(article);
  if (state.contentKeys.has(key)) {
    state.duplicates++;
    record.dropped.push(article.id);
    record.droppedKeys.push(key);
    return;
  }
  state.ids.add(article.id);
  state.contentKeys.add(key);
  state.kept++;
  record.ids.push(article.id);
  record.keys.push(key);
  kept.push(article);
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
