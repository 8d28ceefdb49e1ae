import { describe, expect, it } from 'vitest';
import type { MonitoredDevice } from '../api/devices.ts';
import { Topology } from '../api/topology.ts';
import { createL2Store } from '../l2/snapshot-store.ts';
import { databaseWithDevices, fdb, neighbor, snapshot } from '../l2/testing/snapshots.ts';
import { createTopologyService } from './topology-service.ts';

const CORE = '11111111-1111-4111-8111-111111111111';
const ACCESS = '22222222-2222-4222-8222-222222222222';
const PC = '44444444-4444-4444-8444-444444444444';
const JOB = '77777777-7777-4777-8777-777777777777';
const NAMES: Record<string, string> = { [CORE]: 'core-sw1', [ACCESS]: 'access-sw2', [PC]: 'pc-12' };

function setup() {
  const db = databaseWithDevices(NAMES);
  const store = createL2Store(db);
  let now = 1_700_000_000_000;
  const listed = (id: string, address: string, type: MonitoredDevice['type'], status: MonitoredDevice['status']) => ({ id, name: NAMES[id]!, address, type, sysName: null, status }) as MonitoredDevice;
  const devices = [listed(CORE, '198.18.9.1', 'l3-switch', 'up'), listed(ACCESS, '198.18.9.2', 'switch', 'down'), listed(PC, '10.20.0.12', 'workstation', 'up')];
  store.save(CORE, snapshot('198.18.9.1', { neighbors: [neighbor('Te1/1', 'access-sw2')], arp: [{ ip: '10.20.0.12', family: 'ipv4', mac: '00:1b:21:aa:bb:cc', ifIndex: null, interface: null, type: 'dynamic', source: 'ipNetToMedia' }] }));
  store.save(ACCESS, snapshot('198.18.9.2', { neighbors: [{ ...neighbor('Gi1/0/1', 'core-sw1'), portId: 'Te1/1' }], fdb: [fdb('00:1b:21:aa:bb:cc', 'Gi1/0/12', 20)] }));
  const service = createTopologyService({ db, clock: { now: () => now++ }, devices: () => devices, snapshots: () => store.list() });
  return { service, db };
}

describe('topology service over the snapshot store', () => {
  it('the stored snapshots as a contract Topology: statuses, auto positions, both ports', () => {
    const { service } = setup();
    const t = Topology.parse(service.get());
    expect(t.nodes.map((n) => [n.name, n.status, n.pinned])).toEqual([
      ['core-sw1', 'up', false],
      ['access-sw2', 'down', false],
      ['pc-12', 'up', false],
    ]);
    expect(t.links.map((l) => [l.a.port, l.b.port, l.source, l.vlan])).toEqual([
      ['Te1/1', 'Gi1/0/1', 'lldp', null],
      ['Gi1/0/12', null, 'fdb', 20],
    ]);
    const y = (id: string) => t.nodes.find((n) => n.key === id)!.y;
    expect(y(CORE)).toBeLessThan(y(ACCESS));
    expect(y(ACCESS)).toBeLessThan(y(PC));
  });

  it('saved positions win over the layout and survive a rebuild; reset gives the layout back', () => {
    const { service } = setup();
    const auto = service.get().nodes.find((n) => n.key === ACCESS)!;
    expect(service.positions.save([{ key: ACCESS, x: 1234.5, y: -50 }])).toBe(1);
    expect(service.get().nodes.find((n) => n.key === ACCESS)).toMatchObject({ x: 1234.5, y: -50, pinned: true });
    expect(service.positions.save([{ key: ACCESS, x: 10, y: 20 }])).toBe(1);
    expect(service.get().nodes.find((n) => n.key === ACCESS)).toMatchObject({ x: 10, y: 20 });
    expect(service.positions.reset()).toBe(1);
    expect(service.get().nodes.find((n) => n.key === ACCESS)).toMatchObject({ x: auto.x, y: auto.y, pinned: false });
  });

  it('exports name their file; the report map keeps only the links of the devices asked for', () => {
    const { service } = setup();
    expect(service.export('drawio')).toMatchObject({ fileName: 'wardflux-map-2023-11-14.drawio', mime: 'application/vnd.jgraph.mxfile' });
    expect(service.export('dot').text).toContain('"Te1/1"');
    const onlyPc = service.siteMapSvg(new Set([PC]))!;
    expect(onlyPc).toContain('pc-12');
    expect(onlyPc).toContain('access-sw2');
    expect(onlyPc).not.toContain('core-sw1');
    expect(onlyPc).not.toContain('paint-order');
    expect(service.siteMapSvg(new Set(['99999999-9999-4999-8999-999999999999']))).toBeNull();
  });

  it('the map of a scan: its hosts (by their MACs) and the tables it read, nothing monitored', () => {
    const db = databaseWithDevices({});
    const scanSwitch = snapshot('198.18.7.2', {
      sysName: 'sw-scan',
      neighbors: [{ ...neighbor('Gi0/1', 'rtr-scan'), managementAddresses: ['198.18.7.1'] }],
      fdb: [fdb('00:1b:21:00:00:07', 'Gi0/7', 30), fdb('00:1b:21:00:00:99', 'Gi0/8', 30)],
    });
    const service = createTopologyService({
      db,
      clock: { now: () => 1_700_000_000_000 },
      devices: () => [],
      snapshots: () => [],
      scan: (jobId) => {
        if (jobId !== JOB) throw new Error('unknown job');
        return {
          hosts: [
            { address: '198.18.7.1', name: 'rtr-scan', type: 'router', sysName: 'rtr-scan', mac: '00:1b:21:00:00:01' },
            { address: '198.18.7.2', name: 'sw-scan', type: 'switch', sysName: 'sw-scan', mac: null },
            // Found by ARP alone: its MAC is the only thing that places it.
            { address: '198.18.7.7', name: '198.18.7.7', type: 'unknown', sysName: null, mac: '00:1b:21:00:00:07' },
          ],
          snapshots: [{ address: '198.18.7.2', snapshot: scanSwitch }],
        };
      },
    });
    const t = Topology.parse(service.get({ jobId: JOB }));
    expect(t.nodes.map((n) => [n.key, n.deviceId, n.status])).toEqual([
      ['scan:198.18.7.2', null, null],
      ['scan:198.18.7.1', null, null],
      ['scan:198.18.7.7', null, null],
    ]);
    expect(t.links.map((l) => `${l.a.node} ${l.a.port} – ${l.b.node} ${l.b.port ?? '?'} ${l.source}`)).toEqual([
      'scan:198.18.7.1 ge-0/0/1 – scan:198.18.7.2 Gi0/1 lldp',
      'scan:198.18.7.2 Gi0/7 – scan:198.18.7.7 ? fdb',
    ]);
    expect(service.export('dot', 'light', JOB).text).toContain('"Gi0/7"');
    // The monitored map is still empty.
    expect(service.get().nodes).toEqual([]);
  });
});
