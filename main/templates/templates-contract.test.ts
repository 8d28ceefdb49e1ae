import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../api/dispatcher.ts';
import { createEngine, type Engine } from '../engine.ts';

const engines: { engine: Engine; dir: string }[] = [];

async function engine(): Promise<Engine> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wardflux-templates-'));
  const e = await createEngine({ dataDir: dir, secrets: { getDataKey: async () => Buffer.alloc(32, 7), describe: () => 'the test key' } });
  engines.push({ engine: e, dir });
  return e;
}

afterEach(async () => {
  for (const { engine: e, dir } of engines.splice(0)) {
    await e.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

describe('templates and metrics through the contract', () => {
  it('lists built-ins, refuses to edit them, duplicates, edits and deletes copies', async () => {
    const e = await engine();
    const list = await unwrap(e.api.call('templates.list', {}));
    expect(list.map((t) => t.id)).toEqual(expect.arrayContaining(['generic-snmp', 'cisco-ios', 'linux-net-snmp', 'windows', 'printer']));
    const generic = await unwrap(e.api.call('templates.get', { id: 'generic-snmp' }));
    const { id: _i, builtIn: _b, createdAt: _c, updatedAt: _u, ...body } = generic;
    const upd = await e.api.call('templates.update', { id: 'generic-snmp', template: body });
    expect(upd).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await e.api.call('templates.delete', { id: 'cisco-ios' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const copy = await unwrap(e.api.call('templates.duplicate', { id: 'generic-snmp' }));
    expect(copy).toMatchObject({ name: 'Generic SNMP (MIB-II) (copy)', builtIn: false });
    const copy2 = await unwrap(e.api.call('templates.duplicate', { id: 'generic-snmp' }));
    expect(copy2.name).toBe('Generic SNMP (MIB-II) (copy 2)');
    const edited = await unwrap(e.api.call('templates.update', { id: copy.id, template: { ...body, name: 'Mine', items: [] } }));
    expect(edited).toMatchObject({ name: 'Mine', items: [] });
    expect(await e.api.call('templates.create', { ...body, name: 'Mine' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(await unwrap(e.api.call('templates.delete', { id: copy.id }))).toEqual({ id: copy.id });
    expect(await e.api.call('templates.get', { id: copy.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('applies a template to devices: monitoring items, scheduled; re-synced on edit; gone with the device', async () => {
    const e = await engine();
    const d1 = await unwrap(e.api.call('devices.create', { name: 'r1', address: '198.18.0.10' }));
    const d2 = await unwrap(e.api.call('devices.create', { name: 'r2', address: '198.18.0.11' }));
    const applied = await unwrap(e.api.call('templates.apply', { templateId: 'linux-net-snmp', deviceIds: [d1.id, d2.id] }));
    // 11 scalar items + 2 derived + 2 tables per device.
    expect(applied).toEqual({ devices: 2, items: 30 });
    const rows = e.areas.monitoring.items.ofDevice(d1.id);
    expect(rows.filter((r) => r.kind === 'table').map((r) => r.key).sort()).toEqual(['disks', 'interfaces']);
    expect(rows.find((r) => r.key === 'disks')?.intervalSec).toBe(300);
    expect(rows.find((r) => r.key === 'load_1min')?.intervalSec).toBe(60);
    e.areas.monitoring.reload();
    expect(e.areas.monitoring.scheduler.health().find((h) => h.protocol === 'snmp')).toMatchObject({ devices: 2, hasExecutor: false });

    expect(await e.api.call('templates.apply', { templateId: 'nope', deviceIds: [d1.id] })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await e.api.call('templates.list', {})).toMatchObject({ ok: true });
    const summary = (await unwrap(e.api.call('templates.list', {}))).find((t) => t.id === 'linux-net-snmp');
    expect(summary?.deviceCount).toBe(2);

    // A user copy applied, then edited: the devices follow.
    const copy = await unwrap(e.api.call('templates.duplicate', { id: 'generic-snmp', name: 'Lean' }));
    await unwrap(e.api.call('templates.apply', { templateId: copy.id, deviceIds: [d1.id] }));
    const { id: _i, builtIn: _b, createdAt: _c, updatedAt: _u, ...body } = copy;
    // The copy includes the if-mib part: its interfaces table is on the device until the include goes.
    expect(copy.includes).toEqual(['if-mib']);
    await unwrap(e.api.call('templates.update', { id: copy.id, template: { ...body, tables: [] } }));
    expect(e.areas.monitoring.items.ofDevice(d1.id).filter((r) => r.templateId === copy.id).map((r) => r.key)).toEqual(['uptime_sec', 'interfaces']);
    await unwrap(e.api.call('templates.update', { id: copy.id, template: { ...body, includes: [], tables: [] } }));
    expect(e.areas.monitoring.items.ofDevice(d1.id).filter((r) => r.templateId === copy.id).map((r) => r.key)).toEqual(['uptime_sec']);
    expect(await e.api.call('templates.delete', { id: copy.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });

    await unwrap(e.api.call('devices.delete', { id: d1.id }));
    expect(e.areas.monitoring.items.ofDevice(d1.id)).toEqual([]);
    expect(await unwrap(e.api.call('templates.unapply', { templateId: 'linux-net-snmp', deviceIds: [d2.id] }))).toEqual({ devices: 1 });
    expect(e.areas.monitoring.items.ofDevice(d2.id)).toEqual([]);
  });

  it('picks a template', async () => {
    const e = await engine();
    const r = await unwrap(e.api.call('templates.pick', { sysObjectId: '1.3.6.1.4.1.8072.3.2.10', sysDescr: 'Linux lab 6.1' }));
    expect(r).toMatchObject({ templateId: 'linux-net-snmp', name: 'Linux (Net-SNMP)' });
  });

  it('applying a template installs its default alert rules once, scoped to it; includes are checked on save', async () => {
    const e = await engine();
    const ups = await unwrap(e.api.call('devices.create', { name: 'ups1', address: '198.18.0.20' }));
    const applied = await unwrap(e.api.call('templates.apply', { templateId: 'ups-mib', deviceIds: [ups.id] }));
    expect(applied.items).toBeGreaterThan(10);
    // The merged body is applied: UPS-MIB items and the if-mib part's interfaces, once.
    const keys = e.areas.monitoring.items.ofDevice(ups.id).map((r) => r.key);
    expect(keys).toEqual(expect.arrayContaining(['ups_battery_charge_pct', 'ups_outputs', 'interfaces']));
    expect(keys.filter((k) => k === 'interfaces')).toHaveLength(1);
    const rules = (await unwrap(e.api.call('alerts.listRules', {}))).filter((r) => r.scope.type === 'template');
    expect(rules.map((r) => r.name).sort()).toEqual([
      'UPS battery charge low (UPS (UPS-MIB, RFC 1628))',
      'UPS battery low (UPS (UPS-MIB, RFC 1628))',
      'UPS battery temperature high (UPS (UPS-MIB, RFC 1628))',
      'UPS load high (UPS (UPS-MIB, RFC 1628))',
      'UPS on battery (UPS (UPS-MIB, RFC 1628))',
      'UPS runtime low (UPS (UPS-MIB, RFC 1628))',
    ]);
    expect(rules.find((r) => r.name.startsWith('UPS battery charge low'))).toMatchObject({ description: 'Battery charge below 30 % for 1 min (recovers above 40 %)', enabled: true, scope: { type: 'template', templateId: 'ups-mib' } });
    await unwrap(e.api.call('templates.apply', { templateId: 'ups-mib', deviceIds: [ups.id] }));
    expect((await unwrap(e.api.call('alerts.listRules', {}))).filter((r) => r.scope.type === 'template')).toHaveLength(6);

    const summary = (await unwrap(e.api.call('templates.list', {}))).find((t) => t.id === 'windows');
    expect(summary).toMatchObject({ includes: ['host-resources', 'if-mib'], tableCount: 4, alertCount: 0 });
    const bad = await e.api.call('templates.create', { name: 'Loop', includes: ['nope'] });
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation', message: expect.stringMatching(/^Template [0-9a-f-]{36} includes nope, which does not exist$/) } });
    const mine = await unwrap(e.api.call('templates.create', { id: 'mine', name: 'Mine', includes: ['if-mib'] }));
    expect(await e.api.call('templates.update', { id: 'mine', template: { name: 'Mine', includes: ['mine'] } })).toMatchObject({ ok: false, error: { code: 'validation', message: 'Template includes form a cycle: mine → mine' } });
    await unwrap(e.api.call('templates.create', { id: 'mine-too', name: 'Mine too', includes: [mine.id] }));
    expect(await e.api.call('templates.delete', { id: 'mine' })).toMatchObject({ ok: false, error: { code: 'conflict', message: 'Template mine is included by mine-too; remove it from their includes first.' } });
  });

  it('picks by the classifier identity when given it', async () => {
    const e = await engine();
    const r = await unwrap(e.api.call('templates.pick', { sysObjectId: '1.3.6.1.4.1.99999.5', sysDescr: 'SNMP agent', type: 'ups' }));
    expect(r).toMatchObject({ templateId: 'ups-mib', reason: 'the device type is ups' });
  });

  it('validates metrics queries and answers them', async () => {
    const e = await engine();
    const now = Date.now();
    expect(await e.api.call('metrics.query', { seriesIds: [1], from: now, to: now - 1 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await e.api.call('metrics.query', { seriesIds: [1], from: 0, to: now })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await e.api.call('metrics.query', { seriesIds: [1], from: now - 1000, to: now, maxPoints: 1_000_000 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(await e.api.call('metrics.query', { from: now - 1000, to: now })).toMatchObject({ ok: false, error: { code: 'validation' } });

    const d = await unwrap(e.api.call('devices.create', { name: 'r1', address: '198.18.0.10' }));
    for (let i = 0; i < 120; i++) e.areas.metrics.writer.writeNamed('if_in_bps', { device: d.id, interface: 'eth0' }, now - (120 - i) * 60_000, i * 1000);
    e.areas.metrics.writer.flush();
    const q = await unwrap(e.api.call('metrics.query', { select: { name: 'if_in_bps', matchers: [{ label: 'device', value: d.id }] }, from: now - 2 * 3_600_000, to: now, maxPoints: 60 }));
    expect(q.series).toHaveLength(1);
    expect(q.series[0]?.points.length).toBeLessThanOrEqual(60);
    expect(q.series[0]?.points.reduce((n, p) => n + p.count, 0)).toBe(120);
    const listed = await unwrap(e.api.call('metrics.series', { deviceId: d.id }));
    expect(listed.series).toEqual([expect.objectContaining({ name: 'if_in_bps', labels: { device: d.id, interface: 'eth0' }, lastValue: 119_000 })]);
    expect(await unwrap(e.api.call('metrics.setRetention', { rawDays: 3 }))).toEqual({ rawDays: 3, fiveMinuteDays: 90, hourDays: 730 });
    // Deleting the device deletes its series (once the maintenance service listens).
    await e.start();
    await unwrap(e.api.call('devices.delete', { id: d.id }));
    expect((await unwrap(e.api.call('metrics.series', { deviceId: d.id }))).series).toEqual([]);
  });
});
