/** Spelling advice over BBC + Reuters served together (../shared/corpora, read-only). */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { readCorpus } from '../../../src/corpus/read.ts';
import { buildIndex, type NewsIndex } from '../../../src/index/build.ts';
import { replaceWord } from '../../../src/search/extras/suggest.ts';
import { search } from '../../../src/search/search.ts';
import type { SearchHit } from '../../../src/types.ts';
import { CORPORA } from '../../helpers/temp-corpus.ts';

let index: NewsIndex;
beforeAll(async () => {
  const { articles } = await readCorpus([join(CORPORA, 'bbc'), join(CORPORA, 'reuters21578')], {
    exclude: ['*.lc.txt', 'cat-descriptions*'],
  });
  index = buildIndex(articles, createAnalyzer());
}, 120_000);

/** The hit's headline and body, as analyzed terms. */
function termsOf(hit: SearchHit): Set<string> {
  const doc = index.store.ids.indexOf(hit.id);
  const article = index.store.article(doc);
  return new Set(index.analyzer.analyze(`${article.title}\n${article.body}`).map((t) => t.term));
}

const term = (word: string) => index.analyzer.term(word);

describe('spelling advice on BBC + Reuters', () => {
  it('goverment (in 8 articles) also finds the government articles, after its own, with "did you mean"', () => {
    const typed = search(index, { query: 'goverment', size: 20 });
    const government = search(index, { query: 'government', spell: false });
    expect(typed.corrected).toBeUndefined();
    expect(typed.suggestion).toEqual({ query: 'government', total: government.total });
    expect(typed.total).toBeGreaterThan(government.total);
    const [own, respelled] = [typed.hits.slice(0, 8), typed.hits.slice(8)];
    for (const hit of own) expect(termsOf(hit).has(term('goverment'))).toBe(true);
    for (const hit of respelled) expect(termsOf(hit).has(term('government'))).toBe(true);
  });

  it('counts the suggestion in stories when near-duplicates are collapsed, as the page counts its own', () => {
    const typed = search(index, { query: 'goverment', collapse: true });
    const government = search(index, { query: 'government', collapse: true, spell: false });
    expect(typed.suggestion).toEqual({ query: 'government', total: government.total });
    expect(government.total).toBeLessThan(search(index, { query: 'government' }).total);
  });

  it('goverment borrowing shows the government borrowing articles, saying it was corrected', () => {
    const response = search(index, { query: 'goverment borrowing' });
    expect(response.corrected).toEqual({
      from: 'goverment borrowing',
      to: 'government borrowing',
    });
    expect(response.query).toBe('government borrowing');
    expect(response.fullMatches).toBeGreaterThanOrEqual(50);
    expect(response.hits).toHaveLength(10);
    for (const hit of response.hits) {
      const terms = termsOf(hit);
      expect(terms.has(term('government')) && terms.has(term('borrowing'))).toBe(true);
    }
  });

  it('spell: false keeps goverment borrowing as typed: no correction, no suggestion', () => {
    const response = search(index, { query: 'goverment borrowing', spell: false });
    expect(response.corrected).toBeUndefined();
    expect(response.suggestion).toBeUndefined();
    expect(response.query).toBe('goverment borrowing');
    expect(response.fullMatches).toBe(0);
    expect(response.hits.length).toBeGreaterThan(0);
    for (const hit of response.hits) expect(hit.partial).toBe(true);
  });

  it.each([
    ['Chelski', 'Chelsea'],
    ['Mourinio', 'Mourinho'],
    ['Shwarzenegger', 'Schwarzenegger'],
    ['Yeuter', 'Yeutter'],
    ['Milburne', 'Milburn'],
    ['Chirak', 'Chirac'],
    ['Gorbachov', 'Gorbachev'],
    ['Kilroy-Silc', 'Kilroy-Silk'],
  ])('a misspelt name finds the name: %s → %s', (typed, name) => {
    const response = search(index, { query: typed });
    const respelled = response.corrected?.to ?? response.suggestion?.query;
    expect(respelled?.toLowerCase()).toBe(name.toLowerCase());
    const first = termsOf(response.hits[0] as SearchHit);
    for (const part of name.split('-')) expect(first.has(term(part))).toBe(true);
  });

  it('writes a respelled name as the corpus writes it: Chelski → Chelsea', () => {
    expect(search(index, { query: 'chelski' }).corrected?.to).toBe('Chelsea');
  });

  it.each([
    ['Botha', 'both'],
    ['Bach', 'back'],
  ])('a rare real name stays as typed: %s is not taken for %s', (name, common) => {
    const response = search(index, { query: name });
    expect(response.corrected).toBeUndefined();
    expect(response.suggestion?.query).not.toBe(common);
    for (const hit of response.hits) expect(termsOf(hit).has(term(name))).toBe(true);
  });
});

describe('replaceWord', () => {
  it.each([
    ['goverment borrowing', 'goverment', 'government', 'government borrowing'],
    ['Goverment borrowing', 'goverment', 'government', 'government borrowing'],
    ['title:goverment', 'goverment', 'government', 'title:government'],
    ['overment goverment', 'goverment', 'government', 'overment government'],
    ['governments', 'government', 'x', 'governments'],
  ])('in %s replaces %s by %s: %s', (text, word, replacement, expected) => {
    expect(replaceWord(text, word, replacement)).toBe(expected);
  });
});
