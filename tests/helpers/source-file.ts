/** `SourceFile`s for parser tests, built the way the reader builds them. */
import type { SourceFile } from '../../src/types.ts';

/** A decoded corpus file at `relPath` (its folder derived from the path). */
export function sourceFile(relPath: string, text: string): SourceFile {
  const slash = relPath.lastIndexOf('/');
  return { relPath, folder: slash < 0 ? '' : relPath.slice(0, slash), text };
}
