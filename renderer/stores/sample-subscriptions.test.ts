import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../main/api/contract.ts';
import type { WireEventFilter } from '../../main/api/wire.ts';

/** A fake client: records each subscription (topic, filter) and whether it was stopped. */
interface FakeSub {
  topic: string;
  filter: WireEventFilter | undefined;
  cb: (payload: unknown) => void;
  stopped: boolean;
}
const subs: FakeSub[] = [];
const call = vi.fn<(name: string, input: unknown) => Promise<Result<unknown>>>();
vi.mock('../client/create-client.ts', () => ({
  client: {
    call: (name: string, input: unknown) => call(name, input),
    on: (topic: string, cb: (payload: unknown) => void, filter?: WireEventFilter) => {
      const sub: FakeSub = { topic, filter, cb, stopped: false };
      subs.push(sub);
      return () => {
        sub.stopped = true;
      };
    },
  },
}));

const { followDashboardSamples, startDashboardSync, useDashboardStore, WATCHED } = await import('./dashboard-store.ts');
const { startDeviceDetailSync, useDeviceDetailStore } = await import('./device-detail-store.ts');

const live = (topic: string) => subs.filter((s) => s.topic === topic && !s.stopped);
const sample = (seriesId: number, name: string, device: string, value: number) => ({ seriesId, name, labels: { device }, ts: Date.now(), value });

beforeEach(() => {
  subs.length = 0;
  call.mockReset();
  // Every call answers an empty success: the device, its series, its alerts, the queries.
  call.mockImplementation(async (name) => {
    if (name === 'devices.get') return { ok: true, data: { id: 'd1', name: 'r1' } };
    if (name === 'metrics.series') return { ok: true, data: { series: [] } };
    if (name === 'alerts.list') return { ok: true, data: { items: [], total: 0 } };
    return { ok: true, data: { series: [], truncated: false } };
  });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('stores subscribe to the samples they show, with a filter', () => {
  it('the start-up sync subscribes to no samples at all', () => {
    const stops = [startDashboardSync(), startDeviceDetailSync()];
    expect(subs.map((s) => s.topic)).not.toContain('metrics.samples');
    stops.forEach((stop) => stop());
  });

  it('the dashboard: the ranked metrics only, while the page is shown', () => {
    vi.useFakeTimers();
    useDashboardStore.setState({ latest: new Map(), loaded: true });
    const stop = followDashboardSamples();
    expect(live('metrics.samples').map((s) => s.filter)).toEqual([{ metrics: [...WATCHED] }]);
    live('metrics.samples')[0]!.cb({ samples: [sample(4, 'ping_rtt_ms', 'd1', 12)] });
    vi.advanceTimersByTime(1000);
    expect(useDashboardStore.getState().latest.get(4)).toMatchObject({ name: 'ping_rtt_ms', value: 12 });
    stop();
    expect(live('metrics.samples')).toEqual([]);
  });

  it('the device page: the open device only; moved when another device opens, stopped when the page closes', async () => {
    const stopSync = startDeviceDetailSync();
    const store = useDeviceDetailStore.getState();
    await store.open('d1');
    expect(live('metrics.samples').map((s) => s.filter)).toEqual([{ deviceId: 'd1' }]);
    // Re-opening the same device (a reconnect) keeps the one subscription.
    await store.open('d1');
    expect(subs.filter((s) => s.topic === 'metrics.samples')).toHaveLength(1);

    live('metrics.samples')[0]!.cb({ samples: [sample(9, 'cpu_util_pct', 'd1', 55)] });
    expect(useDeviceDetailStore.getState().series).toEqual([expect.objectContaining({ id: 9, lastValue: 55 })]);

    await store.open('d2');
    expect(live('metrics.samples').map((s) => s.filter)).toEqual([{ deviceId: 'd2' }]);
    expect(subs.filter((s) => s.topic === 'metrics.samples' && s.stopped).map((s) => s.filter)).toEqual([{ deviceId: 'd1' }]);

    store.close();
    expect(live('metrics.samples')).toEqual([]);
    stopSync();
  });
});
