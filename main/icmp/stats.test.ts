import { describe, expect, it } from 'vitest';
import { median, pingStats, verdictOf } from './stats.ts';

describe('ping statistics', () => {
  it('computes loss, min/avg/max, median, mdev and jitter like ping', () => {
    const s = pingStats(5, [10, 20, 30, 40]);
    expect(s).toEqual({ sent: 5, received: 4, lossPct: 20, minMs: 10, avgMs: 25, maxMs: 40, medianMs: 25, mdevMs: 11.18, jitterMs: 10 });
    expect(pingStats(3, [])).toMatchObject({ lossPct: 100, minMs: null, medianMs: null, mdevMs: null });
    expect(pingStats(0, [])).toMatchObject({ lossPct: 0 });
    expect(pingStats(3, [1, 1, 1])).toMatchObject({ lossPct: 0, mdevMs: 0, jitterMs: 0 });
    expect(pingStats(3, [0.5])).toMatchObject({ lossPct: 66.7, jitterMs: 0 });
    expect(median([3, 1, 2])).toBe(2);
    expect(median([])).toBeNull();
  });

  it('gives one verdict per check', () => {
    expect(verdictOf(pingStats(3, []))).toBe('down');
    expect(verdictOf(pingStats(3, [1, 1, 1]))).toBe('up');
    expect(verdictOf(pingStats(5, [1, 1, 1]))).toBe('degraded'); // 40 % > 20 %
    expect(verdictOf(pingStats(5, [1, 1, 1, 1]))).toBe('up'); // 20 % is not above 20 %
    expect(verdictOf(pingStats(3, [300, 300, 300]), { degradedRttMs: 200 })).toBe('degraded');
    expect(verdictOf(pingStats(10, [1]), { degradedLossPct: 95 })).toBe('up');
  });
});
