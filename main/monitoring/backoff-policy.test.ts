import { describe, expect, it } from 'vitest';
import { createBackoffPolicy } from './backoff-policy.ts';

const MIN = 60_000;

describe('backoff policy', () => {
  it('defaults: unreachable from the 3rd timeout in a row, waits capped at 15 min', () => {
    const p = createBackoffPolicy();
    expect(p).toMatchObject({ unreachableAfter: 3, maxBackoffMs: 15 * MIN });
    expect([0, 1, 2, 3, 4].map((n) => p.isUnreachable(n))).toEqual([false, false, false, true, true]);
  });

  it('no backoff while reachable: the items keep their own schedule', () => {
    const p = createBackoffPolicy();
    expect([0, 1, 2].map((n) => p.backoffMs(n, MIN))).toEqual([undefined, undefined, undefined]);
  });

  it("from the threshold: the device's shortest interval, doubled with every further timeout, capped", () => {
    const p = createBackoffPolicy({ maxBackoffMs: 8 * MIN });
    // 60, 120, 240, 480 s, then the 8 min cap (as the scheduler's gaps show: 60+5, 120+5, 240+5 s, ...).
    expect([3, 4, 5, 6, 7, 30].map((n) => p.backoffMs(n, MIN))).toEqual([MIN, 2 * MIN, 4 * MIN, 8 * MIN, 8 * MIN, 8 * MIN]);
    // Never more often than normal: a 5 min item backs off from 5 min.
    expect(p.backoffMs(3, 5 * MIN)).toBe(5 * MIN);
  });

  it('a device without items backs off from 60 s; the doubling stops at 2^20 (no overflow)', () => {
    expect(createBackoffPolicy().backoffMs(4, undefined)).toBe(2 * MIN);
    const uncapped = createBackoffPolicy({ maxBackoffMs: Infinity });
    expect(uncapped.backoffMs(1_000_000, 1000)).toBe(1000 * 2 ** 20);
  });

  it('the threshold is configurable', () => {
    const p = createBackoffPolicy({ unreachableAfter: 1, maxBackoffMs: 10 * MIN });
    expect(p.isUnreachable(0)).toBe(false);
    expect(p.isUnreachable(1)).toBe(true);
    expect([1, 2, 3].map((n) => p.backoffMs(n, 30_000))).toEqual([30_000, MIN, 2 * MIN]);
  });
});
