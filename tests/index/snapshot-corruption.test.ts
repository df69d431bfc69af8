/**
 * Damaged snapshots on disk: every kind of damage is refused with a
 * NewsdeskError naming the file and what is wrong, never loaded and never a
 * crash (tests/index/snapshot.test.ts has the first few cases): by
 * `readSnapshot`, or, for damage inside the stored text (which stays in the
 * file), when the damaged block is read.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ErrorCode, isNewsdeskError } from '../../src/errors.ts';
import { readSnapshot, writeSnapshot } from '../../src/index/snapshot.ts';
import { SNAPSHOT_FORMAT_VERSION, SNAPSHOT_MAGIC } from '../../src/index/snapshot-format.ts';
import { loadedFrom, newsArticles } from '../helpers/engine.ts';
import {
  editHeader,
  flipBit,
  type HeaderFields,
  payloadStart,
} from '../helpers/snapshot-damage.ts';
import { makeTemp, removeTemp } from '../helpers/temp-corpus.ts';

describe('damaged snapshots', () => {
  let dir: string;
  let good: Buffer;
  let headerEnd: number;
  let damaged: string;

  beforeAll(async () => {
    dir = await makeTemp();
    const { index, info } = loadedFrom(newsArticles());
    await writeSnapshot(join(dir, 'good.snapshot'), index, info);
    good = await readFile(join(dir, 'good.snapshot'));
    headerEnd = payloadStart(good);
    damaged = join(dir, 'damaged.snapshot');
  });
  afterAll(() => removeTemp(dir));

  /**
   * Writes `bytes` as the damaged snapshot and returns what `readSnapshot`
   * threw, or else what reading every article threw (the stored text is read
   * on demand, each block checked then); undefined if all of it loaded.
   */
  async function refusal(bytes: Uint8Array): Promise<unknown> {
    await writeFile(damaged, bytes);
    try {
      const loaded = await readSnapshot(damaged);
      try {
        for (let n = 0; n < loaded.index.store.count; n++) loaded.index.store.article(n);
      } finally {
        loaded.file?.close();
      }
      return undefined;
    } catch (error) {
      return error;
    }
  }

  function expectRefused(error: unknown, codes: readonly ErrorCode[], reason?: RegExp): void {
    expect(isNewsdeskError(error), `not a NewsdeskError: ${String(error)}`).toBe(true);
    if (!isNewsdeskError(error)) return;
    expect(codes).toContain(error.code);
    expect(error.message).toContain(damaged);
    if (reason) expect(error.message).toMatch(reason);
  }

  const withHeader = (edit: (header: HeaderFields) => unknown) => (bytes: Buffer) =>
    editHeader(bytes, edit);

  it.each<[string, (bytes: Buffer) => Uint8Array, ErrorCode, RegExp]>([
    [
      'from an older format version',
      withHeader((h) => {
        h.formatVersion = SNAPSHOT_FORMAT_VERSION - 1;
      }),
      'SNAPSHOT_INCOMPATIBLE',
      new RegExp(
        `format version ${SNAPSHOT_FORMAT_VERSION - 1}, this newsdesk reads version ${SNAPSHOT_FORMAT_VERSION}; rebuild`,
      ),
    ],
    [
      'from a newer format version',
      withHeader((h) => {
        h.formatVersion = SNAPSHOT_FORMAT_VERSION + 1;
      }),
      'SNAPSHOT_INCOMPATIBLE',
      /format version \d+, this newsdesk reads version \d+; rebuild/,
    ],
    [
      'with one letter of the magic line wrong',
      (b) =>
        Buffer.concat([
          Buffer.from(SNAPSHOT_MAGIC.replace('K', 'X')),
          b.subarray(SNAPSHOT_MAGIC.length),
        ]),
      'SNAPSHOT_CORRUPT',
      /not a newsdesk snapshot \(bad magic line\)/,
    ],
    [
      'all zero bytes, as long as the real one',
      (b) => Buffer.alloc(b.length),
      'SNAPSHOT_CORRUPT',
      /bad magic line/,
    ],
    [
      'with the payload zeroed',
      (b) =>
        Buffer.concat([b.subarray(0, payloadStart(b)), Buffer.alloc(b.length - payloadStart(b))]),
      'SNAPSHOT_CORRUPT',
      /checksum mismatch/,
    ],
    [
      'cut right after the header',
      (b) => b.subarray(0, payloadStart(b)),
      'SNAPSHOT_CORRUPT',
      /expected \d+ payload bytes, found 0 \(truncated or padded\)/,
    ],
    [
      'with bytes appended',
      (b) => Buffer.concat([b, Buffer.alloc(8)]),
      'SNAPSHOT_CORRUPT',
      /expected (\d+) payload bytes, found \d+ \(truncated or padded\)/,
    ],
    [
      'with an article count changed in the header',
      withHeader((h) => {
        h.counts.articles += 1;
      }),
      'SNAPSHOT_CORRUPT',
      /checksum mismatch/,
    ],
    [
      'with the corpus folders changed in the header',
      withHeader((h) => {
        h.corpora = ['/somewhere/else'];
      }),
      'SNAPSHOT_CORRUPT',
      /checksum mismatch/,
    ],
    [
      'with the analyzer settings damaged in the header',
      withHeader((h) => {
        h.analyzer = { ...(h.analyzer as object), stemming: 'nonf' };
      }),
      'SNAPSHOT_CORRUPT',
      /checksum mismatch/,
    ],
    [
      'with a section left out of the table',
      withHeader((h) => {
        // The last section that holds bytes (a section of 0 bytes left out would leave the length right).
        const sections = h.sections as { bytes: number }[];
        const last = sections.findLastIndex((section) => section.bytes > 0);
        h.sections = sections.filter((_, n) => n !== last);
      }),
      'SNAPSHOT_CORRUPT',
      /expected \d+ payload bytes/,
    ],
    [
      'with a header that is a list',
      withHeader(() => []),
      'SNAPSHOT_CORRUPT',
      /the header has no section table/,
    ],
    [
      'with no end to the header',
      (b) => b.subarray(0, payloadStart(b) - 1),
      'SNAPSHOT_CORRUPT',
      /truncated inside the header/,
    ],
  ])('are refused when %s, naming the file and the damage', async (_name, damage, code, reason) => {
    expectRefused(await refusal(damage(good)), [code], reason);
  });

  it('are refused after a single bit flip anywhere, header included', async () => {
    const anywhere = fc.nat({ max: good.length - 1 });
    const inHeader = fc.nat({ max: headerEnd - 1 });
    await fc.assert(
      fc.asyncProperty(fc.oneof(anywhere, inHeader), fc.nat({ max: 7 }), async (at, bit) => {
        const bytes = flipBit(good, at, bit);
        expectRefused(await refusal(bytes), ['SNAPSHOT_CORRUPT', 'SNAPSHOT_INCOMPATIBLE']);
      }),
      { numRuns: 400 },
    );
  });

  it('are refused when cut short at any length', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: good.length - 1 }), async (length) => {
        expectRefused(
          await refusal(good.subarray(0, length)),
          ['SNAPSHOT_CORRUPT'],
          /truncated|bad magic line/,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('are refused when a run of bytes is overwritten with other bytes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: good.length - 1 }),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        async (at, noise) => {
          const bytes = Buffer.from(good);
          bytes.set(noise.subarray(0, bytes.length - at), at);
          fc.pre(!bytes.equals(good));
          expectRefused(await refusal(bytes), ['SNAPSHOT_CORRUPT', 'SNAPSHOT_INCOMPATIBLE']);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('still load when undamaged, so the refusals above are about the damage', async () => {
    await writeFile(damaged, good);
    expect((await readSnapshot(damaged)).index.store.count).toBe(newsArticles().length);
  });
});
