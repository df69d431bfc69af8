/**
 * The load test's requests, generated up front from a seed: searches (plain
 * words, several words, phrases, filters, date sorts, deep pages) on the API
 * and as HTML pages, suggestions, article pages and the API's articles, in
 * proportions like a news site's traffic. Words, ids and filters come from the
 * server's own corpus (`material.ts`), so most requests find something.
 */

/** What the corpus offers to ask for. */
export interface Material {
  /** Words that find something, with how many articles. */
  words: { word: string; total: number }[];
  /** Two adjacent words from real headlines. */
  phrases: string[];
  /** Beginnings of corpus words, for suggestions. */
  prefixes: string[];
  /** Article ids. */
  ids: string[];
  sources: string[];
  categories: string[];
  /** Timeline periods with articles (`1987-03` or `2004`), oldest first. */
  periods: string[];
}

export const REQUEST_KINDS = [
  'api-word',
  'api-words',
  'api-phrase',
  'api-filter',
  'api-sort',
  'api-deep',
  'suggest',
  'api-article',
  'page-search',
  'page-article',
  'page-home',
] as const;

export type RequestKind = (typeof REQUEST_KINDS)[number];

/** One request of the mix: its kind and the path with its query string. */
export interface LoadRequest {
  kind: RequestKind;
  path: string;
}

/** Share of each kind in the mix (relative weights). */
export const KIND_WEIGHTS: Readonly<Record<RequestKind, number>> = {
  'api-word': 14,
  'api-words': 8,
  'api-phrase': 8,
  'api-filter': 10,
  'api-sort': 6,
  'api-deep': 5,
  suggest: 15,
  'api-article': 6,
  'page-search': 14,
  'page-article': 8,
  'page-home': 2,
};

/** Results a word must find for pages 50-100 of 10 to be full. */
const BROAD_TOTAL = 1000;

/** `count` requests drawn from `material` with the seeded generator: the same seed, the same list. */
export function requestMix(material: Material, count: number, seed: number): LoadRequest[] {
  if (material.words.length === 0 || material.ids.length === 0) {
    throw new Error('the corpus offers no word that finds something, so there is nothing to ask');
  }
  const random = seededRandom(seed);
  const pick = picker(random);
  const kinds = weightedKinds(random);
  const make = makers(material, random, pick);
  return Array.from({ length: count }, () => {
    const kind = kinds();
    return { kind, path: make[kind]() };
  });
}

type Pick = <T>(items: readonly T[]) => T;

function makers(material: Material, random: () => number, pick: Pick) {
  const word = () => pick(material.words).word;
  const phrase = () => (material.phrases.length > 0 ? `"${pick(material.phrases)}"` : word());
  const id = () => pick(material.ids);
  const broad = material.words.filter((entry) => entry.total >= BROAD_TOTAL);
  const widest = material.words.reduce((a, b) => (b.total > a.total ? b : a));
  const chance = (p: number) => random() < p;
  const search = (params: Record<string, string | string[]>) => `/api/search?${query(params)}`;
  return {
    'api-word': () => search({ q: word() }),
    'api-words': () => search({ q: `${word()} ${word()}` }),
    'api-phrase': () => search({ q: phrase() }),
    'api-filter': () => search({ q: word(), ...filters(material, random, pick) }),
    'api-sort': () => search({ q: word(), sort: chance(0.7) ? 'newest' : 'oldest' }),
    'api-deep': () => {
      if (broad.length > 0) {
        return search({ q: pick(broad).word, page: String(between(random, 50, 100)), size: '10' });
      }
      const pages = Math.max(1, Math.ceil(widest.total / 10));
      const page = between(random, Math.ceil(pages / 2), pages);
      return search({ q: widest.word, page: String(page), size: '10' });
    },
    suggest: () =>
      `/api/suggest?${query({ q: chance(0.2) ? `${word()} ${pick(material.prefixes)}` : pick(material.prefixes) })}`,
    'api-article': () => `/api/articles/${idPath(id())}`,
    'page-search': () => {
      const q = chance(0.25) ? phrase() : word();
      const extra = chance(0.3) ? filters(material, random, pick) : {};
      return `/search?${query({ q, ...extra, ...(chance(0.15) ? { page: '2' } : {}) })}`;
    },
    'page-article': () =>
      `/article/${idPath(id())}${chance(0.4) ? `?${query({ q: word() })}` : ''}`,
    'page-home': () => '/',
  } satisfies Record<RequestKind, () => string>;
}

/** One or two of: a category, a source, a period from … to. */
function filters(material: Material, random: () => number, pick: Pick): Record<string, string> {
  const options: (() => Record<string, string>)[] = [];
  if (material.categories.length > 0) options.push(() => ({ category: pick(material.categories) }));
  if (material.sources.length > 0) options.push(() => ({ source: pick(material.sources) }));
  if (material.periods.length > 0) {
    options.push(() => {
      const start = Math.floor(random() * material.periods.length);
      const end = between(random, start, Math.min(material.periods.length - 1, start + 3));
      return { from: material.periods[start] ?? '', to: material.periods[end] ?? '' };
    });
  }
  if (options.length === 0) return {};
  const first = pick(options)();
  return random() < 0.3 ? { ...first, ...pick(options)() } : first;
}

function weightedKinds(random: () => number): () => RequestKind {
  const total = REQUEST_KINDS.reduce((sum, kind) => sum + KIND_WEIGHTS[kind], 0);
  return () => {
    let left = random() * total;
    for (const kind of REQUEST_KINDS) {
      left -= KIND_WEIGHTS[kind];
      if (left < 0) return kind;
    }
    return 'api-word';
  };
}

function picker(random: () => number): Pick {
  return (items) => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('nothing to pick from');
    return item;
  };
}

/** A whole number from `low` to `high`, both included. */
function between(random: () => number, low: number, high: number): number {
  return low + Math.floor(random() * (high - low + 1));
}

function query(params: Record<string, string | string[]>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    for (const one of Array.isArray(value) ? value : [value]) search.append(name, one);
  }
  return search.toString();
}

/** An article id as URL path segments (ids hold `/` between folders and `:` before a record). */
export function idPath(id: string): string {
  return id.split('/').map(encodeURIComponent).join('/');
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
