import { describe, expect, it } from 'vitest';
import { seriesStats } from './series-stats.ts';

const p = (avg: number, min = avg, max = avg, count = 1) => ({ ts: 0, avg, min, max, count });

describe('seriesStats', () => {
  it('min and max of the buckets, the average weighted by samples, the 95th of the averages', () => {
    const points = [p(10, 5, 20, 3), p(30, 25, 40, 1)];
    expect(seriesStats(points)).toEqual({ min: 5, max: 40, avg: 15, p95: 30, count: 4 });
  });

  it('95th percentile by nearest rank: 100 points 1..100 give 95, a single spike does not set it', () => {
    const points = Array.from({ length: 100 }, (_, i) => p(i + 1));
    expect(seriesStats(points)?.p95).toBe(95);
    const spike = [...Array.from({ length: 99 }, () => p(2)), p(500)];
    expect(seriesStats(spike)).toMatchObject({ p95: 2, max: 500 });
  });

  it('a quiet link is all zeros (figures of 0), no points is no figures', () => {
    expect(seriesStats([p(0), p(0)])).toEqual({ min: 0, max: 0, avg: 0, p95: 0, count: 2 });
    expect(seriesStats([])).toBeUndefined();
  });
});
