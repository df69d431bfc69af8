import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { collectKeywords } from '../../src/index/keywords.ts';
import { corpusSlice } from '../helpers/corpus-slice.ts';
import { referenceKeywords } from '../helpers/reference-keywords.ts';

describe('keywords', () => {
  it('are exactly those of the picker that scans every slot, on BBC and Reuters articles', async () => {
    const { index } = await corpusSlice(900);
    const analyzer = createAnalyzer();
    const fast = collectKeywords(index.postings, analyzer);
    const reference = referenceKeywords(index.postings, analyzer);
    expect(fast.terms).toEqual(reference.terms);
    expect(fast.weights).toEqual(reference.weights);
    expect(fast.terms.some((term, slot) => slot % 12 === 11 && term !== 0xffffffff)).toBe(true);
  });
});
