import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer, defaultAnalyzerSettings } from '../../src/analysis/analyzer.ts';
import { fold } from '../../src/analysis/fold.ts';
import { anyText } from '../helpers/text-arbitraries.ts';

/** Most tests check stemming, so they use Porter explicitly; the default is checked on its own. */
const analyzer = createAnalyzer({ stemming: 'porter' });

describe('fold', () => {
  it.each([
    ['Café', 'cafe'],
    ['ÉLYSÉE', 'elysee'],
    ['naïve', 'naive'],
    ['São Paulo', 'sao paulo'],
    ['e\u0301', 'e'],
    ['IRAQ', 'iraq'],
    ['北京', '北京'],
  ])('folds %j to %j', (text, expected) => {
    expect(fold(text)).toBe(expected);
  });
});

describe('createAnalyzer', () => {
  it('folds case and diacritics but keeps word forms by default (the ranking measured best)', () => {
    expect(createAnalyzer().settings).toEqual(defaultAnalyzerSettings);
    expect(defaultAnalyzerSettings).toMatchObject({ stemming: 'none', foldDiacritics: true });
    expect(createAnalyzer().terms('Élections attacked')).toEqual(['elections', 'attacked']);
  });

  it.each([
    ['prices', 'price'],
    ['companies', 'company'],
    ['boxes', 'boxe'],
    ['news', 'news'],
    ['bus', 'bus'],
    ['glass', 'glass'],
  ])('folds the plural %j to %j with plural stemming', (word, expected) => {
    expect(createAnalyzer({ stemming: 'plural' }).term(word)).toBe(expected);
  });

  it.each([
    ['a curly possessive', 'Washington’s support', ['washington', 'support']],
    ['a hyphenated name', 'pro-Iranian', ['pro', 'iranian', 'proiranian']],
    ['an Arabic article', 'al-Chaabi', ['al', 'chaabi', 'alchaabi']],
    ['an acronym', 'U.S.', ['us']],
    ['a thousands separator', '2,500', ['2500']],
    ['a decimal with a unit', '$1.13bn', ['1.13bn']],
    ['thousands and a decimal', '1,000.5', ['1000.5']],
    ['an accented word', 'Café', ['cafe']],
    ['an upper-case accented word', 'ÉLYSÉE', ['elyse']],
  ])('turns %s into index terms', (_rule, text, expected) => {
    expect(analyzer.terms(text)).toEqual(expected);
  });

  it('gives attacks, attacked and attacking the same term', () => {
    expect(analyzer.terms('attacks attacked attacking Attack')).toEqual([
      'attack',
      'attack',
      'attack',
      'attack',
    ]);
  });

  it('never stems a word with digits', () => {
    expect(analyzer.term('1980s')).toBe('1980s');
    expect(analyzer.term('G7s')).toBe('g7s');
  });

  it('turns one word into its index term', () => {
    expect(analyzer.term('Running')).toBe('run');
    expect(analyzer.term('CAFÉS')).toBe('cafe');
  });

  it('keeps the surface form when stemming and folding are off', () => {
    const literal = createAnalyzer({ stemming: 'none', foldDiacritics: false });
    expect(literal.settings).toMatchObject({ stemming: 'none', foldDiacritics: false });
    expect(literal.terms('Attacks on the Café')).toEqual(['attacks', 'on', 'the', 'café']);
  });

  it('folds without stemming when only stemming is off', () => {
    expect(createAnalyzer({ stemming: 'none' }).terms('Cafés attacked')).toEqual([
      'cafes',
      'attacked',
    ]);
  });

  it('recognises English stop words by their folded form', () => {
    expect(analyzer.isStopWord('The')).toBe(true);
    expect(analyzer.isStopWord('WHO')).toBe(true);
    expect(analyzer.isStopWord('Iraq')).toBe(false);
    expect(analyzer.isStopWord('attack')).toBe(false);
  });

  it('gives tokens with offsets, positions and terms', () => {
    const text = 'US drone attacks hit pro-Iranian forces';
    const tokens = analyzer.analyze(text);
    expect(tokens.map((token) => token.term)).toEqual([
      'us',
      'drone',
      'attack',
      'hit',
      'pro',
      'iranian',
      'proiranian',
      'forc',
    ]);
    const compound = tokens.find((token) => token.compound);
    expect(compound).toMatchObject({ term: 'proiranian', position: 4 });
    expect(text.slice(compound?.start, compound?.end)).toBe('pro-Iranian');
  });

  it('gives the same terms as analyze, in order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(analyzer.terms(text)).toEqual(analyzer.analyze(text).map((token) => token.term));
      }),
      { numRuns: 300 },
    );
  });

  it('never makes an empty term or one with white space', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const term of analyzer.terms(text)) {
          expect(term).not.toBe('');
          expect(term).not.toMatch(/\s/u);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('makes no term out of a combining mark without a letter', () => {
    expect(analyzer.terms('\u0301 café \u0301')).toEqual(['cafe']);
    expect(analyzer.analyze('\u0301').map((token) => token.term)).toEqual([]);
  });

  it('keeps offsets within the text whatever the string', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const token of analyzer.analyze(text)) {
          expect(token.start).toBeGreaterThanOrEqual(0);
          expect(token.end).toBeGreaterThan(token.start);
          expect(token.end).toBeLessThanOrEqual(text.length);
        }
      }),
    );
  });

  it.each([
    ['hyphen chains', 'a-'.repeat(100_000)],
    ['comma chains', '1,'.repeat(100_000)],
    ['period chains', 'a.'.repeat(100_000)],
    ['number period chains', '1.'.repeat(100_000)],
    ['apostrophe chains', 'a’'.repeat(100_000)],
    ['ampersand chains', 'a&'.repeat(100_000)],
    ['mixed joiner chains', 'a-1,b.'.repeat(33_334)],
    ['a single huge word', 'a'.repeat(200_000)],
  ])('finishes on 200,000 characters of adversarial %s', (_name, text) => {
    expect(Array.isArray(analyzer.analyze(text))).toBe(true);
    expect(Array.isArray(analyzer.terms(text))).toBe(true);
  });

  it('keeps a separate stem cache per instance, so settings never leak between analyzers', () => {
    const literal = createAnalyzer({ stemming: 'none' });
    expect(literal.term('Attacks')).toBe('attacks');
    expect(createAnalyzer({ stemming: 'porter' }).term('Attacks')).toBe('attack');
    expect(literal.term('Attacks')).toBe('attacks');
  });
});
