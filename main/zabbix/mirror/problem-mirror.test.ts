import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../../test/support/manual-clock.ts';
import type { ZabbixProblem } from '../../api/zabbix.ts';
import { createAlertEngine } from '../../alerts/alert-engine.ts';
import { createAlertHandlers } from '../../alerts/alert-handlers.ts';
import { createExternalProblems } from '../../alerts/external-problems.ts';
import { createDevicesRepo } from '../../devices/devices-repo.ts';
import type { Alerts } from '../../alerts/index.ts';
import { ConflictError, ValidationError } from '../../errors.ts';
import { createEventBus } from '../../lib/event-bus.ts';
import { silentLogger } from '../../lib/logger.ts';
import { createOutbox } from '../../outbox/index.ts';
import { migrate } from '../../store/database.ts';
import { ACK_TOPIC, ackKey } from './ack-queue.ts';
import type { ZabbixClient } from '../api/client.ts';
import { ZabbixApiError, ZabbixUnavailableError } from '../api/errors.ts';
import { createProblemMirror } from './problem-mirror.ts';

const ctx = { transport: 'in-process' } as const;
const ROUTER = '11111111-1111-4111-8111-111111111111';
const SWITCH = '22222222-2222-4222-8222-222222222222';
const MIN = 60_000;
const SERVER = 'http://127.0.0.1:9/api_jsonrpc.php';

const dbs: Database.Database[] = [];
afterEach(() => dbs.splice(0).forEach((d) => d.close()));

/** A Zabbix API that records event.acknowledge calls; `mode` makes it unreachable or failing. */
function fakeZabbix() {
  const acks: { eventids: string[]; action: number; message: string }[] = [];
  const state = { mode: 'up' as 'up' | 'offline' | 'forbidden', url: SERVER };
  const client: ZabbixClient = {
    get apiUrl() {
      return state.url;
    },
    version: () => Promise.resolve({ major: 6, minor: 0, patch: 14, text: '6.0.14' }),
    authenticate: () => Promise.resolve(),
    close: () => Promise.resolve(),
    call<T>(method: string, params: unknown): Promise<T> {
      if (state.mode === 'offline') return Promise.reject(new ZabbixUnavailableError('unreachable', 'Cannot reach the Zabbix server at 127.0.0.1:9: connection refused'));
      if (method !== 'event.acknowledge') return Promise.reject(new Error(`unexpected ${method}`));
      if (state.mode === 'forbidden') return Promise.reject(new ZabbixApiError('forbidden', 'Zabbix event.acknowledge: No permissions to acknowledge', -32500, ''));
      const p = params as { eventids: string[]; action: number; message: string };
      acks.push(p);
      return Promise.resolve({ eventids: p.eventids.map(Number) } as T);
    },
  };
  return { client, acks, state };
}

function setup() {
  const db = new Database(':memory:');
  dbs.push(db);
  db.pragma('foreign_keys = ON');
  migrate(db);
  const insert = db.prepare('INSERT INTO devices (id, name, address, tags, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)');
  insert.run(ROUTER, 'edge-router', '198.18.2.1', '[]');
  insert.run(SWITCH, 'core-switch', '198.18.2.2', '[]');
  const clock = manualClock();
  const logger = silentLogger();
  const events = createEventBus(logger);
  const changed: string[] = [];
  events.subscribe((e) => {
    if (e.name === 'alert.changed') changed.push(`${e.payload.event.type}:${e.payload.alert.summary}:${e.payload.alert.state}`);
  });
  const outbox = createOutbox({ db, clock, logger, random: () => 1 });
  const zbx = fakeZabbix();
  const engine = createAlertEngine({ db, clock, logger, events, devices: createDevicesRepo(db, clock), notices: { dispatch: () => 1 } });
  const external = createExternalProblems({ db, clock, events, devices: engine.devices });
  const mirror = createProblemMirror({ clock, logger, outbox, client: () => zbx.client, external });
  const hosts: Record<string, string> = { '10101': ROUTER, '10102': SWITCH };
  const hostDevice = (hostId: string) => hosts[hostId];
  return { db, clock, events, changed, outbox, zbx, mirror, engine, hostDevice };
}

function problem(over: Partial<ZabbixProblem> & { eventId: string }): ZabbixProblem {
  return {
    triggerId: '20001',
    name: 'High ICMP ping loss',
    severity: 4,
    clock: Date.UTC(2026, 10, 24, 8, 30),
    acknowledged: false,
    suppressed: false,
    resolvedAt: null,
    hosts: [{ hostId: '10101', name: 'Edge router' }],
    tags: [],
    acknowledges: [],
    ...over,
  };
}

describe('problem mirror: sync', () => {
  it('the summary names the host unless the problem name already does', () => {
    const { mirror, hostDevice, db } = setup();
    mirror.sync([problem({ eventId: '1', name: 'Fan failure' }), problem({ eventId: '2', name: 'Too hot on Edge router' })], hostDevice);
    const rows = db.prepare<[], { summary: string }>("SELECT summary FROM alerts WHERE source = 'zabbix' ORDER BY zabbix_event_id").all();
    expect(rows.map((r) => r.summary)).toEqual(['Fan failure on Edge router', 'Too hot on Edge router']);
  });

  it('a read that hit its limit (complete: false) resolves only what it says is resolved, never what is merely absent', () => {
    const { mirror, hostDevice } = setup();
    mirror.sync([problem({ eventId: '1' }), problem({ eventId: '2' }), problem({ eventId: '3' })], hostDevice);
    expect(mirror.openCount()).toBe(3);
    // Event 2 is absent from a truncated read; event 3 is listed as resolved.
    const r = mirror.sync([problem({ eventId: '1' }), problem({ eventId: '3', resolvedAt: Date.UTC(2026, 10, 24, 9) })], hostDevice, { complete: false });
    expect(r).toEqual({ opened: 0, resolved: 1, open: 2 });
    // A complete read without event 2 resolves it.
    expect(mirror.sync([problem({ eventId: '1' })], hostDevice)).toEqual({ opened: 0, resolved: 1, open: 1 });
  });

  it('opens one firing zabbix alert per problem, linked to the device, and a second identical sync changes nothing', () => {
    const { mirror, engine, changed, hostDevice } = setup();
    const problems = [
      problem({ eventId: '501', tags: [{ tag: 'scope', value: 'availability' }, { tag: 'scope', value: 'network' }, { tag: 'class', value: 'os' }] }),
      problem({ eventId: '502', triggerId: '20002', name: 'Interface Gi0/1 down', severity: 2, hosts: [{ hostId: '10102', name: 'Core switch' }] }),
      problem({ eventId: '503', triggerId: '20003', name: 'Disk full', severity: 5, hosts: [{ hostId: '10999', name: 'Unknown host' }] }),
    ];
    expect(mirror.sync(problems, hostDevice)).toEqual({ opened: 3, resolved: 0, open: 3 });
    expect(mirror.openCount()).toBe(3);

    const { items } = engine.list({ status: 'active', source: 'zabbix', limit: 10, offset: 0 });
    const byEvent = new Map(items.map((a) => [a.zabbixEventId, a]));
    expect(byEvent.get('501')).toMatchObject({
      source: 'zabbix',
      kind: 'zabbix',
      ruleId: null,
      severity: 'major',
      state: 'firing',
      deviceId: ROUTER,
      deviceName: 'edge-router',
      summary: 'High ICMP ping loss on Edge router',
      startedAt: problems[0]!.clock,
      notified: false,
      labels: {
        zabbixServer: SERVER,
        zabbixEventId: '501',
        zabbixTriggerId: '20001',
        zabbixHostId: '10101',
        zabbixHost: 'Edge router',
        zabbixSeverity: 'High',
        'tag:class': 'os',
        'tag:scope': 'availability, network',
      },
    });
    expect(byEvent.get('502')).toMatchObject({ severity: 'warning', deviceId: SWITCH, deviceName: 'core-switch' });
    expect(byEvent.get('503')).toMatchObject({ severity: 'critical', deviceId: null, deviceName: null, summary: 'Disk full on Unknown host' });
    const history = engine.get(byEvent.get('501')!.id).events;
    expect(history).toEqual([expect.objectContaining({ type: 'firing', at: problems[0]!.clock, actor: 'Zabbix', notified: false })]);
    expect(changed).toHaveLength(3);

    // Own alerts are not in the zabbix list.
    expect(engine.list({ status: 'active', source: 'wardflux', limit: 10, offset: 0 }).total).toBe(0);

    changed.length = 0;
    expect(mirror.sync(problems, hostDevice)).toEqual({ opened: 0, resolved: 0, open: 3 });
    expect(changed).toEqual([]);
    expect(engine.get(byEvent.get('501')!.id).events).toHaveLength(1);
  });

  it('resolves problems that left Zabbix (at their resolution time when known, else now)', () => {
    const { mirror, engine, clock, changed, hostDevice } = setup();
    mirror.sync([problem({ eventId: '601' }), problem({ eventId: '602', triggerId: '20002' })], hostDevice);
    clock.advance(5 * MIN);
    const closedAt = clock.now() - MIN;
    changed.length = 0;
    expect(mirror.sync([problem({ eventId: '602', triggerId: '20002', resolvedAt: closedAt })], hostDevice)).toEqual({ opened: 0, resolved: 2, open: 0 });
    const history = engine.list({ status: 'history', source: 'zabbix', limit: 10, offset: 0 }).items;
    expect(new Map(history.map((a) => [a.zabbixEventId, a.resolvedAt]))).toEqual(
      new Map([
        ['601', clock.now()],
        ['602', closedAt],
      ]),
    );
    expect(engine.get(history[0]!.id).events.at(-1)).toMatchObject({ type: 'resolved', actor: 'Zabbix', comment: 'Resolved in Zabbix', notified: false });
    expect(changed.map((c) => c.split(':')[0])).toEqual(['resolved', 'resolved']);
    // The same problem, raised again later, is a new event: a new alert.
    expect(mirror.sync([problem({ eventId: '603' })], hostDevice)).toEqual({ opened: 1, resolved: 0, open: 1 });
  });

  it("copies Zabbix's acknowledgement (message and time) and an unacknowledge made after it", () => {
    const { mirror, engine, clock, hostDevice, changed } = setup();
    mirror.sync([problem({ eventId: '701' })], hostDevice);
    const ackAt = clock.now() + 30_000;
    const acked = problem({ eventId: '701', acknowledged: true, acknowledges: [{ clock: ackAt, message: 'Looking at it', action: 6 }] });
    clock.advance(MIN);
    changed.length = 0;
    mirror.sync([acked], hostDevice);
    const [alert] = engine.list({ status: 'active', source: 'zabbix', limit: 10, offset: 0 }).items;
    expect(alert).toMatchObject({ state: 'acknowledged', acknowledgedAt: ackAt, acknowledgedBy: 'Zabbix', ackComment: 'Looking at it' });
    expect(changed).toEqual(['acknowledged:High ICMP ping loss on Edge router:acknowledged']);
    changed.length = 0;
    mirror.sync([acked], hostDevice);
    expect(changed).toEqual([]);

    const unackAt = ackAt + 60_000;
    mirror.sync([problem({ eventId: '701', acknowledged: false, acknowledges: [...acked.acknowledges, { clock: unackAt, message: 'Not mine', action: 20 }] })], hostDevice);
    expect(engine.get(alert!.id)).toMatchObject({
      alert: { state: 'firing', acknowledgedAt: null, acknowledgedBy: null },
      events: [
        expect.objectContaining({ type: 'firing' }),
        expect.objectContaining({ type: 'acknowledged', at: ackAt }),
        expect.objectContaining({ type: 'comment', at: unackAt, comment: 'Unacknowledged in Zabbix: Not mine' }),
      ],
    });
  });

  it('a problem already acknowledged when first seen fires and is acknowledged in the same sync', () => {
    const { mirror, engine, hostDevice, changed } = setup();
    const p = problem({ eventId: '711', acknowledged: true, acknowledges: [{ clock: Date.UTC(2026, 10, 24, 8, 40), message: '', action: 2 }] });
    mirror.sync([p], hostDevice);
    expect(changed.map((c) => c.split(':')[0])).toEqual(['firing', 'acknowledged']);
    expect(engine.list({ status: 'active', limit: 10, offset: 0 }).items[0]).toMatchObject({ state: 'acknowledged', ackComment: null, acknowledgedAt: p.acknowledges[0]!.clock });
  });

  it('records what Zabbix changed on an open problem (severity, host link, suppression)', () => {
    const { mirror, engine, hostDevice } = setup();
    mirror.sync([problem({ eventId: '801', hosts: [{ hostId: '10999', name: 'New host' }] })], hostDevice);
    const changedHosts = (id: string) => (id === '10999' ? SWITCH : undefined);
    mirror.sync([problem({ eventId: '801', severity: 5, suppressed: true, hosts: [{ hostId: '10999', name: 'New host' }] })], changedHosts);
    const [alert] = engine.list({ status: 'active', limit: 10, offset: 0 }).items;
    expect(alert).toMatchObject({ severity: 'critical', deviceId: SWITCH, suppressedBy: 'maintenance' });
    expect(engine.get(alert!.id).events.at(-1)?.comment).toBe(
      'Updated from Zabbix: severity major → critical; linked to device core-switch; suppressed in Zabbix (maintenance)',
    );
  });

  it('closeAll resolves every open mirrored alert with the reason; own alerts stay', () => {
    const { mirror, engine, hostDevice, clock } = setup();
    engine.ingestAvailability({ deviceId: ROUTER, source: 'icmp', status: 'down', atMs: clock.now(), consecutiveFailures: 2 });
    engine.ingestAvailability({ deviceId: ROUTER, source: 'icmp', status: 'down', atMs: clock.now(), consecutiveFailures: 3 });
    mirror.sync([problem({ eventId: '901' }), problem({ eventId: '902', triggerId: '20002' })], hostDevice);
    const own = engine.list({ status: 'active', source: 'wardflux', limit: 10, offset: 0 });
    expect(own.total).toBe(1);
    mirror.closeAll('Zabbix mode off');
    expect(mirror.openCount()).toBe(0);
    const closed = engine.list({ status: 'history', source: 'zabbix', limit: 10, offset: 0 }).items;
    expect(closed.map((a) => engine.get(a.id).events.at(-1))).toEqual([
      expect.objectContaining({ type: 'resolved', actor: 'system', comment: 'Zabbix mode off' }),
      expect.objectContaining({ type: 'resolved', actor: 'system', comment: 'Zabbix mode off' }),
    ]);
    expect(engine.list({ status: 'active', limit: 10, offset: 0 }).items.map((a) => a.id)).toEqual(own.items.map((a) => a.id));
  });

  it('the alert engine never evaluates, resolves or notifies mirrored alerts (restart, tick, rule changes)', () => {
    const { db, clock, mirror, engine, hostDevice, events } = setup();
    mirror.sync([problem({ eventId: '951' })], hostDevice);
    const notices: unknown[] = [];
    // A restarted engine restores only rule alerts.
    const restarted = createAlertEngine({ db, clock, logger: silentLogger(), events, devices: createDevicesRepo(db, clock), notices: { dispatch: (n) => (notices.push(n), 1) } });
    clock.advance(60 * MIN);
    restarted.tick();
    for (const rule of restarted.rules.list()) restarted.rules.update({ id: rule.id, enabled: false });
    engine.tick();
    expect(mirror.openCount()).toBe(1);
    expect(notices).toEqual([]);
    // Deleting the device closes its alerts, mirrored ones included.
    engine.closeDeviceAlerts(ROUTER);
    expect(mirror.openCount()).toBe(0);
  });
});

describe('problem mirror: acknowledge', () => {
  it('acknowledges exactly that event in Zabbix, then the local alert; twice or resolved is a conflict', async () => {
    const { mirror, engine, zbx, hostDevice, changed } = setup();
    mirror.sync([problem({ eventId: '1001' }), problem({ eventId: '1002', triggerId: '20002' })], hostDevice);
    const target = engine.list({ status: 'active', limit: 10, offset: 0 }).items.find((a) => a.zabbixEventId === '1001')!;
    changed.length = 0;

    const acked = await mirror.acknowledge(target.id, 'alice', undefined);
    expect(zbx.acks).toEqual([{ eventids: ['1001'], action: 6, message: 'Acknowledged by alice in WARD FLUX' }]);
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'alice', ackComment: null });
    expect(changed).toEqual(['acknowledged:High ICMP ping loss on Edge router:acknowledged']);

    await expect(mirror.acknowledge(target.id, 'bob', 'me too')).rejects.toThrow(new ConflictError('This alert was already acknowledged by alice.'));
    const other = engine.list({ status: 'active', limit: 10, offset: 0 }).items.find((a) => a.zabbixEventId === '1002')!;
    await mirror.acknowledge(other.id, 'bob', 'Fan replaced');
    expect(zbx.acks.at(-1)).toEqual({ eventids: ['1002'], action: 6, message: 'Fan replaced' });

    // Zabbix now reports both acknowledged: nothing changes locally.
    changed.length = 0;
    mirror.sync(
      [problem({ eventId: '1001', acknowledged: true, acknowledges: [{ clock: 1, message: 'x', action: 6 }] }), problem({ eventId: '1002', triggerId: '20002', acknowledged: true })],
      hostDevice,
    );
    expect(changed).toEqual([]);
    mirror.sync([], hostDevice);
    await expect(mirror.acknowledge(target.id, 'bob', undefined)).rejects.toThrow(new ConflictError('This alert is already resolved; there is nothing to acknowledge.'));
    expect(zbx.acks).toHaveLength(2);
  });

  it('other Zabbix errors propagate and leave the alert firing; an alert of its own is refused', async () => {
    const { mirror, engine, zbx, hostDevice, clock } = setup();
    mirror.sync([problem({ eventId: '1101' })], hostDevice);
    const [alert] = engine.list({ status: 'active', limit: 10, offset: 0 }).items;
    zbx.state.mode = 'forbidden';
    await expect(mirror.acknowledge(alert!.id, 'alice', undefined)).rejects.toThrow(/No permissions to acknowledge/);
    expect(engine.get(alert!.id).alert.state).toBe('firing');

    engine.ingestAvailability({ deviceId: SWITCH, source: 'icmp', status: 'down', atMs: clock.now(), consecutiveFailures: 2 });
    engine.ingestAvailability({ deviceId: SWITCH, source: 'icmp', status: 'down', atMs: clock.now(), consecutiveFailures: 3 });
    const own = engine.list({ status: 'active', source: 'wardflux', limit: 10, offset: 0 }).items[0]!;
    await expect(mirror.acknowledge(own.id, 'alice', undefined)).rejects.toBeInstanceOf(ValidationError);
  });

  it('offline: queued in the outbox, acknowledged locally with a note, delivered once the server answers', async () => {
    const { mirror, engine, zbx, hostDevice, outbox, clock } = setup();
    const p = problem({ eventId: '1201' });
    mirror.sync([p], hostDevice);
    const [alert] = engine.list({ status: 'active', limit: 10, offset: 0 }).items;
    zbx.state.mode = 'offline';

    const acked = await mirror.acknowledge(alert!.id, 'alice', 'On my way');
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'alice', ackComment: 'On my way' });
    expect(engine.get(alert!.id).events.slice(1)).toEqual([
      expect.objectContaining({ type: 'acknowledged', actor: 'alice', comment: 'On my way' }),
      expect.objectContaining({ type: 'comment', actor: 'system', comment: expect.stringMatching(/acknowledgement is queued/) as unknown }),
    ]);
    expect(outbox.list({ topic: ACK_TOPIC })).toEqual([expect.objectContaining({ idempotencyKey: ackKey('1201', acked.acknowledgedAt!, SERVER), state: 'pending' })]);

    // Still offline: the delivery fails and waits for a retry.
    await outbox.runDue();
    expect(outbox.list({ topic: ACK_TOPIC })[0]).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringMatching(/Cannot reach/) as unknown });
    expect(zbx.acks).toEqual([]);

    // Back: a fresh sync (Zabbix still says unacknowledged) keeps the local acknowledgement and makes the queued one due now.
    zbx.state.mode = 'up';
    mirror.sync([p], hostDevice);
    expect(engine.get(alert!.id).alert.state).toBe('acknowledged');
    expect(outbox.list({ topic: ACK_TOPIC })[0]!.nextAttemptAt).toBeLessThanOrEqual(clock.now());
    await outbox.runDue();
    expect(outbox.list({ topic: ACK_TOPIC })[0]).toMatchObject({ state: 'delivered' });
    expect(zbx.acks).toEqual([{ eventids: ['1201'], action: 6, message: 'On my way' }]);
    expect(engine.get(alert!.id).events.at(-1)).toMatchObject({ comment: 'The queued acknowledgement was delivered to Zabbix.' });
  });

  it('an event acknowledged again offline, after Zabbix unacknowledged the first delivery, is queued again (not dropped as a replay)', async () => {
    const { mirror, engine, zbx, hostDevice, outbox, clock } = setup();
    const p = problem({ eventId: '1221' });
    mirror.sync([p], hostDevice);
    const [alert] = engine.list({ status: 'active', limit: 10, offset: 0 }).items;
    zbx.state.mode = 'offline';
    await mirror.acknowledge(alert!.id, 'alice', 'first');
    zbx.state.mode = 'up';
    await outbox.runDue();
    expect(zbx.acks.map((a) => a.message)).toEqual(['first']);

    // Someone unacknowledges in Zabbix; the next sync makes the alert fire again.
    clock.advance(MIN);
    mirror.sync([{ ...p, acknowledges: [{ clock: clock.now(), message: 'not fixed', action: 16 }] }], hostDevice);
    expect(engine.get(alert!.id).alert.state).toBe('firing');

    clock.advance(MIN);
    zbx.state.mode = 'offline';
    const again = await mirror.acknowledge(alert!.id, 'bob', 'second');
    expect(outbox.list({ topic: ACK_TOPIC, state: 'pending' })).toEqual([expect.objectContaining({ idempotencyKey: ackKey('1221', again.acknowledgedAt!, SERVER) })]);
    zbx.state.mode = 'up';
    await outbox.runDue();
    expect(zbx.acks.map((a) => a.message)).toEqual(['first', 'second']);
  });

  it('never acknowledges on another server: queued for the server the problem came from while the config points elsewhere', async () => {
    const { mirror, engine, zbx, hostDevice, outbox } = setup();
    const p = problem({ eventId: '1251' });
    mirror.sync([p], hostDevice);
    const [alert] = engine.list({ status: 'active', limit: 10, offset: 0 }).items;
    zbx.state.url = 'http://127.0.0.1:10/api_jsonrpc.php';

    await mirror.acknowledge(alert!.id, 'alice', undefined);
    expect(zbx.acks).toEqual([]);
    expect(engine.get(alert!.id).events.at(-1)?.comment).toBe(
      `Zabbix is configured at http://127.0.0.1:10/api_jsonrpc.php now, not at ${SERVER} where this problem was raised: the acknowledgement is queued for that server.`,
    );
    await outbox.runDue();
    expect(outbox.list({ topic: ACK_TOPIC })[0]).toMatchObject({ state: 'pending', attempts: 1, lastError: expect.stringMatching(/waits for that server/) as unknown });
    expect(zbx.acks).toEqual([]);

    // A fresh sync from the other server does not make it due; one from its own server does.
    mirror.sync([], hostDevice);
    const waiting = outbox.list({ topic: ACK_TOPIC })[0]!;
    expect(waiting.attempts).toBe(1);
    zbx.state.url = SERVER;
    mirror.sync([], hostDevice);
    await outbox.runDue();
    expect(outbox.list({ topic: ACK_TOPIC })[0]).toMatchObject({ state: 'delivered' });
    expect(zbx.acks).toEqual([{ eventids: ['1251'], action: 6, message: 'Acknowledged by alice in WARD FLUX' }]);
  });

  it('a queued acknowledgement Zabbix rejects goes dead at once, with a note on the alert', async () => {
    const { mirror, engine, zbx, hostDevice, outbox } = setup();
    mirror.sync([problem({ eventId: '1301' })], hostDevice);
    const [alert] = engine.list({ status: 'active', limit: 10, offset: 0 }).items;
    zbx.state.mode = 'offline';
    await mirror.acknowledge(alert!.id, 'alice', undefined);
    zbx.state.mode = 'forbidden';
    await outbox.runDue();
    expect(outbox.list({ topic: ACK_TOPIC })[0]).toMatchObject({ state: 'dead', attempts: 1 });
    expect(engine.get(alert!.id).events.at(-1)?.comment).toMatch(/^Zabbix refused the queued acknowledgement: .*No permissions/);
  });
});

describe('alerts.acknowledge routing', () => {
  it('sends Zabbix-sourced alerts to the problem mirror and the others to the engine', async () => {
    const { mirror, engine, zbx, hostDevice, clock } = setup();
    mirror.sync([problem({ eventId: '1401' })], hostDevice);
    engine.ingestAvailability({ deviceId: SWITCH, source: 'icmp', status: 'down', atMs: clock.now(), consecutiveFailures: 2 });
    engine.ingestAvailability({ deviceId: SWITCH, source: 'icmp', status: 'down', atMs: clock.now(), consecutiveFailures: 3 });
    const alerts = { engine, notifier: {}, services: [] } as unknown as Alerts;
    const handlers = createAlertHandlers({ alerts, zabbixAck: mirror.acknowledge });
    const items = engine.list({ status: 'active', limit: 10, offset: 0 }).items;
    const zabbix = items.find((a) => a.source === 'zabbix')!;
    const own = items.find((a) => a.source === 'wardflux')!;

    expect(await handlers['alerts.acknowledge']({ id: zabbix.id, by: 'alice' }, ctx)).toMatchObject({ state: 'acknowledged' });
    expect(zbx.acks.map((a) => a.eventids)).toEqual([['1401']]);
    expect(await handlers['alerts.acknowledge']({ id: own.id, by: 'alice' }, ctx)).toMatchObject({ state: 'acknowledged' });
    expect(zbx.acks).toHaveLength(1);

    const without = createAlertHandlers({ alerts });
    mirror.sync([problem({ eventId: '1402', triggerId: '20009' })], hostDevice);
    const second = engine.list({ status: 'active', source: 'zabbix', limit: 10, offset: 0 }).items.find((a) => a.zabbixEventId === '1402')!;
    expect(() => without['alerts.acknowledge']({ id: second.id, by: 'alice' }, ctx)).toThrow(ValidationError);
  });
});
