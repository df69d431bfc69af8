/**
 * A deterministic slice of the real BBC and Reuters corpora (../shared/corpora,
 * read-only), indexed once per test file, with the words and phrases query
 * generators draw from.
 */
import { join } from 'node:path';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { readCorpus } from '../../src/corpus/read.ts';
import { buildIndex, type NewsIndex } from '../../src/index/build.ts';
import type { Article } from '../../src/types.ts';
import { CORPORA } from './temp-corpus.ts';

/** Reuters files left out: only reut2-000 to reut2-002 are read (about 3,000 stories). */
const REUTERS_EXCLUDE = [
  '*.lc.txt',
  'cat-descriptions*',
  'reut2-00[3-9]*',
  'reut2-01*',
  'reut2-02*',
];

export interface CorpusSlice {
  articles: Article[];
  index: NewsIndex;
  /** Written forms of words (as in the text: `Oil`, `U.S.`), each once, stop words included. */
  words: string[];
  /** The same words as often as they occur in the sampled text: frequent words come up often. */
  running: string[];
  /** Runs of two or three consecutive words from headlines and bodies, as written. */
  phrases: string[];
  /** Category values present in the slice. */
  categories: string[];
}

/** `perCorpus` articles from each corpus, evenly spaced, indexed with the default analyzer. */
export async function corpusSlice(perCorpus = 600): Promise<CorpusSlice> {
  const bbc = (await readCorpus(join(CORPORA, 'bbc'))).articles;
  const reuters = (
    await readCorpus(join(CORPORA, 'reuters21578'), { exclude: REUTERS_EXCLUDE })
  ).articles.filter((article) => article.body !== '');
  const articles = [...spaced(bbc, perCorpus), ...spaced(reuters, perCorpus)];
  const index = buildIndex(articles, createAnalyzer());
  return { articles, index, ...material(articles, index) };
}

function spaced<T>(items: readonly T[], count: number): T[] {
  const step = items.length / Math.min(count, items.length);
  return Array.from(
    { length: Math.min(count, items.length) },
    (_, i) => items[Math.floor(i * step)],
  ).filter((item): item is T => item !== undefined);
}

/** Every 7th article's headline and first paragraph give words and phrases. */
function material(articles: readonly Article[], index: NewsIndex) {
  const words = new Set<string>();
  const running: string[] = [];
  const phrases = new Set<string>();
  const categories = new Set<string>();
  articles.forEach((article, i) => {
    for (const category of article.category ?? []) categories.add(category);
    if (i % 7 !== 0) return;
    const text = `${article.title}\n\n${article.body.split('\n\n')[0] ?? ''}`;
    const tokens = index.analyzer.analyze(text).filter((token) => !token.compound);
    tokens.forEach((token, at) => {
      words.add(token.text);
      running.push(token.text);
      const next = tokens[at + 1];
      const third = tokens[at + 2];
      if (next && at % 3 === 0) phrases.add(`${token.text} ${next.text}`);
      if (next && third && at % 11 === 0) phrases.add(`${token.text} ${next.text} ${third.text}`);
    });
  });
  return {
    words: [...words].sort(),
    running,
    phrases: [...phrases].sort(),
    categories: [...categories].sort(),
  };
}
