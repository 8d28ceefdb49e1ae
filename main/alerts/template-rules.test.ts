import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock } from '../../test/support/manual-clock.ts';
import { createDevicesRepo } from '../devices/devices-repo.ts';
import { createEventBus } from '../lib/event-bus.ts';
import { silentLogger } from '../lib/logger.ts';
import type { AlertNotice } from '../notifications/render.ts';
import { migrate } from '../store/database.ts';
import { createAlertEngine } from './alert-engine.ts';
import { describeCondition, templateRuleId, type TemplateAlerts } from './template-rules.ts';

const UPS = '44444444-4444-4444-8444-444444444444';
const OTHER = '55555555-5555-4555-8555-555555555555';
const dbs: Database.Database[] = [];
afterEach(() => dbs.splice(0).forEach((d) => d.close()));

function setup() {
  const db = new Database(':memory:');
  dbs.push(db);
  db.pragma('foreign_keys = ON');
  migrate(db);
  const clock = manualClock();
  const insert = db.prepare("INSERT INTO devices (id, name, address, tags, created_at, updated_at) VALUES (?, ?, ?, '[]', 0, 0)");
  insert.run(UPS, 'ups1', '198.18.1.5');
  insert.run(OTHER, 'sw1', '198.18.1.6');
  db.prepare("INSERT INTO device_templates (device_id, template_id, applied_at) VALUES (?, 'ups-mib', 0)").run(UPS);
  const notices: AlertNotice[] = [];
  const engine = createAlertEngine({
    db,
    clock,
    logger: silentLogger(),
    events: createEventBus(silentLogger()),
    devices: createDevicesRepo(db, clock),
    notices: { dispatch: (n) => (notices.push(n), 1) },
    templateMetrics: () => [{ name: 'ups_battery_charge_pct', unit: '%', description: 'Battery charge' }],
  });
  return { clock, engine, notices };
}

const ups: TemplateAlerts = {
  id: 'ups-mib',
  name: 'UPS (RFC 1628)',
  alerts: [{ key: 'battery_low', name: 'UPS battery low', severity: 'major', condition: { kind: 'threshold', metric: 'ups_battery_charge_pct', op: 'below', value: 20, recovery: 30, forSec: 60 } }],
  metrics: new Map([['ups_battery_charge_pct', { name: 'Battery charge', unit: '%' }]]),
};

describe('template alert rules', () => {
  it('are installed once, in words, scoped to the template; a user edit survives applying again', () => {
    const { engine } = setup();
    expect(engine.rules.installForTemplate(ups)).toBe(1);
    const rule = engine.rules.list().find((r) => r.id === templateRuleId('ups-mib', 'battery_low'));
    expect(rule).toMatchObject({
      name: 'UPS battery low (UPS (RFC 1628))',
      description: 'Battery charge below 20 % for 1 min (recovers above 30 %)',
      enabled: true,
      builtin: true,
      severity: 'major',
      scope: { type: 'template', templateId: 'ups-mib' },
    });
    engine.rules.update({ id: rule?.id ?? '', enabled: false, condition: { kind: 'threshold', metric: 'ups_battery_charge_pct', op: 'below', value: 15, forSec: 0 } });
    expect(engine.rules.installForTemplate(ups)).toBe(0);
    expect(engine.rules.list().find((r) => r.id === rule?.id)).toMatchObject({ enabled: false, condition: { value: 15 } });
  });

  it('fire on the devices the template is applied to, with the item named in the sentence', () => {
    const { clock, engine, notices } = setup();
    engine.rules.installForTemplate(ups);
    const s = (device: string, value: number, seriesId: number) => ({ seriesId, name: 'ups_battery_charge_pct', labels: { device }, ts: clock.now(), value });
    engine.ingestSamples([s(UPS, 12, 1), s(OTHER, 5, 2)]);
    clock.advance(61_000);
    engine.ingestSamples([s(UPS, 11, 1), s(OTHER, 5, 2)]);
    expect(notices.map((n) => [n.type, n.alert.deviceName, n.summary])).toEqual([['firing', 'ups1', 'Battery charge on ups1 is 11 % (below 20 % for 1 min)']]);
  });

  it('ids are UUIDs, stable per template and key', () => {
    expect(templateRuleId('ups-mib', 'battery_low')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(templateRuleId('ups-mib', 'battery_low')).toBe(templateRuleId('ups-mib', 'battery_low'));
    expect(templateRuleId('ups-mib', 'battery_low')).not.toBe(templateRuleId('apc', 'battery_low'));
  });

  it('conditions in words', () => {
    expect(describeCondition({ kind: 'threshold', metric: 'sensor_celsius', op: 'above', value: 45, recovery: 40, forSec: 300 }, { name: 'Temperature', unit: '°C' })).toBe('Temperature above 45 °C for 5 min (recovers below 40 °C)');
    expect(describeCondition({ kind: 'threshold', metric: 'x', op: 'above', value: 1, forSec: 0 })).toBe('x above 1');
    expect(describeCondition({ kind: 'absence', metric: 'x', forSec: 600 }, { name: 'Battery status' })).toBe('No value of Battery status for 10 min');
    const raid = { name: 'RAID status', states: { '1': 'normal', '11': 'degrade', '12': 'crashed' } };
    expect(describeCondition({ kind: 'state', metric: 'syno_raid_status', op: 'in', values: [11, 12], forSec: 0 }, raid)).toBe('RAID status is degrade (11) or crashed (12)');
    expect(describeCondition({ kind: 'state', metric: 'syno_raid_status', op: 'notIn', values: [1], forSec: 300 }, raid)).toBe('RAID status is not normal (1) for 5 min');
    expect(describeCondition({ kind: 'state', metric: 'x', op: 'notIn', values: [2, 10], forSec: 0 })).toBe('x is none of 2, 10');
  });
});
