/**
 * Is a snapshot still true to its corpus? It is stale when it was built from
 * another folder, when a corpus file changed after the build started, or when
 * files were added or removed. `serve` rebuilds a stale or missing snapshot.
 */
import { resolve } from 'node:path';
import { defaultParsers, parserLookup, splitExtension } from '../corpus/formats/index.ts';
import { type WalkOptions, walkCorpus } from '../corpus/walk.ts';
import type { SnapshotInfo } from './snapshot-format.ts';

/** Why the snapshot described by `info` no longer matches `corpus`, or undefined when it does. */
export async function staleReason(
  info: SnapshotInfo,
  corpus: string,
  options: WalkOptions = {},
): Promise<string | undefined> {
  if (resolve(info.corpus) !== resolve(corpus)) {
    return `it was built from ${info.corpus}, not ${corpus}`;
  }
  const lookup = parserLookup(defaultParsers);
  const files = (await walkCorpus(corpus, options)).filter((file) =>
    lookup.has(splitExtension(file.relPath).extension),
  );
  const started = Date.parse(info.builtAt) - info.buildMs;
  const changed = files.find((file) => file.mtimeMs > started);
  if (changed) return `${changed.relPath} changed after it was built`;
  if (files.length !== info.counts.files) {
    return `the corpus has ${files.length} files, the snapshot ${info.counts.files}`;
  }
  return undefined;
}
