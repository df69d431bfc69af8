/** Ways to damage snapshot bytes, for tests of what refuses them. */
import { SNAPSHOT_MAGIC } from '../../src/index/snapshot-format.ts';

/** A snapshot header as JSON, loosely typed so tests can damage any field. */
export type HeaderFields = Record<string, unknown> & { counts: { articles: number } };

/** Where the payload starts: after the magic line and the header line. */
export function payloadStart(bytes: Buffer): number {
  return bytes.indexOf(10, SNAPSHOT_MAGIC.length) + 1;
}

/** A copy of `bytes` with bit `bit` of byte `at` flipped. */
export function flipBit(bytes: Buffer, at: number, bit = 0): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = (copy[at] ?? 0) ^ (1 << bit);
  return copy;
}

/** A copy of `bytes` with the header rewritten by `edit` (changed in place, or replaced by its result). */
export function editHeader(bytes: Buffer, edit: (header: HeaderFields) => unknown): Buffer {
  const start = payloadStart(bytes);
  const header = JSON.parse(
    bytes.subarray(SNAPSHOT_MAGIC.length, start - 1).toString(),
  ) as HeaderFields;
  const changed = edit(header) ?? header;
  return Buffer.concat([
    Buffer.from(`${SNAPSHOT_MAGIC}${JSON.stringify(changed)}\n`),
    bytes.subarray(start),
  ]);
}
