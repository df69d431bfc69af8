import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCorpus } from '../../src/corpus/read.ts';
import { createStore, jsonTexts, storeParts } from '../../src/index/store.ts';
import {
  blocksFit,
  compressTexts,
  createTextReader,
  DICTIONARY_BYTES,
  textDictionary,
} from '../../src/index/store-blocks.ts';
import type { Article } from '../../src/types.ts';
import { CORPORA } from '../helpers/temp-corpus.ts';
import { anyText } from '../helpers/text-arbitraries.ts';

const SEED = 20_261_201;

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined });

/** Articles with any text, empty fields and now and then a body far bigger than a block. */
const article: fc.Arbitrary<Article> = fc
  .record({
    id: anyText,
    title: anyText,
    body: fc.oneof(
      { weight: 4, arbitrary: anyText },
      { weight: 1, arbitrary: fc.constant('') },
      { weight: 1, arbitrary: anyText.map((text) => `${text}ünïcödé 😀 `.repeat(400)) },
    ),
    date: optional(fc.constantFrom('2004-06-01', '1987-02-26T15:01:01.790Z')),
    source: optional(anyText),
    category: optional(fc.array(anyText, { maxLength: 3 })),
    file: anyText,
  })
  .map(({ file, ...fields }) => {
    const out: Article = {
      id: fields.id,
      title: fields.title,
      body: fields.body,
      origin: { file },
    };
    if (fields.date !== undefined) out.date = fields.date;
    if (fields.source !== undefined) out.source = fields.source;
    if (fields.category !== undefined) out.category = fields.category;
    return out;
  });

/** Whether `read` returns instead of throwing. */
function readsBack(read: () => unknown): boolean {
  try {
    read();
    return true;
  } catch {
    return false;
  }
}

describe('the block-compressed document store', () => {
  it('reads every article back exactly as stored, whatever the articles and block size', () => {
    fc.assert(
      fc.property(
        fc.array(article, { maxLength: 40 }),
        fc.constantFrom(1, 64, 700, 32 * 1024),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        (articles, blockBytes, cachedBlocks, cachedTexts, order) => {
          const parts = storeParts(articles, { blockBytes });
          expect(blocksFit(parts.text, articles.length)).toBe(true);
          const store = createStore(parts, { cachedBlocks, cachedTexts });
          // In order, then in a random order through small caches (evictions and hits).
          expect(articles.map((_, n) => store.article(n))).toEqual(articles);
          for (const pick of order) {
            if (articles.length === 0) break;
            const n = pick % articles.length;
            expect(store.article(n)).toEqual(articles[n]);
          }
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });

  it.each([
    { cachedTexts: 2, again: [true, true] },
    { cachedTexts: 1, again: [false, true] },
    { cachedTexts: 0, again: [false, false] },
  ])(
    'with $cachedTexts texts cached, gives the last texts read again without inflating ($again)',
    ({ cachedTexts, again }) => {
      const articles = ['a', 'b', 'c'].map((id) => ({
        id,
        title: id,
        body: `${id} body`,
        origin: { file: id },
      }));
      const parts = storeParts(articles, { blockBytes: 1 });
      const store = createStore(parts, { cachedBlocks: 0, cachedTexts });
      expect(store.article(0).id).toBe('a');
      expect(store.article(1).id).toBe('b');
      // Every block damaged: a text still cached reads back, any other must inflate and fails.
      parts.text.blocks.fill(0xff);
      expect([0, 1].map((n) => readsBack(() => store.article(n).id))).toEqual(again);
      expect(readsBack(() => store.article(2).id)).toBe(false);
    },
  );

  it('closes a block once it holds the block size, never splitting an article', () => {
    const texts = ['aaaa', 'bb', 'cccccc', 'd', 'ee'].map((text) => Buffer.from(text));
    const blocks = compressTexts(texts, texts.length, { blockBytes: 6 });
    expect([...blocks.blockFirst]).toEqual([0, 2, 3, 5]);
    expect([...blocks.articleStarts]).toEqual([0, 4, 0, 0, 1]);
    const reader = createTextReader(blocks);
    expect(texts.map((_, n) => reader.text(n))).toEqual(['aaaa', 'bb', 'cccccc', 'd', 'ee']);
  });

  it('compresses news text to well under its size', () => {
    const sentence = 'The central bank raised interest rates by a quarter point on Tuesday. ';
    const texts = Array.from({ length: 200 }, (_, n) => Buffer.from(`${n} ${sentence.repeat(8)}`));
    const raw = texts.reduce((sum, text) => sum + text.length, 0);
    expect(compressTexts(texts, texts.length).blocks.length).toBeLessThan(raw / 4);
  });

  it.each([
    ['the block count disagrees with the article count', { blockFirst: Uint32Array.of(0, 3) }],
    ['the block offsets run past the blocks', { blockOffsets: Float64Array.of(0, 1e9) }],
    ['a block holds no article', { blockFirst: Uint32Array.of(0, 0, 2) }],
    ['the article starts are missing', { articleStarts: new Uint32Array(0) }],
  ])('are found not to fit when %s', (_name, damage) => {
    const texts = ['one', 'two'].map((text) => Buffer.from(text));
    const blocks = compressTexts(texts, 2);
    expect(blocksFit(blocks, 2)).toBe(true);
    expect(blocksFit({ ...blocks, ...damage }, 2)).toBe(false);
  });

  it('refuses an article number outside the store', () => {
    const store = createStore(storeParts([]));
    expect(() => store.article(0)).toThrow(/no article number 0 \(the store holds 0\)/);
  });
});

describe('a preset dictionary', () => {
  it('gives back every text, and makes small blocks of real news smaller', async () => {
    const articles = (await readCorpus(join(CORPORA, 'bbc', 'politics'))).articles;
    const texts = [...jsonTexts(articles)];
    const dictionary = textDictionary(texts);
    expect(dictionary.length).toBe(DICTIONARY_BYTES);
    const rest = texts.slice(20);
    const plain = compressTexts(rest, rest.length);
    const preset = compressTexts(rest, rest.length, { dictionary });
    const reader = createTextReader(preset);
    rest.forEach((text, n) => {
      expect(reader.text(n)).toBe(Buffer.from(text).toString('utf8'));
    });
    expect(preset.blocks.length).toBeLessThan(plain.blocks.length * 0.95);
  });

  it('is the first texts in order, cut at DICTIONARY_BYTES', () => {
    const texts = [Buffer.from('abc'), Buffer.alloc(DICTIONARY_BYTES, 120), Buffer.from('zzz')];
    const dictionary = textDictionary(texts);
    expect(dictionary.length).toBe(DICTIONARY_BYTES);
    expect(Buffer.from(dictionary.subarray(0, 4)).toString()).toBe('abcx');
    expect(textDictionary([Buffer.from('ab')]).length).toBe(2);
  });
});
