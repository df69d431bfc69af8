/**
 * The analyzer: tokenize → fold → stem. One instance is shared by indexing and
 * queries, so a query word and an indexed word meet in the same form.
 */
import { stemmer } from 'stemmer';
import { fold } from './fold.ts';
import { pluralStem } from './plural.ts';
import { ENGLISH_STOP_WORDS } from './stopwords.ts';
import { type Token, tokenize, words } from './tokenize.ts';

/** Settings recorded in every snapshot; a snapshot built with others is refused. */
export interface AnalyzerSettings {
  /** Bumped whenever tokenizing, folding or stemming changes what terms come out. */
  version: number;
  /**
   * `plural`: plurals folded to singulars (`prices` → `price`); `porter`: full
   * English stemming by the `stemmer` package; `none`: folded words as they are.
   */
  stemming: 'plural' | 'porter' | 'none';
  /** Strip accents (`café` → `cafe`). */
  foldDiacritics: boolean;
}

export const defaultAnalyzerSettings: AnalyzerSettings = {
  version: 2,
  stemming: 'none',
  foldDiacritics: true,
};

/** A token with its index term (folded and stemmed). */
export interface AnalyzedToken extends Token {
  term: string;
}

export interface Analyzer {
  readonly settings: AnalyzerSettings;
  /** Index terms of `text`, in order (compounds included). */
  terms(text: string): string[];
  /** Tokens with offsets, positions and terms: for phrases and highlighting. */
  analyze(text: string): AnalyzedToken[];
  /** The index term of one word (`Running` → `run`). */
  term(word: string): string;
  /** One word folded but not stemmed (`Élections` → `elections`), for spelling lookups. */
  normalize(word: string): string;
  /** True for an English stop word (by its folded form). */
  isStopWord(word: string): boolean;
}

/** Largest number of cached stems before the cache starts over (bounds memory). */
const STEM_CACHE_LIMIT = 200_000;
const HAS_DIGIT = /\p{N}/u;

const isTerm = (term: string): boolean => term !== '';

/** A new analyzer. Each instance has its own stem cache. */
export function createAnalyzer(options: Partial<AnalyzerSettings> = {}): Analyzer {
  const settings: AnalyzerSettings = { ...defaultAnalyzerSettings, ...options };
  const cache = new Map<string, string>();
  const normalize = settings.foldDiacritics ? fold : (word: string) => word.toLowerCase();
  const term = (word: string): string => {
    const cached = cache.get(word);
    if (cached !== undefined) return cached;
    const folded = normalize(word);
    const result =
      HAS_DIGIT.test(folded) || settings.stemming === 'none'
        ? folded
        : settings.stemming === 'porter'
          ? stemmer(folded)
          : pluralStem(folded);
    if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
    cache.set(word, result);
    return result;
  };
  return {
    settings,
    term,
    normalize,
    // A lone combining mark is a token whose folded term is empty: it makes no term.
    terms: (text) => words(text).map(term).filter(isTerm),
    analyze: (text) =>
      tokenize(text)
        .map((token) => ({ ...token, term: term(token.text) }))
        .filter((token) => isTerm(token.term)),
    isStopWord: (word) => ENGLISH_STOP_WORDS.has(normalize(word)),
  };
}
