/** The reader's read-ahead: in order, every file once, never more files or bytes in flight than its bound. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../src/corpus/folders.ts';
import { type ReadAhead, readAhead } from '../../src/corpus/read-ahead.ts';

const listing = (sizes: readonly number[]): SourceFile[] =>
  sizes.map((size, n) => ({
    path: `/corpus/${n}.txt`,
    relPath: `${n}.txt`,
    name: `${n}.txt`,
    prefix: '',
    size,
    mtimeMs: 0,
  }));

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

interface Watch {
  /** Started and not yet released, by file number. */
  open: Map<number, number>;
  /** Every breach of the bound seen when a read started. */
  breaches: string[];
  started: number[];
  mostFiles: number;
}

/** A reader that notes each read it is asked for and answers after `delays[n]` ms. */
function watchedReader(sizes: readonly number[], delays: readonly number[], limit: ReadAhead) {
  const watch: Watch = { open: new Map(), breaches: [], started: [], mostFiles: 0 };
  const read = async (path: string): Promise<Uint8Array> => {
    const n = Number(path.slice('/corpus/'.length, -'.txt'.length));
    const size = sizes[n] ?? 0;
    watch.open.set(n, size);
    watch.started.push(n);
    const bytes = [...watch.open.values()].reduce((sum, value) => sum + value, 0);
    watch.mostFiles = Math.max(watch.mostFiles, watch.open.size);
    if (watch.open.size > limit.files) watch.breaches.push(`${watch.open.size} files at ${n}`);
    if (watch.open.size > 1 && bytes > limit.bytes) watch.breaches.push(`${bytes} bytes at ${n}`);
    await wait(delays[n] ?? 0);
    return new Uint8Array(size);
  };
  return { watch, read };
}

/** Takes every file in order, checking that the queue filled up to its bound after each release. */
async function drain(sizes: readonly number[], delays: readonly number[], limit: ReadAhead) {
  const { watch, read } = watchedReader(sizes, delays, limit);
  const queue = readAhead(listing(sizes), limit, read);
  const lengths: number[] = [];
  const underfilled: string[] = [];
  for (let n = 0; n < sizes.length; n++) {
    const outcome = await queue.next();
    lengths.push(outcome.ok ? outcome.bytes.length : -1);
    watch.open.delete(n);
    queue.release();
    const next = sizes[watch.started.length];
    const bytes = [...watch.open.values()].reduce((sum, value) => sum + value, 0);
    const fits =
      watch.open.size === 0 ||
      (watch.open.size < limit.files && bytes + (next ?? 0) <= limit.bytes);
    if (next !== undefined && fits) underfilled.push(`file ${watch.started.length} not started`);
  }
  return { watch, lengths, underfilled };
}

describe('reading ahead of the parser', () => {
  it('hands every file over once, in order, within its file and byte bounds, filled up to them', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 12_000 }),
        fc.infiniteStream(fc.integer({ min: 0, max: 2 })),
        async (sizes, files, bytes, delayStream) => {
          const delays = sizes.map(() => delayStream.next().value);
          const limit = { files, bytes };
          const { watch, lengths, underfilled } = await drain(sizes, delays, limit);
          expect(watch.breaches).toEqual([]);
          expect(underfilled).toEqual([]);
          expect(watch.started).toEqual(sizes.map((_, n) => n));
          expect(lengths).toEqual(sizes);
        },
      ),
      { seed: 12_201, numRuns: 60 },
    );
  });

  it('reads a file larger than the byte bound alone, once everything before it is released', async () => {
    const sizes = [100, 100, 5000, 100, 100];
    const { watch } = await drain(sizes, [1, 1, 1, 1, 1], { files: 4, bytes: 1000 });
    expect(watch.breaches).toEqual([]);
    expect(watch.mostFiles).toBe(2);
  });

  it('keeps as many files in flight as the count allows when they are small', async () => {
    const sizes = Array.from({ length: 20 }, () => 10);
    const { watch } = await drain(sizes, Array(20).fill(1), { files: 6, bytes: 1_000_000 });
    expect(watch.mostFiles).toBe(6);
  });

  it('turns a reader that throws or rejects into a failed read, and goes on', async () => {
    const files = listing([1, 1, 1]);
    const queue = readAhead(files, { files: 2, bytes: 100 }, (path) => {
      if (path.endsWith('/0.txt')) throw new Error('no such file');
      if (path.endsWith('/1.txt')) return Promise.reject(new Error('gone'));
      return Promise.resolve(new Uint8Array(1));
    });
    const outcomes = [];
    for (let n = 0; n < 3; n++) {
      outcomes.push(await queue.next());
      queue.release();
    }
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([false, false, true]);
  });
});
