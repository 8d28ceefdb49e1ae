import { describe, expect, it } from 'vitest';
import { createManualTime } from '../lib/async/timers.ts';
import { silentLogger } from '../lib/logger.ts';
import type { Labels } from '../metrics/labels.ts';
import { ENGINE_DEVICE_ID } from '../devices/engine-device.ts';
import { createSelfMetrics } from './self-metrics.ts';

function setup(poller: boolean) {
  const time = createManualTime();
  const written: { name: string; labels: Labels; ts: number; value: number }[] = [];
  let ensured = 0;
  const self = createSelfMetrics({
    clock: time,
    timers: time,
    logger: silentLogger(),
    writer: {
      writeNamed: (name, labels, ts, value) => (written.push({ name, labels, ts, value }), 1),
      stats: () => ({ written: 0, flushes: 0, buffered: 0, dropped: 0, failedFlushes: 0, lastFlushMs: 1 }),
    },
    outbox: { status: () => [] },
    devices: { ensureEngineDevice: () => (ensured++, {} as never) },
    poller,
    intervalMs: 15_000,
  });
  return { time, self, written, ensured: () => ensured };
}

describe('the self poller', () => {
  it('creates the engine device at start, writes a first window after 2 s, then one every interval, and stops', async () => {
    const { time, self, written, ensured } = setup(true);
    await self.service.start();
    expect(ensured()).toBe(1);
    self.observeCall('devices.list', 3, 'ok');
    await time.advance(2000);
    const first = written.filter((w) => w.name === 'self_api_calls_per_s');
    expect(first).toHaveLength(1);
    expect(first[0]?.labels).toEqual({ device: ENGINE_DEVICE_ID });
    expect(written.some((w) => w.name === 'self_api_duration_ms' && w.labels.procedure === 'devices.list' && w.value === 3)).toBe(true);
    await time.advance(15_000);
    await time.advance(15_000);
    expect(written.filter((w) => w.name === 'self_api_calls_per_s').map((w) => w.ts - (first[0]?.ts ?? 0))).toEqual([0, 15_000, 30_000]);
    await self.service.stop();
    await time.advance(60_000);
    expect(written.filter((w) => w.name === 'self_api_calls_per_s')).toHaveLength(3);
    expect(time.pending()).toBe(0);
  });

  it('without the poller: no engine device and no series, the exposition still answers', async () => {
    const { time, self, written, ensured } = setup(false);
    await self.service.start();
    self.observeCall('devices.list', 3, 'ok');
    await time.advance(60_000);
    expect(ensured()).toBe(0);
    expect(written).toEqual([]);
    expect((await self.exposition()).body).toContain('wardflux_api_request_duration_seconds_count{procedure="devices.list",outcome="ok"} 1');
    await self.service.stop();
  });
});
