import type { Point } from './series-merge.ts';

/** What a graph's range held: lowest, average (weighted by samples), highest, 95th percentile. */
export interface SeriesStats {
  min: number;
  avg: number;
  max: number;
  /** 95th percentile of the plotted points' averages (nearest rank): the usual "95th" of traffic billing. */
  p95: number;
  /** Samples behind the figures. */
  count: number;
}

/** The figures under a graph, or undefined for a series with no points in range (zeros count). */
export function seriesStats(points: readonly Point[]): SeriesStats | undefined {
  if (points.length === 0) return undefined;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  for (const p of points) {
    if (p.min < min) min = p.min;
    if (p.max > max) max = p.max;
    const n = Math.max(1, p.count);
    sum += p.avg * n;
    count += n;
  }
  const sorted = points.map((p) => p.avg).sort((a, b) => a - b);
  const p95 = sorted[Math.max(0, Math.ceil(0.95 * sorted.length) - 1)]!;
  return { min, avg: sum / count, max, p95, count };
}
