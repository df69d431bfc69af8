import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
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
