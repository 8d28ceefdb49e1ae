import type { OutputOf } from '../../main/api/contract.ts';

export type SeriesPoints = OutputOf<'metrics.query'>['series'][number];
export type Point = SeriesPoints['points'][number];

/**
 * Adds one live sample to a downsampled series: into the last point when it falls in that
 * point's step, as a new point otherwise; points before `from` are dropped so the window slides.
 */
export function mergeSample(series: SeriesPoints, ts: number, value: number, from: number): SeriesPoints {
  const points = series.points.filter((p) => p.ts >= from);
  const last = points.at(-1);
  if (last && ts < last.ts) return { ...series, points };
  const step = Math.max(series.stepMs, 1);
  if (last && ts - last.ts < step && series.resolution !== 'raw') {
    const count = last.count + 1;
    points[points.length - 1] = { ts: last.ts, min: Math.min(last.min, value), max: Math.max(last.max, value), avg: last.avg + (value - last.avg) / count, count };
  } else if (!last || ts > last.ts) {
    points.push({ ts, min: value, max: value, avg: value, count: 1 });
  }
  return { ...series, points };
}
