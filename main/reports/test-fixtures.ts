/** Made-up snapshots for the builders' and renderers' tests (and the PDF rendering test). */
import type { AlertsSnapshot, AvailabilitySnapshot, DiscoveryDiffSnapshot, InterfacesSnapshot, InventorySnapshot, SnapshotBase } from './types.ts';

export const T0 = Date.UTC(2025, 2, 1, 0, 0, 0);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function baseSnapshot(): SnapshotBase {
  return {
    site: { name: 'Harbour Office', customer: 'Acme Shipping Ltd', address: '12 Quay Street, Portsmouth', technician: 'Dana Field' },
    from: T0,
    to: T0 + 7 * DAY,
    generatedAt: T0 + 7 * DAY + 5 * 60_000,
  };
}

const TYPES = ['router', 'switch', 'firewall', 'server', 'printer', 'wireless-ap', 'ups', 'unknown'];
const VENDORS = ['Cisco', 'HP', 'Fortinet', 'Dell', 'Brother', 'Ubiquiti', 'APC', null];

export function inventorySnapshot(count = 60): InventorySnapshot {
  return {
    ...baseSnapshot(),
    kind: 'inventory',
    devices: Array.from({ length: count }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      name: `dev-${String(i + 1).padStart(3, '0')}`,
      address: `198.18.0.${i + 1}`,
      tags: i % 3 === 0 ? ['core'] : [],
      enabled: true,
      status: i % 10 === 0 ? 'down' : 'up',
      type: TYPES[i % TYPES.length]!,
      vendor: VENDORS[i % VENDORS.length]!,
      model: i % 4 === 0 ? null : `Model ${100 + i}`,
      serial: i % 4 === 0 ? null : `FOC${String(2100 + i).padStart(4, '0')}X0AB`,
      firmware: i % 2 === 0 ? '15.2(7)E' : null,
      hardwareRev: i % 3 === 0 ? 'V07' : null,
      os: i % 2 === 0 ? 'IOS' : null,
      osVersion: i % 2 === 0 ? '15.2' : null,
      mac: `00:11:22:33:44:${(i % 256).toString(16).padStart(2, '0')}`,
      macVendor: null,
      location: i % 5 === 0 ? 'Server room, rack 2' : null,
      sysName: `dev-${i + 1}`,
      sysDescr: null,
      foundBy: i % 7 === 0 ? ['manual'] : ['icmp', 'snmp'],
      discoveredAt: T0,
      ports:
        i % 3 === 0
          ? [
              { name: 'Gi0/1', status: 'up', speedBps: 1e9, alias: 'uplink' },
              { name: 'Gi0/2', status: 'down', speedBps: 1e9, alias: null },
              { name: 'Vlan10', status: 'up', speedBps: null, alias: null },
            ]
          : [],
    })),
  };
}

/** Device 0 is down for 2 h on day 2; device 1 has no data; the rest are always up. */
export function availabilitySnapshot(count = 12): AvailabilitySnapshot {
  const b = baseSnapshot();
  const step = 5 * 60_000;
  return {
    ...b,
    kind: 'availability',
    devices: Array.from({ length: count }, (_, i) => {
      const availability: Array<[number, number]> = [];
      const rttMs: number[] = [];
      const lossPct: number[] = [];
      if (i !== 1) {
        for (let ts = b.from; ts < b.to; ts += step) {
          const down = i === 0 && ts >= b.from + DAY + 10 * HOUR && ts < b.from + DAY + 12 * HOUR;
          availability.push([ts, down ? 0 : 1]);
          lossPct.push(down ? 100 : (ts / step) % 50 === 0 ? 33.3 : 0);
          if (!down) rttMs.push(1 + ((ts / step) % 10) + i);
        }
      }
      return { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, name: `dev-${String(i + 1).padStart(3, '0')}`, address: `198.18.0.${i + 1}`, availability, rttMs, lossPct, downAlerts: [] };
    }),
  };
}

export function alertsSnapshot(count = 40): AlertsSnapshot {
  const b = baseSnapshot();
  const sev = ['critical', 'major', 'minor', 'warning', 'info'];
  return {
    ...b,
    kind: 'alerts',
    alerts: Array.from({ length: count }, (_, i) => ({
      id: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
      ruleName: i % 2 ? 'Device down' : 'High CPU',
      severity: sev[i % sev.length]!,
      state: i % 3 === 0 ? 'firing' : 'resolved',
      deviceName: `dev-${String((i % 9) + 1).padStart(3, '0')}`,
      summary: i % 2 ? 'No answer to ICMP' : 'CPU above 90 % for 5 minutes',
      startedAt: b.from + i * 3 * HOUR,
      acknowledgedAt: i % 2 === 0 ? b.from + i * 3 * HOUR + (i + 1) * 60_000 : null,
      acknowledgedBy: i % 2 === 0 ? 'Dana' : null,
      resolvedAt: i % 3 === 0 ? null : b.from + i * 3 * HOUR + HOUR,
    })),
  };
}

export function interfacesSnapshot(count = 30, topN = 10): InterfacesSnapshot {
  return {
    ...baseSnapshot(),
    kind: 'interfaces',
    topN,
    interfaces: Array.from({ length: count }, (_, i) => ({
      deviceId: `00000000-0000-4000-8000-${String(i % 5).padStart(12, '0')}`,
      deviceName: `dev-${String((i % 5) + 1).padStart(3, '0')}`,
      interface: `Gi0/${i}`,
      alias: i % 4 === 0 ? 'uplink' : null,
      // 100 samples 1..100 scaled by i: p95 = 95.05 * i * 1e6, peak = 100 * i * 1e6.
      inBps: Array.from({ length: 100 }, (_, k) => (k + 1) * i * 1e6),
      outBps: Array.from({ length: 100 }, (_, k) => (k + 1) * i * 0.5e6),
      inPeak: null,
      outPeak: null,
    })),
  };
}

export function discoveryDiffSnapshot(): DiscoveryDiffSnapshot {
  const b = baseSnapshot();
  const host = (n: number, type = 'server') => ({ address: `198.18.1.${n}`, name: `host-${n}`, type, vendor: 'Dell', model: null, mac: null });
  return {
    ...b,
    kind: 'discovery-diff',
    jobId: '00000000-0000-4000-a000-000000000002',
    jobAt: b.to - HOUR,
    previousJobId: '00000000-0000-4000-a000-000000000001',
    previousAt: b.from + HOUR,
    targets: ['198.18.1.0/24'],
    newHosts: [host(10), host(11, 'printer')],
    goneHosts: [host(20, 'switch')],
    changed: [
      { address: '198.18.1.5', previousAddress: '198.18.1.5', matchedBy: 'address', changes: [{ field: 'sysName', before: 'old-name', after: 'new-name' }, { field: 'openPorts', before: [22], after: [22, 443] }] },
      { address: '198.18.1.7', previousAddress: '198.18.1.6', matchedBy: 'mac', changes: [{ field: 'address', before: '198.18.1.6', after: '198.18.1.7' }] },
    ],
    unchanged: 40,
  };
}
