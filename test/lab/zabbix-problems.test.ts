/**
 * Zabbix problems mirrored as WARD FLUX alerts, against the real Zabbix 6.0 lab: trapper items
 * and triggers on a host this test creates raise real problems (values sent with the sender
 * protocol); a sync opens one firing zabbix alert per problem, linked to the device; acknowledging
 * through `alerts.acknowledge` acknowledges exactly that event in Zabbix; an acknowledgement made
 * in Zabbix is copied; with the config pointed at a closed loopback port the acknowledgement is
 * queued in the outbox and delivered once the config points back at the server; clearing
 * the triggers resolves the alerts at the next sync.
 *
 * Safety: the host has no interface (trapper items only) and the device is 127.0.0.x; the engine
 * does not poll (pollers off).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Alert } from '../../main/api/alerts.ts';
import { unwrap } from '../../main/api/dispatcher.ts';
import { createLogger } from '../../main/lib/logger.ts';
import { ACK_TOPIC, ackKey } from '../../main/zabbix/mirror/ack-queue.ts';
import { createZabbixClient, type ZabbixClient } from '../../main/zabbix/api/client.ts';
import { getProblems } from '../../main/zabbix/api/reads.ts';
import { testEngine } from '../support/engine.ts';
import { freeLoopbackPort, until } from '../support/until.ts';
import { describeLab } from './describe-lab.ts';
import { ensureZabbixLab, type ZabbixLab } from './zabbix-server.ts';
import { sendUntil, sendValues } from './zabbix-sender.ts';

describeLab('zabbix: problems mirrored as alerts, acknowledged in Zabbix', () => {
  let lab: ZabbixLab;
  let admin: ZabbixClient;
  let engine: Awaited<ReturnType<typeof testEngine>>;
  const run = `wfp${Date.now().toString(36)}`;
  const hostName = `${run}-sensor`;
  let groupId: string | undefined;
  let hostId: string | undefined;
  let deviceId: string;
  const changed: string[] = [];

  const config = (url: string) => ({ url, authMethod: 'password' as const, username: lab.admin.username, password: lab.admin.password });
  const values = (byKey: Record<string, number>) => Object.entries(byKey).map(([key, value]) => ({ host: hostName, key, value }));
  const send = (byKey: Record<string, number>) => sendValues('127.0.0.1', lab.trapperPort, values(byKey));

  /** Reads the host's problems from Zabbix (fresh, never the cache) and syncs them. */
  async function syncNow() {
    const read = await engine.areas.zabbix.problems({ hostIds: [hostId!], minSeverity: 0, limit: 100, cachedOnly: false });
    expect(read.stale).toBe(false);
    return { problems: read.items, result: engine.areas.zabbix.problemMirror.sync(read.items, (id) => (id === hostId ? deviceId : undefined)) };
  }
  const zabbixAlerts = async (status: 'active' | 'history') => (await unwrap(engine.api.call('alerts.list', { status, source: 'zabbix' }))).items;
  const byTrigger = (alerts: Alert[], name: string) => alerts.find((a) => a.summary.startsWith(name))!;

  beforeAll(async () => {
    lab = await ensureZabbixLab();
    admin = createZabbixClient({ url: lab.url, auth: { kind: 'password', ...lab.admin } });
    await admin.authenticate();
    engine = await testEngine({ logger: createLogger({ level: 'error' }) });
    engine.events.subscribe((e) => {
      if (e.name === 'alert.changed') changed.push(e.payload.event.type);
    });
    await unwrap(engine.api.call('zabbix.setConfig', config(lab.url)));
    deviceId = (await unwrap(engine.api.call('devices.create', { name: `${run}-sensor-dev`, address: '127.0.0.9' }))).id;

    groupId = (await admin.call<{ groupids: string[] }>('hostgroup.create', { name: `${run}-group` })).groupids[0]!;
    hostId = (await admin.call<{ hostids: string[] }>('host.create', { host: hostName, name: `${run} Sensor`, groups: [{ groupid: groupId }] })).hostids[0]!;
    for (const key of ['wf.temp', 'wf.hum', 'wf.fan']) await admin.call('item.create', { hostid: hostId, name: key, key_: key, type: 2, value_type: 3 });
    await admin.call('trigger.create', [
      { description: 'Too hot', expression: `last(/${hostName}/wf.temp)>50`, priority: 4, tags: [{ tag: 'scope', value: 'environment' }] },
      { description: 'Too humid', expression: `last(/${hostName}/wf.hum)>80`, priority: 2 },
      { description: 'Fan stopped', expression: `last(/${hostName}/wf.fan)=0`, priority: 5 },
    ]);
    // The server picks new items up from its configuration cache (CacheUpdateFrequency=2).
    await until(async () => (await send({ 'wf.temp': 20, 'wf.hum': 40, 'wf.fan': 1 })).processed === 3, 30_000, 'the trapper to accept values');
  }, 240_000);

  afterAll(async () => {
    if (hostId) await admin.call('host.delete', [hostId]).catch(() => undefined);
    if (groupId) await admin.call('hostgroup.delete', [groupId]).catch(() => undefined);
    await engine?.close();
    await admin?.close();
  });

  it('a real problem becomes one firing zabbix alert linked to the device; a second sync changes nothing', async () => {
    await sendUntil(lab.trapperPort, values({ 'wf.temp': 90, 'wf.hum': 95, 'wf.fan': 0 }), async () => (await getProblems(admin, { hostIds: [hostId!] })).length === 3, 'three problems in Zabbix');

    const { problems, result } = await syncNow();
    expect(result).toEqual({ opened: 3, resolved: 0, open: 3 });
    const active = await zabbixAlerts('active');
    expect(active).toHaveLength(3);
    const hot = byTrigger(active, 'Too hot');
    const problem = problems.find((p) => p.name === 'Too hot')!;
    expect(hot).toMatchObject({
      source: 'zabbix',
      kind: 'zabbix',
      ruleId: null,
      zabbixEventId: problem.eventId,
      severity: 'major',
      state: 'firing',
      deviceId,
      deviceName: `${run}-sensor-dev`,
      summary: `Too hot on ${run} Sensor`,
      startedAt: problem.clock,
      labels: expect.objectContaining({ zabbixHostId: hostId, zabbixHost: `${run} Sensor`, zabbixTriggerId: problem.triggerId, 'tag:scope': 'environment' }) as unknown,
    });
    expect(byTrigger(active, 'Fan stopped').severity).toBe('critical');
    expect(changed).toEqual(['firing', 'firing', 'firing']);

    changed.length = 0;
    expect((await syncNow()).result).toEqual({ opened: 0, resolved: 0, open: 3 });
    expect(changed).toEqual([]);
    // Not WARD FLUX's own: the device's own alerts list stays empty.
    expect((await unwrap(engine.api.call('alerts.list', { source: 'wardflux' }))).total).toBe(0);
  });

  it('alerts.acknowledge acknowledges exactly that event in Zabbix, then locally', async () => {
    const hot = byTrigger(await zabbixAlerts('active'), 'Too hot');
    const acked = await unwrap(engine.api.call('alerts.acknowledge', { id: hot.id, by: 'lab-tech', comment: 'Fan replaced, cooling down' }));
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'lab-tech', ackComment: 'Fan replaced, cooling down' });

    const inZabbix = await getProblems(admin, { hostIds: [hostId!] });
    expect(inZabbix.find((p) => p.eventId === hot.zabbixEventId)).toMatchObject({
      acknowledged: true,
      acknowledges: [expect.objectContaining({ message: 'Fan replaced, cooling down' })],
    });
    expect(inZabbix.filter((p) => p.eventId !== hot.zabbixEventId).map((p) => [p.acknowledged, p.acknowledges.length])).toEqual([
      [false, 0],
      [false, 0],
    ]);
    // Zabbix now agrees: nothing to copy back.
    changed.length = 0;
    await syncNow();
    expect(changed).toEqual([]);
    expect(await engine.api.call('alerts.acknowledge', { id: hot.id, by: 'someone-else' })).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'This alert was already acknowledged by lab-tech.' },
    });
  });

  it('an acknowledgement made in Zabbix is copied with its message', async () => {
    const fan = byTrigger(await zabbixAlerts('active'), 'Fan stopped');
    await admin.call('event.acknowledge', { eventids: [fan.zabbixEventId], action: 6, message: 'Seen on the Zabbix console' });
    await syncNow();
    const { alert, events } = await unwrap(engine.api.call('alerts.get', { id: fan.id }));
    expect(alert).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'Zabbix', ackComment: 'Seen on the Zabbix console' });
    expect(events.at(-1)).toMatchObject({ type: 'acknowledged', actor: 'Zabbix', comment: 'Seen on the Zabbix console' });
  });

  it('config pointed at a closed port: the acknowledgement is queued, the alert acknowledged locally, and delivered once the server is back', async () => {
    const humid = byTrigger(await zabbixAlerts('active'), 'Too humid');
    await unwrap(engine.api.call('zabbix.setConfig', config(`http://127.0.0.1:${await freeLoopbackPort()}/`)));

    const acked = await unwrap(engine.api.call('alerts.acknowledge', { id: humid.id, by: 'night-shift' }));
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'night-shift' });
    const { events } = await unwrap(engine.api.call('alerts.get', { id: humid.id }));
    // Nothing is sent to another address than the problem's server: queued for it.
    expect(events.at(-1)).toMatchObject({ type: 'comment', actor: 'system', comment: expect.stringMatching(/the acknowledgement is queued for that server/) as unknown });
    expect(engine.areas.outbox.list({ topic: ACK_TOPIC })).toEqual([expect.objectContaining({ idempotencyKey: ackKey(humid.zabbixEventId!, acked.acknowledgedAt!, humid.labels.zabbixServer!), state: 'pending' })]);
    // Still pointed at the closed port: the attempt fails and waits.
    await engine.areas.outbox.runDue();
    expect(engine.areas.outbox.list({ topic: ACK_TOPIC })[0]).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringMatching(/waits for that server/) as unknown });
    expect((await getProblems(admin, { eventIds: [humid.zabbixEventId!] }))[0]).toMatchObject({ acknowledged: false });

    // Back: the next fresh sync makes it due at once.
    await unwrap(engine.api.call('zabbix.setConfig', config(lab.url)));
    await syncNow();
    expect((await unwrap(engine.api.call('alerts.get', { id: humid.id }))).alert.state).toBe('acknowledged');
    await engine.areas.outbox.runDue();
    expect(engine.areas.outbox.list({ topic: ACK_TOPIC })[0]).toMatchObject({ state: 'delivered' });
    const [inZabbix] = await getProblems(admin, { eventIds: [humid.zabbixEventId!] });
    expect(inZabbix).toMatchObject({ acknowledged: true, acknowledges: [expect.objectContaining({ message: 'Acknowledged by night-shift in WARD FLUX' })] });
    expect((await unwrap(engine.api.call('alerts.get', { id: humid.id }))).events.at(-1)).toMatchObject({ comment: 'The queued acknowledgement was delivered to Zabbix.' });
  });

  it('a problem cleared in Zabbix resolves its alert at the next sync', async () => {
    const hot = byTrigger(await zabbixAlerts('active'), 'Too hot');
    await sendUntil(lab.trapperPort, values({ 'wf.temp': 10 }), async () => (await getProblems(admin, { hostIds: [hostId!] })).length === 2, 'the problem to clear in Zabbix');
    changed.length = 0;
    expect((await syncNow()).result).toEqual({ opened: 0, resolved: 1, open: 2 });
    expect(changed).toEqual(['resolved']);
    const { alert, events } = await unwrap(engine.api.call('alerts.get', { id: hot.id }));
    expect(alert).toMatchObject({ state: 'resolved', resolvedAt: expect.any(Number) as unknown });
    expect(events.map((e) => e.type)).toEqual(['firing', 'acknowledged', 'resolved']);
    expect((await zabbixAlerts('active')).map((a) => a.summary).sort()).toEqual([`Fan stopped on ${run} Sensor`, `Too humid on ${run} Sensor`]);
  });
});
