import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../test/support/manual-clock.ts';
import type { AvailabilityChange } from '../api/alerts.ts';
import { AppError } from '../errors.ts';
import { createEventBus } from '../lib/event-bus.ts';
import { silentLogger } from '../lib/logger.ts';
import type { AlertNotice } from '../notifications/render.ts';
import { migrate } from '../store/database.ts';
import { createDevicesRepo } from '../devices/devices-repo.ts';
import { createAlertEngine } from './alert-engine.ts';

const MIN = 60_000;
const ROUTER = '11111111-1111-4111-8111-111111111111';
const SWITCH = '22222222-2222-4222-8222-222222222222';
const PRINTER = '33333333-3333-4333-8333-333333333333';
const DEVICE_DOWN_RULE = '00000000-0000-4000-8000-00000000a001';

const dbs: Database.Database[] = [];
afterEach(() => dbs.splice(0).forEach((d) => d.close()));

function setup() {
  const db = new Database(':memory:');
  dbs.push(db);
  db.pragma('foreign_keys = ON');
  migrate(db);
  const clock = manualClock();
  const insert = db.prepare("INSERT INTO devices (id, name, address, tags, created_at, updated_at) VALUES (?, ?, ?, ?, 0, 0)");
  insert.run(ROUTER, 'router', '198.18.1.1', '["core"]');
  insert.run(SWITCH, 'switch', '198.18.1.2', '["core"]');
  insert.run(PRINTER, 'printer', '198.18.1.3', '["office"]');
  const notices: AlertNotice[] = [];
  const events = createEventBus(silentLogger());
  const changed: string[] = [];
  events.subscribe((e) => {
    if (e.name === 'alert.changed') changed.push(`${e.payload.event.type}:${e.payload.alert.deviceName}`);
  });
  const engine = createAlertEngine({ db, clock, logger: silentLogger(), events, devices: createDevicesRepo(db, clock), notices: { dispatch: (n) => (notices.push(n), 1) } });
  const avail = (deviceId: string, status: 'up' | 'down'): AvailabilityChange => ({ deviceId, source: 'icmp', status, atMs: clock.now(), consecutiveFailures: status === 'down' ? 2 : 0 });
  const sent = () => notices.map((n) => `${n.type}:${n.alert.deviceName}`);
  return { db, clock, engine, notices, sent, avail, changed };
}

describe('alert engine', () => {
  it('ships the default rules, enabled', () => {
    const { engine } = setup();
    expect(engine.rules.list().map((r) => [r.name, r.enabled, r.condition.kind])).toEqual([
      ['Device down', true, 'availability'],
      ['Disk almost full', true, 'threshold'],
      ['High CPU', true, 'threshold'],
      ['High latency', true, 'threshold'],
      ['Interface down', true, 'oper_status'],
      ['Interface errors', true, 'threshold'],
      ['Packet loss', true, 'threshold'],
    ]);
  });

  it('default loss and latency rules fire on the windowed ICMP series, recover with a dead band, and stay deleted', () => {
    const { db, engine, clock, sent } = setup();
    const s = (seriesId: number, name: string, value: number) => ({ seriesId, name, labels: { device: ROUTER }, ts: clock.now(), value });
    // A 20 % lossy link: windowed loss around 20 fires "Packet loss" at once; 7 % (dead band) keeps it; 4 % resolves it.
    engine.ingestSamples([s(1, 'ping_loss_pct_5m', 3.3)]);
    expect(sent()).toEqual([]);
    clock.advance(MIN);
    engine.ingestSamples([s(1, 'ping_loss_pct_5m', 19.6)]);
    expect(engine.list({ status: 'active', limit: 10, offset: 0 }).items[0]).toMatchObject({ ruleName: 'Packet loss', severity: 'major', deviceName: 'router' });
    clock.advance(MIN);
    engine.ingestSamples([s(1, 'ping_loss_pct_5m', 7)]);
    expect(sent()).toEqual(['firing:router']);
    clock.advance(MIN);
    engine.ingestSamples([s(1, 'ping_loss_pct_5m', 4)]);
    expect(sent()).toEqual(['firing:router', 'resolved:router']);
    clock.advance(MIN);
    engine.ingestSamples([s(2, 'ping_rtt_ms_5m', 250)]);
    expect(engine.list({ status: 'active', limit: 10, offset: 0 }).items[0]).toMatchObject({ ruleName: 'High latency', severity: 'minor' });
    // Deleted by the user: migrating again (every start) does not bring it back.
    const loss = engine.rules.list().find((r) => r.name === 'Packet loss');
    expect(loss).toMatchObject({ builtin: true, condition: { metric: 'ping_loss_pct_5m', value: 10, recovery: 5 } });
    engine.rules.delete(loss?.id ?? '');
    migrate(db);
    expect(engine.rules.list().map((r) => r.name)).not.toContain('Packet loss');
  });

  it('records a firing alert, notifies it, dedups, and notifies the resolution', () => {
    const { engine, clock, avail, sent, changed } = setup();
    engine.ingestAvailability(avail(ROUTER, 'down'));
    clock.advance(MIN);
    engine.ingestAvailability(avail(ROUTER, 'down'));
    const active = engine.list({ status: 'active', limit: 10, offset: 0 });
    expect(active.total).toBe(1);
    expect(active.items[0]).toMatchObject({ ruleId: DEVICE_DOWN_RULE, state: 'firing', severity: 'critical', deviceName: 'router', summary: 'Device down: router does not answer ping', notified: true });
    clock.advance(MIN);
    engine.ingestAvailability(avail(ROUTER, 'up'));
    expect(sent()).toEqual(['firing:router', 'resolved:router']);
    expect(changed).toEqual(['firing:router', 'resolved:router']);
    const [alert] = engine.list({ status: 'history', limit: 10, offset: 0 }).items;
    expect(alert).toMatchObject({ state: 'resolved', resolvedAt: clock.now() });
    expect(engine.get(alert?.id ?? '').events.map((e) => e.type)).toEqual(['firing', 'resolved']);
  });

  it('acknowledges with who/when/comment, refuses a second acknowledgement, keeps comments', () => {
    const { engine, clock, avail, sent } = setup();
    engine.ingestAvailability(avail(ROUTER, 'down'));
    const id = engine.list({ status: 'active', limit: 1, offset: 0 }).items[0]?.id ?? '';
    clock.advance(5 * MIN);
    const acked = engine.acknowledge(id, 'alice', 'on my way');
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledgedBy: 'alice', acknowledgedAt: clock.now(), ackComment: 'on my way' });
    expect(() => engine.acknowledge(id, 'bob')).toThrow(/already acknowledged by alice/);
    engine.comment(id, 'bob', 'fibre cut upstream');
    clock.advance(MIN);
    engine.ingestAvailability(avail(ROUTER, 'up'));
    expect(engine.get(id).events.map((e) => `${e.type}:${e.actor ?? ''}:${e.comment ?? ''}`)).toEqual([
      'firing::',
      'acknowledged:alice:on my way',
      'comment:bob:fibre cut upstream',
      'resolved::',
    ]);
    expect(sent()).toEqual(['firing:router', 'acknowledged:router', 'resolved:router']);
    expect(() => engine.acknowledge(id, 'bob')).toThrow(/already resolved/);
  });

  it('dependencies: a child down while its parent is down is caused by the parent and not notified', () => {
    const { engine, clock, avail, sent } = setup();
    engine.devices.setParent(SWITCH, ROUTER);
    engine.devices.setParent(PRINTER, SWITCH);
    expect(() => engine.devices.setParent(ROUTER, PRINTER)).toThrow(/loop/);
    engine.ingestAvailability(avail(ROUTER, 'down'));
    const routerAlert = engine.list({ status: 'active', limit: 10, offset: 0 }).items[0];
    clock.advance(1000);
    engine.ingestAvailability(avail(SWITCH, 'down'));
    engine.ingestAvailability(avail(PRINTER, 'down')); // grandchild: explained by the router too
    const active = engine.list({ status: 'active', limit: 10, offset: 0 }).items;
    const byName = Object.fromEntries(active.map((a) => [a.deviceName, a]));
    expect(byName.switch).toMatchObject({ suppressedBy: 'dependency', causedBy: routerAlert?.id, notified: false });
    expect(byName.printer).toMatchObject({ suppressedBy: 'dependency', causedBy: routerAlert?.id, notified: false });
    expect(sent()).toEqual(['firing:router']);
    // The child's resolution is not notified either; the parent's is.
    clock.advance(MIN);
    engine.ingestAvailability(avail(ROUTER, 'up'));
    engine.ingestAvailability(avail(SWITCH, 'up'));
    expect(sent()).toEqual(['firing:router', 'resolved:router']);
    // With the parent up, the child's own outage is notified.
    clock.advance(MIN);
    engine.ingestAvailability(avail(PRINTER, 'up'));
    engine.ingestAvailability(avail(SWITCH, 'down'));
    expect(sent()).toEqual(['firing:router', 'resolved:router', 'firing:switch']);
  });

  it('maintenance: suppresses notifications inside the window but keeps the history', () => {
    const { engine, clock, avail, sent } = setup();
    const now = clock.now();
    engine.maintenance.create({ name: 'Router swap', enabled: true, scope: { type: 'device', deviceId: ROUTER }, schedule: { kind: 'once', startsAt: now, endsAt: now + 30 * MIN } });
    engine.ingestAvailability(avail(ROUTER, 'down'));
    engine.ingestAvailability(avail(SWITCH, 'down')); // not in the window's scope
    clock.advance(10 * MIN);
    engine.ingestAvailability(avail(ROUTER, 'up'));
    expect(sent()).toEqual(['firing:switch']);
    const [hist] = engine.list({ status: 'history', limit: 10, offset: 0 }).items;
    expect(hist).toMatchObject({ deviceName: 'router', suppressedBy: 'maintenance', notified: false });
    expect(engine.get(hist?.id ?? '').events.map((e) => [e.type, e.suppressedBy])).toEqual([
      ['firing', 'maintenance'],
      ['resolved', 'maintenance'],
    ]);
    // After the window: notified again.
    clock.advance(30 * MIN);
    engine.ingestAvailability(avail(ROUTER, 'down'));
    expect(sent()).toEqual(['firing:switch', 'firing:router']);
  });

  it('maintenance: a recurring cron window suppresses only while an occurrence lasts', () => {
    const { engine, clock, avail, sent } = setup();
    clock.set(Date.UTC(2026, 10, 28, 21, 59)); // Saturday 21:59 UTC
    const w = engine.maintenance.create({ name: 'Saturday night', enabled: true, scope: { type: 'tag', tag: 'core' }, schedule: { kind: 'recurring', cron: '0 22 * * 6', durationMin: 120, timezone: 'UTC' } });
    expect(w.active).toBe(false);
    clock.advance(MIN);
    expect(engine.maintenance.list()[0]?.active).toBe(true);
    engine.ingestAvailability(avail(ROUTER, 'down'));
    engine.ingestAvailability(avail(PRINTER, 'down')); // tag office: not covered
    expect(sent()).toEqual(['firing:printer']);
    clock.advance(120 * MIN);
    engine.ingestAvailability(avail(SWITCH, 'down'));
    expect(sent()).toEqual(['firing:printer', 'firing:switch']);
    expect(() => engine.maintenance.create({ name: 'bad', enabled: true, scope: { type: 'all' }, schedule: { kind: 'recurring', cron: '0 25 * * *', durationMin: 10, timezone: 'UTC' } })).toThrow(
      /Invalid cron expression "0 25 \* \* \*"/,
    );
  });

  it('flapping: holds notifications while a series oscillates, then notifies once it calms down firing', () => {
    const { engine, clock, avail, sent, db } = setup();
    engine.rules.update({ id: DEVICE_DOWN_RULE, flap: { windowSec: 600, changes: 4 } });
    for (let i = 0; i < 7; i++) {
      engine.ingestAvailability(avail(ROUTER, i % 2 === 0 ? 'down' : 'up'));
      clock.advance(MIN);
    }
    // 1 down, 2 up, 3 down notified; from the 4th change on, held. Ends down (i = 6).
    expect(sent()).toEqual(['firing:router', 'resolved:router', 'firing:router']);
    const open = engine.list({ status: 'active', limit: 10, offset: 0 }).items[0];
    expect(open).toMatchObject({ flapping: true, suppressedBy: 'flapping', notified: false });
    expect(db.prepare('SELECT count(*) AS n FROM alerts').get()).toEqual({ n: 4 });
    clock.advance(9 * MIN);
    engine.tick();
    expect(sent()).toEqual(['firing:router', 'resolved:router', 'firing:router', 'firing:router']);
    expect(engine.get(open?.id ?? '').alert).toMatchObject({ flapping: false, suppressedBy: null, notified: true });
  });

  it('threshold rule through samples: duration, recovery, incremental by metric', () => {
    const { engine, clock, sent } = setup();
    const s = (value: number) => ({ seriesId: 7, name: 'cpu_util_pct', labels: { device: SWITCH }, ts: clock.now(), value });
    for (let i = 0; i <= 5; i++) {
      engine.ingestSamples([s(95)]);
      clock.advance(MIN);
    }
    expect(sent()).toEqual(['firing:switch']);
    engine.ingestSamples([s(85)]);
    clock.advance(MIN);
    engine.ingestSamples([s(70)]);
    expect(sent()).toEqual(['firing:switch', 'resolved:switch']);
  });

  it('rules: a metric nobody writes is refused with suggestions; deleting a rule resolves its alerts', () => {
    const { engine, avail } = setup();
    let err: unknown;
    try {
      engine.rules.create({ name: 'typo', description: '', enabled: true, severity: 'minor', scope: { type: 'all' }, condition: { kind: 'threshold', metric: 'cpu_utl_pct', op: 'above', value: 1, forSec: 0 }, flap: { windowSec: 900, changes: 6 } });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/^Unknown metric "cpu_utl_pct": .* Did you mean "cpu_util_pct"/);
    engine.ingestAvailability(avail(ROUTER, 'down'));
    engine.rules.delete(DEVICE_DOWN_RULE);
    const [a] = engine.list({ status: 'history', limit: 1, offset: 0 }).items;
    expect(a).toMatchObject({ state: 'resolved', ruleId: null, ruleName: 'Device down' });
  });
});
