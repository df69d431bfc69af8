/** The server-drawn line chart: well-formed, inside its viewBox, every text escaped (seeded properties). */
import fc from 'fast-check';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { xmlText } from '../../src/server/feed-atom.ts';
import {
  type ChartInput,
  lineChartSvg,
  niceMax,
  percent,
  SERIES_COLOURS,
} from '../../src/server/trends-chart.ts';
import { anyText } from '../helpers/text-arbitraries.ts';

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: () => true,
  parseAttributeValue: false,
  htmlEntities: false,
  trimValues: false,
});

const chartInput: fc.Arbitrary<ChartInput> = fc.integer({ min: 1, max: 40 }).chain((periods) =>
  fc.record({
    labels: fc.array(anyText, { minLength: periods, maxLength: periods }),
    title: anyText,
    series: fc.array(
      fc.record({
        name: anyText,
        href: anyText,
        points: fc.array(
          fc.record({
            value: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
            href: anyText,
            title: anyText,
          }),
          { minLength: periods, maxLength: periods },
        ),
      }),
      { minLength: 1, maxLength: 5 },
    ),
  }),
);

type Node = Record<string, unknown>;

/** Every element named `name` anywhere under `node`. */
function all(node: unknown, name: string): Node[] {
  if (Array.isArray(node)) return node.flatMap((item) => all(item, name));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node as Node).flatMap(([key, value]) => {
    const here = key === name && Array.isArray(value) ? (value as Node[]) : [];
    return [...here, ...all(value, name)];
  });
}

/** The text of an element parsed with `isArray`: its `#text`, or the string itself. */
function textOf(node: unknown): string {
  if (typeof node === 'string') return node;
  const text = (node as Node)['#text'];
  return Array.isArray(text) ? String(text[0] ?? '') : String(text ?? '');
}

describe('lineChartSvg', () => {
  it('draws well-formed SVG with every point and line inside the viewBox and every text escaped', () => {
    fc.assert(
      fc.property(chartInput, (input) => {
        const svg = lineChartSvg(input);
        expect(XMLValidator.validate(svg)).toBe(true);
        const parsed = parser.parse(svg);
        const root = (parsed.svg as Node[])[0] ?? {};
        const [, , width, height] = String(root.viewBox).split(' ').map(Number);
        const inside = (x: number, y: number) =>
          x >= 0 && y >= 0 && x <= (width ?? 0) && y <= (height ?? 0);
        for (const circle of all(parsed, 'circle')) {
          expect(inside(Number(circle.cx), Number(circle.cy))).toBe(true);
        }
        for (const path of all(parsed, 'path')) {
          const numbers =
            String(path.d)
              .match(/-?\d+(\.\d+)?/g)
              ?.map(Number) ?? [];
          for (let i = 0; i + 1 < numbers.length; i += 2) {
            expect(inside(numbers[i] ?? -1, numbers[i + 1] ?? -1)).toBe(true);
          }
        }
        const expectedDots = input.series.flatMap((s) => s.points.filter((p) => p.value !== null));
        expect(all(parsed, 'circle')).toHaveLength(expectedDots.length * 2);
        const texts = all(parsed, 'text').map(textOf);
        for (const series of input.series) expect(texts).toContain(xmlText(series.name));
        const links = all(parsed, 'a').map((link) => String(link.href));
        for (const series of input.series) expect(links).toContain(xmlText(series.href));
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('escapes markup in names and links rather than writing it', () => {
    const svg = lineChartSvg({
      title: '<b>t</b>',
      labels: ['1987-01', '1987-02'],
      series: [
        {
          name: '</text><script>alert(1)</script>',
          href: '/search?q="x"&a=<b>',
          points: [
            { value: 0.5, href: '/x?a=1&b=2', title: '<i>' },
            { value: null, href: '/y', title: 'y' },
          ],
        },
      ],
    });
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(svg).toContain('href="/search?q=&quot;x&quot;&amp;a=&lt;b&gt;"');
  });

  it('gives up to five series distinct colours', () => {
    expect(new Set(SERIES_COLOURS).size).toBe(5);
  });

  it.each([
    [0, 0.01, 0.0025],
    [0.07, 0.08, 0.02],
    [0.5, 0.5, 0.1],
    [1, 1, 0.2],
    [0.0003, 0.0003, 0.0001],
  ])('rounds the y axis top of %f up to %f in steps of %f', (value, max, step) => {
    const top = niceMax(value);
    expect(top.max).toBeCloseTo(max, 10);
    expect(top.step).toBeCloseTo(step, 10);
    expect(top.max).toBeGreaterThanOrEqual(value);
  });

  it.each([
    [0.025, 0.01, '3%'],
    [0.025, 0.0025, '2.5%'],
    [0.0693, 0.0001, '6.93%'],
    [0, 0.02, '0%'],
  ])('writes %f as a percentage for a step of %f: %s', (value, step, text) => {
    expect(percent(value, step)).toBe(text);
  });
});
