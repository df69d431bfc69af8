/**
 * Several corpus folders read as one index. Each file keeps its path relative
 * to its own folder (that is what parsers see: the BBC parser takes its
 * category from it); with more than one folder, its name in article ids,
 * problems and origins gets the folder's base name in front (`bbc/business/001`),
 * so two folders can never give the same id.
 */
import { basename, resolve } from 'node:path';
import { NewsdeskError } from '../errors.ts';
import { type CorpusFile, type WalkOptions, walkCorpus } from './walk.ts';

/** One corpus folder and what its files' names start with. */
export interface CorpusFolder {
  /** The folder as given. */
  root: string;
  /** `''` for a lone folder, else the folder's base name and a slash (`bbc/`). */
  prefix: string;
}

/** A corpus file with its name across every folder. */
export interface SourceFile extends CorpusFile {
  /** Its folder's prefix (`''` or `bbc/`). */
  prefix: string;
  /** `relPath` after the prefix: the file's name in ids, problems and origins. */
  name: string;
}

/**
 * The folders in a stable order (by base name, so the command-line order does
 * not change the index). Throws USAGE for no folder, or two with one base name.
 */
export function corpusFolders(roots: string | readonly string[]): CorpusFolder[] {
  const list = typeof roots === 'string' ? [roots] : [...roots];
  if (list.length === 0) {
    throw new NewsdeskError('USAGE', 'no corpus folder given', { parameter: 'corpus' });
  }
  if (list.length === 1) return list.map((root) => ({ root, prefix: '' }));
  const named = list.map((root) => ({ root, name: folderName(root) }));
  const seen = new Map<string, string>();
  for (const { root, name } of named) {
    const other = seen.get(name);
    if (other !== undefined) {
      throw new NewsdeskError(
        'USAGE',
        `--corpus ${other} and --corpus ${root} have the same folder name "${name}", which would start both folders' article ids; rename or link one of them`,
        { parameter: 'corpus' },
      );
    }
    seen.set(name, root);
  }
  return named
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map(({ root, name }) => ({ root, prefix: `${name}/` }));
}

/** Every candidate file of every folder, folder by folder, each sorted by relative path. */
export async function walkFolders(
  folders: readonly CorpusFolder[],
  options: WalkOptions = {},
): Promise<SourceFile[]> {
  const walked = await Promise.all(folders.map((folder) => walkCorpus(folder.root, options)));
  return walked.flatMap((files, index) => {
    const prefix = folders[index]?.prefix ?? '';
    return files.map((file) => ({ ...file, prefix, name: `${prefix}${file.relPath}` }));
  });
}

/** Whether two lists name the same folders, in any order. */
export function sameFolders(a: readonly string[], b: readonly string[]): boolean {
  const key = (roots: readonly string[]) =>
    JSON.stringify(roots.map((root) => resolve(root)).sort());
  return key(a) === key(b);
}

function folderName(root: string): string {
  const name = basename(resolve(root));
  if (name === '') {
    throw new NewsdeskError(
      'USAGE',
      `--corpus ${root} has no folder name to start its article ids with; name a sub-folder`,
      { parameter: 'corpus' },
    );
  }
  return name;
}
