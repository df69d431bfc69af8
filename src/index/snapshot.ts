/**
 * Snapshots on disk: written atomically (a temporary file, fsync, rename, so a
 * crash mid-write leaves the previous snapshot intact) and verified on load.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { type Analyzer, createAnalyzer } from '../analysis/analyzer.ts';
import { describeError, NewsdeskError } from '../errors.ts';
import type { NewsIndex } from './build.ts';
import { indexFromSections, indexSections } from './snapshot-content.ts';
import { decodeSnapshot, encodeSnapshot, type SnapshotInfo } from './snapshot-format.ts';

/** Where `newsdesk index` writes and `serve`/`search` read by default: outside corpus/, git-ignored. */
export const DEFAULT_SNAPSHOT_PATH = '.newsdesk/index.snapshot';

/** Write `index` to `path` atomically; returns the snapshot's size in bytes. */
export async function writeSnapshot(
  path: string,
  index: NewsIndex,
  info: SnapshotInfo,
): Promise<number> {
  const chunks = encodeSnapshot(info, indexSections(index));
  const temporary = `${path}.tmp-${process.pid}-${Date.now().toString(36)}`;
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(temporary, 'wx');
    try {
      for (const chunk of chunks) await handle.write(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw new NewsdeskError(
      'SNAPSHOT_WRITE_FAILED',
      `cannot write snapshot ${path}: ${describeError(error)}`,
      {
        cause: error,
      },
    );
  }
  return chunks.reduce((sum, chunk) => sum + chunk.length, 0);
}

export interface LoadedSnapshot {
  index: NewsIndex;
  info: SnapshotInfo;
  bytes: number;
}

/** Load and verify the snapshot at `path`; refuses a missing, corrupt or incompatible one. */
export async function readSnapshot(
  path: string,
  analyzer: Analyzer = createAnalyzer(),
): Promise<LoadedSnapshot> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new NewsdeskError(
      'SNAPSHOT_MISSING',
      `cannot read snapshot ${path}: ${describeError(error)} (build it with \`newsdesk index\`)`,
      {
        cause: error,
      },
    );
  }
  const { info, sections } = decodeSnapshot(bytes, analyzer.settings, path);
  return { index: indexFromSections(sections, analyzer, path), info, bytes: bytes.length };
}
