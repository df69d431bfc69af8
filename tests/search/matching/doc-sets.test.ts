/** Sorted document-id sets: intersections and unions against plain sets. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { intersectDocs, uniteDocs } from '../../../src/search/matching/doc-sets.ts';

const sortedIds = fc
  .uniqueArray(fc.integer({ min: 0, max: 3000 }), { maxLength: 300 })
  .map((ids) => Uint32Array.from(ids).sort());

describe('document sets', () => {
  it('intersects any ascending lists to the documents in all of them, ascending', () => {
    fc.assert(
      fc.property(fc.array(sortedIds, { minLength: 1, maxLength: 5 }), (lists) => {
        const expected = [...(lists[0] ?? [])].filter((doc) =>
          lists.every((list) => list.includes(doc)),
        );
        expect([...intersectDocs(lists)]).toEqual(expected);
      }),
      { seed: 13_102, numRuns: 300 },
    );
  });

  it('intersects a long list with a short one by galloping over long gaps', () => {
    const long = Uint32Array.from({ length: 10_000 }, (_, i) => 2 * i);
    const short = Uint32Array.of(1, 2, 9_998, 19_998, 19_999);
    expect([...intersectDocs([long, short])]).toEqual([2, 9_998, 19_998]);
    expect([...intersectDocs([])]).toEqual([]);
  });

  it('unites any ascending lists to the documents in any of them, once each, ascending', () => {
    fc.assert(
      fc.property(fc.array(sortedIds, { maxLength: 5 }), (lists) => {
        const expected = [...new Set(lists.flatMap((list) => [...list]))].sort((a, b) => a - b);
        expect([...uniteDocs(lists)]).toEqual(expected);
      }),
      { seed: 13_103, numRuns: 200 },
    );
  });
});
