/**
 * Every headline and body of the real BBC and Reuters corpora (../shared/corpora,
 * read-only), for tests that check a fast text walker against its definition.
 */
import { join } from 'node:path';
import { readCorpus } from '../../src/corpus/read.ts';
import { CORPORA } from './temp-corpus.ts';

/** Headlines and bodies of BBC and Reuters (Reuters without its plain-text lists), in order. */
export async function bbcAndReutersTexts(): Promise<string[]> {
  const bbc = (await readCorpus(join(CORPORA, 'bbc'))).articles;
  const reuters = (
    await readCorpus(join(CORPORA, 'reuters21578'), { exclude: ['*.lc.txt', 'cat-descriptions*'] })
  ).articles;
  return [...bbc, ...reuters].flatMap((article) => [article.title, article.body]);
}
