/**
 * The Zabbix mirror through the contract, against a fake Zabbix API (test/support/fake-zabbix.ts):
 * importing and matching hosts by mode, status by mode, problems as alerts, staleness when the
 * server is unreachable, hosts leaving Zabbix, leaving for standalone, poll gating, items.
 */
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Settings } from '../../api/settings.ts';
import { createEventBus } from '../../lib/event-bus.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createManualTime } from '../../lib/async/timers.ts';
import { DATABASE_FILE, openDatabase } from '../../store/database.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { createMirrorService } from './mirror-service.ts';
import type { EngineEvent } from '../../api/events.ts';
import { unwrap } from '../../api/dispatcher.ts';
import type { ZabbixStatus } from '../../api/zabbix.ts';
import { testEngine } from '../../../test/support/engine.ts';
import { type FakeZabbix, fakeZabbix } from '../../../test/support/fake-zabbix.ts';
import { manualClock } from '../../../test/support/manual-clock.ts';

type TestEngine = Awaited<ReturnType<typeof testEngine>>;

describe('zabbix mirror', () => {
  let z: FakeZabbix;
  let engine: TestEngine;
  let clock: ReturnType<typeof manualClock>;
  let statuses: ZabbixStatus[];

  const list = async (input: Record<string, unknown> = {}) => (await unwrap(engine.api.call('devices.list', input))).items;
  const byName = async (name: string) => (await list()).find((d) => d.name === name);

  beforeEach(async () => {
    z = fakeZabbix();
    z.hosts.push(
      { hostId: '10084', host: 'Zabbix server', interfaces: [{ ip: '127.0.0.1', available: 1 }] },
      { hostId: '10100', host: 'core-sw', name: 'Core switch', interfaces: [{ ip: '198.18.0.1', available: 1 }] },
      { hostId: '10101', host: 'nas', interfaces: [{ ip: '198.18.0.2', available: 2 }], inventory: { vendor: 'Synology', model: 'DS920+', os_short: 'DSM', type: 'storage' } },
    );
    clock = manualClock();
    engine = await testEngine({ clock, zabbix: { fetch: z.fetch } });
    statuses = [];
    engine.events.subscribe((e: EngineEvent) => {
      if (e.name === 'zabbix.status') statuses.push(e.payload);
    });
    await unwrap(engine.api.call('zabbix.setConfig', { url: 'http://127.0.0.1:9/zabbix', authMethod: 'token', token: 'secret-token' }));
  });

  afterEach(async () => {
    await engine.close();
  });

  it('is inactive in standalone mode: refresh reads nothing', async () => {
    const s = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(s).toMatchObject({ mode: 'standalone', configured: true, active: false, stale: false, lastSyncAt: null, hosts: 0, intervalSec: 60 });
    expect(z.calls).toEqual([]);
    expect(await list()).toEqual([]);
  });

  it('zabbix mode: every host becomes a device with Zabbix as its source and status', async () => {
    const own = await unwrap(engine.api.call('devices.create', { name: 'lab-router', address: '198.18.0.9' }));
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'zabbix' }));
    const s = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(s).toMatchObject({ mode: 'zabbix', active: true, stale: false, error: null, lastSyncAt: clock.now(), ageSec: 0, hosts: 3, matched: 0, imported: 3, problems: 0 });
    expect(statuses.at(-1)).toEqual(s);

    const core = await byName('Core switch');
    expect(core).toMatchObject({ address: '198.18.0.1', tags: ['zabbix'], enabled: true, source: 'zabbix', status: 'up', statusSource: 'zabbix' });
    expect(core?.zabbix).toEqual({ hostId: '10100', host: 'core-sw', name: 'Core switch', matchedBy: 'imported', status: 'up', problems: 0, worstSeverity: null, seenAt: clock.now() });
    expect(await byName('nas')).toMatchObject({ status: 'down', statusSource: 'zabbix', vendor: 'Synology', model: 'DS920+', os: 'DSM', type: 'storage' });
    // An own device Zabbix does not know: nobody polls it in Zabbix mode.
    expect(await byName(own.name)).toMatchObject({ source: 'wardflux', status: 'unknown', statusSource: null, zabbix: null });

    expect((await list({ source: 'zabbix' })).map((d) => d.name).sort()).toEqual(['Core switch', 'Zabbix server', 'nas']);
    expect((await list({ source: 'wardflux' })).map((d) => d.name)).toEqual([own.name]);
    expect(await unwrap(engine.api.call('devices.get', { id: core!.id }))).toMatchObject({ source: 'zabbix', zabbix: { hostId: '10100' } });

    // A second sync changes nothing (no device events).
    const created: string[] = [];
    engine.events.subscribe((e) => {
      if (e.name === 'device.created' || e.name === 'device.updated' || e.name === 'device.deleted') created.push(e.name);
    });
    await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(created).toEqual([]);
  });

  it('hybrid mode: a device with the host IP is linked (one device, source both); own status first, Zabbix when unknown', async () => {
    const sw = await unwrap(engine.api.call('devices.create', { name: 'sw1', address: '198.18.0.1' }));
    const mine = await unwrap(engine.api.call('devices.create', { name: 'mine-only', address: '198.18.0.50' }));
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'hybrid' }));
    const s = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(s).toMatchObject({ hosts: 3, matched: 1, imported: 2 });
    const devices = await list();
    expect(devices.filter((d) => d.address === '198.18.0.1')).toHaveLength(1);
    // WARD FLUX has no verdict yet (never polled here): Zabbix's.
    expect(devices.find((d) => d.id === sw.id)).toMatchObject({ name: 'sw1', source: 'both', status: 'up', statusSource: 'zabbix', zabbix: { hostId: '10100', matchedBy: 'ip' } });
    expect(devices.find((d) => d.id === mine.id)).toMatchObject({ source: 'wardflux', statusSource: 'wardflux', zabbix: null });
    expect((await list({ source: 'both' })).map((d) => d.id)).toEqual([sw.id]);

    // Standalone ignores the link of an own device.
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'standalone' }));
    expect(await unwrap(engine.api.call('devices.get', { id: sw.id }))).toMatchObject({ source: 'wardflux', statusSource: 'wardflux', zabbix: null });
  });

  it('a device pushed to Zabbix links to the host id of its push, before any IP match', async () => {
    const pushed = await unwrap(engine.api.call('devices.create', { name: 'edge', address: '198.18.0.77' }));
    const sameIp = await unwrap(engine.api.call('devices.create', { name: 'other', address: '198.18.0.1' }));
    recordPush(engine, pushed.id, '10100');
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'hybrid' }));
    await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(await unwrap(engine.api.call('devices.get', { id: pushed.id }))).toMatchObject({ source: 'both', zabbix: { hostId: '10100', matchedBy: 'pushed' } });
    expect(await unwrap(engine.api.call('devices.get', { id: sameIp.id }))).toMatchObject({ source: 'wardflux', zabbix: null });
  });

  it('problems become alerts and degrade an available host; they close when leaving for standalone', async () => {
    z.problems.push({ eventId: '501', hostId: '10100', name: 'Port 1 down', severity: 4 }, { eventId: '502', hostId: '10100', name: 'High CPU', severity: 2 });
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'zabbix' }));
    const s = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(s.problems).toBe(2);
    const core = await byName('Core switch');
    expect(core).toMatchObject({ status: 'degraded', zabbix: { problems: 2, worstSeverity: 4, status: 'degraded' } });
    const alerts = await unwrap(engine.api.call('alerts.list', { source: 'zabbix' }));
    expect(alerts.items.map((a) => [a.zabbixEventId, a.deviceId, a.severity]).sort()).toEqual([
      ['501', core!.id, 'major'],
      ['502', core!.id, 'warning'],
    ]);

    await unwrap(engine.api.call('settings.set', { monitoringMode: 'standalone' }));
    const after = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(after).toMatchObject({ active: false, problems: 0 });
    expect(await list()).toEqual([]);
    const closed = await unwrap(engine.api.call('alerts.get', { id: alerts.items[0]!.id }));
    expect(closed.alert.state).toBe('resolved');
    expect(closed.events.at(-1)).toMatchObject({ type: 'resolved', comment: 'Zabbix mode off' });
  });

  it('adding a device at the address of an imported one adopts it: same id, link by IP, alerts and history kept, polled from then on', async () => {
    z.problems.push({ eventId: '701', hostId: '10100', name: 'Port 1 down', severity: 4 });
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'hybrid' }));
    await unwrap(engine.api.call('zabbix.refresh', {}));
    const imported = (await byName('Core switch'))!;
    expect(imported).toMatchObject({ source: 'zabbix', zabbix: { matchedBy: 'imported' } });
    const [alert] = (await unwrap(engine.api.call('alerts.list', { source: 'zabbix' }))).items;
    expect(alert).toMatchObject({ deviceId: imported.id, zabbixEventId: '701' });

    const mine = await unwrap(engine.api.call('devices.create', { name: 'core-sw1', address: '198.18.0.1', tags: ['core'], notes: 'rack 3' }));
    expect(mine).toMatchObject({ id: imported.id, name: 'core-sw1', address: '198.18.0.1', tags: ['core'], notes: 'rack 3' });
    expect(await unwrap(engine.api.call('devices.get', { id: mine.id }))).toMatchObject({ source: 'both', zabbix: { hostId: '10100', matchedBy: 'ip' } });
    // The next sync keeps it linked (no new imported device for the host), the alert stays on it.
    expect(await unwrap(engine.api.call('zabbix.refresh', {}))).toMatchObject({ matched: 1, imported: 2 });
    expect((await list()).filter((d) => d.address === '198.18.0.1').map((d) => d.id)).toEqual([mine.id]);
    expect((await unwrap(engine.api.call('alerts.list', { source: 'zabbix' }))).items).toEqual([expect.objectContaining({ id: alert!.id, deviceId: mine.id })]);
    // An own device now: WARD FLUX polls it in hybrid mode (an item per device, as the ICMP source makes; pollers are off here).
    engine.areas.monitoring.addItemSource(() => [{ id: `icmp:${mine.id}`, deviceId: mine.id, protocol: 'icmp' as const, intervalMs: 30_000, payload: { address: 'x' } }]);
    engine.areas.monitoring.reload();
    expect(engine.areas.monitoring.scheduler.deviceHealth(mine.id).length).toBeGreaterThan(0);
    // A second device at an own device's address is still a conflict.
    expect(await engine.api.call('devices.create', { name: 'dup', address: '198.18.0.1' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('an imported host that comes to match an own device hands over its alerts (history kept)', async () => {
    z.problems.push({ eventId: '801', hostId: '10100', name: 'Fan 2 failed', severity: 5 });
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'hybrid' }));
    await unwrap(engine.api.call('zabbix.refresh', {}));
    const imported = (await byName('Core switch'))!;
    const [alert] = (await unwrap(engine.api.call('alerts.list', { source: 'zabbix' }))).items;
    expect(alert).toMatchObject({ deviceId: imported.id });
    await unwrap(engine.api.call('alerts.comment', { id: alert!.id, by: 'alice', comment: 'spare fan ordered' }));
    // The technician adds the switch at another address under its Zabbix host name: matched by name.
    const own = await unwrap(engine.api.call('devices.create', { name: 'core-sw', address: '198.18.0.61' }));
    await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(await byName('Core switch')).toBeUndefined();
    expect(await unwrap(engine.api.call('devices.get', { id: own.id }))).toMatchObject({ source: 'both', zabbix: { hostId: '10100', matchedBy: 'name' } });
    const after = await unwrap(engine.api.call('alerts.get', { id: alert!.id }));
    expect(after.alert).toMatchObject({ state: 'firing', deviceId: own.id, zabbixEventId: '801' });
    expect(after.events.map((e) => e.type)).toEqual(['firing', 'comment']);
    expect((await unwrap(engine.api.call('alerts.list', { source: 'zabbix', status: 'all' }))).total).toBe(1);
  });

  it('unreachable server: stale with the age, devices kept; a host gone from Zabbix is deleted only on a fresh read', async () => {
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'zabbix' }));
    const first = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(first.stale).toBe(false);

    z.down = true;
    z.hosts = z.hosts.filter((h) => h.hostId !== '10101');
    clock.advance(90_000);
    const stale = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(stale).toMatchObject({ stale: true, lastSyncAt: first.lastSyncAt, ageSec: 90, lastAttemptAt: clock.now(), hosts: 3, imported: 3 });
    expect(stale.error).toMatch(/Cannot reach the Zabbix server/);
    expect((await list()).map((d) => d.name).sort()).toEqual(['Core switch', 'Zabbix server', 'nas']);
    expect(statuses.at(-1)).toMatchObject({ stale: true });

    z.down = false;
    const back = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(back).toMatchObject({ stale: false, error: null, ageSec: 0, hosts: 2, imported: 2 });
    expect((await list()).map((d) => d.name).sort()).toEqual(['Core switch', 'Zabbix server']);
  });

  it('another server: the previous mirror stays until the new server answers, then it is replaced', async () => {
    z.problems.push({ eventId: '601', hostId: '10100', name: 'Fan failure', severity: 3 });
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'zabbix' }));
    await unwrap(engine.api.call('zabbix.refresh', {}));
    const before = (await byName('Core switch'))!;
    const [alert] = (await unwrap(engine.api.call('alerts.list', { source: 'zabbix' }))).items;

    z.down = true;
    await unwrap(engine.api.call('zabbix.setConfig', { url: 'http://127.0.0.2:9/zabbix', authMethod: 'token', token: 'other-token' }));
    const stale = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(stale).toMatchObject({ stale: true, imported: 3, problems: 1 });
    expect(stale.error).toMatch(/127\.0\.0\.2:9/);
    expect((await byName('Core switch'))?.id).toBe(before.id);

    z.down = false;
    const fresh = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(fresh).toMatchObject({ stale: false, imported: 3, problems: 1 });
    expect((await byName('Core switch'))?.id).not.toBe(before.id);
    const old = await unwrap(engine.api.call('alerts.get', { id: alert!.id }));
    expect(old.events.at(-1)).toMatchObject({ type: 'resolved', comment: 'Zabbix server changed' });
  });

  it('a never-reachable server: stale, no devices, a clear error', async () => {
    z.down = true;
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'hybrid' }));
    const s = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(s).toMatchObject({ active: true, stale: true, lastSyncAt: null, ageSec: null, hosts: 0 });
    expect(s.error).toMatch(/Cannot reach the Zabbix server at http:\/\/127\.0\.0\.1:9/);
    expect(await list()).toEqual([]);
  });

  it('renamed and readdressed hosts update their device; name and address clashes get unique values', async () => {
    // An own device named like host 10100 but with nas's IP: linked to nas (IP beats name), one-to-one.
    const own = await unwrap(engine.api.call('devices.create', { name: 'Core switch', address: '198.18.0.2' }));
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'zabbix' }));
    z.hosts.push({ hostId: '10102', host: 'no-interface' }, { hostId: '10103', host: 'same-ip', interfaces: [{ ip: '198.18.0.2' }] });
    await unwrap(engine.api.call('zabbix.refresh', {}));
    const devices = await list({ source: 'zabbix' });
    const addr = (name: string) => devices.find((d) => d.name === name)?.address;
    expect(await unwrap(engine.api.call('devices.get', { id: own.id }))).toMatchObject({ source: 'both', zabbix: { hostId: '10101', matchedBy: 'ip' } });
    // 'Core switch' is the own device's name: the imported one gets a suffix.
    expect(addr('Core switch (Zabbix 10100)')).toBe('198.18.0.1');
    expect(addr('no-interface')).toBe('zabbix-host-10102.invalid');
    // 198.18.0.2 is the own device's; the second host with it gets a placeholder address.
    expect(addr('same-ip')).toBe('zabbix-host-10103.invalid');

    const core = z.hosts.find((h) => h.hostId === '10100')!;
    core.name = 'Core switch 2';
    core.interfaces = [{ ip: '198.18.0.3' }];
    await unwrap(engine.api.call('zabbix.refresh', {}));
    expect((await list({ source: 'zabbix' })).find((d) => d.zabbix?.hostId === '10100')).toMatchObject({ name: 'Core switch 2', address: '198.18.0.3' });
  });

  it('poll gating: zabbix mode schedules nothing, hybrid skips the imported devices', async () => {
    const mine = await unwrap(engine.api.call('devices.create', { name: 'mine', address: '198.18.0.51' }));
    // An item per device, as the ICMP source makes (the pollers are off in unit tests).
    const ids = async () => (await list()).map((d) => d.id);
    let all: string[] = [];
    engine.areas.monitoring.addItemSource(() => all.map((id) => ({ id: `icmp:${id}`, deviceId: id, protocol: 'icmp' as const, intervalMs: 30_000, payload: { address: 'x' } })));
    const scheduled = (id: string) => engine.areas.monitoring.scheduler.deviceHealth(id).length > 0;

    await unwrap(engine.api.call('settings.set', { monitoringMode: 'hybrid' }));
    await unwrap(engine.api.call('zabbix.refresh', {}));
    all = await ids();
    engine.areas.monitoring.reload();
    const imported = (await list({ source: 'zabbix' })).map((d) => d.id);
    expect(imported).toHaveLength(3);
    expect(scheduled(mine.id)).toBe(true);
    expect(imported.filter(scheduled)).toEqual([]);

    await unwrap(engine.api.call('settings.set', { monitoringMode: 'zabbix' }));
    engine.areas.monitoring.reload();
    expect(all.filter(scheduled)).toEqual([]);

    await unwrap(engine.api.call('settings.set', { monitoringMode: 'standalone' }));
    engine.areas.monitoring.reload();
    expect(scheduled(mine.id)).toBe(true);
  });

  it('items of a linked device, cached for offline use; a clear error for an unlinked device', async () => {
    z.items.push({ itemId: '9001', hostId: '10100', name: 'CPU load', key: 'system.cpu.load', lastValue: '0.5' }, { itemId: '9002', hostId: '10101', name: 'Disk', key: 'vfs', lastValue: '1' });
    const own = await unwrap(engine.api.call('devices.create', { name: 'unlinked', address: '198.18.0.99' }));
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'zabbix' }));
    await unwrap(engine.api.call('zabbix.refresh', {}));
    const core = (await byName('Core switch'))!;
    const items = await unwrap(engine.api.call('zabbix.deviceItems', { deviceId: core.id }));
    expect(items).toMatchObject({ hostId: '10100', stale: false, items: [{ itemId: '9001', name: 'CPU load', key: 'system.cpu.load', lastValue: '0.5', valueType: 3, enabled: true, supported: true }] });
    expect(items.items[0]).not.toHaveProperty('hostId');

    z.down = true;
    clock.advance(5_000);
    expect(await unwrap(engine.api.call('zabbix.deviceItems', { deviceId: core.id }))).toMatchObject({ stale: true, ageSec: 5, items: [{ itemId: '9001' }] });
    expect(await engine.api.call('zabbix.deviceItems', { deviceId: own.id })).toMatchObject({
      ok: false,
      error: { code: 'not_found', message: expect.stringMatching(/"unlinked" is not linked to a Zabbix host/) as unknown },
    });
  });

  it('the service: syncs on a mode change; leaving for standalone cleans up', async () => {
    const svc = engine.areas.zabbix.mirror.service;
    await svc.start();
    try {
      const waitStatus = (check: (s: ZabbixStatus) => boolean) =>
        new Promise<ZabbixStatus>((resolve) => {
          const off = engine.events.subscribe((e) => {
            if (e.name === 'zabbix.status' && check(e.payload)) {
              off();
              resolve(e.payload);
            }
          });
        });
      const synced = waitStatus((s) => s.active && s.imported === 3);
      await unwrap(engine.api.call('settings.set', { monitoringMode: 'zabbix' }));
      expect(await synced).toMatchObject({ mode: 'zabbix', stale: false });
      expect(await list({ source: 'zabbix' })).toHaveLength(3);

      const left = waitStatus((s) => !s.active);
      await unwrap(engine.api.call('settings.set', { monitoringMode: 'standalone' }));
      expect(await left).toMatchObject({ mode: 'standalone', active: false, imported: 0 });
      expect(await list()).toEqual([]);
    } finally {
      await svc.stop();
    }
  });
});

/** What a delivered push leaves behind (zabbix_pushes, as pushDevice writes it), through a second connection. */
function recordPush(engine: TestEngine, deviceId: string, hostId: string): void {
  const db = new Database(path.join(engine.dataDir, DATABASE_FILE));
  try {
    db.prepare('INSERT INTO zabbix_pushes (device_id, server, host_id, host, pushed_at) VALUES (?, ?, ?, ?, ?)').run(deviceId, 'http://127.0.0.1:9/zabbix/api_jsonrpc.php', hostId, 'edge', 1);
  } finally {
    db.close();
  }
}

describe('zabbix mirror service timing', () => {
  it('reads on the interval only while mirroring, one read at a time', async () => {
    const { dir, cleanup } = tempDir();
    const database = openDatabase(dir);
    const time = createManualTime();
    let mode: 'standalone' | 'zabbix' | 'hybrid' = 'zabbix';
    let reads = 0;
    let release: (() => void) | undefined;
    const bus = createEventBus(silentLogger());
    const mirror = createMirrorService({
      db: database.db,
      clock: time,
      timers: time,
      intervalMs: 60_000,
      logger: silentLogger(),
      events: bus,
      settings: { get: () => ({ ...Settings.parse({}), monitoringMode: mode }) },
      hosts: { apply: () => ({ hosts: 1, matched: 0, imported: 1, created: 0, updated: 0, deleted: 0, hostDevice: new Map() }), removeImported: () => 0, forgetOtherServers: () => 0 } as never,
      problems: { sync: () => ({ opened: 0, resolved: 0, open: 0 }), closeAll: () => undefined, openCount: () => 0 },
      zabbix: {
        configured: () => true,
        server: () => 'http://127.0.0.1:9/api_jsonrpc.php',
        readHosts: async () => {
          reads++;
          if (release === undefined) await new Promise<void>((r) => (release = r));
          return { items: [], stale: false, fetchedAt: time.now() };
        },
        readProblems: () => Promise.resolve({ items: [], stale: false, fetchedAt: time.now() }),
        pendingPushes: () => 0,
      },
    });
    try {
      mirror.service.start(); // a first read at once
      await time.settle();
      expect(reads).toBe(1);
      // Two requests while it runs: one more read after it, not two, and not in parallel.
      const a = mirror.refresh();
      const b = mirror.refresh();
      expect(a).toBe(b);
      expect(reads).toBe(1);
      release!();
      expect((await a).lastSyncAt).toBe(time.now());
      expect(reads).toBe(2);

      await time.advance(60_000);
      expect(reads).toBe(3);
      mode = 'standalone';
      await time.advance(120_000);
      expect(reads).toBe(3);
      mode = 'hybrid';
      await time.advance(60_000);
      expect(reads).toBe(4);
    } finally {
      await mirror.service.stop();
      database.db.close();
      cleanup();
    }
    expect(time.pending()).toBe(0);
  });
});

describe('zabbix mirror service single flight', () => {
  it('a run that fails does not block the requests queued behind it or later ones', async () => {
    const { dir, cleanup } = tempDir();
    const database = openDatabase(dir);
    const time = createManualTime();
    let failNext = true;
    let reads = 0;
    const mirror = createMirrorService({
      db: database.db,
      clock: time,
      timers: time,
      logger: silentLogger(),
      events: createEventBus(silentLogger()),
      settings: { get: () => ({ ...Settings.parse({}), monitoringMode: 'zabbix' }) },
      hosts: { apply: () => ({ hosts: 0, matched: 0, imported: 0, created: 0, updated: 0, deleted: 0, hostDevice: new Map() }), removeImported: () => 0, forgetOtherServers: () => 0 } as never,
      problems: { sync: () => ({ opened: 0, resolved: 0, open: 0 }), closeAll: () => undefined, openCount: () => 0 },
      zabbix: {
        configured: () => true,
        server: () => {
          // Outside the read's error handling: the run itself rejects.
          if (failNext) {
            failNext = false;
            throw new Error('config unreadable');
          }
          return 'http://127.0.0.1:9/api_jsonrpc.php';
        },
        readHosts: () => {
          reads++;
          return Promise.resolve({ items: [], stale: false, fetchedAt: time.now() });
        },
        readProblems: () => Promise.resolve({ items: [], stale: false, fetchedAt: time.now() }),
        pendingPushes: () => 0,
      },
    });
    try {
      const failing = mirror.refresh();
      const behind = mirror.refresh();
      await expect(failing).rejects.toThrow('config unreadable');
      // The request queued behind the failed run gets its own run.
      expect(await behind).toMatchObject({ stale: false, error: null });
      expect(reads).toBe(1);
      // And a request made during a later run is not answered by the old failure.
      const first = mirror.refresh();
      const second = mirror.refresh();
      await first;
      expect(await second).toMatchObject({ stale: false });
      expect(reads).toBe(3);
    } finally {
      database.db.close();
      cleanup();
    }
  });
});
