/** Engines over small article sets, for server and engine tests. */
import { createAnalyzer } from '../../src/analysis/analyzer.ts';
import { createEngine, type Engine, type EngineOptions } from '../../src/engine/engine.ts';
import { buildIndex, type NewsIndex } from '../../src/index/build.ts';
import type { LoadedSnapshot } from '../../src/index/snapshot.ts';
import { SNAPSHOT_FORMAT_VERSION, type SnapshotInfo } from '../../src/index/snapshot-format.ts';
import type { Article } from '../../src/types.ts';

/** Snapshot metadata for an index built in a test. */
export function snapshotInfo(
  index: NewsIndex,
  overrides: Partial<SnapshotInfo> = {},
): SnapshotInfo {
  return {
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    analyzer: index.analyzer.settings,
    fingerprint: 'f'.repeat(64),
    corpora: ['fixtures'],
    counts: {
      files: 1,
      articles: index.store.count,
      duplicates: 0,
      problems: 0,
      terms: index.postings.terms.length,
    },
    builtAt: '2026-11-23T00:00:00.000Z',
    buildMs: 1,
    ...overrides,
  };
}

/** `articles` indexed, as if loaded from a snapshot. */
export function loadedFrom(articles: readonly Article[]): LoadedSnapshot {
  const index = buildIndex(articles, createAnalyzer());
  return { index, info: snapshotInfo(index), bytes: 1234 };
}

export function engineOver(articles: readonly Article[], options?: EngineOptions): Engine {
  return createEngine(loadedFrom(articles), options);
}

export function article(
  id: string,
  title: string,
  body: string,
  extra: Partial<Article> = {},
): Article {
  return { id, title, body, origin: { file: `${id}.txt` }, ...extra };
}

/** The hostile article: markup and an attribute breakout in headline and body. */
export const HOSTILE = article(
  'desk/hostile',
  'Oil <script>alert(1)</script> "onerror=alert(2) rally',
  'Traders said oil <script>alert(3)</script> rose. Then "onerror=alert(4) <img src=x> oil fell.\n\nA second oil paragraph.',
  {
    date: '1987-05-04',
    source: 'Wire <b>Desk</b>',
    category: ['crude'],
    url: 'javascript:alert(5)',
  },
);

const TOPICS = [
  ['Oil prices rise on supply fears', 'Crude oil prices rose as supply fell and traders bought.'],
  ['Oil output cut agreed', 'Producers agreed an oil output cut; prices firmed.'],
  ['Bank raises interest rates', 'The central bank raised interest rates to curb inflation.'],
  ['Election date set', 'The prime minister set a general election date for May.'],
  ['Striker signs for club', 'The striker signed a new contract with the club on Friday.'],
  ['Oil tanker reaches port', 'An oil tanker reached port after a storm delayed shipping.'],
] as const;

/**
 * 25 articles over six months of 1987 in two sources and four categories,
 * with long enough lists for pagination, plus the hostile one.
 */
export function newsArticles(): Article[] {
  const articles: Article[] = [];
  for (let i = 0; i < 24; i++) {
    const [title, body] = TOPICS[i % TOPICS.length] ?? TOPICS[0];
    const month = String(1 + (i % 6)).padStart(2, '0');
    articles.push(
      article(
        `wire/${String(i + 1).padStart(3, '0')}`,
        `${title} (${i + 1})`,
        `${body}\n\nReport number ${i + 1} from the desk.`,
        {
          date: `1987-${month}-${String(1 + (i % 27)).padStart(2, '0')}`,
          source: i % 3 === 0 ? 'Daily' : 'Wire',
          category: [i % 2 === 0 ? 'crude' : 'markets', ...(i % 5 === 0 ? ['politics'] : [])],
          url: `https://news.example/${i + 1}`,
          author: 'Desk Staff',
        },
      ),
    );
  }
  articles.push(HOSTILE);
  return articles;
}
