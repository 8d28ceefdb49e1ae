/**
 * Zabbix and hybrid modes against the real Zabbix 6.0 lab server (shared with the other Zabbix
 * tests: never stopped here). Hosts are created through the Zabbix API with names unique to the
 * run and deleted afterwards; the shared server may hold other hosts, so every assertion looks
 * at this run's hosts only.
 *
 * Safety: the hosts' interfaces are 127.x addresses with no items polled by Zabbix (trapper items
 * only), and the engine polls only its own loopback devices (hybrid gating is what is tested).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import type { Device } from '../../main/api/devices.ts';
import { createZabbixClient, type ZabbixClient } from '../../main/zabbix/api/client.ts';
import { testEngine } from '../support/engine.ts';
import { until } from '../support/until.ts';
import { describeLab } from './describe-lab.ts';
import { ensureZabbixLab, freePort, type ZabbixLab } from './zabbix-server.ts';
import { sendUntil, sendValues } from './zabbix-sender.ts';

type TestEngine = Awaited<ReturnType<typeof testEngine>>;

describeLab('zabbix modes: hosts mirrored as devices, hybrid linking, offline, back to standalone', () => {
  let lab: ZabbixLab;
  let admin: ZabbixClient;
  let engine: TestEngine;
  const run = `wfmode${Date.now().toString(36)}`;
  // A loopback /24 of this run (127.0.0.0/8 is loopback as a whole): no clash with other tests' hosts.
  const net = `127.${100 + (Date.now() % 100)}.${Math.floor(Math.random() * 250) + 1}`;
  const hostIds: Record<'imported' | 'linked', string> = { imported: '', linked: '' };
  const names = { imported: `${run}-nas`, linked: `${run}-core` };
  let own: { linked: Device | undefined; only: Device | undefined } = { linked: undefined, only: undefined };

  const devices = async () => (await unwrap(engine.api.call('devices.list', {}))).items;
  const device = async (id: string) => unwrap(engine.api.call('devices.get', { id }));
  const ofHost = async (hostId: string) => (await devices()).find((d) => d.zabbix?.hostId === hostId);
  const setConfig = (url: string) => unwrap(engine.api.call('zabbix.setConfig', { url, authMethod: 'password', username: lab.admin.username, password: lab.admin.password }));

  beforeAll(async () => {
    lab = await ensureZabbixLab();
    admin = createZabbixClient({ url: lab.url, auth: { kind: 'password', ...lab.admin } });
    await admin.authenticate();
    const group = (await admin.call<{ groupid: string }[]>('hostgroup.get', { filter: { name: ['Linux servers'] }, output: ['groupid'] }))[0]!.groupid;
    const agent = (ip: string) => [{ type: 1, main: 1, useip: 1, ip, dns: '', port: '10050' }];
    hostIds.imported = (
      await admin.call<{ hostids: string[] }>('host.create', {
        host: names.imported,
        name: `${run} Backup NAS`,
        groups: [{ groupid: group }],
        interfaces: agent(`${net}.10`),
        inventory_mode: 0,
        inventory: { vendor: 'Synology', model: 'DS920+', type: 'storage' },
      })
    ).hostids[0]!;
    hostIds.linked = (await admin.call<{ hostids: string[] }>('host.create', { host: names.linked, groups: [{ groupid: group }], interfaces: agent(`${net}.11`) })).hostids[0]!;
    // A real problem on the imported host: a trapper item and a high-severity trigger.
    await admin.call('item.create', { hostid: hostIds.imported, name: 'Disk errors', key_: 'wf.disk', type: 2, value_type: 3 });
    await admin.call('trigger.create', { description: `Disk errors on ${names.imported}`, expression: `last(/${names.imported}/wf.disk)>0`, priority: 4 });

    // The engine runs its services (pollers on: hybrid gating is checked on the real scheduler).
    engine = await testEngine({ pollers: true });
    own = {
      linked: await unwrap(engine.api.call('devices.create', { name: `${run}-sw`, address: `${net}.11` })),
      only: await unwrap(engine.api.call('devices.create', { name: `${run}-own`, address: `${net}.12` })),
    };
    await engine.start();
    await setConfig(lab.url);
  }, 240_000);

  afterAll(async () => {
    await engine?.close();
    const ids = Object.values(hostIds).filter(Boolean);
    if (admin && ids.length) {
      const left = await admin.call<{ hostid: string }[]>('host.get', { hostids: ids, output: ['hostid'] });
      if (left.length) await admin.call('host.delete', left.map((h) => h.hostid));
    }
    await admin?.close();
  });

  it('zabbix mode imports hosts as devices, with status and problems from Zabbix', async () => {
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'zabbix' }));
    const status = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(status).toMatchObject({ mode: 'zabbix', configured: true, active: true, stale: false, error: null, ageSec: 0 });
    expect(status.hosts).toBeGreaterThanOrEqual(2);

    const nas = await ofHost(hostIds.imported);
    expect(nas).toMatchObject({
      name: `${run} Backup NAS`,
      address: `${net}.10`,
      tags: ['zabbix'],
      source: 'zabbix',
      statusSource: 'zabbix',
      vendor: 'Synology',
      model: 'DS920+',
      type: 'storage',
      zabbix: { host: names.imported, matchedBy: 'imported', problems: 0 },
    });
    expect(nas!.status).toBe(nas!.zabbix!.status);
    // The own device with the host's IP is linked, not duplicated.
    expect(await device(own.linked!.id)).toMatchObject({ source: 'both', statusSource: 'zabbix', zabbix: { hostId: hostIds.linked, matchedBy: 'ip' } });
    expect((await devices()).filter((d) => d.address === `${net}.11`)).toHaveLength(1);
    // WARD FLUX polls nothing in Zabbix mode.
    expect(engine.areas.monitoring.scheduler.deviceHealth(own.only!.id)).toEqual([]);
    expect(await device(own.only!.id)).toMatchObject({ source: 'wardflux', status: 'unknown', statusSource: null });

    // The problem raised in Zabbix shows on the device and as an alert.
    await until(async () => (await sendValues('127.0.0.1', lab.trapperPort, [{ host: names.imported, key: 'wf.disk', value: 0 }])).processed === 1, 30_000, 'the trapper item');
    const withProblem = await sendUntil(
      lab.trapperPort,
      [{ host: names.imported, key: 'wf.disk', value: 3 }],
      async () => {
        await unwrap(engine.api.call('zabbix.refresh', {}));
        const d = await ofHost(hostIds.imported);
        return d?.zabbix?.problems === 1 ? d : undefined;
      },
      'the problem mirrored',
    );
    expect(withProblem.zabbix).toMatchObject({ worstSeverity: 4 });
    const alerts = await unwrap(engine.api.call('alerts.list', { source: 'zabbix', deviceId: withProblem.id }));
    expect(alerts.items).toEqual([expect.objectContaining({ kind: 'zabbix', severity: 'major', summary: expect.stringContaining(`Disk errors on ${names.imported}`) as unknown })]);

    // Items of the linked host, through the cache.
    const items = await unwrap(engine.api.call('zabbix.deviceItems', { deviceId: withProblem.id }));
    expect(items).toMatchObject({ hostId: hostIds.imported, stale: false, items: [expect.objectContaining({ key: 'wf.disk', lastValue: '3' })] });
  });

  it('hybrid mode: one device for the matched host, polled by WARD FLUX; imported devices are not polled', async () => {
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'hybrid' }));
    await unwrap(engine.api.call('zabbix.refresh', {}));
    const linked = await device(own.linked!.id);
    expect(linked).toMatchObject({ source: 'both', zabbix: { hostId: hostIds.linked } });
    expect((await devices()).filter((d) => d.address === `${net}.11`)).toHaveLength(1);
    const nas = (await ofHost(hostIds.imported))!;
    expect(nas.source).toBe('zabbix');
    // The mode change reloaded the schedule: own devices have their ICMP item, imported ones none.
    await until(() => engine.areas.monitoring.scheduler.deviceHealth(own.only!.id).some((h) => h.protocol === 'icmp'), 10_000, 'the own device scheduled');
    expect(engine.areas.monitoring.scheduler.deviceHealth(own.linked!.id).map((h) => h.protocol)).toContain('icmp');
    expect(engine.areas.monitoring.scheduler.deviceHealth(nas.id)).toEqual([]);
    expect((await unwrap(engine.api.call('devices.list', { source: 'wardflux' }))).items.map((d) => d.id)).toContain(own.only!.id);
  });

  it('a host deleted in Zabbix disappears at the next refresh', async () => {
    const nas = (await ofHost(hostIds.imported))!;
    await admin.call('host.delete', [hostIds.imported]);
    hostIds.imported = '';
    await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(await engine.api.call('devices.get', { id: nas.id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Its problem left Zabbix with it.
    const alerts = await unwrap(engine.api.call('alerts.list', { source: 'zabbix', deviceId: nas.id, status: 'all' }));
    expect(alerts.items).toEqual([expect.objectContaining({ zabbixEventId: expect.any(String) as unknown, state: 'resolved' })]);
  });

  it('server unreachable: stale with its age, devices kept; fresh again when it is back', async () => {
    const before = await devices();
    const last = await unwrap(engine.api.call('zabbix.status', {}));
    await setConfig(`http://127.0.0.1:${await freePort()}/`);
    const stale = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(stale).toMatchObject({ active: true, stale: true, lastSyncAt: last.lastSyncAt });
    expect(stale.ageSec).toBeGreaterThanOrEqual(0);
    expect(stale.error).toMatch(/Cannot reach the Zabbix server/);
    expect((await devices()).map((d) => d.id).sort()).toEqual(before.map((d) => d.id).sort());
    expect(await device(own.linked!.id)).toMatchObject({ source: 'both' });

    await setConfig(lab.url);
    expect(await unwrap(engine.api.call('zabbix.refresh', {}))).toMatchObject({ stale: false, error: null });
  });

  it('back to standalone removes the imported devices and keeps the own ones, unlinked', async () => {
    await unwrap(engine.api.call('settings.set', { monitoringMode: 'standalone' }));
    const status = await unwrap(engine.api.call('zabbix.refresh', {}));
    expect(status).toMatchObject({ mode: 'standalone', active: false, problems: 0 });
    const left = await devices();
    expect(left.map((d) => d.id).sort()).toEqual([own.linked!.id, own.only!.id].sort());
    expect(left.every((d) => d.source === 'wardflux' && d.zabbix === null)).toBe(true);
  });
});
