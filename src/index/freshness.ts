/**
 * Is a snapshot still true to its corpus? It is stale when it was built from
 * another set of folders, when a corpus file changed after the build started,
 * when files were added or removed, or when a folder's newsdesk.yml changed. `serve` rebuilds a stale or missing snapshot.
 */
import { corpusFolders, sameFolders, walkFolders } from '../corpus/folders.ts';
import { defaultParsers, parserLookup, splitExtension } from '../corpus/formats/index.ts';
import { readCorpusSettings, sameSettings } from '../corpus/settings.ts';
import type { WalkOptions } from '../corpus/walk.ts';
import type { SnapshotInfo } from './snapshot-format.ts';

/**
 * Why the snapshot described by `info` no longer matches `corpus` (one folder
 * or several), or undefined when it does.
 */
export async function staleReason(
  info: SnapshotInfo,
  corpus: string | readonly string[],
  options: WalkOptions = {},
): Promise<string | undefined> {
  const folders = corpusFolders(corpus);
  const roots = folders.map((folder) => folder.root);
  if (!sameFolders(info.corpora, roots)) {
    return `it was built from ${info.corpora.join(', ')}, not ${roots.join(', ')}`;
  }
  if (!sameSettings(info.settings, await readCorpusSettings(roots))) {
    return "a corpus folder's newsdesk.yml changed after it was built";
  }
  const lookup = parserLookup(defaultParsers);
  const files = (await walkFolders(folders, options)).filter((file) =>
    lookup.has(splitExtension(file.relPath).extension),
  );
  const started = info.startedAt ?? Date.parse(info.builtAt) - info.buildMs;
  const changed = files.find((file) => file.mtimeMs > started);
  if (changed) return `${changed.name} changed after it was built`;
  if (files.length !== info.counts.files) {
    return `the corpus has ${files.length} files, the snapshot ${info.counts.files}`;
  }
  return undefined;
}
