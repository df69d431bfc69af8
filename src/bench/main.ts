/**
 * `npm run bench`: index build, snapshot size and load, memory and search
 * latency for newsdesk and for plain MiniSearch with its defaults, on the
 * same articles and queries: BBC, Reuters, and both together.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MiniSearch from 'minisearch';
import { createAnalyzer } from '../analysis/analyzer.ts';
import { readCorpus } from '../corpus/read.ts';
import { buildIndex } from '../index/build.ts';
import { readSnapshot, writeSnapshot } from '../index/snapshot.ts';
import { SNAPSHOT_FORMAT_VERSION } from '../index/snapshot-format.ts';
import { DEFAULT_SEARCH_FIELDS } from '../query/plan.ts';
import { createSearcher } from '../search/searcher.ts';
import type { Article } from '../types.ts';
import {
  type LatencySamples,
  latencySamples,
  memory,
  percentiles,
  time,
  timeAsync,
} from './measure.ts';
import { type BenchQuery, benchQueries, QUERY_KINDS } from './queries.ts';
import { printTable, type Row } from './report.ts';

const SHARED = join(import.meta.dirname, '../../../shared/corpora');
const ROUNDS = 10;
/** A whole page in process on BBC + Reuters (issue 13's targets), shown beside the page rows. */
const PAGE_TARGETS = { set: 'BBC + Reuters', p50: 0.8, p99: 3 };

interface Figures {
  buildMs: number;
  snapshotBytes: number;
  loadMs: number;
  bytesPerArticle: number;
  rss: number;
  /** Per query kind, each query's first call and the repeated rounds. */
  latency: Map<string, LatencySamples>;
}

export async function runBenchmark(_args: readonly string[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'newsdesk-bench-'));
  try {
    const bbc = (await readCorpus(join(SHARED, 'bbc'))).articles;
    const reuters = (
      await readCorpus(join(SHARED, 'reuters21578'), {
        exclude: ['*.lc.txt', 'cat-descriptions*'],
      })
    ).articles;
    const sets: [string, Article[]][] = [
      ['BBC', bbc],
      ['Reuters', reuters],
      ['BBC + Reuters', [...bbc, ...reuters]],
    ];
    for (const [name, articles] of sets) {
      const queries = benchQueries(articles);
      const ours = await benchNewsdesk(articles, queries, dir);
      const theirs = await benchMiniSearch(articles, queries, dir);
      printTable(
        `${name}: ${articles.length.toLocaleString('en')} articles`,
        rows(articles, ours, theirs, name === PAGE_TARGETS.set),
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function benchNewsdesk(
  articles: readonly Article[],
  queries: Map<string, BenchQuery[]>,
  dir: string,
): Promise<Figures> {
  const path = join(dir, 'index.snapshot');
  const analyzer = createAnalyzer();
  const { buildMs, snapshotBytes } = await (async () => {
    const built = time(() => buildIndex(articles, analyzer));
    const info = {
      formatVersion: SNAPSHOT_FORMAT_VERSION,
      analyzer: analyzer.settings,
      fingerprint: '',
      corpora: ['bench'],
      counts: { files: 0, articles: articles.length, duplicates: 0, problems: 0, terms: 0 },
      builtAt: new Date().toISOString(),
      buildMs: Math.round(built.ms),
    };
    return { buildMs: built.ms, snapshotBytes: await writeSnapshot(path, built.value, info) };
  })();
  const before = memory();
  const loaded = await timeAsync(() => readSnapshot(path, analyzer));
  const after = memory();
  const { index } = loaded.value;
  // As `newsdesk serve` does once a snapshot is loaded, so no first search builds it.
  await index.vocabulary.warmUp();
  // One searcher for every query, as a server keeps one per index (it keeps what it learns of the
  // postings, such as block maxima, for the next search).
  const searcher = createSearcher(index);
  const latency = new Map(
    QUERY_KINDS.map((kind) => [
      kind,
      latencySamples(queries.get(kind) ?? [], ROUNDS, (query) => {
        searcher.search(query.request);
      }),
    ]),
  );
  return {
    buildMs,
    snapshotBytes,
    loadMs: loaded.ms,
    bytesPerArticle: (after.heap - before.heap) / articles.length,
    rss: after.rss,
    latency,
  };
}

async function benchMiniSearch(
  articles: readonly Article[],
  queries: Map<string, BenchQuery[]>,
  dir: string,
): Promise<Figures> {
  const options = { fields: [...DEFAULT_SEARCH_FIELDS], storeFields: ['category'] };
  const path = join(dir, 'minisearch.json');
  const { buildMs } = await (async () => {
    const built = time(() => {
      const mini = new MiniSearch<Article>(options);
      mini.addAll(articles);
      return mini;
    });
    await writeFile(path, JSON.stringify(built.value));
    return { buildMs: built.ms };
  })();
  const before = memory();
  const loaded = await timeAsync(async () =>
    MiniSearch.loadJSON<Article>(await readFile(path, 'utf8'), options),
  );
  const after = memory();
  const mini = loaded.value;
  const latency = new Map(
    QUERY_KINDS.map((kind) => [
      kind,
      latencySamples(queries.get(kind) ?? [], ROUNDS, ({ mini: query }) => {
        const category = query.category;
        mini.search(query.text, {
          prefix: query.prefix,
          ...(category
            ? {
                filter: (hit) =>
                  (hit.category as string[] | undefined)?.includes(category) === true,
              }
            : {}),
        });
      }),
    ]),
  );
  return {
    buildMs,
    snapshotBytes: (await stat(path)).size,
    loadMs: loaded.ms,
    bytesPerArticle: (after.heap - before.heap) / articles.length,
    rss: after.rss,
    latency,
  };
}

function rows(
  articles: readonly Article[],
  ours: Figures,
  theirs: Figures,
  withTargets: boolean,
): Row[] {
  const perSecond = (ms: number) => articles.length / (ms / 1000);
  const out: Row[] = [
    { label: 'index build (s)', ours: ours.buildMs / 1000, theirs: theirs.buildMs / 1000 },
    {
      label: 'build (articles/s)',
      ours: perSecond(ours.buildMs),
      theirs: perSecond(theirs.buildMs),
      higherIsBetter: true,
    },
    { label: 'snapshot (MB)', ours: ours.snapshotBytes / 1e6, theirs: theirs.snapshotBytes / 1e6 },
    { label: 'snapshot load (ms)', ours: ours.loadMs, theirs: theirs.loadMs },
    {
      label: 'index memory (KB/article)',
      ours: ours.bytesPerArticle / 1024,
      theirs: theirs.bytesPerArticle / 1024,
    },
    { label: 'RSS after load (MB)', ours: ours.rss / 1e6, theirs: theirs.rss / 1e6 },
  ];
  for (const kind of QUERY_KINDS) {
    const a = percentiles(ours.latency.get(kind)?.repeated ?? []);
    const b = percentiles(theirs.latency.get(kind)?.repeated ?? []);
    for (const p of ['p50', 'p95', 'p99'] as const) {
      out.push({ label: `${kind} ${p} (ms)`, ours: a[p], theirs: b[p] });
    }
  }
  return [...out, ...pageRows(ours, theirs, withTargets)];
}

/**
 * A whole page (newsdesk: ranked hits, snippets, facets, timeline, spelling;
 * MiniSearch: its bare search) over every benchmark query: in the repeated
 * rounds, and each query's first run, when nothing it reads was read for it before.
 */
function pageRows(ours: Figures, theirs: Figures, withTargets: boolean): Row[] {
  const every = (figures: Figures, which: keyof LatencySamples) =>
    percentiles(QUERY_KINDS.flatMap((kind) => figures.latency.get(kind)?.[which] ?? []));
  const out: Row[] = [];
  for (const [name, which] of [
    ['every query', 'repeated'],
    ['first run, every query', 'first'],
  ] as const) {
    const a = every(ours, which);
    const b = every(theirs, which);
    for (const p of ['p50', 'p99'] as const) {
      out.push({
        label: `${name} ${p} (ms)`,
        ours: a[p],
        theirs: b[p],
        ...(withTargets ? { target: `<= ${PAGE_TARGETS[p]}` } : {}),
      });
    }
  }
  return out;
}
