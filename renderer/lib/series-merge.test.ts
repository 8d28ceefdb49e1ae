import { describe, expect, it } from 'vitest';
import { mergeSample, type SeriesPoints } from './series-merge.ts';

const series = (resolution: SeriesPoints['resolution'], stepMs: number, points: SeriesPoints['points']): SeriesPoints => ({ id: 1, name: 'ping_rtt_ms', labels: {}, resolution, stepMs, points });

describe('mergeSample', () => {
  it('folds a sample into the last bucket of a rollup and keeps min/avg/max right', () => {
    const s = mergeSample(series('5m', 300_000, [{ ts: 0, min: 2, avg: 3, max: 4, count: 2 }]), 60_000, 9, 0);
    expect(s.points).toEqual([{ ts: 0, min: 2, avg: 5, max: 9, count: 3 }]);
  });
  it('appends raw samples and drops what slid out of the window', () => {
    const s = mergeSample(series('raw', 30_000, [{ ts: 0, min: 1, avg: 1, max: 1, count: 1 }, { ts: 30_000, min: 2, avg: 2, max: 2, count: 1 }]), 60_000, 3, 10_000);
    expect(s.points.map((p) => p.ts)).toEqual([30_000, 60_000]);
  });
  it('ignores a sample older than the last point', () => {
    const s = mergeSample(series('raw', 30_000, [{ ts: 60_000, min: 1, avg: 1, max: 1, count: 1 }]), 30_000, 3, 0);
    expect(s.points).toHaveLength(1);
  });
});
