/**
 * SQLite FTS5 as a baseline ranking system: a real BM25 engine (Porter
 * stemming over the `unicode61` tokenizer, `bm25()` ordering) built in memory
 * on the same articles and fields newsdesk searches, queried with the OR of
 * the query's words. better-sqlite3 is a native module, so it is loaded only
 * when an evaluation asks for this system.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { describeError, NewsdeskError } from '../errors.ts';
import type { Article } from '../types.ts';
import type { RankingSystem } from './systems.ts';

/** The name FTS5 has in reports. */
export const FTS5_NAME = 'SQLite FTS5 (porter, OR)';

/**
 * The FTS5 query for a typed query: every run of letters and digits quoted
 * (so FTS5 operators and punctuation are plain text) and joined with OR; an
 * empty string when there are none.
 *
 * @example fts5Query('how are "oil" prices?') // → '"how" OR "are" OR "oil" OR "prices"'
 */
export function fts5Query(text: string): string {
  const words = text.normalize('NFC').match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((word) => `"${word}"`).join(' OR ');
}

/** The better-sqlite3 constructor, loaded on first use. */
async function loadDatabase(): Promise<typeof BetterSqlite3> {
  try {
    return (await import('better-sqlite3')).default;
  } catch (error) {
    throw new NewsdeskError(
      'USAGE',
      `the SQLite FTS5 baseline needs better-sqlite3, which did not load (run npm ci): ${describeError(error)}`,
      { cause: error },
    );
  }
}

/** An in-memory FTS5 table over the headline, body and author of `articles` (rowid = position + 1). */
function buildTable(Database: typeof BetterSqlite3, articles: readonly Article[]) {
  const db = new Database(':memory:');
  db.exec(
    "CREATE VIRTUAL TABLE articles USING fts5(title, body, author, tokenize='porter unicode61')",
  );
  const insert = db.prepare(
    'INSERT INTO articles (rowid, title, body, author) VALUES (?, ?, ?, ?)',
  );
  db.transaction(() => {
    articles.forEach((article, i) => {
      insert.run(i + 1, article.title, article.body, article.author ?? '');
    });
  })();
  return db;
}

/**
 * SQLite FTS5 over `articles`: the best `depth` rows by `bm25()` (default
 * column weights) for the OR of the query's words.
 *
 * @example (await fts5System(articles)).rank('crude oil prices', 1000)
 */
export async function fts5System(articles: readonly Article[]): Promise<RankingSystem> {
  const db = buildTable(await loadDatabase(), articles);
  const select = db.prepare<[string, number], { rowid: number }>(
    'SELECT rowid FROM articles WHERE articles MATCH ? ORDER BY bm25(articles) LIMIT ?',
  );
  return {
    name: FTS5_NAME,
    rank: (query, depth) => {
      const match = fts5Query(query);
      if (match === '') return [];
      return select.all(match, depth).map((row) => articles[row.rowid - 1]?.id ?? '');
    },
  };
}
