import MiniSearch from 'minisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { readCorpus } from '../../../src/corpus/read.ts';
import { buildIndex } from '../../../src/index/build.ts';
import { fieldText, INDEX_FIELDS } from '../../../src/index/fields.ts';
import {
  eachPosting,
  fieldEntries,
  type Postings,
  PostingsCursor,
} from '../../../src/index/postings.ts';
import type { Article } from '../../../src/types.ts';
import { mixedCorpus, removeTemp } from '../../helpers/temp-corpus.ts';

/** term → field → doc → frequency, read back from compact postings. */
function frequencies(postings: Postings): Map<string, Map<number, Map<number, number>>> {
  const out = new Map<string, Map<number, Map<number, number>>>();
  postings.terms.forEach((term, t) => {
    const byField = new Map<number, Map<number, number>>();
    for (const entry of fieldEntries(postings, t)) {
      const docs = new Map<number, number>();
      eachPosting(postings, entry, (doc, frequency) => docs.set(doc, frequency));
      byField.set(entry.field, docs);
    }
    out.set(term, byField);
  });
  return out;
}

describe('a segment', () => {
  let root: string;
  let articles: Article[];

  beforeAll(async () => {
    root = await mixedCorpus();
    articles = (await readCorpus(root)).articles;
  });
  afterAll(() => removeTemp(root));

  it('holds exactly the terms, frequencies and field lengths MiniSearch indexes with add()', () => {
    const analyzer = createAnalyzer();
    const { postings } = buildIndex(articles, analyzer);
    const mini = new MiniSearch<{ n: number }>({
      idField: 'n',
      fields: [...INDEX_FIELDS],
      extractField: (ref, field) => {
        const article = articles[ref.n];
        if (field === 'n') return ref.n;
        return article ? fieldText(article, field as (typeof INDEX_FIELDS)[number]) : '';
      },
      tokenize: (text) => analyzer.terms(text),
      processTerm: (term) => term,
    });
    mini.addAll(articles.map((_, n) => ({ n })));
    const json = mini.toJSON();
    const theirs = new Map(
      json.index.map(([term, byField]) => [
        term,
        new Map(
          Object.entries(byField).map(([field, docs]) => [
            Number(field),
            new Map(Object.entries(docs).map(([doc, freq]) => [json.documentIds[doc], freq])),
          ]),
        ),
      ]),
    );
    expect(frequencies(postings)).toEqual(theirs);
    expect(postings.terms).toEqual([...postings.terms].sort());
    articles.forEach((_, n) => {
      const lengths = json.fieldLength[n] ?? [];
      INDEX_FIELDS.forEach((_, f) => {
        expect(postings.fieldLength[n * INDEX_FIELDS.length + f]).toBe(lengths[f] ?? 0);
      });
    });
  });

  it('records the word position of every occurrence, as the analyzer numbers them', () => {
    const analyzer = createAnalyzer();
    const { postings, store } = buildIndex(articles, analyzer);
    postings.terms.forEach((term, t) => {
      for (const entry of fieldEntries(postings, t)) {
        const cursor = new PostingsCursor(postings, entry);
        while (cursor.next()) {
          const article = store.article(cursor.doc);
          const text = fieldText(article, INDEX_FIELDS[entry.field] ?? 'title');
          const expected = analyzer
            .analyze(text)
            .filter((token) => token.term === term)
            .map((token) => token.position)
            .sort((a, b) => a - b);
          expect([...cursor.positions()], `${term} in ${article.id}`).toEqual(expected);
          expect(cursor.frequency).toBe(expected.length);
        }
      }
    });
  });

  it('gives each term the written form people use most', () => {
    const { postings } = buildIndex(articles, createAnalyzer());
    postings.terms.forEach((term, t) => {
      expect(createAnalyzer().term(postings.display[t] ?? '')).toBe(term);
    });
  });
});
