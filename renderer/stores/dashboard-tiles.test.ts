import { describe, expect, it, vi } from 'vitest';
import type { Latest } from './dashboard-store.ts';

vi.mock('../client/create-client.ts', () => ({ client: { call: vi.fn(), on: vi.fn(() => () => {}) } }));
const { busiestInterfaces, devicesInState } = await import('./dashboard-store.ts');

const traffic = (seriesId: number, name: 'if_in_bps' | 'if_out_bps', device: string, iface: string, value: number): [number, Latest] => [
  seriesId,
  { seriesId, name, labels: { device, interface: iface }, ts: 0, value },
];

describe('dashboard: busiest interfaces', () => {
  it('lists only interfaces with traffic, the higher of in and out, busiest first', () => {
    const latest = new Map([
      traffic(1, 'if_in_bps', 'a', 'eth0', 2_000_000),
      traffic(2, 'if_out_bps', 'a', 'eth0', 9_000_000),
      traffic(3, 'if_in_bps', 'a', 'eth1', 0),
      traffic(4, 'if_out_bps', 'a', 'eth1', 0),
      traffic(5, 'if_in_bps', 'b', 'Gi0/1', 15_000),
      traffic(6, 'if_in_bps', 'b', 'Gi0/2', 0),
    ]);
    const r = busiestInterfaces(latest, 5);
    expect(r.rows.map((x) => [x.labels.device, x.labels.interface, x.value])).toEqual([
      ['a', 'eth0', 9_000_000],
      ['b', 'Gi0/1', 15_000],
    ]);
  });

  it('ranks by utilisation where the link speed is known, then by bit/s', () => {
    const util = (seriesId: number, name: 'if_in_util_pct' | 'if_out_util_pct', device: string, iface: string, value: number): [number, Latest] => [
      seriesId,
      { seriesId, name, labels: { device, interface: iface }, ts: 0, value },
    ];
    const latest = new Map([
      traffic(1, 'if_in_bps', 'core', 'Te1/1', 2_000_000_000), // 20 % of 10 Gbit/s
      util(2, 'if_in_util_pct', 'core', 'Te1/1', 20),
      traffic(3, 'if_out_bps', 'edge', 'Fa0/1', 90_000_000), // 90 % of 100 Mbit/s
      util(4, 'if_out_util_pct', 'edge', 'Fa0/1', 90),
      util(5, 'if_in_util_pct', 'edge', 'Fa0/1', 3),
      traffic(6, 'if_in_bps', 'old', 'eth0', 5_000_000_000), // no speed known: after those with one
    ]);
    expect(busiestInterfaces(latest, 5).rows.map((x) => [x.labels.interface, x.utilPct])).toEqual([
      ['Fa0/1', 90],
      ['Te1/1', 20],
      ['eth0', undefined],
    ]);
  });

  it('says why the card is empty: nothing measured, or every interface at 0 bit/s', () => {
    expect(busiestInterfaces(new Map())).toEqual({ rows: [], empty: 'No interface traffic measured yet.' });
    const quiet = new Map([traffic(1, 'if_in_bps', 'a', 'eth0', 0), traffic(2, 'if_out_bps', 'a', 'eth0', 0)]);
    expect(busiestInterfaces(quiet)).toEqual({ rows: [], empty: 'No traffic on any interface in the last 15 minutes (every measured interface is at 0 bit/s).' });
  });
});

describe('dashboard: the devices behind a state tile', () => {
  const dev = (id: string, name: string, status: 'up' | 'down' | 'degraded' | 'unknown', enabled = true) => ({ id, name, status, enabled });

  it('names up to 3 enabled devices in the state, by name, and counts the rest', () => {
    const devices = [dev('1', 'sw10', 'degraded'), dev('2', 'sw2', 'degraded'), dev('3', 'rtr', 'up'), dev('4', 'ap1', 'degraded'), dev('5', 'fw', 'degraded'), dev('6', 'old', 'degraded', false)];
    expect(devicesInState(devices, 'degraded')).toEqual({
      shown: [
        { id: '4', name: 'ap1' },
        { id: '5', name: 'fw' },
        { id: '2', name: 'sw2' },
      ],
      more: 1,
      all: ['ap1', 'fw', 'sw2', 'sw10'],
    });
    expect(devicesInState(devices, 'down')).toEqual({ shown: [], more: 0, all: [] });
    expect(devicesInState([dev('7', 'tt', 'degraded')], 'degraded')).toEqual({ shown: [{ id: '7', name: 'tt' }], more: 0, all: ['tt'] });
  });
});
