import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { buildIndex } from '../../src/index/build.ts';
import { parseQuery } from '../../src/query/parse.ts';
import { planQuery } from '../../src/query/plan.ts';
import { search } from '../../src/search/search.ts';
import { createSearcher } from '../../src/search/searcher.ts';
import type { Article, SearchRequest } from '../../src/types.ts';

function article(id: string, title: string, body: string, extra: Partial<Article> = {}): Article {
  return { id, title, body, origin: { file: `${id}.txt` }, ...extra };
}

const ARTICLES: Article[] = [
  article('a', 'Oil prices rise', 'Crude oil prices rose sharply as supply fell.', {
    date: '2004-06-03',
    source: 'Wire',
    category: ['business'],
  }),
  article('b', 'Election called', 'The prime minister called a general election for May.', {
    date: '2005-01-10',
    source: 'Wire',
    category: ['politics'],
  }),
  article('c', 'Markets calm', 'Oil traders were calm; prices held and the election was ignored.', {
    date: '2004-06-20',
    source: 'Daily',
    category: ['business'],
  }),
  article('d', 'Election general view', 'A general view of the elections: the general mood.', {
    date: '2004-07-01',
    source: 'Daily',
    category: ['politics'],
  }),
  article(
    'e',
    'Cup final <script>alert(1)</script>',
    'The "onerror= final was won. <b>Bold</b> play by oil-rich club.',
    {
      date: '2004-06-15',
      source: 'Sport Desk',
      category: ['sport'],
    },
  ),
  article('f', 'Electricity prices', 'Electricity and electronics firms; electron beams.', {
    category: ['tech'],
  }),
];

const index = buildIndex(ARTICLES, createAnalyzer());
const ids = (request: SearchRequest) =>
  search(index, { size: 100, ...request }).hits.map((hit) => hit.id);
/** Only the articles that match the whole query (partial matches fill short result lists). */
const matching = (query: string) =>
  search(index, { query, size: 100 })
    .hits.filter((hit) => !hit.partial)
    .map((hit) => hit.id);

describe('the query language', () => {
  it.each([
    ['every word must match first', 'oil prices', ['a', 'c']],
    ['an exact phrase needs the words adjacent and in order', '"general election"', ['b']],
    ['a phrase matches through the same analysis as the index', '"GENERAL Election"', ['b']],
    ['an excluded word removes articles', 'oil -calm', ['a', 'e']],
    ['an excluded phrase removes articles', 'election -"general election"', ['c', 'd']],
    ['OR matches either word', 'crude OR traders', ['a', 'c']],
    ['parentheses group', '(crude OR traders) calm', ['c']],
    ['title: scopes a word to the headline', 'title:election', ['b', 'd']],
    ['category: scopes a word to the category', 'category:sport', ['e']],
    ['source: scopes to the source', 'source:daily', ['c', 'd']],
    ['a prefix matches every word that starts with it', 'electr*', ['f']],
    ['after: keeps articles from that month on', 'oil after:2004-06-10', ['c', 'e']],
    ['before: keeps articles up to the end of that day', 'election before:2004-06-20', ['c']],
    ['a lone exclusion matches everything else', '-oil', ['b', 'd', 'f']],
  ])('%s (%s)', (_name, query, expected) => {
    expect(matching(query).sort()).toEqual([...expected].sort());
  });

  it('ranks articles with every word before those with most of them, and says so', () => {
    const response = search(index, { query: 'oil prices election' });
    expect(response.fullMatches).toBe(1);
    expect(response.hits[0]).toMatchObject({ id: 'c', partial: false });
    expect(response.hits.slice(1).every((hit) => hit.partial)).toBe(true);
    expect(response.total).toBe(1);
    expect(response.partialMatches).toBe(response.hits.length - 1);
  });

  it('shows the results of the respelled query when the words as typed find nothing', () => {
    const response = search(index, { query: 'electon' });
    expect(response.hits.map((hit) => hit.id)).toContain('b');
    expect(response.corrected).toEqual({ from: 'electon', to: 'election' });
    expect(response.query).toBe('election');
  });

  it('never throws on hostile input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (query) => {
        const response = search(index, { query });
        expect(response.hits.length).toBeLessThanOrEqual(10);
      }),
      { numRuns: 300 },
    );
  });
});

describe('results', () => {
  it('sort newest and oldest by date, undated last, ties broken the same way every time', () => {
    expect(ids({ query: 'prices OR election OR electricity', sort: 'newest' })).toEqual([
      'b',
      'd',
      'c',
      'a',
      'f',
    ]);
    expect(ids({ query: 'prices OR election OR electricity', sort: 'oldest' })).toEqual([
      'a',
      'c',
      'd',
      'b',
      'f',
    ]);
  });

  it('page without overlap and cap the page size with a notice', () => {
    const all = ids({ query: '-zzz', size: 6 });
    const first = search(index, { query: '-zzz', size: 2, page: 1 }).hits.map((hit) => hit.id);
    const second = search(index, { query: '-zzz', size: 2, page: 2 }).hits.map((hit) => hit.id);
    expect([...first, ...second]).toEqual(all.slice(0, 4));
    expect(search(index, { query: 'oil', size: 1000 }).notices.join()).toMatch(/page size cut/);
  });

  it('filter by source, category and date range, and count facets over the whole result set', () => {
    const response = search(index, { query: 'oil', size: 1 });
    expect(response.total).toBe(3);
    expect(response.facets.source).toEqual([
      { value: 'Daily', count: 1 },
      { value: 'Sport Desk', count: 1 },
      { value: 'Wire', count: 1 },
    ]);
    expect(response.facets.year).toEqual([{ value: '2004', count: 3 }]);
    expect(response.histogram.unit).toBe('month');
    expect(response.histogram.buckets.map((bucket) => bucket.count)).toEqual([3]);
    expect(ids({ query: 'oil', categories: ['Business'] }).sort()).toEqual(['a', 'c']);
    expect(ids({ query: 'oil', sources: ['wire'] })).toEqual(['a']);
    expect(ids({ query: 'oil', dates: { from: Date.UTC(2004, 5, 10) } }).sort()).toEqual([
      'c',
      'e',
    ]);
  });

  it('escape HTML in headlines and snippets before marking matches', () => {
    const [hit] = search(index, { query: 'final' }).hits;
    expect(hit?.titleHtml).toBe('Cup <mark>final</mark> &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(hit?.snippet.html).toContain('&quot;onerror= <mark>final</mark>');
    expect(hit?.snippet.html).toContain('&lt;b&gt;Bold&lt;/b&gt;');
  });

  it('give a lead snippet when only the headline matches', () => {
    const [hit] = search(index, { query: 'title:markets' }).hits;
    expect(hit?.snippet.text).toBe(
      'Oil traders were calm; prices held and the election was ignored.',
    );
    expect(hit?.snippet.highlights).toEqual([]);
    expect(hit?.titleHtml).toBe('<mark>Markets</mark> calm');
  });

  it('mark only words that match the query', () => {
    const words = ['oil', 'prices', 'election', 'general', 'elec*', 'calm', 'the', 'final'];
    fc.assert(
      fc.property(fc.subarray(words, { minLength: 1 }), (chosen) => {
        const query = chosen.join(' ');
        const plan = planQuery(parseQuery(query).root, index);
        const terms = new Set(
          plan.clauses.flatMap((clause) =>
            clause.kind === 'word' ? clause.terms.map((term) => index.postings.terms[term.id]) : [],
          ),
        );
        for (const hit of search(index, { query }).hits) {
          for (const html of [hit.snippet.html, hit.titleHtml]) {
            for (const [, marked] of html.matchAll(/<mark>(.*?)<\/mark>/g)) {
              expect(terms.has(index.analyzer.term(marked ?? ''))).toBe(true);
            }
          }
        }
      }),
    );
  });
});

describe('suggestions', () => {
  it('complete the last word, ranked by how many articles the completed query finds', () => {
    expect(
      createSearcher(index)
        .complete('elec')
        .map((completion) => completion.word),
    ).toContain('election');
    expect(createSearcher(index).complete('oil pri')[0]).toMatchObject({
      query: 'oil prices',
      count: 2,
    });
    expect(createSearcher(index).complete('oil ')).toEqual([]);
  });

  it('find related articles from an article’s distinctive terms, never the article itself', () => {
    const hits = createSearcher(index)
      .related(1, 3)
      .map((hit) => index.store.ids[hit.doc]);
    expect(hits).not.toContain('b');
    expect(hits[0]).toBe('d');
  });
});
