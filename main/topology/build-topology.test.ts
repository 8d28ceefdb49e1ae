import { afterEach, describe, expect, it } from 'vitest';
import type { L2FdbEntry, L2Neighbor, L2Snapshot } from '../api/l2.ts';
import { readL2Snapshot } from '../l2/read-l2.ts';
import { serveRecording, type ServedRecording } from '../l2/testing/recording.ts';
import { fdb, neighbor, snapshot } from '../l2/testing/snapshots.ts';
import { buildTopology, type TopologyDevice } from './build-topology.ts';
import { hostId, switchId, syntheticSite } from './testing/synthetic-site.ts';

const CORE = '11111111-1111-4111-8111-111111111111';
const ACCESS = '22222222-2222-4222-8222-222222222222';
const ROUTER = '33333333-3333-4333-8333-333333333333';
const PC = '44444444-4444-4444-8444-444444444444';
const PRINTER = '55555555-5555-4555-8555-555555555555';
const DIST = '66666666-6666-4666-8666-666666666666';

const dev = (id: string, name: string, type: TopologyDevice['type'], address: string): TopologyDevice => ({ id, name, type, address, sysName: null, status: 'up' });
const lldp = (localPort: string, sysName: string, portId: string, extra: Partial<L2Neighbor> = {}): L2Neighbor => ({ ...neighbor(localPort, sysName), portId, ...extra });
const linkText = (t: ReturnType<typeof buildTopology>) => {
  const name = new Map(t.nodes.map((n) => [n.key, n.name]));
  return t.links.map((l) => `${name.get(l.a.node)} ${l.a.port ?? '?'} – ${name.get(l.b.node)} ${l.b.port ?? '?'} (${l.source}, ${l.reportedBy}${l.vlan === null ? '' : `, VLAN ${l.vlan}`})`).sort();
};

describe('topology from LLDP/CDP', () => {
  it('one link per cable when both ends report it, each end named as its own device names the port; an unmonitored neighbour becomes a node', () => {
    const devices = [dev(CORE, 'core-sw1', 'l3-switch', '198.18.9.1'), dev(ACCESS, 'access-sw2', 'switch', '198.18.9.2')];
    const core = snapshot('198.18.9.1', {
      sysName: 'core-sw1.example.net',
      interfaces: [{ ifIndex: 1, name: 'Te1/1/1', descr: 'TenGigabitEthernet1/1/1', alias: 'to access', mac: null, operUp: true }],
      neighbors: [lldp('Te1/1/1', 'access-sw2', 'GigabitEthernet1/0/49'), lldp('Gi1/0/3', 'ap-lobby', 'eth0', { capabilities: ['wlanAccessPoint'], chassisId: '00:3a:99:00:00:01', chassisIdSubtype: 'mac' })],
    });
    const access = snapshot('198.18.9.2', {
      sysName: 'access-sw2',
      interfaces: [{ ifIndex: 49, name: 'Gi1/0/49', descr: 'GigabitEthernet1/0/49', alias: null, mac: null, operUp: true }],
      // CDP names the core by its FQDN and the port in long form; LLDP on the same port too (one report kept).
      neighbors: [
        { ...lldp('Gi1/0/49', 'core-sw1.example.net', 'TenGigabitEthernet1/1/1'), protocol: 'cdp', nativeVlan: 1 },
        lldp('Gi1/0/49', 'core-sw1.example.net', 'Te1/1/1'),
        // The same AP heard from here: one node, by its chassis MAC.
        lldp('Gi1/0/7', 'AP-LOBBY', 'eth1', { capabilities: ['wlanAccessPoint'], chassisId: '00:3A:99:00:00:01', chassisIdSubtype: 'mac' }),
      ],
    });
    const t = buildTopology(devices, [
      { deviceId: CORE, snapshot: core },
      { deviceId: ACCESS, snapshot: access },
    ]);
    expect(linkText(t)).toEqual(['access-sw2 Gi1/0/7 – ap-lobby eth1 (lldp, a)', 'core-sw1 Gi1/0/3 – ap-lobby eth0 (lldp, a)', 'core-sw1 Te1/1/1 – access-sw2 Gi1/0/49 (lldp, both)']);
    const ap = t.nodes.find((n) => n.kind === 'neighbor')!;
    expect(ap).toMatchObject({ key: 'nb:00:3a:99:00:00:01', name: 'ap-lobby', type: 'wireless-ap', deviceId: null, status: null });
    expect(t.nodes).toHaveLength(3);
  });

  it('a neighbour known by its management address or short name links to the monitored device; a device hearing itself is no link', () => {
    const devices = [dev(CORE, 'core', 'switch', '198.18.9.1'), dev(ROUTER, 'edge-r1', 'router', '198.18.9.3')];
    const core = snapshot('198.18.9.1', {
      chassisId: '00:1e:00:00:00:01',
      neighbors: [lldp('Gi0/1', 'rtr-lab', 'ge-0/0/0', { managementAddresses: ['198.18.9.3'] }), lldp('Gi0/2', 'core', 'Gi0/3', { chassisId: '00:1e:00:00:00:01', chassisIdSubtype: 'mac' })],
    });
    const t = buildTopology(devices, [{ deviceId: CORE, snapshot: core }]);
    expect(linkText(t)).toEqual(['core Gi0/1 – edge-r1 ge-0/0/0 (lldp, a)']);
    expect(t.nodes.map((n) => n.name).sort()).toEqual(['core', 'edge-r1']);
  });
});

describe('topology from forwarding tables', () => {
  const devices = [
    dev(CORE, 'core-sw1', 'switch', '198.18.9.1'),
    dev(ACCESS, 'access-sw2', 'switch', '198.18.9.2'),
    dev(PC, 'pc-12', 'workstation', '10.20.0.12'),
    dev(PRINTER, 'printer', 'printer', '10.20.0.50'),
  ];
  const PC_MAC = '00:1b:21:aa:bb:cc';
  const PRN_MAC = '00:1b:21:00:00:50';
  const site = (accessFdb: L2FdbEntry[], coreFdb: L2FdbEntry[] = []) =>
    buildTopology(devices, [
      { deviceId: CORE, snapshot: snapshot('198.18.9.1', { neighbors: [neighbor('Te1/1', 'access-sw2')], fdb: [fdb(PC_MAC, 'Te1/1', 20), ...coreFdb], arp: [
        { ip: '10.20.0.12', family: 'ipv4', mac: PC_MAC, ifIndex: null, interface: 'vlan20', type: 'dynamic', source: 'ipNetToMedia' },
        { ip: '10.20.0.50', family: 'ipv4', mac: PRN_MAC, ifIndex: null, interface: 'vlan20', type: 'dynamic', source: 'ipNetToMedia' },
      ] }) },
      { deviceId: ACCESS, snapshot: snapshot('198.18.9.2', { neighbors: [neighbor('Gi1/0/1', 'core-sw1')], fdb: accessFdb }) },
    ]);

  it('a host MAC (from the router ARP table) on exactly one edge port: host – switch:port with its VLAN; the uplinks that also learned it are not links', () => {
    const crowd = Array.from({ length: 12 }, (_, i) => fdb(`02:00:00:00:00:${String(i).padStart(2, '0')}`, 'Gi1/0/48', 20));
    const t = site([fdb(PC_MAC, 'Gi1/0/12', 20), fdb(PC_MAC, 'Gi1/0/1', 20), ...crowd, fdb(PRN_MAC, 'Gi1/0/48', 20)]);
    expect(linkText(t)).toEqual(['access-sw2 Gi1/0/12 – pc-12 ? (fdb, a, VLAN 20)', 'core-sw1 Te1/1 – access-sw2 Gi1/0/1 (lldp, both)']);
    // The printer is behind Gi1/0/48 with 12 other MACs (an unmanaged switch): an uplink, so no link; it is not placed.
    expect(t.nodes.map((n) => n.name).sort()).toEqual(['access-sw2', 'core-sw1', 'pc-12']);
    expect(t.unplaced).toBe(1);
  });

  it('a MAC on edge ports of two switches is not linked, and says so', () => {
    const t = site([fdb(PC_MAC, 'Gi1/0/12', 20)], [fdb(PC_MAC, 'Gi0/5', 20)]);
    expect(t.links.filter((l) => l.source === 'fdb')).toEqual([]);
    expect(t.notes).toEqual(['pc-12 (00:1b:21:aa:bb:cc) is on edge ports of 2 switches; not linked']);
  });

  it('unknown MACs alone on an edge port become host nodes only when asked', () => {
    const lone = '3c:22:fb:00:00:01';
    expect(site([fdb(lone, 'Gi1/0/30', 30)]).nodes.some((n) => n.kind === 'host')).toBe(false);
    const t = site([fdb(lone, 'Gi1/0/30', 30)]);
    const asked = buildTopology(devices, [{ deviceId: ACCESS, snapshot: snapshot('198.18.9.2', { fdb: [fdb(lone, 'Gi1/0/30', 30)] }) }], { unknownHosts: true });
    expect(t.links.some((l) => l.b.node === `host:${lone}`)).toBe(false);
    expect(asked.nodes.find((n) => n.kind === 'host')).toMatchObject({ key: `host:${lone}`, name: lone, mac: lone });
    expect(linkText(asked)).toEqual([`access-sw2 Gi1/0/30 – ${lone} ? (fdb, a, VLAN 30)`]);
  });

  it('switches with no neighbour protocol: A – C – B inferred from their own MACs, not A – B', () => {
    const A = CORE;
    const C = DIST;
    const B = ACCESS;
    const macA = '00:1e:00:00:00:0a';
    const macC = '00:1e:00:00:00:0c';
    const macB = '00:1e:00:00:00:0b';
    const own = (mac: string): L2FdbEntry => ({ ...fdb(mac, 'CPU', 1), status: 'self' });
    const s = (address: string, mac: string, rows: L2FdbEntry[]): L2Snapshot => snapshot(address, { chassisId: mac, fdb: [own(mac), ...rows] });
    const t = buildTopology(
      [dev(A, 'sw-a', 'switch', '198.18.9.1'), dev(B, 'sw-b', 'switch', '198.18.9.2'), dev(C, 'sw-c', 'switch', '198.18.9.6')],
      [
        { deviceId: A, snapshot: s('198.18.9.1', macA, [fdb(macC, 'Gi0/24', 1), fdb(macB, 'Gi0/24', 1)]) },
        { deviceId: C, snapshot: s('198.18.9.6', macC, [fdb(macA, 'Gi0/1', 1), fdb(macB, 'Gi0/2', 1)]) },
        { deviceId: B, snapshot: s('198.18.9.2', macB, [fdb(macA, 'Gi0/48', 1), fdb(macC, 'Gi0/48', 1)]) },
      ],
    );
    expect(linkText(t)).toEqual(['sw-a Gi0/24 – sw-c Gi0/1 (fdb, both)', 'sw-b Gi0/48 – sw-c Gi0/2 (fdb, both)']);
  });
});

describe('a synthetic site of many switches', () => {
  it('every cable once, every host on its edge port', () => {
    const site = syntheticSite(21, 3);
    const t = buildTopology(site.devices, site.sources);
    expect(t.links.filter((l) => l.source === 'lldp')).toHaveLength(20);
    expect(t.links.filter((l) => l.source === 'lldp').every((l) => l.reportedBy === 'both' && l.a.port !== null && l.b.port !== null)).toBe(true);
    expect(t.links.filter((l) => l.source === 'fdb')).toHaveLength(63);
    const host5 = t.links.find((l) => l.b.node === hostId(5))!;
    expect(host5).toMatchObject({ a: { node: switchId(1), port: 'Gi1/0/3' }, vlan: 11 });
    expect(t.nodes).toHaveLength(21 + 63);
    expect(t.notes).toEqual([]);
  });

  it('the work grows with the rows, not with their square (the 200-switch timing is in bench/topology)', () => {
    // Rows of the flat site grow as switches × hosts; the work must stay proportional to them.
    const rows = (s: ReturnType<typeof syntheticSite>) => s.sources.reduce((n, x) => n + x.snapshot.fdb.length + x.snapshot.neighbors.length + x.snapshot.arp.length + x.snapshot.interfaces.length, 0);
    const small = syntheticSite(25, 4);
    const big = syntheticSite(100, 4);
    const wSmall = buildTopology(small.devices, small.sources).work;
    const wBig = buildTopology(big.devices, big.sources).work;
    expect(wSmall / rows(small)).toBeLessThan(4);
    expect(wBig / rows(big)).toBeLessThan(4);
    expect(wBig / rows(big) / (wSmall / rows(small))).toBeLessThan(1.2);
  });
});

describe('topology from recordings of real switches', () => {
  let served: ServedRecording | undefined;
  afterEach(async () => {
    await served?.close();
    served = undefined;
  });

  it('the D-Link DGS-3627G: every LLDP neighbour a node, one link per local port with a neighbour, no crash on its odd rows', async () => {
    served = await serveRecording('dlink-dgs-3627g');
    const s = await readL2Snapshot(served.walker, { address: '198.18.9.1', now: () => 1_700_000_000_000 });
    const t = buildTopology([dev(CORE, 'dgs-3627g', 'switch', '198.18.9.1')], [{ deviceId: CORE, snapshot: s }]);
    const ports = new Set(s.neighbors.map((n) => n.localPort.name));
    const lldpLinks = t.links.filter((l) => l.source !== 'fdb');
    expect(lldpLinks.length).toBe(s.neighbors.length);
    expect(new Set(lldpLinks.map((l) => l.a.port))).toEqual(ports);
    expect(lldpLinks.every((l) => l.a.node === CORE && l.b.port !== null)).toBe(true);
    const names = new Set(s.neighbors.map((n) => n.sysName ?? n.chassisId));
    expect(new Set(t.nodes.filter((n) => n.kind === 'neighbor').map((n) => n.name))).toEqual(names);
    // Two neighbours (different chassis MACs) answer with the same management address: two nodes, noted.
    expect(t.notes).toContainEqual(expect.stringContaining('share 143.160.121.145; kept apart'));
  });
});
