/**
 * The scale benchmark's corpus on disk: the real corpora read once for their
 * headlines and sentences, then synthetic articles streamed into gzipped JSONL
 * files (a fixed number per file, never the whole corpus in memory), with a
 * README.txt saying what they are.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { readCorpus } from '../../corpus/read.ts';
import type { Article } from '../../types.ts';
import { seededRandom } from '../load/mix.ts';
import { DEFAULT_GENERATE_OPTIONS, type Material, syntheticArticle } from './generate.ts';

/** The real corpora the material comes from. */
export const SHARED_CORPORA = resolve(import.meta.dirname, '../../../../shared/corpora');
export const SOURCE_FOLDERS = ['bbc', 'reuters21578'].map((name) => join(SHARED_CORPORA, name));
export const SOURCE_EXCLUDE = ['*.lc.txt', 'cat-descriptions*'];

/** Articles per JSONL file. */
export const ARTICLES_PER_FILE = 10_000;
/** Lines gathered into one write. */
const LINES_PER_CHUNK = 200;

/** The BBC and Reuters articles (Reuters without its plain-text lists). */
export async function readSourceArticles(): Promise<Article[]> {
  return (await readCorpus(SOURCE_FOLDERS, { exclude: SOURCE_EXCLUDE })).articles;
}

export interface WrittenCorpus {
  folder: string;
  files: number;
  articles: number;
  /** UTF-8 bytes of every headline and body: the text an index is measured against. */
  textBytes: number;
}

/**
 * Write `count` synthetic articles from `material` and `seed` into `folder`
 * as `part-00001.jsonl.gz`, … of `perFile` articles each, plus README.txt.
 */
export async function writeSyntheticCorpus(
  folder: string,
  material: Material,
  count: number,
  seed: number,
  perFile = ARTICLES_PER_FILE,
): Promise<WrittenCorpus> {
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'README.txt'), readme(count, seed));
  const random = seededRandom(seed);
  const tally = { textBytes: 0 };
  const files = Math.ceil(count / perFile);
  for (let file = 0; file < files; file++) {
    const first = file * perFile;
    const last = Math.min(count, first + perFile);
    const name = `part-${String(file + 1).padStart(5, '0')}.jsonl.gz`;
    await pipeline(
      Readable.from(chunks(material, random, first, last, tally)),
      createGzip({ level: 1 }),
      createWriteStream(join(folder, name)),
    );
  }
  return { folder, files, articles: count, textBytes: tally.textBytes };
}

function* chunks(
  material: Material,
  random: () => number,
  first: number,
  last: number,
  tally: { textBytes: number },
): Generator<string> {
  let lines: string[] = [];
  for (let n = first; n < last; n++) {
    const article = syntheticArticle(material, random, n, DEFAULT_GENERATE_OPTIONS);
    tally.textBytes += Buffer.byteLength(article.title) + Buffer.byteLength(article.body);
    lines.push(JSON.stringify(article));
    if (lines.length === LINES_PER_CHUNK) {
      yield `${lines.join('\n')}\n`;
      lines = [];
    }
  }
  if (lines.length > 0) yield `${lines.join('\n')}\n`;
}

function readme(count: number, seed: number): string {
  return [
    'SYNTHETIC CORPUS: for measuring scale only, never for relevance.',
    '',
    `${count.toLocaleString('en')} articles written by newsdesk's scale benchmark`,
    `(npm run bench:scale, seed ${seed}): real headlines and sentences from the BBC and`,
    'Reuters-21578 corpora recombined at random, with made-up dates (2000-2019), sources',
    'and categories. The articles are not real news and their words do not belong together.',
    '',
  ].join('\n');
}
