import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paragraphsHtml } from '../../src/server/article-view.ts';
import { articleHref, searchHref, toggle } from '../../src/server/links.ts';
import { timeline } from '../../src/server/timeline.ts';

describe('search links', () => {
  it.each([
    [{ q: 'oil' }, {}, '/search?q=oil'],
    [{ q: 'oil', page: '3' }, {}, '/search?q=oil'],
    [{ q: 'oil', page: '3' }, { page: '4' }, '/search?q=oil&page=4'],
    [{ q: 'oil', sort: 'newest' }, { sort: 'relevance' }, '/search?q=oil'],
    [
      { q: 'a b', source: ['X', 'Y'] },
      { category: ['c'] },
      '/search?q=a+b&source=X&source=Y&category=c',
    ],
    [{ q: 'oil', from: '1987', to: '1987' }, { from: undefined, to: undefined }, '/search?q=oil'],
    [{ q: '"x" & <y>' }, {}, '/search?q=%22x%22+%26+%3Cy%3E'],
  ])('%j changed by %j is %s', (fields, changes, href) => {
    expect(searchHref(fields, changes)).toBe(href);
  });

  it('toggles a filter value on and off', () => {
    expect(toggle(undefined, 'a')).toEqual(['a']);
    expect(toggle(['a', 'b'], 'a')).toEqual(['b']);
  });

  it.each([
    ['business/001', undefined, '/article/business/001'],
    ['reut2-000:12', 'oil', '/article/reut2-000%3A12?q=oil'],
    ['a b/c?d#e', undefined, '/article/a%20b/c%3Fd%23e'],
  ])('links article %s', (id, query, href) => {
    expect(articleHref(id, query)).toBe(href);
  });
});

describe('the timeline', () => {
  const bucket = (label: string, count: number) => ({ label, from: 0, to: 1, count });

  it('scales bars to the tallest and keeps small counts visible', () => {
    const chart = timeline([bucket('a', 100), bucket('b', 1), bucket('c', 0)], {
      width: 300,
      height: 80,
    });
    expect(chart.bars.map((bar) => bar.height)).toEqual([80, 2, 0]);
    expect(chart.bars.map((bar) => bar.y)).toEqual([0, 78, 80]);
  });

  it('keeps every bar inside the drawing, in order, never overlapping', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 10_000 }), { minLength: 1, maxLength: 200 }), (counts) => {
        const chart = timeline(counts.map((count, i) => bucket(String(i), count)));
        let right = 0;
        for (const bar of chart.bars) {
          expect(bar.x).toBeGreaterThanOrEqual(right - 0.02);
          expect(bar.x + bar.width).toBeLessThanOrEqual(chart.width + 0.02);
          expect(bar.y + bar.height).toBeCloseTo(chart.height, 1);
          expect(bar.height).toBeLessThanOrEqual(chart.height);
          right = bar.x + bar.width;
        }
      }),
    );
  });
});

describe('article paragraphs', () => {
  it('splits at blank lines and marks matches inside each paragraph', () => {
    const text = 'Oil rose.\n\nThen oil fell.';
    expect(
      paragraphsHtml(text, [
        { start: 16, end: 19 },
        { start: 0, end: 3 },
      ]),
    ).toEqual(['<mark>Oil</mark> rose.', 'Then <mark>oil</mark> fell.']);
  });

  it('escapes markup before marking it', () => {
    expect(paragraphsHtml('<b>x</b> & "y"', [{ start: 3, end: 4 }])).toEqual([
      '&lt;b&gt;<mark>x</mark>&lt;/b&gt; &amp; &quot;y&quot;',
    ]);
  });

  it('keeps every word of the text and adds no markup but <mark>', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 30 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(200), fc.nat(10))),
        (parts, spans) => {
          const text = parts.join('\n\n');
          const highlights = spans
            .map(([start, length]) => ({ start, end: start + length + 1 }))
            .filter((h) => h.end <= text.length);
          const html = paragraphsHtml(text, highlights);
          const plain = html
            .map((p) => p.replaceAll(/<\/?mark>/g, ''))
            .map((p) =>
              p
                .replaceAll('&lt;', '<')
                .replaceAll('&gt;', '>')
                .replaceAll('&quot;', '"')
                .replaceAll('&apos;', "'")
                .replaceAll('&amp;', '&'),
            );
          expect(plain).toEqual(text.split('\n\n').filter((p) => p.trim() !== ''));
          for (const p of html) expect(p.replaceAll(/<\/?mark>/g, '')).not.toMatch(/[<>]/);
        },
      ),
    );
  });
});
