/**
 * A line chart as an SVG string, drawn on the server (no chart library, no
 * script): one line per series over shared periods, y as a percentage, axis
 * labels, a legend, each point and each line a link. Built with XMLBuilder,
 * which escapes every label and link; the geometry is plain arithmetic.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { xmlText } from './feed-atom.ts';

export interface ChartPoint {
  /** A share from 0 to 1, or null where the period has nothing to divide by (a gap in the line). */
  value: number | null;
  href: string;
  /** What the point says to a pointer or a screen reader (`oil, 1987-03: 2.1%, 31 articles`). */
  title: string;
}

export interface ChartSeries {
  name: string;
  /** The line's link (the series over the whole span). */
  href: string;
  /** One per label, in order. */
  points: readonly ChartPoint[];
}

export interface ChartInput {
  /** The periods along x. */
  labels: readonly string[];
  series: readonly ChartSeries[];
  /** Names the chart for screen readers. */
  title: string;
}

export interface ChartOptions {
  /** Width of the whole drawing in SVG units. @example 720 */
  width?: number;
  /** Height of the plotting area. @example 260 */
  plotHeight?: number;
  /** Most x labels written (the others are left out, evenly). @example 12 */
  maxXLabels?: number;
}

export const DEFAULT_CHART_OPTIONS: Required<ChartOptions> = {
  width: 720,
  plotHeight: 260,
  maxXLabels: 12,
};

/** Line colours, distinguishable with the common colour blindnesses (after Okabe and Ito), dark enough on white. */
export const SERIES_COLOURS = ['#0060a8', '#c0392b', '#007a5a', '#8e44ad', '#a35f00'] as const;
/** Dash patterns, so lines differ without colour too. */
const DASHES = ['', '7 4', '2 3', '10 3 2 3', '4 2'] as const;

const MARGIN = { top: 14, right: 24, bottom: 34, left: 56 } as const;
const LEGEND_ROW = 20;

/** The chart of `input` as an `<svg>` element. */
export function lineChartSvg(input: ChartInput, options: ChartOptions = {}): string {
  const settings = { ...DEFAULT_CHART_OPTIONS, ...options };
  const plot = {
    left: MARGIN.left,
    top: MARGIN.top,
    width: settings.width - MARGIN.left - MARGIN.right,
    height: settings.plotHeight,
  };
  const height = MARGIN.top + plot.height + MARGIN.bottom + LEGEND_ROW * input.series.length + 6;
  const top = niceMax(maxValue(input.series));
  const x = (i: number) =>
    input.labels.length < 2
      ? plot.left + plot.width / 2
      : plot.left + (i * plot.width) / (input.labels.length - 1);
  const y = (value: number) => plot.top + plot.height - (value / top.max) * plot.height;
  const svg = {
    '@_xmlns': 'http://www.w3.org/2000/svg',
    '@_class': 'trend-chart',
    '@_viewBox': `0 0 ${settings.width} ${round(height)}`,
    '@_role': 'group',
    '@_aria-label': xmlText(input.title),
    title: xmlText(input.title),
    g: [
      yAxis(top, plot, y),
      xAxis(input.labels, plot, x, settings.maxXLabels),
      ...input.series.map((series, i) => seriesGroup(series, i, x, y)),
      legend(input.series, plot.top + plot.height + MARGIN.bottom, plot.left),
    ],
  };
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    suppressEmptyNode: true,
    suppressBooleanAttributes: false,
  });
  return builder.build({ svg }) as string;
}

interface Plot {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The largest value of any point (0 when none has one). */
function maxValue(series: readonly ChartSeries[]): number {
  let max = 0;
  for (const item of series) {
    for (const point of item.points) {
      if (point.value !== null && Number.isFinite(point.value)) max = Math.max(max, point.value);
    }
  }
  return max;
}

/** A round top for the y axis at or above `value`, and the step between its ticks. */
export function niceMax(value: number): { max: number; step: number } {
  if (!(value > 0)) return { max: 0.01, step: 0.0025 };
  const magnitude = 10 ** Math.floor(Math.log10(value / 4));
  for (const factor of [1, 2, 2.5, 5, 10]) {
    const step = factor * magnitude;
    const max = Math.ceil(value / step - 1e-9) * step;
    if (max / step <= 5) return { max, step };
  }
  return { max: 50 * magnitude, step: 10 * magnitude };
}

/** `0.025` as `2.5%`, with the decimals `step` needs. */
export function percent(value: number, step = value): string {
  const decimals = Math.min(4, Math.max(0, -Math.floor(Math.log10(step * 100 || 1))));
  return `${(value * 100).toFixed(decimals)}%`;
}

function yAxis(top: { max: number; step: number }, plot: Plot, y: (value: number) => number) {
  const ticks: number[] = [];
  for (let value = 0; value <= top.max + top.step / 1000; value += top.step) ticks.push(value);
  return {
    '@_class': 'axis y-axis',
    line: ticks.map((value) => ({
      '@_class': value === 0 ? 'baseline' : 'grid',
      '@_x1': plot.left,
      '@_x2': plot.left + plot.width,
      '@_y1': round(y(value)),
      '@_y2': round(y(value)),
    })),
    text: ticks.map((value) => ({
      '@_x': plot.left - 8,
      '@_y': round(y(value) + 4),
      '@_text-anchor': 'end',
      '#text': percent(value, top.step),
    })),
  };
}

function xAxis(labels: readonly string[], plot: Plot, x: (i: number) => number, maxLabels: number) {
  const every = Math.max(1, Math.ceil(labels.length / maxLabels));
  const last = labels.length - 1;
  // Every `every`-th label and the last; one that would crowd the last is left out.
  const shown = labels
    .map((label, i) => ({ label, i }))
    .filter(({ i }) => i === last || (i % every === 0 && (i === 0 || x(last) - x(i) >= 56)));
  return {
    '@_class': 'axis x-axis',
    text: shown.map(({ label, i }) => ({
      '@_x': round(x(i)),
      '@_y': round(plot.top + plot.height + 18),
      '@_text-anchor': 'middle',
      '#text': xmlText(label),
    })),
  };
}

function seriesGroup(
  series: ChartSeries,
  index: number,
  x: (i: number) => number,
  y: (value: number) => number,
) {
  const colour = SERIES_COLOURS[index % SERIES_COLOURS.length] ?? SERIES_COLOURS[0];
  const dash = DASHES[index % DASHES.length] ?? '';
  const points = series.points
    .map((point, i) => ({ point, at: { x: round(x(i)), y: round(y(clamp(point.value))) } }))
    .filter(({ point }) => point.value !== null && Number.isFinite(point.value));
  return {
    '@_class': `series series-${index}`,
    a: [
      {
        '@_href': xmlText(series.href),
        '@_class': 'line',
        '@_aria-label': xmlText(`${series.name}: every period`),
        path: {
          '@_d': linePath(series.points, x, y),
          '@_fill': 'none',
          '@_stroke': colour,
          '@_stroke-width': 2.5,
          ...(dash ? { '@_stroke-dasharray': dash } : {}),
        },
      },
      ...points.map(({ point, at }) => ({
        '@_href': xmlText(point.href),
        '@_class': 'point',
        '@_aria-label': xmlText(point.title),
        title: xmlText(point.title),
        circle: [
          { '@_class': 'hit-area', '@_cx': at.x, '@_cy': at.y, '@_r': 9, '@_fill': 'transparent' },
          { '@_class': 'dot', '@_cx': at.x, '@_cy': at.y, '@_r': 4, '@_fill': colour },
        ],
      })),
    ],
  };
}

/** Straight segments between consecutive points with values; a null breaks the line. */
function linePath(
  points: readonly ChartPoint[],
  x: (i: number) => number,
  y: (value: number) => number,
): string {
  const parts: string[] = [];
  let drawing = false;
  points.forEach((point, i) => {
    if (point.value === null || !Number.isFinite(point.value)) {
      drawing = false;
      return;
    }
    parts.push(`${drawing ? 'L' : 'M'}${round(x(i))} ${round(y(clamp(point.value)))}`);
    drawing = true;
  });
  return parts.join(' ') || 'M0 0';
}

function legend(series: readonly ChartSeries[], top: number, left: number) {
  return {
    '@_class': 'legend',
    '@_aria-hidden': 'true',
    g: series.map((item, i) => {
      const row = round(top + 8 + i * LEGEND_ROW);
      const dash = DASHES[i % DASHES.length] ?? '';
      return {
        '@_class': `series-${i}`,
        line: {
          '@_x1': left,
          '@_x2': left + 28,
          '@_y1': row,
          '@_y2': row,
          '@_stroke': SERIES_COLOURS[i % SERIES_COLOURS.length] ?? SERIES_COLOURS[0],
          '@_stroke-width': 3,
          ...(dash ? { '@_stroke-dasharray': dash } : {}),
        },
        text: { '@_x': left + 36, '@_y': row + 4, '#text': xmlText(item.name) },
      };
    }),
  };
}

/** A value drawn at least at 0 (shares are never negative). */
function clamp(value: number | null): number {
  return value === null || !(value > 0) ? 0 : value;
}

const round = (value: number): number => Math.round(value * 100) / 100;
