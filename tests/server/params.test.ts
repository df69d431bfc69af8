import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isNewsdeskError } from '../../src/errors.ts';
import { searchRequestFrom } from '../../src/server/params.ts';

describe('search parameters', () => {
  it('builds a request from valid parameters', () => {
    expect(
      searchRequestFrom({
        q: 'oil',
        page: '2',
        size: '20',
        sort: 'newest',
        source: ['A', 'B'],
        category: 'crude',
        from: '1987-03',
        to: '1987',
      }),
    ).toEqual({
      query: 'oil',
      page: 2,
      size: 20,
      sort: 'newest',
      sources: ['A', 'B'],
      categories: ['crude'],
      dates: { from: Date.UTC(1987, 2, 1), to: Date.UTC(1988, 0, 1) },
      collapse: true,
    });
  });

  it('takes empty values as absent', () => {
    expect(
      searchRequestFrom({ q: '', page: '', size: '', sort: '', from: '', to: '', source: '' }),
    ).toEqual({
      query: '',
      page: 1,
      size: 10,
      sort: 'relevance',
      dates: {},
      collapse: true,
    });
  });

  it.each([
    ['page', { page: '0' }],
    ['page', { page: '1001' }],
    ['page', { page: '1e3' }],
    ['page', { page: '-0' }],
    ['page', { page: '0x10' }],
    ['size', { size: '101' }],
    ['size', { size: '99999999999999999999' }],
    ['sort', { sort: 'RELEVANCE' }],
    ['from', { from: '1987-02-30' }],
    ['to', { to: '87' }],
    ['q', { q: ['a', 'b'] }],
    ['q', { q: { nested: 'x' } }],
    ['source', { source: Array.from({ length: 21 }, () => 'x') }],
    ['category', { category: [1, 2] }],
  ])('refuses a bad %s, naming it', (parameter, query) => {
    try {
      searchRequestFrom(query);
      expect.unreachable();
    } catch (error) {
      expect(isNewsdeskError(error, 'BAD_PARAMETER')).toBe(true);
      expect((error as { parameter: string }).parameter).toBe(parameter);
      expect((error as Error).message.startsWith(parameter)).toBe(true);
    }
  });

  it('either builds a request or refuses with BAD_PARAMETER, for any input', () => {
    const value = fc.oneof(
      fc.string(),
      fc.string({ unit: 'grapheme' }),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.integer(),
      fc.constant(undefined),
      fc.constant('-0'),
    );
    const key = fc.constantFrom(
      'q',
      'page',
      'size',
      'sort',
      'source',
      'category',
      'from',
      'to',
      '__proto__',
      'constructor',
    );
    fc.assert(
      fc.property(fc.dictionary(key, value), (query) => {
        try {
          const result = searchRequestFrom(query);
          expect(result.page).toBeGreaterThanOrEqual(1);
          expect(result.size).toBeLessThanOrEqual(100);
        } catch (error) {
          expect(isNewsdeskError(error, 'BAD_PARAMETER')).toBe(true);
        }
      }),
    );
  });
});
