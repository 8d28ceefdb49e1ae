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
