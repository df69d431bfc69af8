import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { skipOf } from '../../src/index/form-table.ts';
import { TermTable } from '../../src/index/term-table.ts';

/** The display form of each word's term after reading `text` word by word. */
function displayOf(text: string, words: readonly string[]): (string | undefined)[] {
  const table = new TermTable(createAnalyzer());
  for (const word of text.split(/\s+/)) table.idOf(word);
  const { terms, display } = table.sorted();
  const analyzer = createAnalyzer();
  return words.map((word) => display[terms.indexOf(analyzer.term(word))]);
}

describe('display forms', () => {
  it.each([
    ['a name always written capitalised', 'Chelsea won . Chelsea lost . Chelsea drew', 'Chelsea'],
    [
      'a name written capitalised 4 times in 5',
      'Mourinho Mourinho Mourinho Mourinho mourinho',
      'Mourinho',
    ],
    [
      'a word capitalised at sentence starts only',
      'Shares rose . shares fell . shares held',
      'shares',
    ],
    ['a word in capitals in headlines', 'OIL OIL OIL oil', 'oil'],
    ['a word capitalised twice only (a slip at a sentence start)', 'Athough Athough', 'athough'],
    ['a name with capitals inside', 'DiCaprio DiCaprio DiCaprio', 'DiCaprio'],
  ])('%s: %s → %s', (_, text, expected) => {
    const word = expected.toLowerCase();
    expect(displayOf(text, [word])).toEqual([expected]);
  });
});

describe('display forms whatever the reading order', () => {
  const written = ['Blair', 'blair', 'BLAIR', 'Blairs', 'McBlair', 'Mcblair', 'us', 'US', 'Us'];
  const tallies = fc.array(
    fc.record({ word: fc.constantFrom(...written), count: fc.integer({ min: 1, max: 5 }) }),
    { minLength: 1, maxLength: 30 },
  );

  it('chooses the same display forms when the same forms are counted in another order (ties included)', () => {
    fc.assert(
      fc.property(tallies, fc.integer(), (counted, seed) => {
        const shuffled = [...counted].sort(
          (a, b) => hash(`${seed}${a.word}${a.count}`) - hash(`${seed}${b.word}${b.count}`),
        );
        const displays = [counted, shuffled].map((order) => {
          const table = new TermTable(createAnalyzer());
          for (const { word, count } of order) table.countForm(word, count);
          return table.sorted().display;
        });
        expect(displays[1]).toEqual(displays[0]);
      }),
      { seed: 20_261_201, numRuns: 300 },
    );
  });

  it('takes a name as written most often, not as written first', () => {
    const table = new TermTable(createAnalyzer());
    table.countForm('McBlair', 1);
    table.countForm('Mcblair', 3);
    expect(table.sorted().display).toEqual(['Mcblair']);
  });
});

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

describe('term ids', () => {
  it('numbers terms in the order first seen, several written forms sharing one term', () => {
    const table = new TermTable(createAnalyzer());
    const ids = ['Oil', 'prices', 'OIL', 'oil', 'Café', 'cafe'].map((word) => table.idOf(word));
    expect(ids).toEqual([0, 1, 0, 0, 2, 2]);
    expect(table.size).toBe(3);
    expect(table.termsById()).toEqual(['oil', 'prices', 'cafe']);
    expect([table.term(1), table.term(3)]).toEqual(['prices', '']);
    expect(table.idOf('\u0301')).toBe(-1);
    expect(table.size).toBe(3);
  });

  it('finds a word inside a text as idOf finds it alone, and counts the written form either way', () => {
    const table = new TermTable(createAnalyzer());
    expect(table.idAt('crude Oil rose', 6, 9)).toBe(table.idOf('Oil'));
    expect(table.idAt('2,500 bags', 0, 5, skipOf(','))).toBe(table.idOf('2500'));
    const { text, count } = table.formCounts();
    expect(text).toEqual(['Oil', '2500']);
    expect([...count]).toEqual([2, 2]);
  });
});
