import { describe, expect, it } from 'vitest';
import type { DeviceStats, MonitoredDevice } from '../../main/api/devices.ts';
import { sortDevices } from './device-sort.ts';

const device = (id: string, over: Partial<MonitoredDevice> = {}): MonitoredDevice => ({ id, name: id, address: '198.18.0.1', status: 'up', enabled: true, lastSeen: undefined, ...over }) as MonitoredDevice;
const stat = (deviceId: string, over: Partial<DeviceStats>): DeviceStats => ({ deviceId, rttMs: null, lossPct: null, uptimeSec: null, openAlerts: 0, ...over });

describe('sortDevices by the key numbers', () => {
  const list = ['a', 'b', 'c', 'd'].map((id) => device(id));
  const stats = new Map([
    ['a', stat('a', { rttMs: 12, lossPct: 0, openAlerts: 1 })],
    ['b', stat('b', { rttMs: 3, lossPct: 25, uptimeSec: 50 })],
    ['c', stat('c', { openAlerts: 4 })],
  ]);
  const ids = (l: MonitoredDevice[]) => l.map((d) => d.id);

  it('orders by latency both ways, devices without a figure last either way', () => {
    expect(ids(sortDevices(list, 'rtt', 'asc', stats))).toEqual(['b', 'a', 'c', 'd']);
    expect(ids(sortDevices(list, 'rtt', 'desc', stats))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('orders by loss, uptime and open alerts (none counts as 0 alerts)', () => {
    expect(ids(sortDevices(list, 'loss', 'desc', stats))).toEqual(['b', 'a', 'c', 'd']);
    expect(ids(sortDevices(list, 'uptime', 'asc', stats))).toEqual(['b', 'a', 'c', 'd']);
    expect(ids(sortDevices(list, 'alerts', 'desc', stats))).toEqual(['c', 'a', 'b', 'd']);
  });

  it('orders by last seen from the list itself', () => {
    const seen = [device('x', { lastSeen: 5 }), device('y'), device('z', { lastSeen: 9 })];
    expect(ids(sortDevices(seen, 'lastSeen', 'desc'))).toEqual(['z', 'x', 'y']);
  });
});
