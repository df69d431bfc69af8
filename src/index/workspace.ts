/**
 * Reusable per-index work arrays (one slot per article), so a search does not
 * allocate and garbage-collect several large typed arrays each time. Searches
 * run synchronously, so an array is never shared by two at once; each is
 * zeroed when given back.
 */
export interface Workspace {
  /** A zeroed array of one score per article; `scratchScores` must be left zeroed after use. */
  readonly scratchScores: Float64Array;
  /**
   * A zeroed array of one mark per article, beside `scratchScores`: which
   * articles a clause touched, whatever their score (a boost of 0 scores 0 and
   * still matches). Must be left zeroed after use.
   */
  readonly scratchMarks: Uint8Array;
  /** Borrow a zeroed Float64Array of one slot per article. */
  floats(): Float64Array;
  /** Borrow a zeroed Uint8Array of one slot per article. */
  bytes(): Uint8Array;
  /** Give borrowed arrays back (they are zeroed here). */
  release(...arrays: (Float64Array | Uint8Array)[]): void;
}

export function createWorkspace(size: number): Workspace {
  const floats: Float64Array[] = [];
  const bytes: Uint8Array[] = [];
  return {
    scratchScores: new Float64Array(size),
    scratchMarks: new Uint8Array(size),
    floats: () => floats.pop() ?? new Float64Array(size),
    bytes: () => bytes.pop() ?? new Uint8Array(size),
    release: (...arrays) => {
      for (const array of arrays) {
        array.fill(0);
        if (array instanceof Float64Array) floats.push(array);
        else bytes.push(array);
      }
    },
  };
}
