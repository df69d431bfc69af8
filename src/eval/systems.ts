/**
 * The ranking systems an evaluation compares, each a function from a query to
 * ranked article ids over the same articles: newsdesk as shipped, newsdesk
 * with one ranking choice turned off, plain MiniSearch with its defaults and
 * SQLite FTS5 (see `fts5.ts`).
 */
import MiniSearch from 'minisearch';
import { createAnalyzer } from '../analysis/analyzer.ts';
import { buildIndex } from '../index/build.ts';
import { DEFAULT_FIELD_BOOSTS } from '../index/fields.ts';
import { DEFAULT_PLAN_OPTIONS, DEFAULT_SEARCH_FIELDS } from '../query/plan.ts';
import type { SearchOptions } from '../search/options.ts';
import { DEFAULT_FEEDBACK } from '../search/ranking/feedback.ts';
import { rankIds } from '../search/search.ts';
import type { Article } from '../types.ts';
import { fts5System } from './fts5.ts';

export interface RankingSystem {
  name: string;
  rank(query: string, depth: number): string[];
}

/** newsdesk with the given options. */
export function newsdeskSystem(
  articles: readonly Article[],
  name = 'newsdesk',
  analyzer = createAnalyzer(),
): (options?: SearchOptions, label?: string) => RankingSystem {
  const index = buildIndex(articles, analyzer);
  return (options = {}, label = name) => ({
    name: label,
    rank: (query, depth) => rankIds(index, query, depth, options),
  });
}

/** MiniSearch with its default tokenizer, term processing and search options. */
export function miniSearchSystem(articles: readonly Article[]): RankingSystem {
  const mini = createMiniSearch(articles);
  return {
    name: 'MiniSearch defaults',
    rank: (query, depth) =>
      mini
        .search(query)
        .slice(0, depth)
        .map((result) => String(result.id)),
  };
}

/** Plain MiniSearch over the fields newsdesk searches by default. */
export function createMiniSearch(articles: readonly Article[]): MiniSearch<Article> {
  const mini = new MiniSearch<Article>({ fields: [...DEFAULT_SEARCH_FIELDS] });
  mini.addAll(articles);
  return mini;
}

/** The systems `newsdesk eval` compares: newsdesk, ablations, MiniSearch, FTS5. */
export async function evaluationSystems(articles: readonly Article[]): Promise<RankingSystem[]> {
  const newsdesk = newsdeskSystem(articles);
  const plan = DEFAULT_PLAN_OPTIONS;
  return [
    newsdesk(),
    newsdesk({ proximityWeight: 0 }, 'newsdesk, no proximity bonus'),
    newsdesk({ boosts: { ...DEFAULT_FIELD_BOOSTS, title: 1 } }, 'newsdesk, no headline boost'),
    newsdesk({ feedback: { ...DEFAULT_FEEDBACK, documents: 0 } }, 'newsdesk, no feedback'),
    newsdesk({ tiers: 'none' }, 'newsdesk, no all-words-first tier'),
    newsdesk({ tierTolerance: 0 }, 'newsdesk, every word first in long queries'),
    newsdesk({ plan: { ...plan, stopWeight: 1 } }, 'newsdesk, stop words at full weight'),
    newsdesk({ plan: { ...plan, queryStopWords: [] } }, 'newsdesk, no query stop words'),
    newsdesk({ plan: { ...plan, variantWeight: 0, formWeight: 0 } }, 'newsdesk, no word forms'),
    newsdesk({ plan: { ...plan, formsFromWords: 1 } }, 'newsdesk, word forms in every query'),
    miniSearchSystem(articles),
    await fts5System(articles),
  ];
}
