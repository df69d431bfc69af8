/**
 * The timeline chart as geometry for a server-drawn SVG: one bar per month
 * or year, heights scaled to the largest, each bar a link to its period.
 */
import type { HistogramBucket } from '../types.ts';

export interface TimelineBar {
  label: string;
  count: number;
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Timeline {
  width: number;
  height: number;
  bars: TimelineBar[];
}

export interface TimelineOptions {
  /** Drawing width in SVG units. @example 600 */
  width?: number;
  /** Height of the tallest bar. @example 80 */
  height?: number;
  /** Gap between bars, as a share of a bar's slot. @example 0.15 */
  gap?: number;
  /** Widest slot, so that a few bars do not fill the chart as slabs. @example 40 */
  maxSlot?: number;
}

const DEFAULTS: Required<TimelineOptions> = { width: 600, height: 80, gap: 0.15, maxSlot: 40 };

/**
 * Bars for `buckets`, centred; a bucket with matches is never drawn shorter
 * than 2 units.
 */
export function timeline(
  buckets: readonly HistogramBucket[],
  options: TimelineOptions = {},
): Timeline {
  const { width, height, gap, maxSlot } = { ...DEFAULTS, ...options };
  const most = buckets.reduce((max, bucket) => Math.max(max, bucket.count), 0);
  const slot = Math.min(maxSlot, buckets.length > 0 ? width / buckets.length : width);
  const left = (width - slot * buckets.length) / 2;
  const bars = buckets.map((bucket, i) => {
    const scaled = most > 0 ? (bucket.count / most) * height : 0;
    const barHeight = bucket.count > 0 ? Math.max(2, scaled) : 0;
    return {
      label: bucket.label,
      count: bucket.count,
      x: round(left + i * slot + (slot * gap) / 2),
      y: round(height - barHeight),
      width: round(slot * (1 - gap)),
      height: round(barHeight),
    };
  });
  return { width, height, bars };
}

const round = (value: number): number => Math.round(value * 100) / 100;
