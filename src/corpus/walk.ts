/**
 * Walk a corpus folder: every regular file below it, in a stable order,
 * minus hidden files, corpus documentation, the folder's own settings
 * (`newsdesk.yml`, see `settings.ts`) and `exclude` patterns.
 */
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import { NewsdeskError } from '../errors.ts';
import { SETTINGS_FILES } from './settings.ts';

export interface CorpusFile {
  /** Absolute (or caller-relative) path to read. */
  path: string;
  /** Path relative to the corpus root, POSIX separators. */
  relPath: string;
  size: number;
  mtimeMs: number;
}

export interface WalkOptions {
  /**
   * Glob patterns of files to leave out: relative to the corpus root, or, without a
   * slash, matched against the file name in any folder.
   * @example `['*.lc.txt', 'drafts/**']`
   */
  exclude?: readonly string[];
}

/**
 * Files that document a corpus rather than hold articles, left out by default:
 * README, LICENSE, NOTICE, CHANGELOG and COPYING files in any folder.
 */
export const DEFAULT_EXCLUDE: readonly string[] = [
  'README*',
  'LICEN[CS]E*',
  'NOTICE*',
  'CHANGELOG*',
  'COPYING*',
];

/** All candidate files below `root`, sorted by relative path. Throws when `root` is missing. */
export async function walkCorpus(root: string, options: WalkOptions = {}): Promise<CorpusFile[]> {
  await assertDirectory(root);
  const isExcluded = excludeMatcher([...DEFAULT_EXCLUDE, ...(options.exclude ?? [])]);
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const candidates = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .map((path) => ({ path, relPath: relative(root, path).split(sep).join('/') }))
    .filter(({ relPath }) => !isHidden(relPath) && !isExcluded(relPath))
    .filter(({ relPath }) => !SETTINGS_FILES.includes(relPath));
  const files = await Promise.all(
    candidates.map(async ({ path, relPath }): Promise<CorpusFile> => {
      const info = await stat(path).catch(() => undefined);
      return { path, relPath, size: info?.size ?? 0, mtimeMs: info?.mtimeMs ?? 0 };
    }),
  );
  return files.sort((a, b) => (a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : 0));
}

/**
 * A matcher for exclude patterns: a pattern without a slash matches the file
 * name in any folder (as in .gitignore), one with a slash the relative path.
 */
function excludeMatcher(patterns: readonly string[]): (relPath: string) => boolean {
  const byName = picomatch(
    patterns.filter((pattern) => !pattern.includes('/')),
    { nocase: true, dot: true },
  );
  const byPath = picomatch(
    patterns.filter((pattern) => pattern.includes('/')),
    { nocase: true, dot: true },
  );
  return (relPath) => byName(relPath.slice(relPath.lastIndexOf('/') + 1)) || byPath(relPath);
}

function isHidden(relPath: string): boolean {
  return relPath.split('/').some((part) => part.startsWith('.') || part === 'node_modules');
}

async function assertDirectory(root: string): Promise<void> {
  const info = await stat(root).catch((error: unknown) => {
    throw new NewsdeskError('CORPUS_MISSING', `corpus folder not found: ${root}`, { cause: error });
  });
  if (!info.isDirectory()) {
    throw new NewsdeskError('CORPUS_MISSING', `corpus path is not a folder: ${root}`);
  }
}
