import { describe, expect, it } from 'vitest';
import type { RuleCondition } from '../api/alerts.ts';
import { createEvaluator, type EvalRule, type EvalSample } from './evaluator.ts';
import type { DeviceFacts } from './scope.ts';

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);
const MIN = 60_000;

const devices = new Map<string, DeviceFacts>([
  ['d1', { id: 'd1', name: 'core-sw1', tags: ['core'], templateIds: ['cisco-ios'], parentId: null }],
  ['d2', { id: 'd2', name: 'printer', tags: ['office'], templateIds: [], parentId: 'd1' }],
]);

function rule(condition: RuleCondition, extra: Partial<EvalRule> = {}): EvalRule {
  return { id: `r-${condition.kind}`, name: 'Rule', severity: 'major', scope: { type: 'all' }, condition, flap: { windowSec: 900, changes: 6 }, enabled: true, ...extra };
}

function setup(...rules: EvalRule[]) {
  const ev = createEvaluator({ get: (id) => devices.get(id) });
  ev.setRules(rules);
  return ev;
}

const cpu = (ts: number, value: number, device = 'd1', seriesId = 1): EvalSample => ({ seriesId, name: 'cpu_util_pct', labels: { device }, ts, value });

describe('threshold rules', () => {
  const highCpu = rule({ kind: 'threshold', metric: 'cpu_util_pct', op: 'above', value: 90, recovery: 80, forSec: 300 });

  it('fires only after the condition held for the whole duration', () => {
    const ev = setup(highCpu);
    expect(ev.samples([cpu(T0, 95)])).toEqual([]);
    expect(ev.samples([cpu(T0 + 2 * MIN, 97)])).toEqual([]);
    // A dip resets the duration.
    expect(ev.samples([cpu(T0 + 3 * MIN, 50)])).toEqual([]);
    expect(ev.samples([cpu(T0 + 4 * MIN, 95)])).toEqual([]);
    expect(ev.samples([cpu(T0 + 8 * MIN, 95)])).toEqual([]);
    const [t] = ev.samples([cpu(T0 + 9 * MIN, 96)]);
    expect(t).toMatchObject({ type: 'fire', seriesKey: 's:1', deviceId: 'd1', metric: 'cpu_util_pct', value: 96, at: T0 + 9 * MIN, flapping: false });
    expect(t?.summary).toBe('CPU on core-sw1 is at 96 % (above 90 % for 5 min)');
  });

  it('resolves only below the recovery threshold (no flapping between 80 and 90)', () => {
    const ev = setup({ ...highCpu, condition: { ...highCpu.condition, forSec: 0 } as RuleCondition });
    expect(ev.samples([cpu(T0, 91)])).toHaveLength(1);
    expect(ev.samples([cpu(T0 + MIN, 85)])).toEqual([]);
    expect(ev.samples([cpu(T0 + 2 * MIN, 89)])).toEqual([]);
    expect(ev.samples([cpu(T0 + 3 * MIN, 80)])).toEqual([]);
    const [t] = ev.samples([cpu(T0 + 4 * MIN, 79.5)]);
    expect(t).toMatchObject({ type: 'resolve', value: 79.5 });
    expect(t?.summary).toBe('CPU on core-sw1 is back to 80 %');
  });

  it('keeps one open alert per rule and series (dedup) and evaluates series separately', () => {
    const ev = setup({ ...highCpu, condition: { ...highCpu.condition, forSec: 0 } as RuleCondition });
    const out = ev.samples([cpu(T0, 95), cpu(T0 + MIN, 96), cpu(T0 + 2 * MIN, 99), cpu(T0, 95, 'd2', 2)]);
    expect(out.map((t) => [t.type, t.seriesKey])).toEqual([
      ['fire', 's:1'],
      ['fire', 's:2'],
    ]);
  });

  it('ignores late samples that arrive after newer ones', () => {
    const ev = setup({ ...highCpu, condition: { ...highCpu.condition, forSec: 0 } as RuleCondition });
    ev.samples([cpu(T0 + MIN, 10)]);
    expect(ev.samples([cpu(T0, 99)])).toEqual([]);
  });

  it('supports "below" with its recovery above', () => {
    const ev = setup(rule({ kind: 'threshold', metric: 'printer_supply_pct', op: 'below', value: 10, recovery: 20, forSec: 0 }));
    const s = (ts: number, value: number): EvalSample => ({ seriesId: 9, name: 'printer_supply_pct', labels: { device: 'd2', supply: 'black' }, ts, value });
    expect(ev.samples([s(T0, 9)])[0]?.summary).toBe('Supply black on printer is at 9 % (below 10 %)');
    expect(ev.samples([s(T0 + MIN, 15)])).toEqual([]);
    expect(ev.samples([s(T0 + 2 * MIN, 21)])[0]?.type).toBe('resolve');
  });
});

describe('scope', () => {
  it('says a disk alert as a sentence naming the storage; a metric not in the catalog keeps the expression form', () => {
    const ev = setup(
      rule({ kind: 'threshold', metric: 'disk_used_pct', op: 'above', value: 90, forSec: 0 }, { id: 'disk' }),
      rule({ kind: 'threshold', metric: 'my_custom_gauge', op: 'above', value: 5, forSec: 0 }, { id: 'custom', name: 'Custom' }),
    );
    const [disk] = ev.samples([{ seriesId: 3, name: 'disk_used_pct', labels: { device: 'd1', index: '33', storage: '/export' }, ts: T0, value: 94.24 }]);
    expect(disk?.summary).toBe('Disk /export on core-sw1 is 94 % full (above 90 %)');
    const [custom] = ev.samples([{ seriesId: 4, name: 'my_custom_gauge', labels: { device: 'd1', slot: '2' }, ts: T0, value: 7.125 }]);
    expect(custom?.summary).toBe('Custom: my_custom_gauge {slot=2} on core-sw1 is 7.13 (above 5)');
  });

  it('runs a rule only for the device, tag or template it names', () => {
    const byTag = rule({ kind: 'threshold', metric: 'cpu_util_pct', op: 'above', value: 50, forSec: 0 }, { id: 'tag', scope: { type: 'tag', tag: 'office' } });
    const byDevice = rule({ kind: 'threshold', metric: 'cpu_util_pct', op: 'above', value: 50, forSec: 0 }, { id: 'dev', scope: { type: 'device', deviceId: 'd1' } });
    const byTemplate = rule({ kind: 'threshold', metric: 'cpu_util_pct', op: 'above', value: 50, forSec: 0 }, { id: 'tpl', scope: { type: 'template', templateId: 'cisco-ios' } });
    const ev = setup(byTag, byDevice, byTemplate);
    const out = ev.samples([cpu(T0, 60, 'd1', 1), cpu(T0, 60, 'd2', 2), cpu(T0, 60, 'unknown', 3)]);
    expect(out.map((t) => `${t.rule.id}:${t.deviceId}`).sort()).toEqual(['dev:d1', 'tag:d2', 'tpl:d1']);
  });

  it('only runs rules that watch the metric of a sample (incremental index)', () => {
    const ev = setup(rule({ kind: 'threshold', metric: 'cpu_util_pct', op: 'above', value: 50, forSec: 0 }));
    expect(ev.watchedMetrics()).toEqual(['cpu_util_pct']);
    expect(ev.samples([{ seriesId: 5, name: 'if_in_bps', labels: { device: 'd1' }, ts: T0, value: 1e9 }])).toEqual([]);
  });
});

describe('rate, interface status, absence, availability', () => {
  it('rate of change: per second between consecutive samples, for a duration', () => {
    const ev = setup(rule({ kind: 'rate', metric: 'disk_used_pct', op: 'above', value: 0.01, forSec: 60 }));
    const d = (ts: number, value: number): EvalSample => ({ seriesId: 3, name: 'disk_used_pct', labels: { device: 'd1', storage: '/' }, ts, value });
    expect(ev.samples([d(T0, 50)])).toEqual([]); // no rate from one sample
    expect(ev.samples([d(T0 + MIN, 51.2)])).toEqual([]); // 0.02/s, breach starts
    const [t] = ev.samples([d(T0 + 2 * MIN, 52.4)]);
    expect(t?.type).toBe('fire');
    expect(t?.value).toBeCloseTo(0.02);
    expect(ev.samples([d(T0 + 3 * MIN, 52.4)])[0]?.type).toBe('resolve');
  });

  it('interface oper status: fires when an up interface leaves up, not for one first seen down', () => {
    const ev = setup(rule({ kind: 'oper_status', metric: 'if_oper_status' }));
    const s = (id: number, ts: number, value: number): EvalSample => ({ seriesId: id, name: 'if_oper_status', labels: { device: 'd1', interface: `Gi0/${id}` }, ts, value });
    expect(ev.samples([s(1, T0, 1), s(2, T0, 2)])).toEqual([]);
    const [down] = ev.samples([s(1, T0 + MIN, 2), s(2, T0 + MIN, 2)]);
    expect(down).toMatchObject({ type: 'fire', seriesKey: 's:1', value: 2 });
    expect(down?.summary).toBe('Interface Gi0/1 on core-sw1 is down (oper status 2)');
    expect(ev.samples([s(1, T0 + 2 * MIN, 7)])).toEqual([]);
    expect(ev.samples([s(1, T0 + 3 * MIN, 1)])[0]?.type).toBe('resolve');
  });

  it('state: fires on a state in the set (not on the others), resolves when it leaves the set, names the state', () => {
    const raid = rule({ kind: 'state', metric: 'syno_raid_status', op: 'in', values: [11, 12], forSec: 0 });
    const ev = createEvaluator({ get: (id) => devices.get(id) }, (m) => (m === 'syno_raid_status' ? { name: 'RAID status', unit: '', states: { '1': 'normal', '11': 'degrade', '12': 'crashed', '13': 'dataScrubbing' } } : undefined));
    ev.setRules([raid]);
    const s = (ts: number, value: number): EvalSample => ({ seriesId: 9, name: 'syno_raid_status', labels: { device: 'd1', raid: 'Volume 1', index: '0' }, ts, value });
    // Normal, then scrubbing (13, above 11 but not a failure): quiet.
    expect(ev.samples([s(T0, 1)])).toEqual([]);
    expect(ev.samples([s(T0 + MIN, 13)])).toEqual([]);
    const [fire] = ev.samples([s(T0 + 2 * MIN, 11)]);
    expect(fire).toMatchObject({ type: 'fire', value: 11 });
    expect(fire?.summary).toBe('RAID status Volume 1 on core-sw1 is degrade (11)');
    // Degraded to crashed: still one open alert.
    expect(ev.samples([s(T0 + 3 * MIN, 12)])).toEqual([]);
    const [back] = ev.samples([s(T0 + 4 * MIN, 1)]);
    expect(back).toMatchObject({ type: 'resolve', value: 1 });
    expect(back?.summary).toBe('RAID status Volume 1 on core-sw1 is back to normal');
  });

  it('state notIn, for a duration: fires once the value stayed outside the set that long', () => {
    const ev = setup(rule({ kind: 'state', metric: 'psu_state', op: 'notIn', values: [1, 5], forSec: 120 }));
    const s = (ts: number, value: number): EvalSample => ({ seriesId: 3, name: 'psu_state', labels: { device: 'd1', psu: 'PS1' }, ts, value });
    expect(ev.samples([s(T0, 5)])).toEqual([]); // not present: in the set
    expect(ev.samples([s(T0 + MIN, 3)])).toEqual([]);
    expect(ev.samples([s(T0 + 2 * MIN, 1)])).toEqual([]); // back before the duration: reset
    expect(ev.samples([s(T0 + 3 * MIN, 3)])).toEqual([]);
    const [t] = ev.samples([s(T0 + 5 * MIN, 3)]);
    expect(t).toMatchObject({ type: 'fire', value: 3 });
    // No words for this metric: the expression form.
    expect(t?.summary).toBe('Rule: psu_state {psu=PS1} on core-sw1 is 3 (none of 1, 5 for 2 min)');
    expect(ev.samples([s(T0 + 6 * MIN, 1)])[0]?.type).toBe('resolve');
  });

  it('absence: fires at the tick after the period without samples, resolves on the next sample', () => {
    const ev = setup(rule({ kind: 'absence', metric: 'ping_rtt_ms', forSec: 300 }));
    const s = (ts: number): EvalSample => ({ seriesId: 4, name: 'ping_rtt_ms', labels: { device: 'd1' }, ts, value: 1 });
    ev.samples([s(T0)]);
    expect(ev.tick(T0 + 299_000).transitions).toEqual([]);
    const [t] = ev.tick(T0 + 300_000).transitions;
    expect(t).toMatchObject({ type: 'fire', seriesKey: 's:4', at: T0 + 300_000 });
    expect(t?.summary).toBe('Rule: no data from ping_rtt_ms on core-sw1 for 5 min');
    expect(ev.tick(T0 + 400_000).transitions).toEqual([]);
    expect(ev.samples([s(T0 + 500_000)])[0]?.type).toBe('resolve');
  });

  it('absence: a series seen before a restart (seeded) still fires', () => {
    const ev = setup(rule({ kind: 'absence', metric: 'ping_rtt_ms', forSec: 300 }));
    ev.seedLastSeen({ seriesId: 4, name: 'ping_rtt_ms', labels: { device: 'd1' }, ts: T0 });
    expect(ev.tick(T0 + 300_000).transitions).toHaveLength(1);
  });

  it('availability: down fires once, up resolves; per source', () => {
    const ev = setup(rule({ kind: 'availability', source: 'icmp' }));
    const change = (status: 'up' | 'down', atMs: number, source: 'icmp' | 'snmp' = 'icmp') => ({ deviceId: 'd1', source, status, atMs, consecutiveFailures: status === 'down' ? 3 : 0 });
    expect(ev.availability(change('down', T0, 'snmp'))).toEqual([]);
    const [t] = ev.availability(change('down', T0));
    expect(t).toMatchObject({ type: 'fire', seriesKey: 'avail:icmp:d1', deviceId: 'd1', value: null });
    expect(t?.summary).toBe('Rule: core-sw1 does not answer ping');
    expect(ev.availability(change('down', T0 + MIN))).toEqual([]);
    expect(ev.availability(change('up', T0 + 2 * MIN))[0]?.summary).toBe('Rule: core-sw1 is reachable again');
  });

  it('restored open alerts resolve without firing again', () => {
    const ev = setup(rule({ kind: 'availability', source: 'icmp' }));
    ev.restore([{ ruleId: 'r-availability', seriesKey: 'avail:icmp:d1' }]);
    expect(ev.availability({ deviceId: 'd1', source: 'icmp', status: 'down', atMs: T0, consecutiveFailures: 2 })).toEqual([]);
    expect(ev.availability({ deviceId: 'd1', source: 'icmp', status: 'up', atMs: T0 + MIN, consecutiveFailures: 0 })[0]?.type).toBe('resolve');
  });
});

describe('flap detection', () => {
  it('marks transitions flapping once the window holds `changes` state changes, and calms with hysteresis', () => {
    const ev = setup(rule({ kind: 'availability', source: 'icmp' }, { flap: { windowSec: 600, changes: 4 } }));
    const flips: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      const [t] = ev.availability({ deviceId: 'd1', source: 'icmp', status: i % 2 === 0 ? 'down' : 'up', atMs: T0 + i * MIN, consecutiveFailures: 2 });
      flips.push(t?.flapping ?? false);
    }
    // Changes 1-3 are normal; the 4th within 10 min starts flapping; it stays flapping.
    expect(flips).toEqual([false, false, false, true, true, true]);
    // Still firing? i = 5 was 'up', so it is resolved: calming reports nothing to notify.
    expect(ev.tick(T0 + 5 * MIN + 1).calmed).toEqual([]);
    // Goes down again and stays down: calms once at most 2 changes remain in the window.
    ev.availability({ deviceId: 'd1', source: 'icmp', status: 'down', atMs: T0 + 6 * MIN, consecutiveFailures: 2 });
    expect(ev.tick(T0 + 12 * MIN).calmed).toEqual([]); // changes at 3..6 min still inside
    const { calmed } = ev.tick(T0 + 16 * MIN + 1); // only 6 min... left: <= 2
    expect(calmed).toEqual([expect.objectContaining({ seriesKey: 'avail:icmp:d1', at: T0 + 16 * MIN + 1 })]);
    const [next] = ev.availability({ deviceId: 'd1', source: 'icmp', status: 'up', atMs: T0 + 17 * MIN, consecutiveFailures: 0 });
    expect(next?.flapping).toBe(false);
  });
});
