import { describe, expect, it } from 'vitest';
import type { AvailabilityChange } from '../api/alerts.ts';
import { silentLogger } from '../lib/logger.ts';
import { createAvailability, initialAvailability, nextAvailability } from './availability.ts';
import type { SourceState } from './device-state.ts';

describe('availability transition', () => {
  it('goes down after exactly N consecutive failures and up after one good check', () => {
    let s = initialAvailability;
    const step = (ok: boolean, t: number) => {
      const r = nextAvailability(s, ok, t, 3);
      s = r.state;
      return r.change?.to ?? null;
    };
    expect(step(true, 1)).toBe('up');
    expect([step(false, 2), step(false, 3)]).toEqual([null, null]);
    expect(step(true, 4)).toBeNull(); // a good check resets the count
    expect([step(false, 5), step(false, 6), step(false, 7)]).toEqual([null, null, 'down']);
    expect(s).toEqual({ status: 'down', consecutiveFailures: 3, sinceMs: 7 });
    expect(step(false, 8)).toBeNull();
    expect(step(true, 9)).toBe('up');
    expect(() => nextAvailability(s, true, 0, 0)).toThrow(RangeError);
  });
});

function setup(saved: SourceState[] = [], icmpDownAfter = () => 2) {
  const stored = new Map<string, SourceState>(saved.map((s) => [`${s.source}|${s.deviceId}`, s]));
  const saves: number[] = [];
  const changes: AvailabilityChange[] = [];
  const machine = createAvailability({
    state: {
      save: (list) => {
        saves.push(list.length);
        for (const s of list) stored.set(`${s.source}|${s.deviceId}`, s);
      },
      ofSource: (source) => [...stored.values()].filter((s) => s.source === source),
    },
    logger: silentLogger(),
    downAfter: (source) => (source === 'icmp' ? icmpDownAfter() : Infinity),
    onChange: (c) => changes.push(c),
  });
  return { machine, stored, saves, changes };
}

describe('availability state machine (ICMP and SNMP)', () => {
  it('a device never seen up goes from unknown to down after N ICMP failures; one transaction per tick', async () => {
    const t = setup();
    expect(t.machine.observe('a', 'icmp', { answered: false, at: 1 })).toBeNull();
    t.machine.observe('a', 'icmp', { answered: false, at: 2 });
    t.machine.observe('b', 'icmp', { answered: true, at: 2, degraded: true });
    expect(t.changes).toEqual([
      { deviceId: 'a', source: 'icmp', status: 'down', atMs: 2, consecutiveFailures: 2 },
      { deviceId: 'b', source: 'icmp', status: 'up', atMs: 2, consecutiveFailures: 0 },
    ]);
    await Promise.resolve();
    expect(t.saves).toEqual([2]);
    expect(t.stored.get('icmp|b')).toMatchObject({ status: 'degraded', since: 2, lastSeenAt: 2 });
    t.machine.forget('a');
    expect(t.machine.get('a', 'icmp').status).toBe('unknown');
  });

  it('SNMP: up on any answer, timeouts only count, down when the scheduler gives up (one change), last seen kept', () => {
    const t = setup();
    t.machine.observe('d', 'snmp', { answered: true, at: 10 });
    for (let i = 1; i <= 5; i++) t.machine.observe('d', 'snmp', { answered: false, at: 10 + i });
    expect(t.machine.get('d', 'snmp')).toEqual({ status: 'up', consecutiveFailures: 5, sinceMs: 10 });
    t.machine.markDown('d', 'snmp', 20, 5);
    t.machine.markDown('d', 'snmp', 21, 6);
    expect(t.changes.map((c) => [c.status, c.atMs])).toEqual([
      ['up', 10],
      ['down', 20],
    ]);
    expect(t.machine.get('d', 'snmp')).toMatchObject({ status: 'down', sinceMs: 20 });
    t.machine.flush();
    expect(t.stored.get('snmp|d')).toMatchObject({ status: 'down', since: 20, lastSeenAt: 10 });
  });

  it('resumes from the persisted state: no second down after a restart; an unsettled ICMP count starts afresh', () => {
    const t = setup([
      { deviceId: 'a', source: 'icmp', status: 'down', since: 1, consecutiveFailures: 5, lastCheckAt: 1, lastSeenAt: null },
      { deviceId: 'b', source: 'icmp', status: 'unknown', since: null, consecutiveFailures: 1, lastCheckAt: 1, lastSeenAt: null },
      { deviceId: 'a', source: 'snmp', status: 'degraded', since: 1, consecutiveFailures: 0, lastCheckAt: 1, lastSeenAt: 1 },
    ]);
    expect(t.machine.get('a', 'icmp')).toEqual({ status: 'down', consecutiveFailures: 5, sinceMs: 1 });
    expect(t.machine.get('b', 'icmp')).toEqual(initialAvailability);
    expect(t.machine.get('a', 'snmp').status).toBe('up');
    t.machine.observe('a', 'icmp', { answered: false, at: 5 });
    t.machine.observe('b', 'icmp', { answered: false, at: 5 });
    expect(t.changes).toEqual([]);
  });

  it('reads downAfter once per tick for a whole cycle of checks, and again the next tick', async () => {
    let reads = 0;
    let setting = 3;
    const t = setup([], () => {
      reads++;
      return setting;
    });
    for (const id of ['a', 'b', 'c']) t.machine.observe(id, 'icmp', { answered: false, at: 1 });
    expect(reads).toBe(1);
    await Promise.resolve();
    setting = 2; // the setting changed: the next tick's checks use it (with 3, no change yet)
    t.machine.observe('a', 'icmp', { answered: false, at: 2 });
    expect(reads).toBe(2);
    expect(t.changes).toEqual([{ deviceId: 'a', source: 'icmp', status: 'down', atMs: 2, consecutiveFailures: 2 }]);
    t.machine.observe('b', 'icmp', { answered: false, at: 2 });
    expect([reads, t.machine.get('b', 'icmp').status]).toEqual([2, 'down']);
  });
});
