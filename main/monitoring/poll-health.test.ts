import { describe, expect, it } from 'vitest';
import { createBackoffPolicy } from './backoff-policy.ts';
import type { PollStatus } from './poll-executor.ts';
import { createProtocolStats, LAG_BOUNDS_MS, lagQuantile, newDeviceHealth, type PollRecord, recordDevicePoll } from './poll-health.ts';

const T0 = Date.UTC(2025, 0, 1);

function poll(status: PollStatus, at: number, extra: Partial<PollRecord> = {}): PollRecord {
  return { deviceId: 'd', protocol: 'snmp', status, items: 1, dueAt: at, startedAt: at, durationMs: 250, lagMs: 0, ...extra };
}

describe('device health', () => {
  it('records the outcome, duration and counts of every poll', () => {
    const h = newDeviceHealth('d', 'snmp');
    expect(h).toMatchObject({ lastStatus: null, lastPollAt: null, lastOkAt: null, consecutiveTimeouts: 0, unreachableSince: null, ok: 0, timeouts: 0, errors: 0 });
    const policy = createBackoffPolicy();
    recordDevicePoll(h, poll('ok', T0), policy, T0 + 250);
    recordDevicePoll(h, poll('error', T0 + 60_000, { message: 'authorizationError' }), policy, T0 + 60_250);
    expect(h).toMatchObject({ lastStatus: 'error', lastMessage: 'authorizationError', lastPollAt: T0 + 60_000, lastOkAt: T0 + 250, lastDurationMs: 250, ok: 1, errors: 1, timeouts: 0 });
    recordDevicePoll(h, poll('ok', T0 + 120_000, { durationMs: 40 }), policy, T0 + 120_040);
    expect(h).toMatchObject({ lastStatus: 'ok', lastMessage: null, lastOkAt: T0 + 120_040, lastDurationMs: 40, ok: 2 });
  });

  it('marks a device unreachable once, at the timeout the policy names, and restores it when it answers', () => {
    const h = newDeviceHealth('d', 'snmp');
    const policy = createBackoffPolicy({ unreachableAfter: 3 });
    const at = (i: number) => T0 + i * 60_000 + 5000;
    expect(recordDevicePoll(h, poll('timeout', T0), policy, at(0))).toBeUndefined();
    expect(recordDevicePoll(h, poll('timeout', T0 + 60_000), policy, at(1))).toBeUndefined();
    expect(h).toMatchObject({ consecutiveTimeouts: 2, unreachableSince: null });
    expect(recordDevicePoll(h, poll('timeout', T0 + 120_000), policy, at(2))).toEqual({ reachable: false, at: at(2) });
    expect(recordDevicePoll(h, poll('timeout', T0 + 180_000), policy, at(3))).toBeUndefined();
    expect(h).toMatchObject({ consecutiveTimeouts: 4, unreachableSince: at(2), lastStatus: 'timeout', timeouts: 4 });
    // An error is an answer: reachable again.
    expect(recordDevicePoll(h, poll('error', T0 + 240_000), policy, at(4))).toEqual({ reachable: true, at: at(4) });
    expect(h).toMatchObject({ consecutiveTimeouts: 0, unreachableSince: null });
    expect(recordDevicePoll(h, poll('ok', T0 + 300_000), policy, at(5))).toBeUndefined();
  });

  it('only timeouts in a row count', () => {
    const h = newDeviceHealth('d', 'icmp');
    const policy = createBackoffPolicy({ unreachableAfter: 3 });
    for (const status of ['timeout', 'timeout', 'ok', 'timeout', 'timeout'] as const) expect(recordDevicePoll(h, poll(status, T0), policy, T0)).toBeUndefined();
    expect(h).toMatchObject({ consecutiveTimeouts: 2, unreachableSince: null, timeouts: 4, ok: 1 });
  });
});

describe('protocol stats', () => {
  it('totals since start, skipped polls, and success rate, lag and duration of the recent polls', () => {
    const stats = createProtocolStats();
    expect(stats.recent()).toEqual({ polls: 0, successRate: null, avgLagMs: null, maxLagMs: null, avgDurationMs: null });
    // Every fourth poll fails: 6 ok and 2 errors out of 8.
    for (let n = 0; n < 8; n++) stats.record(poll(n % 4 === 3 ? 'error' : 'ok', T0 + n * 60_000));
    stats.skip();
    stats.miss(2);
    expect(stats.totals()).toEqual({ ok: 6, timeouts: 0, errors: 2, skipped: 1, missed: 2 });
    expect(stats.recent()).toEqual({ polls: 8, successRate: 0.75, avgLagMs: 0, maxLagMs: 0, avgDurationMs: 250 });
  });

  it('the recent figures are over the last polls only (a ring); the totals keep counting', () => {
    const stats = createProtocolStats(4);
    for (let n = 0; n < 4; n++) stats.record(poll('timeout', T0, { lagMs: 9000, durationMs: 5000 }));
    for (let n = 0; n < 6; n++) stats.record(poll('ok', T0, { lagMs: n * 10, durationMs: 100 }));
    expect(stats.totals()).toMatchObject({ ok: 6, timeouts: 4 });
    // The last four: lags 20, 30, 40, 50.
    expect(stats.recent()).toEqual({ polls: 4, successRate: 1, avgLagMs: 35, maxLagMs: 50, avgDurationMs: 100 });
  });

  it('a lag histogram of every poll since start: percentiles as bucket bounds, over the whole run or since an earlier reading', () => {
    const stats = createProtocolStats(4);
    expect(lagQuantile(stats.lag(), 0.99)).toBeNull();
    // 98 polls on time, one 300 ms late, one 3 s late.
    for (let n = 0; n < 98; n++) stats.record(poll('ok', T0));
    stats.record(poll('ok', T0, { lagMs: 300 }));
    stats.record(poll('ok', T0, { lagMs: 3000 }));
    const first = stats.lag();
    expect(first.boundsMs).toBe(LAG_BOUNDS_MS);
    expect(first.counts.reduce((a, c) => a + c, 0)).toBe(100);
    expect(lagQuantile(first, 0.5)).toBe(1);
    expect(lagQuantile(first, 0.99)).toBe(500);
    expect(lagQuantile(first, 1)).toBe(5000);
    // Since that reading: ten polls, one of them later than every bound.
    for (let n = 0; n < 9; n++) stats.record(poll('ok', T0, { lagMs: 20 }));
    stats.record(poll('ok', T0, { lagMs: 120_000 }));
    expect(lagQuantile(stats.lag(), 0.9, first)).toBe(25);
    expect(lagQuantile(stats.lag(), 0.99, first)).toBe(Infinity);
    // The reading is a copy: later polls do not change it.
    expect(first.counts.reduce((a, c) => a + c, 0)).toBe(100);
  });
});
