/** The load test's request mix: seeded, drawn from the corpus, every request valid. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  idPath,
  KIND_WEIGHTS,
  type Material,
  REQUEST_KINDS,
  requestMix,
} from '../../src/bench/load/mix.ts';
import { toSearchRequest } from '../../src/search/request.ts';
import { searchFields } from '../../src/server/params.ts';

const MATERIAL: Material = {
  words: [
    { word: 'oil', total: 1500 },
    { word: 'bank', total: 40 },
    { word: 'election', total: 2200 },
  ],
  phrases: ['oil prices', 'general election'],
  prefixes: ['oi', 'ele', 'ban'],
  ids: ['bbc/business/001', 'reuters21578/reut2-000:127'],
  sources: ['Reuters'],
  categories: ['crude', 'business'],
  periods: ['1987-02', '1987-03', '1987-04'],
};

/** The query parameters of `path` as Express hands them over (repeated names as arrays). */
function params(path: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of new URL(path, 'http://x').searchParams) {
    const had = out[name];
    out[name] = had === undefined ? value : [...(Array.isArray(had) ? had : [had]), value];
  }
  return out;
}

describe('the request mix', () => {
  const mix = requestMix(MATERIAL, 5000, 42);

  it('is the same list for the same seed, and another for another seed', () => {
    expect(requestMix(MATERIAL, 5000, 42)).toEqual(mix);
    expect(requestMix(MATERIAL, 5000, 43)).not.toEqual(mix);
  });

  it('holds every kind in about its share', () => {
    const total = REQUEST_KINDS.reduce((sum, kind) => sum + KIND_WEIGHTS[kind], 0);
    for (const kind of REQUEST_KINDS) {
      const share = mix.filter((request) => request.kind === kind).length / mix.length;
      expect(share, kind).toBeGreaterThan((KIND_WEIGHTS[kind] / total) * 0.7);
      expect(share, kind).toBeLessThan((KIND_WEIGHTS[kind] / total) * 1.3);
    }
  });

  it.each([
    ['api-word', /^\/api\/search\?q=(oil|bank|election)$/],
    ['api-phrase', /^\/api\/search\?q=%22(oil\+prices|general\+election)%22$/],
    ['api-sort', /^\/api\/search\?q=\w+&sort=(newest|oldest)$/],
    ['api-deep', /^\/api\/search\?q=(oil|election)&page=(\d+)&size=10$/],
    ['suggest', /^\/api\/suggest\?q=(\w+\+)?(oi|ele|ban)$/],
    ['api-article', /^\/api\/articles\/(bbc\/business\/001|reuters21578\/reut2-000%3A127)$/],
    ['page-article', /^\/article\/(bbc\/business\/001|reuters21578\/reut2-000%3A127)(\?q=\w+)?$/],
    ['page-home', /^\/$/],
  ] as const)('builds %s requests from the corpus material', (kind, shape) => {
    const paths = mix.filter((request) => request.kind === kind).map((request) => request.path);
    expect(paths.length).toBeGreaterThan(0);
    for (const path of paths) expect(path).toMatch(shape);
  });

  it('asks broad words for pages 50 to 100', () => {
    const pages = mix
      .filter((request) => request.kind === 'api-deep')
      .map((request) => Number(params(request.path).page));
    expect(Math.min(...pages)).toBeGreaterThanOrEqual(50);
    expect(Math.max(...pages)).toBeLessThanOrEqual(100);
  });

  it('asks for the deeper half of the results when no word is broad', () => {
    const narrow = { ...MATERIAL, words: [{ word: 'bank', total: 40 }] };
    const deep = requestMix(narrow, 2000, 1).filter((request) => request.kind === 'api-deep');
    for (const request of deep) expect(Number(params(request.path).page)).toBeGreaterThanOrEqual(2);
    for (const request of deep) expect(Number(params(request.path).page)).toBeLessThanOrEqual(4);
  });

  it('filters by the categories, sources and periods the corpus has', () => {
    const filtered = mix
      .filter((request) => request.kind === 'api-filter')
      .map((r) => params(r.path));
    const used = new Set(filtered.flatMap((p) => Object.keys(p)));
    expect([...used].sort()).toEqual(['category', 'from', 'q', 'source', 'to']);
    for (const p of filtered) {
      if (p.from !== undefined) expect(String(p.from) <= String(p.to)).toBe(true);
    }
  });

  it('only builds searches that pass the server checks, for any seed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 32 - 1 }), (seed) => {
        for (const request of requestMix(MATERIAL, 200, seed)) {
          if (!/^\/(api\/)?search\?/.test(request.path)) continue;
          const invalid = (name: string, message: string) => new Error(`${name} ${message}`);
          expect(() => toSearchRequest(searchFields(params(request.path)), invalid)).not.toThrow();
        }
      }),
      { numRuns: 50 },
    );
  });

  it('refuses material with nothing to ask for', () => {
    expect(() => requestMix({ ...MATERIAL, words: [] }, 10, 1)).toThrow(/no word/);
  });
});

describe('article ids in paths', () => {
  it.each([
    ['business/001', 'business/001'],
    ['reuters21578/reut2-000:127', 'reuters21578/reut2-000%3A127'],
    ['wire/a b?c#d', 'wire/a%20b%3Fc%23d'],
  ])('keeps the slashes of %s and escapes the rest', (id, path) => {
    expect(idPath(id)).toBe(path);
    expect(decodeURIComponent(path)).toBe(id);
  });
});
