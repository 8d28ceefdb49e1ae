/**
 * Test and bench helper: a synthetic site as L2 snapshots. Switch 0 is the core; switch i hangs
 * off switch floor((i-1)/fanout) (a tree), each cable reported by LLDP on both sides (Te1/1/n up,
 * Gi1/0/49 down-facing name on the child), each switch has `hosts` monitored hosts on its edge
 * ports Gi1/0/1.. (VLAN 10 + switch % 5), and every switch's forwarding table has every host of
 * the site (on the edge port, or on the port toward it), as a flat L2 site has. The core's ARP
 * table maps every host's address to its MAC.
 */
import type { L2FdbEntry, L2Interface, L2Neighbor, L2Snapshot } from '../../api/l2.ts';
import type { TopologyDevice, TopologySource } from '../build-topology.ts';

export interface SyntheticSite {
  devices: TopologyDevice[];
  sources: TopologySource[];
}

const hex = (n: number) => n.toString(16).padStart(2, '0');
export const switchId = (i: number) => `00000000-0000-4000-8000-${(i + 1).toString().padStart(12, '0')}`;
export const hostId = (i: number) => `00000000-0000-4000-9000-${(i + 1).toString().padStart(12, '0')}`;
export const switchMac = (i: number) => `00:1e:00:00:${hex(i >> 8)}:${hex(i & 255)}`;
export const hostMac = (i: number) => `00:1b:00:${hex(i >> 16)}:${hex((i >> 8) & 255)}:${hex(i & 255)}`;
const hostAddr = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

function lldp(localPort: string, remoteName: string, remoteMac: string, remotePort: string): L2Neighbor {
  return {
    protocol: 'lldp',
    localPort: { ifIndex: null, name: localPort, bridgePort: null },
    chassisId: remoteMac,
    chassisIdSubtype: 'mac',
    sysName: remoteName,
    portId: remotePort,
    portIdSubtype: 'interfaceName',
    portDescr: null,
    sysDescr: null,
    version: null,
    capabilities: ['bridge'],
    managementAddresses: [],
    nativeVlan: null,
  };
}

export function syntheticSite(switches: number, hosts: number, fanout = 4): SyntheticSite {
  const parent = (i: number) => Math.floor((i - 1) / fanout);
  const children = Array.from({ length: switches }, () => [] as number[]);
  for (let i = 1; i < switches; i++) children[parent(i)]!.push(i);
  const name = (i: number) => `sw${i}`;
  const upPort = 'Gi1/0/49';
  const downPort = (child: number) => `Te1/1/${children[parent(child)]!.indexOf(child) + 1}`;
  // The port of switch s toward switch t (t ≠ s): down to the child whose subtree holds t, else up.
  const depth = (i: number): number => (i === 0 ? 0 : depth(parent(i)) + 1);
  const toward = (s: number, t: number): string => {
    let x = t;
    while (x !== 0 && parent(x) !== s && depth(x) > depth(s) + 1) x = parent(x);
    if (x !== 0 && parent(x) === s) return downPort(x);
    return upPort;
  };
  const devices: TopologyDevice[] = [];
  const sources: TopologySource[] = [];
  for (let s = 0; s < switches; s++) {
    devices.push({ id: switchId(s), name: name(s), type: 'switch', address: `198.18.${s >> 8}.${(s & 255) + 1}`, sysName: `${name(s)}.site.example`, status: 'up' });
    for (let h = 0; h < hosts; h++) devices.push({ id: hostId(s * hosts + h), name: `host${s * hosts + h}`, type: 'workstation', address: hostAddr(s * hosts + h), sysName: null, status: h % 7 === 0 ? 'down' : 'up' });
  }
  for (let s = 0; s < switches; s++) {
    const interfaces: L2Interface[] = [];
    for (let p = 1; p <= Math.max(hosts, 1); p++) interfaces.push({ ifIndex: p, name: `Gi1/0/${p}`, descr: `GigabitEthernet1/0/${p}`, alias: null, mac: null, operUp: true });
    interfaces.push({ ifIndex: 49, name: upPort, descr: 'GigabitEthernet1/0/49', alias: null, mac: null, operUp: true });
    children[s]!.forEach((_, k) => interfaces.push({ ifIndex: 100 + k, name: `Te1/1/${k + 1}`, descr: `TenGigabitEthernet1/1/${k + 1}`, alias: null, mac: null, operUp: true }));
    const neighbors: L2Neighbor[] = [];
    if (s !== 0) neighbors.push(lldp(upPort, `${name(parent(s))}.site.example`, switchMac(parent(s)), `TenGigabitEthernet${downPort(s).slice(2)}`));
    for (const c of children[s]!) neighbors.push(lldp(downPort(c), `${name(c)}.site.example`, switchMac(c), 'GigabitEthernet1/0/49'));
    const fdb: L2FdbEntry[] = [{ mac: switchMac(s), vlan: 1, port: { ifIndex: null, name: 'CPU', bridgePort: null }, status: 'self', source: 'q-bridge' }];
    for (let t = 0; t < switches; t++) {
      const port = t === s ? null : toward(s, t);
      for (let h = 0; h < hosts; h++) {
        fdb.push({ mac: hostMac(t * hosts + h), vlan: 10 + (t % 5), port: { ifIndex: null, name: port ?? `Gi1/0/${h + 1}`, bridgePort: null }, status: 'learned', source: 'q-bridge' });
      }
    }
    const arp = s === 0 ? Array.from({ length: switches * hosts }, (_, i) => ({ ip: hostAddr(i), family: 'ipv4' as const, mac: hostMac(i), ifIndex: null, interface: null, type: 'dynamic' as const, source: 'ipNetToMedia' as const })) : [];
    const snapshot: L2Snapshot = { address: devices.find((d) => d.id === switchId(s))!.address, readAt: 1_700_000_000_000, sysName: `${name(s)}.site.example`, chassisId: switchMac(s), interfaces, neighbors, fdb, vlans: [], portVlans: [], arp, notes: [], stats: { requests: 0, varbinds: 0, ms: 0 } };
    sources.push({ deviceId: switchId(s), snapshot });
  }
  return { devices, sources };
}
