import { describe, expect, it } from 'vitest';
import { busiestInterfaces, filterInterfaces, interfacesOf, nextSort, sortInterfaces, type InterfaceRow } from './interface-table.ts';

const row = (name: string, r: Partial<InterfaceRow> = {}): InterfaceRow => ({ name, ...r });

describe('interfacesOf', () => {
  it('one row per interface with admin and oper status, alias, speed and rates; a zero is a value', () => {
    const s = (name: string, iface: string, v: number | null, alias?: string) => ({ name, labels: { device: 'd', interface: iface, ...(alias ? { alias } : {}) }, lastTs: 5, lastValue: v });
    const rows = interfacesOf([s('if_admin_status', 'Gi1/0/10', 2), s('if_oper_status', 'Gi1/0/2', 1, 'uplink'), s('if_in_bps', 'Gi1/0/2', 0), s('if_speed_bps', 'Gi1/0/2', 1e9), s('if_out_bps', 'Gi1/0/2', null), s('ping_rtt_ms', '', 1)]);
    expect(rows.map((r) => r.name)).toEqual(['Gi1/0/2', 'Gi1/0/10']);
    expect(rows[0]).toEqual({ name: 'Gi1/0/2', alias: 'uplink', oper: 1, inBps: 0, speedBps: 1e9, lastTs: 5 });
    expect(rows[1]).toMatchObject({ admin: 2 });
  });
});

describe('busiestInterfaces', () => {
  const rows = [
    row('Gi1/0/1', { oper: 2, inBps: 9e9 }), // down: its last figure is old
    row('Gi1/0/2', { oper: 1, inBps: 1e6, outBps: 1e6 }),
    row('Gi1/0/3', { oper: 1, inBps: 400e6, outBps: 20e6 }),
    row('Gi1/0/4', { oper: 1, inBps: 0, outBps: 0 }),
    row('Gi1/0/5', { oper: 1, inBps: 50e6, outBps: 60e6 }),
    row('Gi1/0/6', { oper: 1, inBps: 5e3 }),
    row('Gi1/0/7', {}),
  ];

  it('the busiest up ports by recent traffic, not the first by name; never a down port', () => {
    expect(busiestInterfaces(rows, 3)).toEqual(['Gi1/0/3', 'Gi1/0/5', 'Gi1/0/2']);
    expect(busiestInterfaces(rows, 10)).toEqual(['Gi1/0/3', 'Gi1/0/5', 'Gi1/0/2', 'Gi1/0/6']);
  });

  it('silent ports that are up fill in only when nothing carries traffic; nothing up, nothing chosen', () => {
    expect(busiestInterfaces([row('b', { oper: 1 }), row('a', { oper: 1, inBps: 0 }), row('c', { oper: 2 })], 4)).toEqual(['a', 'b']);
    expect(busiestInterfaces([row('a', { oper: 2 }), row('b')], 4)).toEqual([]);
  });

  it('equal traffic: the higher utilisation first', () => {
    expect(busiestInterfaces([row('fast', { oper: 1, inBps: 1e6, speedBps: 1e9, inUtil: 0.1 }), row('slow', { oper: 1, inBps: 1e6, speedBps: 1e7, inUtil: 10 })], 2)).toEqual(['slow', 'fast']);
  });
});

describe('filter and sort', () => {
  const rows = [row('Gi1/0/1', { alias: 'Uplink to core', oper: 1, admin: 1, inBps: 5, speedBps: 1e9 }), row('Gi1/0/2', { oper: 2, admin: 2 }), row('Gi1/0/10', { alias: 'printer', oper: 1, admin: 1, inBps: 50, speedBps: 1e8 }), row('Vlan1')];

  it('filters by name or alias, every word, any case', () => {
    expect(filterInterfaces(rows, 'uplink').map((r) => r.name)).toEqual(['Gi1/0/1']);
    expect(filterInterfaces(rows, 'gi1/0/1').map((r) => r.name)).toEqual(['Gi1/0/1', 'Gi1/0/10']);
    expect(filterInterfaces(rows, 'GI PRINT').map((r) => r.name)).toEqual(['Gi1/0/10']);
    expect(filterInterfaces(rows, '  ')).toHaveLength(4);
  });

  it('sorts by figures with unmeasured rows last either way, by status up first', () => {
    expect(sortInterfaces(rows, { key: 'in', dir: 'desc' }).map((r) => r.name)).toEqual(['Gi1/0/10', 'Gi1/0/1', 'Gi1/0/2', 'Vlan1']);
    expect(sortInterfaces(rows, { key: 'in', dir: 'asc' }).map((r) => r.name)).toEqual(['Gi1/0/1', 'Gi1/0/10', 'Gi1/0/2', 'Vlan1']);
    expect(sortInterfaces(rows, { key: 'speed', dir: 'desc' }).map((r) => r.name)).toEqual(['Gi1/0/1', 'Gi1/0/10', 'Gi1/0/2', 'Vlan1']);
    expect(sortInterfaces(rows, { key: 'admin', dir: 'asc' }).map((r) => r.name)).toEqual(['Gi1/0/1', 'Gi1/0/10', 'Gi1/0/2', 'Vlan1']);
    expect(sortInterfaces(rows, { key: 'name', dir: 'desc' }).map((r) => r.name)).toEqual(['Vlan1', 'Gi1/0/10', 'Gi1/0/2', 'Gi1/0/1']);
    expect(sortInterfaces(rows, { key: 'alias', dir: 'asc' }).map((r) => r.name)).toEqual(['Gi1/0/10', 'Gi1/0/1', 'Gi1/0/2', 'Vlan1']);
  });

  it('a first click sorts figures busiest first, a second click flips', () => {
    expect(nextSort({ key: 'name', dir: 'asc' }, 'in')).toEqual({ key: 'in', dir: 'desc' });
    expect(nextSort({ key: 'in', dir: 'desc' }, 'in')).toEqual({ key: 'in', dir: 'asc' });
    expect(nextSort({ key: 'in', dir: 'desc' }, 'oper')).toEqual({ key: 'oper', dir: 'asc' });
  });
});
