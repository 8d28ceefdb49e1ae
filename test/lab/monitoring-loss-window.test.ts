/**
 * Windowed packet loss against the lab, on the production path: the engine runs its own pollers
 * (`engine.start()`, real raw ICMP echoes to a device added through the contract) at a 20 % lossy
 * lab host (the lab's ICMP responder drops 20 % of echo replies). Its `ping_loss_pct_5m` is within
 * ±5 points of 20 % once the window holds 800+ probes (per-check loss would be a comb), the device
 * is degraded (windowed loss ≥ 10 %), and the default "Packet loss" rule fires (`alert.changed` on
 * the public bus) while "Device down" does not.
 *
 * Test timing only: checks every 1 s of 100 probes 5 ms apart (the settings allow 5 s and 20
 * probes, for people), a 20 s window instead of 5 min (so 8 checks are 800 probes: ±5 points is
 * more than 3.5 standard deviations of a 20 % loss measured over them). Deadlines on every wait,
 * no sleeping.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EventPayload } from '../../main/api/events.ts';
import { unwrap } from '../../main/api/dispatcher.ts';
import { testEngine } from '../support/engine.ts';
import { type EventLog, logEvents } from '../support/event-log.ts';
import { createLab, describeLab, type Lab } from './index.ts';
import { type Recorder, recordEvents } from './monitoring-support.ts';

describeLab('monitoring: windowed packet loss of a 20 % lossy lab host, through the engine', () => {
  let lab: Lab;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  let rec: Recorder;
  let alerts: EventLog<'alert.changed'>;
  let deviceId: string;

  beforeAll(async () => {
    // 'keep' holds a second address on the lab veth (as the other ICMP lab tests do).
    lab = await createLab({ name: 'loss-window', probe: 'root', hosts: [{ name: 'lossy', impair: { lossPct: 20 } }, { name: 'keep' }] });
    engine = await testEngine({
      pollers: true,
      icmp: { method: 'raw' },
      icmpTiming: { batchWindowMs: 20, probeIntervalMs: 5, probeTimeoutMs: 300, intervalMs: 1000, probes: 100 },
      lossWindow: { windowMs: 20_000 },
    });
    rec = recordEvents(engine);
    alerts = logEvents(engine.events, 'alert.changed');
    await unwrap(engine.api.call('settings.set', { icmpDownAfter: 2 }));
    await engine.start();
    deviceId = (await unwrap(engine.api.call('devices.create', { name: 'lossy', address: lab.hosts.lossy ?? '' }))).id;
  });
  afterAll(async () => {
    alerts?.stop();
    rec?.stop();
    await engine?.close();
    await lab?.destroy();
  });

  it('shows the windowed loss within ±5 points of 20 %, degraded, and fires the default "Packet loss" rule', async () => {
    // 8 checks of 100 probes in the window.
    await rec.waitFor('8 checks of lossy', () => rec.of('ping_loss_pct', deviceId).length >= 8, 60_000);
    const perCheck = rec.of('ping_loss_pct', deviceId).map((s) => s.value);
    const windowed = await rec.waitFor('a windowed figure after the 8th check', () => {
      const w = rec.of('ping_loss_pct_5m', deviceId);
      const last = w.at(-1);
      const eighth = rec.of('ping_loss_pct', deviceId)[7];
      return last && eighth && last.ts >= eighth.ts ? last : undefined;
    }, 10_000);
    expect(Math.abs(windowed.value - 20), `windowed ${windowed.value} %, checks ${perCheck.join(', ')}`).toBeLessThanOrEqual(5);
    // The latest figure as the dashboard and the device page read it (the store, not the event).
    const q = await unwrap(engine.api.call('metrics.query', { select: { name: 'ping_loss_pct_5m', matchers: [{ label: 'device', value: deviceId }] }, from: Date.now() - 60_000, to: Date.now() + 1000, resolution: 'raw' }));
    const stored = q.series[0]?.points.at(-1)?.avg ?? NaN;
    expect(Math.abs(stored - 20)).toBeLessThanOrEqual(5);
    expect(rec.of('ping_rtt_ms_5m', deviceId).length).toBeGreaterThan(0);

    // Degraded follows the window: ≥ 10 % is degraded, and it stays so (no flipping back to up).
    expect((await unwrap(engine.api.call('devices.get', { id: deviceId }))).status).toBe('degraded');

    const fired = await alerts.waitFor('"Packet loss" firing for lossy', (events) => events.find((e): e is EventPayload<'alert.changed'> => e.alert.deviceId === deviceId && e.alert.ruleName === 'Packet loss' && e.event.type === 'firing'), 30_000);
    expect(fired.alert).toMatchObject({ state: 'firing', severity: 'major', deviceName: 'lossy', metric: 'ping_loss_pct_5m' });
    expect(fired.alert.value ?? 0).toBeGreaterThan(10);
    expect(alerts.events.filter((e) => e.alert.deviceId === deviceId && e.alert.ruleName === 'Device down')).toEqual([]);
  });
});
