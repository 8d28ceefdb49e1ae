import { describe, expect, it } from 'vitest';
import { createDeviceStats, ICMP_FRESH_MS, STATS_METRICS, type DeviceStatsDeps } from './device-stats.ts';

type Series = { id: number; name: string; labels: Record<string, string>; lastTs: number | null; lastValue: number | null };

function fakeQuery(series: Series[]): DeviceStatsDeps['query'] & { reads: number } {
  const q = {
    reads: 0,
    select: ({ name }: { name: string }) => ({ series: series.filter((s) => s.name === name).map(({ id, name: n, labels }) => ({ id, name: n, labels })), truncated: false }),
    seriesOfDevice: (deviceId: string, name?: string) => {
      q.reads++;
      return series.filter((s) => s.labels.device === deviceId && s.name === name);
    },
  };
  return q;
}

const NOW = 1_700_000_000_000;

describe('devices.stats', () => {
  it('gives each device with figures its fresh latency, loss, uptime now and open alerts; the rest get no row', () => {
    const query = fakeQuery([
      { id: 1, name: STATS_METRICS.rtt, labels: { device: 'a' }, lastTs: NOW - 30_000, lastValue: 4.2 },
      { id: 2, name: STATS_METRICS.loss, labels: { device: 'a' }, lastTs: NOW - 30_000, lastValue: 20 },
      { id: 3, name: STATS_METRICS.uptime, labels: { device: 'a' }, lastTs: NOW - 60_000, lastValue: 3600 },
      // Stale: older than the loss window's freshness.
      { id: 4, name: STATS_METRICS.loss, labels: { device: 'b' }, lastTs: NOW - ICMP_FRESH_MS - 1, lastValue: 50 },
      { id: 5, name: STATS_METRICS.rtt, labels: { device: 'c' }, lastTs: null, lastValue: null },
    ]);
    const stats = createDeviceStats({
      query,
      activeAlerts: () => ({ items: [{ deviceId: 'a' }, { deviceId: 'd' }, { deviceId: 'd' }, { deviceId: null }], total: 4 }),
      now: () => NOW,
    });
    const { items, at } = stats();
    expect(at).toBe(NOW);
    const byId = new Map(items.map((r) => [r.deviceId, r]));
    expect(byId.get('a')).toEqual({ deviceId: 'a', rttMs: 4.2, lossPct: 20, uptimeSec: 3660, openAlerts: 1 });
    expect(byId.get('d')).toEqual({ deviceId: 'd', rttMs: null, lossPct: null, uptimeSec: null, openAlerts: 2 });
    expect(byId.has('b')).toBe(false);
    expect(byId.has('c')).toBe(false);
    expect(items).toHaveLength(2);
  });

  it('reads the store again only after a moment', () => {
    const query = fakeQuery([{ id: 1, name: STATS_METRICS.rtt, labels: { device: 'a' }, lastTs: NOW, lastValue: 1 }]);
    let now = NOW;
    const stats = createDeviceStats({ query, activeAlerts: () => ({ items: [], total: 0 }), now: () => now });
    stats();
    const reads = query.reads;
    now += 500;
    stats();
    expect(query.reads).toBe(reads);
    now += 5000;
    stats();
    expect(query.reads).toBeGreaterThan(reads);
  });

  it('counts alerts over every page of the active list', () => {
    const all = Array.from({ length: 7500 }, () => ({ deviceId: 'x' }));
    const stats = createDeviceStats({
      query: fakeQuery([]),
      activeAlerts: ({ limit, offset }) => ({ items: all.slice(offset, offset + limit), total: all.length }),
      now: () => NOW,
    });
    expect(stats().items).toEqual([{ deviceId: 'x', rttMs: null, lossPct: null, uptimeSec: null, openAlerts: 7500 }]);
  });
});
