/**
 * Standalone ICMP monitoring against the lab: a device added through the contract is monitored at
 * once (5 s interval, 2 probes per check, down after 2 failed checks), its ping_rtt_ms /
 * ping_loss_pct / availability samples reach the metrics store, it goes down after exactly two
 * failed checks when its address disappears (one `device.availability` event, status down in
 * devices.get and monitoring.health) and comes back after one good check.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import { testEngine } from '../support/engine.ts';
import { createLab, describeLab, type Lab } from './index.ts';
import { type Recorder, recordEvents } from './monitoring-support.ts';

describeLab('monitoring: ICMP availability in the lab', () => {
  let lab: Lab;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  let rec: Recorder;
  let deviceId: string;
  let otherId: string;

  beforeAll(async () => {
    // 'keep' holds an address on the lab veth so removing 'edge' does not drop the lab's routes.
    lab = await createLab({ name: 'mon-icmp', probe: 'root', hosts: [{ name: 'edge' }, { name: 'keep' }] });
    engine = await testEngine({ pollers: true, icmp: { method: 'raw' }, icmpTiming: { batchWindowMs: 50, probeIntervalMs: 100, probeTimeoutMs: 500 } });
    rec = recordEvents(engine);
    await unwrap(engine.api.call('settings.set', { icmpIntervalSec: 5, icmpProbeCount: 2, icmpDownAfter: 2 }));
    await engine.start();
    deviceId = (await unwrap(engine.api.call('devices.create', { name: 'edge', address: lab.hosts.edge ?? '' }))).id;
    otherId = (await unwrap(engine.api.call('devices.create', { name: 'keep', address: lab.hosts.keep ?? '' }))).id;
  });
  afterAll(async () => {
    rec?.stop();
    await engine?.close();
    await lab?.destroy();
  });

  it('monitors a new device at once: up, with RTT, loss and availability samples', async () => {
    const up = await rec.waitFor('edge up', () => rec.availability.find((a) => a.deviceId === deviceId && a.status === 'up'), 20_000);
    expect(up).toMatchObject({ source: 'icmp', consecutiveFailures: 0 });
    await rec.waitFor('edge samples', () => rec.of('ping_rtt_ms', deviceId).length > 0 && rec.of('availability', deviceId).length > 0);
    expect(rec.of('ping_loss_pct', deviceId)[0]?.value).toBe(0);
    const rtt = rec.of('ping_rtt_ms', deviceId)[0]?.value ?? -1;
    expect(rtt).toBeGreaterThan(0);
    expect(rtt).toBeLessThan(50);
    expect(rec.of('availability', deviceId)[0]?.value).toBe(1);
    // Both devices were batched into cycles of the same pinger; both are up.
    await rec.waitFor('keep up', () => rec.availability.find((a) => a.deviceId === otherId && a.status === 'up'), 20_000);
    const device = await unwrap(engine.api.call('devices.get', { id: deviceId }));
    expect(device.status).toBe('up');
    expect(device.lastSeen).toBeGreaterThan(0);
    // The samples are in the store, not only on the bus.
    const q = await unwrap(engine.api.call('metrics.query', { select: { name: 'ping_rtt_ms', matchers: [{ label: 'device', value: deviceId }] }, from: Date.now() - 60_000, to: Date.now() + 1000 }));
    expect(q.series[0]?.points.length ?? 0).toBeGreaterThan(0);
  });

  it('goes down after exactly 2 failed checks, and up again after one good one', async () => {
    await lab.hostDown('edge');
    const downAt = Date.now();
    const down = await rec.waitFor('edge down', () => rec.availability.find((a) => a.deviceId === deviceId && a.status === 'down'), 30_000);
    expect(down).toMatchObject({ source: 'icmp', consecutiveFailures: 2 });
    // Failed checks (100 % loss) after the address went, up to and including the one that said down.
    const failed = await rec.waitFor('the failed checks stored', () => {
      const f = rec.of('ping_loss_pct', deviceId).filter((s) => s.ts >= downAt && s.ts <= down.atMs && s.value === 100);
      return f.length >= 2 && f;
    });
    expect(failed).toHaveLength(2);
    expect(rec.of('availability', deviceId).at(-1)?.value).toBe(0);
    expect((await unwrap(engine.api.call('devices.get', { id: deviceId }))).status).toBe('down');
    const health = await unwrap(engine.api.call('monitoring.health', {}));
    expect(health.unreachable).toEqual([expect.objectContaining({ deviceId, protocol: 'icmp', since: down.atMs })]);
    expect(health.devices).toMatchObject({ down: 1, up: 1 });
    expect(health.protocols.find((p) => p.protocol === 'icmp')).toMatchObject({ hasExecutor: true, devices: 2 });
    // One event per change: further failed checks say nothing more.
    const checksBefore = rec.of('ping_loss_pct', deviceId).length;
    await rec.waitFor('another failed check', () => rec.of('ping_loss_pct', deviceId).length > checksBefore, 15_000);
    expect(rec.availability.filter((a) => a.deviceId === deviceId && a.status === 'down')).toHaveLength(1);

    await lab.hostUp('edge');
    const upAgain = await rec.waitFor('edge up again', () => rec.availability.find((a) => a.deviceId === deviceId && a.status === 'up' && a.atMs > down.atMs), 20_000);
    expect(upAgain.consecutiveFailures).toBe(0);
    const health2 = await unwrap(engine.api.call('health', {}));
    expect(health2.polling).toMatchObject({ icmp: { devices: 2, down: 0 } });
    expect((await unwrap(engine.api.call('devices.get', { id: deviceId }))).status).toBe('up');
  });

  it('stops polling a disabled device', async () => {
    await unwrap(engine.api.call('devices.update', { id: otherId, enabled: false }));
    expect(engine.areas.monitoring.scheduler.deviceHealth(otherId)).toEqual([]);
    expect((await unwrap(engine.api.call('devices.get', { id: otherId }))).status).toBe('unknown');
  });
});
