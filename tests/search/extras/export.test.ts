import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../../src/analysis/analyzer.ts';
import { buildIndex, type NewsIndex } from '../../../src/index/build.ts';
import {
  batchOf,
  exportRows,
  idHash,
  rankForExport,
  rankingFrom,
} from '../../../src/search/extras/export.ts';
import { createSearcher, type Searcher } from '../../../src/search/searcher.ts';
import type { Article, SearchHit, SearchRequest } from '../../../src/types.ts';
import { article, newsArticles } from '../../helpers/engine.ts';
import { seededRandom } from '../../helpers/index-process.ts';

const WORDS = (
  'oil price election market bank rate crude supply trader minister vote campaign storm ' +
  'port tanker club striker contract inflation growth export deal merger profit share'
).split(' ');

/** `count` short articles of seeded random words, some repeated as near-duplicates. */
function generatedArticles(count: number, seed: number): Article[] {
  const random = seededRandom(seed);
  const pick = () => WORDS[Math.floor(random() * WORDS.length)] ?? 'news';
  return Array.from({ length: count }, (_, n) => {
    const body = `${Array.from({ length: 24 }, pick).join(' ')}.`;
    const month = String(1 + (n % 12)).padStart(2, '0');
    return article(`desk${n % 3}/${n}`, `${pick()} ${pick()} ${pick()}`, body, {
      date: `1987-${month}-${String(1 + (n % 28)).padStart(2, '0')}`,
      source: n % 2 === 0 ? 'Wire' : 'Daily',
      category: [n % 3 === 0 ? 'crude' : 'markets'],
    });
  });
}

/** Every hit of `request`, page by page as the API pages (size 100). */
function allPages(searcher: Searcher, request: SearchRequest): SearchHit[] {
  const hits: SearchHit[] = [];
  for (let page = 1; ; page++) {
    const response = searcher.search({ ...request, page, size: 100 });
    hits.push(...response.hits);
    if (response.hits.length < 100) return hits;
  }
}

const small = buildIndex(newsArticles(), createAnalyzer());
const medium = buildIndex(generatedArticles(1500, 3), createAnalyzer());
const noFeedback = { feedback: { documents: 0, terms: 10, weight: 1, window: 200 } };

const REQUESTS: [string, SearchRequest][] = [
  ['one word', { query: 'oil' }],
  ['two words with partial matches after the full ones', { query: 'oil tanker' }],
  ['a phrase', { query: '"oil price"' }],
  ['an exclusion', { query: 'oil -bank' }],
  ['every article, newest first', { query: '', sort: 'newest' }],
  ['one word, oldest first', { query: 'market', sort: 'oldest' }],
  ['a filter', { query: 'price', sources: ['Wire'], categories: ['crude'] }],
  ['collapsed stories', { query: 'oil', collapse: true }],
  ['a misspelling the pages correct', { query: 'tankker' }],
];

function exportedIds(searcher: Searcher, request: SearchRequest, cap = 100_000): string[] {
  const ranking = rankForExport(searcher, request, cap);
  return Array.from(ranking.docs, (doc) => searcher.index.store.ids[doc] ?? '');
}

describe('rankForExport', () => {
  it.each(REQUESTS)(
    'lists every result of %s in the order the pages list them',
    (_name, request) => {
      for (const index of [small, medium] as NewsIndex[]) {
        const searcher = createSearcher(index, noFeedback);
        const paged = allPages(searcher, request);
        if (index === medium) expect(paged.length).toBeGreaterThan(0);
        expect(exportedIds(searcher, request)).toEqual(paged.map((hit) => hit.id));
      }
    },
  );

  it.each(REQUESTS)(
    'with relevance feedback, lists %s as the first page and the feedback window do',
    (_name, request) => {
      const searcher = createSearcher(medium);
      const exported = exportedIds(searcher, request);
      const first = searcher.search(request).hits.map((hit) => hit.id);
      expect(exported.slice(0, first.length)).toEqual(first);
      // Paging past the feedback window rescores deeper windows and repeats results; the export lists each once.
      const paged = allPages(searcher, request).map((hit) => hit.id);
      expect(exported).toHaveLength(paged.length);
      expect(new Set(exported).size).toBe(exported.length);
      const unfed = exportedIds(createSearcher(medium, noFeedback), request);
      expect(new Set(exported)).toEqual(new Set(unfed));
      if (request.collapse) return;
      const window = searcher.options.feedback.window;
      expect(exported.slice(0, window)).toEqual(paged.slice(0, window));
    },
  );

  it('says how many results the query lists, however few the cap lets through', () => {
    const searcher = createSearcher(medium);
    const whole = rankForExport(searcher, { query: 'oil tanker' }, 100_000);
    const capped = rankForExport(searcher, { query: 'oil tanker' }, 50);
    expect(whole.total).toBe(whole.docs.length);
    expect(capped.total).toBe(whole.total);
    expect(capped.docs).toHaveLength(50);
    expect(Array.from(capped.docs)).toEqual(Array.from(whole.docs.slice(0, 50)));
  });

  it('marks the partial matches as the pages do', () => {
    const searcher = createSearcher(medium, noFeedback);
    const request = { query: 'oil tanker' };
    const ranking = rankForExport(searcher, request, 100_000);
    const partial = allPages(searcher, request).map((hit) => hit.partial);
    expect(Array.from(ranking.partial, (flag) => flag === 1)).toEqual(partial);
    expect(partial).toContain(true);
  });

  it('exports the respelled query when the words as typed find nothing, and says so', () => {
    const searcher = createSearcher(small);
    const ranking = rankForExport(searcher, { query: 'tankker' }, 100);
    expect(ranking.corrected).toEqual({ from: 'tankker', to: 'tanker' });
    expect(ranking.docs.length).toBeGreaterThan(0);
    expect(rankForExport(searcher, { query: 'tankker', spell: false }, 100).docs).toHaveLength(0);
  });

  it('gives one page of rows from its start', () => {
    const searcher = createSearcher(medium);
    const page = searcher.search({ query: 'oil', page: 3, size: 20 });
    const ranking = rankingFrom(rankForExport(searcher, { query: 'oil' }, 60), 40);
    const ids = Array.from(ranking.docs, (doc) => medium.store.ids[doc]);
    expect(ids).toEqual(page.hits.map((hit) => hit.id));
  });
});

describe('exportRows', () => {
  it("gives each result's fields and the page's snippet", () => {
    const searcher = createSearcher(small);
    const ranking = rankForExport(searcher, { query: 'tanker' }, 100);
    const { rows, changed } = exportRows(searcher, batchOf(ranking, 0, 3));
    const page = searcher.search({ query: 'tanker', size: 3 });
    expect(changed).toBe(false);
    expect(rows).toEqual(
      page.hits.map((hit) => ({
        id: hit.id,
        headline: hit.title,
        date: hit.date ?? null,
        source: hit.source ?? null,
        category: hit.category,
        ...hit.entities,
        url: hit.url ?? null,
        partial: hit.partial,
        snippet: hit.snippet.text,
      })),
    );
  });

  it('reads nothing from an index other than the one ranked', () => {
    const ranking = rankForExport(createSearcher(medium), { query: 'oil' }, 100);
    const other = createSearcher(buildIndex(generatedArticles(200, 9), createAnalyzer()));
    expect(exportRows(other, batchOf(ranking, 0, 100))).toEqual({ rows: [], changed: true });
  });

  it('tells ids apart by their hash', () => {
    const ids = medium.store.ids;
    expect(new Set(ids.map(idHash)).size).toBe(ids.length);
  });
});
