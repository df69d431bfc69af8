/**
 * Generated plain-text corpora big enough that a build takes a few hundred
 * milliseconds (about 1.5 ms and 5 KB of snapshot per article), for tests
 * that need time inside each phase or a snapshot of some size.
 */
import { join } from 'node:path';
import { seededRandom } from './index-process.ts';
import { writeBytes } from './temp-corpus.ts';

const WORDS = (
  'oil price election market bank rate crude supply trader minister vote campaign storm ' +
  'port tanker club striker contract inflation growth export import deal merger profit loss ' +
  'share stock bond yield court ruling budget deficit harvest drought strike union airline'
).split(' ');

/** Writes `count` articles (`desk<N>/<NNNN>.txt`, five desks) of about 250 words each under `root`. */
export async function writeGeneratedCorpus(root: string, count: number, seed = 1): Promise<void> {
  for (let n = 0; n < count; n++) await writeGeneratedArticle(root, n, seed);
}

/** Writes article number `n`; the same `n` and `seed` give the same text. */
export async function writeGeneratedArticle(root: string, n: number, seed = 1): Promise<void> {
  const random = seededRandom(seed * 100_003 + n);
  const word = () => {
    const base = WORDS[Math.floor(random() * WORDS.length)] ?? 'news';
    return random() < 0.3 ? `${base}${Math.floor(random() * 1000)}` : base;
  };
  const sentence = (length: number) => Array.from({ length }, word).join(' ');
  const paragraphs = Array.from({ length: 4 }, () => `${sentence(60)}.`).join('\n\n');
  await writeBytes(generatedArticlePath(root, n), `${sentence(6)} (${n})\n\n${paragraphs}\n`);
}

/** Where `writeGeneratedArticle` writes article number `n`. */
export function generatedArticlePath(root: string, n: number): string {
  return join(root, `desk${n % 5}`, `${String(n).padStart(4, '0')}.txt`);
}
