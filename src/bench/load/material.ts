/**
 * What the load test asks for, gathered from the running server before the
 * load starts: which of a fixed list of news words find something (and how
 * much), headlines for phrases, article ids, sources, categories and periods.
 */
import type { Material } from './mix.ts';

/** Everyday news words; only those the served corpus knows are used. */
export const NEWS_WORDS: readonly string[] = (
  'said year government market oil prices bank company shares trade election minister ' +
  'president world new people economy growth profit sales rate rates tax budget deal ' +
  'talks police court film music game games phone mobile internet technology software ' +
  'football club match players coach team england france japan china us dollar yen ' +
  'stock stocks exports imports crude wheat coffee sugar gold debt loan interest inflation ' +
  'union strike vote labour party prime chancellor plan report growth quarter record ' +
  'industry workers jobs firm firms group chief director award star show series music'
).split(' ');

/** Words searched concurrently while gathering. */
const CONCURRENCY = 4;
/** Hits read per word, for ids and headlines. */
const HITS_PER_WORD = 20;

interface SearchBody {
  total: number;
  hits: { id: string; title: string }[];
  facets: { source: { value: string }[]; category: { value: string }[] };
  histogram: { buckets: { label: string; count: number }[] };
}

/** Ask the server at `baseUrl` (ending in `/`) what its corpus holds. */
export async function gatherMaterial(baseUrl: string): Promise<Material> {
  const everything = await searchJson(baseUrl, { q: '', size: '1' });
  const words: Material['words'] = [];
  const titles: string[] = [];
  const ids = new Set<string>();
  const unique = [...new Set(NEWS_WORDS)];
  for (let at = 0; at < unique.length; at += CONCURRENCY) {
    const batch = unique.slice(at, at + CONCURRENCY);
    const bodies = await Promise.all(
      batch.map((word) => searchJson(baseUrl, { q: word, size: String(HITS_PER_WORD) })),
    );
    bodies.forEach((body, n) => {
      const word = batch[n];
      if (word === undefined || body.total === 0) return;
      words.push({ word, total: body.total });
      for (const hit of body.hits) {
        ids.add(hit.id);
        titles.push(hit.title);
      }
    });
  }
  return {
    words,
    phrases: headlinePhrases(titles),
    prefixes: prefixesOf([...words.map((entry) => entry.word), ...titles.flatMap(titleWords)]),
    ids: [...ids],
    sources: everything.facets.source.slice(0, 20).map((facet) => facet.value),
    categories: everything.facets.category.slice(0, 30).map((facet) => facet.value),
    periods: everything.histogram.buckets
      .filter((bucket) => bucket.count > 0)
      .map((bucket) => bucket.label),
  };
}

async function searchJson(baseUrl: string, params: Record<string, string>): Promise<SearchBody> {
  const url = new URL(`api/search?${new URLSearchParams(params)}`, baseUrl);
  const response = await fetch(url);
  if (!response.ok) {
    throw new Error(`GET ${url.pathname}${url.search} answered ${response.status}`);
  }
  return (await response.json()) as SearchBody;
}

/** Lower-case words of three letters or more in a headline. */
function titleWords(title: string): string[] {
  return (title.toLowerCase().match(/\p{L}{3,}/gu) ?? []).filter((word) => /^[a-z]+$/.test(word));
}

/** Adjacent word pairs from headlines (so each phrase is found, in that headline at least). */
function headlinePhrases(titles: readonly string[]): string[] {
  const phrases = new Set<string>();
  for (const title of titles) {
    const words = title.toLowerCase().split(/\s+/);
    for (let n = 0; n + 1 < words.length; n++) {
      const [a, b] = [words[n] ?? '', words[n + 1] ?? ''];
      if (/^[a-z]{3,}$/.test(a) && /^[a-z]{3,}$/.test(b)) phrases.add(`${a} ${b}`);
    }
  }
  return [...phrases].slice(0, 500);
}

/** The first 2 to 4 letters of each word, once each. */
function prefixesOf(words: readonly string[]): string[] {
  const prefixes = new Set<string>();
  for (const word of words) {
    for (let length = 2; length <= Math.min(4, word.length); length++) {
      prefixes.add(word.slice(0, length));
    }
  }
  return [...prefixes];
}
