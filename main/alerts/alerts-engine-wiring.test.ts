import { afterEach, describe, expect, it } from 'vitest';
import { testEngine } from '../../test/support/engine.ts';
import { unwrap } from '../api/dispatcher.ts';
import type { EventPayload } from '../api/events.ts';

const engines: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const e of engines.splice(0)) await e.close();
});

describe('alerts wired into the engine', () => {
  it('evaluates the samples the metrics store streams (metrics.samples) and emits alert.changed', async () => {
    const engine = await testEngine();
    engines.push(engine);
    await engine.start();
    const device = await unwrap(engine.api.call('devices.create', { name: 'srv1', address: '198.18.2.10' }));
    const rule = await unwrap(
      engine.api.call('alerts.createRule', { name: 'Hot CPU', severity: 'warning', scope: { type: 'device', deviceId: device.id }, condition: { kind: 'threshold', metric: 'cpu_util_pct', op: 'above', value: 90 } }),
    );
    const changes: EventPayload<'alert.changed'>[] = [];
    engine.events.subscribe((e) => {
      if (e.name === 'alert.changed') changes.push(e.payload);
    });
    engine.areas.metrics.writer.writeNamed('cpu_util_pct', { device: device.id }, Date.now(), 97);
    engine.areas.metrics.writer.writeNamed('cpu_util_pct', { device: '00000000-0000-4000-8000-0000000000ff' }, Date.now(), 99); // another device: out of scope
    engine.areas.metrics.writer.flush();
    expect(changes.map((c) => [c.event.type, c.alert.ruleId, c.alert.deviceName])).toEqual([['firing', rule.id, 'srv1']]);
    const active = await unwrap(engine.api.call('alerts.list', {}));
    expect(active.items[0]).toMatchObject({ summary: 'CPU on srv1 is at 97 % (above 90 %)', value: 97, metric: 'cpu_util_pct' });
    // The rule editor lists the metric now that the store has it, and the default ones.
    const names = (await unwrap(engine.api.call('alerts.metrics', {}))).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['cpu_util_pct', 'ping_rtt_ms', 'ping_loss_pct', 'availability', 'if_oper_status']));
    // Deleting the device closes its open alerts quietly.
    await unwrap(engine.api.call('devices.delete', { id: device.id }));
    expect((await unwrap(engine.api.call('alerts.list', {}))).items).toEqual([]);
    expect(changes.at(-1)?.event).toMatchObject({ type: 'resolved', comment: 'Device deleted', notified: false });
  });

  it('manages maintenance windows and dependencies through the contract, with clear errors', async () => {
    const engine = await testEngine();
    engines.push(engine);
    const a = await unwrap(engine.api.call('devices.create', { name: 'a', address: '198.18.2.11' }));
    const b = await unwrap(engine.api.call('devices.create', { name: 'b', address: '198.18.2.12' }));
    await unwrap(engine.api.call('alerts.setParent', { deviceId: b.id, parentId: a.id }));
    expect(await unwrap(engine.api.call('alerts.listParents', {}))).toEqual([{ deviceId: b.id, parentId: a.id, source: 'manual' }]);
    expect(await engine.api.call('alerts.setParent', { deviceId: a.id, parentId: b.id })).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringContaining('loop') } });
    const w = await unwrap(engine.api.call('maintenance.create', { name: 'Nightly', schedule: { kind: 'recurring', cron: '0 2 * * *', durationMin: 60 } }));
    expect(w).toMatchObject({ scope: { type: 'all' }, schedule: { timezone: 'UTC' } });
    expect(await engine.api.call('maintenance.update', { id: w.id, schedule: { kind: 'once', startsAt: 10, endsAt: 5 } })).toMatchObject({
      ok: false,
      error: { message: 'A maintenance window must end after it starts' },
    });
    await unwrap(engine.api.call('maintenance.delete', { id: w.id }));
    expect(await unwrap(engine.api.call('maintenance.list', {}))).toEqual([]);
  });
});
