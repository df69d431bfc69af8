/**
 * A corpus folder's own settings: an optional `newsdesk.yml` at its root
 * naming what its files do not say themselves, so that a collection without
 * a publisher field (the BBC folder) still gets a source facet:
 *
 * ```yaml
 * source: BBC News      # the source of every article that names none
 * category: news        # the category of every article that has none (or a list)
 * language: en-GB       # the articles' language (BCP 47), for pages and feeds
 * ```
 *
 * An article's own fields always win. A file that does not parse, or holds
 * another key or a value of the wrong kind, is refused with its path and
 * line: it is the operator's configuration, not an article to skip.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { describeError, NewsdeskError } from '../errors.ts';
import type { Article } from '../types.ts';
import { normalizeInline } from './text.ts';

/** The settings file's names, looked for at a corpus folder's root (the first found is read). */
export const SETTINGS_FILES: readonly string[] = ['newsdesk.yml', 'newsdesk.yaml'];

/** What a folder's `newsdesk.yml` says. */
export interface FolderSettings {
  /** The source of articles that name none. @example 'BBC News' */
  source?: string;
  /** The categories of articles that have none. @example ['news'] */
  category?: string[];
  /** The articles' language, a BCP 47 tag. @example 'en-GB' */
  language?: string;
}

/** A BCP 47 language tag in its common shape: a 2-3 letter language, then subtags. */
const LANGUAGE_TAG = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;

/**
 * The settings of the corpus folder `root`, or undefined when it has no
 * settings file. Throws CORPUS_SETTINGS naming the file and line of what is wrong.
 * @example `(await readFolderSettings('../shared/corpora/bbc'))?.source`
 */
export async function readFolderSettings(root: string): Promise<FolderSettings | undefined> {
  for (const name of SETTINGS_FILES) {
    const path = join(root, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if (isMissing(error)) continue;
      throw settingsError(path, `cannot be read: ${describeError(error)}`, error);
    }
    return parseFolderSettings(text, path);
  }
  return undefined;
}

/**
 * The settings in `text` (a settings file's content); `path` names it in errors.
 * @example parseFolderSettings('source: BBC News\n', 'bbc/newsdesk.yml') // → { source: 'BBC News' }
 */
export function parseFolderSettings(text: string, path: string): FolderSettings {
  const lines = new LineCounter();
  const document = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const lineOf = (node: Node | null | undefined): number =>
    lines.linePos(node?.range?.[0] ?? 0).line;
  const [problem] = document.errors;
  if (problem) {
    const line = lines.linePos(problem.pos[0]).line;
    throw settingsError(`${path}:${line}`, `is not valid YAML: ${firstLine(problem.message)}`);
  }
  const root = document.contents;
  if (root === null || (isScalar(root) && root.value === null)) return {};
  if (!isMap(root)) throw settingsError(`${path}:${lineOf(root)}`, 'must be a mapping of keys');
  const settings: FolderSettings = {};
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const at = `${path}:${lineOf(pair.key as Node)}`;
    const value = pair.value as Node | null;
    if (key === 'source') settings.source = oneText(value, at, key);
    else if (key === 'category') settings.category = textList(value, at, key);
    else if (key === 'language') settings.language = languageTag(value, at);
    else throw settingsError(at, `has an unknown key "${key}" (known: source, category, language)`);
  }
  return settings;
}

/**
 * The settings of each folder of a corpus, in the order given (`null` for a
 * folder without a settings file): what a snapshot records, to tell when they changed.
 * @example `await readCorpusSettings(['../shared/corpora/bbc'])` // → [{ source: 'BBC News' }]
 */
export async function readCorpusSettings(
  roots: readonly string[],
): Promise<(FolderSettings | null)[]> {
  return Promise.all(roots.map(async (root) => (await readFolderSettings(root)) ?? null));
}

/** Whether two records of a corpus's settings agree (absent: no folder had any). */
export function sameSettings(
  a: readonly (FolderSettings | null)[] | undefined,
  b: readonly (FolderSettings | null)[] | undefined,
): boolean {
  const key = (list: readonly (FolderSettings | null)[] | undefined): string =>
    JSON.stringify((list ?? []).every((entry) => entry === null) ? [] : list);
  return key(a) === key(b);
}

/** `article` with the folder's settings filled in where it says nothing itself. */
export function withFolderSettings(
  article: Article,
  settings: FolderSettings | undefined,
): Article {
  if (!settings) return article;
  if (settings.source !== undefined && article.source === undefined) {
    article.source = settings.source;
  }
  if (settings.category !== undefined && article.category === undefined) {
    article.category = [...settings.category];
  }
  if (settings.language !== undefined && article.language === undefined) {
    article.language = settings.language;
  }
  return article;
}

function oneText(value: Node | null, at: string, key: string): string {
  const text = isScalar(value) && value.value !== null ? normalizeInline(String(value.value)) : '';
  if (text === '') throw settingsError(at, `"${key}" must be a non-empty text`);
  return text;
}

function textList(value: Node | null, at: string, key: string): string[] {
  if (!isSeq(value)) return [oneText(value, at, key)];
  const list = value.items.map((item) => oneText(item as Node | null, at, key));
  if (list.length === 0) throw settingsError(at, `"${key}" must name at least one category`);
  return [...new Set(list)];
}

function languageTag(value: Node | null, at: string): string {
  const tag = oneText(value, at, 'language');
  if (!LANGUAGE_TAG.test(tag)) {
    throw settingsError(at, `"language" must be a BCP 47 tag such as en or en-GB, not "${tag}"`);
  }
  return tag;
}

function settingsError(where: string, what: string, cause?: unknown): NewsdeskError {
  return new NewsdeskError('CORPUS_SETTINGS', `corpus settings ${where} ${what}`, {
    ...(cause === undefined ? {} : { cause }),
  });
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

function firstLine(message: string): string {
  return message.split('\n')[0] ?? message;
}
