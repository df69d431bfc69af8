import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { readCorpus } from '../../src/corpus/read.ts';
import { buildIndex, type NewsIndex } from '../../src/index/build.ts';
import { createKeywords, KEYWORDS_PER_ARTICLE, type Keyword } from '../../src/index/keywords.ts';
import { indexFromSections, indexSections } from '../../src/index/snapshot-content.ts';
import type { Article } from '../../src/types.ts';
import { article } from '../helpers/engine.ts';
import { referenceKeywords, referenceKeywordsOf } from '../helpers/reference-keywords.ts';
import { CORPORA } from '../helpers/temp-corpus.ts';

const SEED = 20261212;

/** Each document's keywords as the index picks them on demand, in document order. */
function lazyKeywords(index: NewsIndex): (readonly Keyword[])[] {
  return index.store.ids.map((_, doc) => index.keywords.of(doc));
}

/** Each document's keywords as the whole-index picker gave them at build time. */
function oracleKeywords(index: NewsIndex): Keyword[][] {
  const all = referenceKeywords(index.postings, index.analyzer);
  return index.store.ids.map((_, doc) => referenceKeywordsOf(all, doc));
}

/** The documents whose keywords differ from the oracle's, with both answers. */
function differences(index: NewsIndex) {
  const oracle = oracleKeywords(index);
  return lazyKeywords(index).flatMap((lazy, doc) => {
    const expected = oracle[doc] ?? [];
    const same =
      lazy.length === expected.length &&
      lazy.every((k, s) => k.id === expected[s]?.id && k.weight === expected[s]?.weight);
    return same ? [] : [{ doc, lazy, expected }];
  });
}

const WORDS = [
  'oil',
  'Oil',
  'prices',
  'price',
  'rising',
  'crude',
  'opec',
  'barrels',
  'club',
  'match',
  'goal',
  'vote',
  'election',
  'the',
  'and',
  'of',
  'not',
  '2,500',
  '1.13bn',
  'U.S.',
  'pro-Iranian',
  "Washington's",
  'Washington’s',
  'Café',
  'cafe',
  'İstanbul',
  'ﬁnance',
  'e\u0301',
  'مرحبا',
];
const text = (most: number) =>
  fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(' ', ' ', ' ', '\n\n', '-', ', ')), {
      maxLength: most,
    })
    .map((pairs) => pairs.map(([word, gap]) => word + gap).join(''));
const corpus = fc.array(fc.tuple(text(6), text(60)), { minLength: 1, maxLength: 14 });
const stemming = fc.constantFrom('none', 'plural', 'porter') as fc.Arbitrary<
  'none' | 'plural' | 'porter'
>;

function indexOf(texts: readonly [string, string][], mode: 'none' | 'plural' | 'porter') {
  const articles: Article[] = texts.map(([title, body], n) => article(`a${n}`, title, body));
  return buildIndex(articles, createAnalyzer({ stemming: mode }));
}

describe('keywords picked on demand', () => {
  it('are exactly the build-time picker’s on every BBC and Reuters article', async () => {
    const bbc = (await readCorpus(join(CORPORA, 'bbc'))).articles;
    const reuters = (
      await readCorpus(join(CORPORA, 'reuters21578'), {
        exclude: ['*.lc.txt', 'cat-descriptions*'],
      })
    ).articles;
    const index = buildIndex([...bbc, ...reuters], createAnalyzer());
    expect(index.store.count).toBeGreaterThan(20_000);
    expect(differences(index)).toEqual([]);
    const full = lazyKeywords(index).filter((k) => k.length === KEYWORDS_PER_ARTICLE);
    expect(full.length).toBeGreaterThan(index.store.count / 2);
  }, 120_000);

  it('are exactly the build-time picker’s on random small corpora', () => {
    fc.assert(
      fc.property(corpus, stemming, (texts, mode) => {
        expect(differences(indexOf(texts, mode))).toEqual([]);
      }),
      { seed: SEED, numRuns: 300 },
    );
  });

  it('give the same answer whatever the caches hold and whatever order articles are asked in', () => {
    fc.assert(
      fc.property(
        corpus,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 8 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (texts, cachedArticles, termsKept, asks) => {
          const index = indexOf(texts, 'none');
          const expected = oracleKeywords(index);
          const keywords = createKeywords(index, { cachedArticles, termsKept });
          for (const ask of asks) {
            const doc = ask % index.store.count;
            expect(keywords.of(doc)).toEqual(expected[doc]);
          }
        },
      ),
      { seed: SEED, numRuns: 200 },
    );
  });

  it('come out the same from a snapshot’s sections that still hold the old stored keywords', () => {
    const index = indexOf(
      [
        ['Oil prices', 'Crude oil prices rose as opec cut barrels of crude.'],
        ['Opec barrels', 'Opec said barrels of crude would fall, and prices rose.'],
      ],
      'none',
    );
    const sections = indexSections(index);
    sections.set('keywords', new Uint8Array(2 * 4 * KEYWORDS_PER_ARTICLE).fill(0xff));
    sections.set('keywordWeights', new Uint8Array(2 * 4 * KEYWORDS_PER_ARTICLE));
    const loaded = indexFromSections(sections, index.analyzer, 'format-8.snapshot');
    expect(lazyKeywords(loaded)).toEqual(oracleKeywords(index));
    expect(lazyKeywords(loaded)[0]?.length).toBeGreaterThan(0);
  });

  it('ask for an article twice and get the same keywords', () => {
    const index = indexOf(
      [
        ['Oil prices', 'Crude oil prices rose as opec cut barrels of crude.'],
        ['Opec barrels', 'Opec said barrels of crude would fall.'],
        ['Club match', 'The club won the match.'],
      ],
      'none',
    );
    const first = index.keywords.of(0);
    expect(first.length).toBeGreaterThan(0);
    expect(index.keywords.of(1)).toEqual(oracleKeywords(index)[1]);
    expect(index.keywords.of(0)).toEqual(first);
  });
});
