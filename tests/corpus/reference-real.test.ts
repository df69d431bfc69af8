/**
 * Over every BBC and Reuters file (../shared/corpora, read-only) and 3,000
 * synthetic JSON Lines records made as the scale benchmark makes them, the fast
 * reader gives exactly the articles and problems of the reference reader (the
 * code before it was made fast, tests/helpers/reference-reader.ts). The records
 * come from the scale benchmark's generator and seed, over these files'
 * articles (duplicates kept, so not byte for byte the 100k corpus's first ones).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/bench/load/mix.ts';
import {
  DEFAULT_GENERATE_OPTIONS,
  materialOf,
  syntheticArticle,
} from '../../src/bench/scale/generate.ts';
import { toArticles } from '../../src/corpus/articles.ts';
import { decodeBytes } from '../../src/corpus/decode.ts';
import { corpusFolders, type SourceFile, walkFolders } from '../../src/corpus/folders.ts';
import { defaultParsers, parserLookup, splitExtension } from '../../src/corpus/formats/index.ts';
import { jsonLinesParser } from '../../src/corpus/formats/json.ts';
import { normalizeInline } from '../../src/corpus/text.ts';
import type { Article } from '../../src/types.ts';
import {
  referenceDecodeBytes,
  referenceJsonLinesParser,
  referenceNormalizeInline,
  referenceToArticles,
} from '../helpers/reference-reader.ts';
import { CORPORA } from '../helpers/temp-corpus.ts';

const ROOTS = [join(CORPORA, 'bbc'), join(CORPORA, 'reuters21578')];
const OPTIONS = { exclude: ['*.lc.txt', 'cat-descriptions*'] };
/** The scale benchmark's seed. */
const SCALE_SEED = 20260101;
const SYNTHETIC_RECORDS = 3000;

interface FileComparison {
  name: string;
  same: boolean;
  articles: Article[];
  lines: { checked: number; differing: string[] };
}

/** One file read by the fast reader and by the reference, compared. */
async function compareFile(file: SourceFile): Promise<FileComparison> {
  const { extension, gzipped, base } = splitExtension(file.relPath);
  const parser = parserLookup(defaultParsers).get(extension);
  if (!parser) throw new Error(`no parser for ${file.relPath}`);
  const bytes = await readFile(file.path);
  const fast = decodeBytes(bytes, gzipped);
  const reference = referenceDecodeBytes(bytes, gzipped);
  expect(fast).toStrictEqual(reference);
  if (!fast.ok) return { name: file.name, same: true, articles: [], lines: lineCheck('') };
  const folder = file.relPath.includes('/')
    ? file.relPath.slice(0, file.relPath.lastIndexOf('/'))
    : '';
  const output = parser.parse({ relPath: file.relPath, folder, text: fast.text });
  const idBase = `${file.prefix}${base}`;
  const mine = toArticles(output, file.name, idBase);
  const theirs = referenceToArticles(output, file.name, idBase);
  const same = JSON.stringify(mine) === JSON.stringify(theirs);
  return { name: file.name, same, articles: mine.articles, lines: lineCheck(fast.text) };
}

/** Every line of a text, cleaned both ways (the txt parser cleans lines itself). */
function lineCheck(text: string): { checked: number; differing: string[] } {
  const differing: string[] = [];
  const lines = text.split(/\r\n?|\n/);
  for (const line of lines) {
    if (normalizeInline(line) !== referenceNormalizeInline(line)) differing.push(line);
  }
  return { checked: lines.length, differing };
}

describe('BBC + Reuters read by the fast reader and the reference', () => {
  let compared: FileComparison[];
  beforeAll(async () => {
    const lookup = parserLookup(defaultParsers);
    const all = await walkFolders(corpusFolders(ROOTS), OPTIONS);
    const files = all.filter((file) => lookup.has(splitExtension(file.relPath).extension));
    compared = [];
    for (const file of files) compared.push(await compareFile(file));
  });

  it('gives the same articles and problems for every file', () => {
    expect(compared.filter((file) => !file.same).map((file) => file.name)).toEqual([]);
    const articles = compared.reduce((sum, file) => sum + file.articles.length, 0);
    const bbc = compared.filter((file) => file.name.startsWith('bbc/'));
    expect(bbc).toHaveLength(2225);
    expect(articles).toBeGreaterThan(2225 + 21_000);
  });

  it('cleans every line of every file the same', () => {
    const differing = compared.flatMap((file) => file.lines.differing);
    expect(differing).toEqual([]);
    expect(compared.reduce((sum, file) => sum + file.lines.checked, 0)).toBeGreaterThan(500_000);
  });

  it('gives the same 3,000 articles for synthetic JSON Lines records made from them', () => {
    const material = materialOf(compared.flatMap((file) => file.articles));
    const random = seededRandom(SCALE_SEED);
    const lines = Array.from({ length: SYNTHETIC_RECORDS }, (_, n) =>
      JSON.stringify(syntheticArticle(material, random, n, DEFAULT_GENERATE_OPTIONS)),
    );
    const file = { relPath: 'part-00001.jsonl', folder: '', text: `${lines.join('\n')}\n` };
    const output = jsonLinesParser.parse(file);
    expect(output).toStrictEqual(referenceJsonLinesParser.parse(file));
    const mine = toArticles(output, file.relPath, 'part-00001');
    expect(mine.articles).toHaveLength(SYNTHETIC_RECORDS);
    expect(mine).toStrictEqual(referenceToArticles(output, file.relPath, 'part-00001'));
  });
});
