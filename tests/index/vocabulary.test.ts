import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareStrings } from '../../src/index/term-table.ts';
import { createVocabulary } from '../../src/index/vocabulary.ts';

/** Sorted terms (as postings hold them) and a written form for each. */
function tables(words: string[]): { terms: string[]; display: string[] } {
  const terms = [...new Set(words)].sort(compareStrings);
  return { terms, display: terms.map((term) => (term.length > 3 ? `${term}s` : term)) };
}

const sorted = (found: { id: number; distance: number }[]) =>
  [...found].sort((a, b) => a.id - b.id);

describe('the vocabulary’s typo lookups', () => {
  it('find a term within one edit by its written form', () => {
    const { terms, display } = tables(['elect', 'election', 'oil', 'budget']);
    const vocabulary = createVocabulary(terms, display);
    const found = vocabulary.fuzzy('electon', 1).map(({ id }) => terms[id]);
    expect(found).toContain('election');
  });

  it('answer the same after warmUp, built in slices between turns, as when built at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 300 }),
        fc.stringMatching(/^[a-z]{1,8}$/),
        async (words, query) => {
          const { terms, display } = tables(words);
          const cold = createVocabulary(terms, display);
          const warmed = createVocabulary(terms, display);
          await warmed.warmUp();
          expect(sorted(warmed.fuzzy(query, 2))).toEqual(sorted(cold.fuzzy(query, 2)));
        },
      ),
      { numRuns: 50 },
    );
  });

  it('yields to the event loop while warming a large vocabulary', async () => {
    const words = Array.from({ length: 30_000 }, (_, n) => `w${n.toString(36)}`);
    const { terms, display } = tables(words);
    const vocabulary = createVocabulary(terms, display);
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    await vocabulary.warmUp();
    clearInterval(ticker);
    expect(turns).toBeGreaterThan(0);
    expect(vocabulary.fuzzy('w1', 0).map(({ id }) => terms[id])).toEqual(['w1']);
  });
});

describe('names in the vocabulary', () => {
  const terms = ['chelsea', 'elect', 'oil'];
  const vocabulary = createVocabulary(terms, ['Chelsea', 'elections', 'oil']);

  it('takes a term whose written form is capitalised for a name', () => {
    expect(terms.map((_, id) => vocabulary.isName(id))).toEqual([true, false, false]);
  });

  it('finds a capitalised written form by its lower-case beginning and spelling', () => {
    expect(vocabulary.displayPrefix('chel')).toEqual([0]);
    expect(vocabulary.fuzzy('chelsey', 1)).toEqual([{ id: 0, distance: 1 }]);
  });
});
