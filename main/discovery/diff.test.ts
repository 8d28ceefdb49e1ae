import { describe, expect, it } from 'vitest';
import { diffScans } from './diff.ts';

const host = (address: string, extra: Record<string, unknown> = {}) => ({ address, mac: null, sysName: null, ...extra });

describe('diffScans', () => {
  it('finds new, gone and unchanged hosts by address', () => {
    const d = diffScans([host('10.0.0.1'), host('10.0.0.2')], [host('10.0.0.2'), host('10.0.0.3')]);
    expect(d.new.map((h) => h.address)).toEqual(['10.0.0.3']);
    expect(d.gone.map((h) => h.address)).toEqual(['10.0.0.1']);
    expect(d.changed).toEqual([]);
    expect(d.unchanged).toBe(1);
  });

  it('lists changed fields, comparing arrays as sets and empty values as unknown', () => {
    const before = host('10.0.0.5', { type: 'server', os: 'Linux', osVersion: '5.15', openPorts: [22, 80], hostnames: ['a'], sysDescr: '', sysUpTime: 100 });
    const after = host('10.0.0.5', { type: 'server', os: 'Linux', osVersion: '6.1', openPorts: [80, 22, 443], hostnames: ['a'], sysDescr: null, sysUpTime: 999 });
    const d = diffScans([before], [after]);
    expect(d.changed).toEqual([
      {
        before,
        after,
        matchedBy: 'address',
        changes: [
          { field: 'osVersion', before: '5.15', after: '6.1' },
          { field: 'openPorts', before: [22, 80], after: [80, 22, 443] },
        ],
      },
    ]);
  });

  it('follows a host that moved to another address by its MAC, then by sysName', () => {
    const d = diffScans(
      [host('10.0.0.10', { mac: '00:11:22:33:44:55' }), host('10.0.0.20', { sysName: 'core-sw1' }), host('10.0.0.30')],
      [host('10.0.0.11', { mac: '00:11:22:33:44:55' }), host('10.0.0.21', { sysName: 'CORE-SW1' }), host('10.0.0.31')],
    );
    expect(d.changed.map((c) => [c.before.address, c.after.address, c.matchedBy, c.changes.map((x) => x.field)])).toEqual([
      ['10.0.0.10', '10.0.0.11', 'mac', ['address']],
      ['10.0.0.20', '10.0.0.21', 'sysName', ['address', 'sysName']],
    ]);
    expect(d.new.map((h) => h.address)).toEqual(['10.0.0.31']);
    expect(d.gone.map((h) => h.address)).toEqual(['10.0.0.30']);
  });

  it('does not use a shared MAC or a repeated sysName as identity (a router, the lab veth)', () => {
    const mac = '02:77:66:6c:01:01';
    const d = diffScans(
      [host('198.18.1.10', { mac }), host('198.18.1.11', { mac }), host('198.18.1.12', { sysName: 'Router' }), host('198.18.1.13', { sysName: 'Router' })],
      [host('198.18.1.20', { mac }), host('198.18.1.11', { mac }), host('198.18.1.22', { sysName: 'Router' }), host('198.18.1.13', { sysName: 'Router' })],
    );
    expect(d.new.map((h) => h.address)).toEqual(['198.18.1.20', '198.18.1.22']);
    expect(d.gone.map((h) => h.address)).toEqual(['198.18.1.10', '198.18.1.12']);
    expect(d.unchanged).toBe(2);
  });

  it('reports a different MAC on the same address as a change (a replaced device)', () => {
    const d = diffScans([host('10.0.0.1', { mac: 'aa:aa:aa:aa:aa:aa', vendor: 'Cisco' })], [host('10.0.0.1', { mac: 'bb:bb:bb:bb:bb:bb', vendor: 'HP' })]);
    expect(d.changed[0]!.changes.map((c) => c.field)).toEqual(['mac', 'vendor']);
  });

  it('compares only the fields asked for', () => {
    const d = diffScans([host('10.0.0.1', { vendor: 'a', type: 'server' })], [host('10.0.0.1', { vendor: 'b', type: 'server' })], { fields: ['type'] });
    expect(d).toMatchObject({ changed: [], unchanged: 1 });
  });

  it('handles empty scans', () => {
    expect(diffScans([], [])).toEqual({ new: [], gone: [], changed: [], unchanged: 0 });
    expect(diffScans([], [host('10.0.0.1')]).new).toHaveLength(1);
  });
});
