/**
 * One device's L2 snapshot: interfaces, then LLDP and CDP neighbours, the forwarding table
 * (Q-BRIDGE, else BRIDGE-MIB, else Cisco's per-VLAN instances), VLANs (Q-BRIDGE, else VTP) and the
 * ARP table. Each table is walked on its own, bounded; what fails is noted and the rest goes on.
 * Never throws for anything the agent does (a cancel, from the walker's pace, ends the read early
 * with what was read until then).
 */
import type { L2FdbEntry, L2Note, L2Snapshot } from '../api/l2.ts';
import type { VarBind } from '../snmp/index.ts';
import { ARP_MEDIA_ROOTS, ARP_PHYSICAL_ROOTS, readArpMedia, readArpPhysical } from './arp-reader.ts';
import { BASE_PORT_ROOTS, BRIDGE_FDB_ROOTS, readBasePorts, readBridgeFdb } from './bridge-reader.ts';
import { CDP_ROOTS, readCdp } from './cdp-reader.ts';
import { CISCO_VLAN_ROOTS, readCiscoVlans } from './cisco-vlan-reader.ts';
import { textOf } from './decode.ts';
import { INTERFACE_ROOTS, readInterfaces } from './interfaces-reader.ts';
import { LLDP_ROOTS, readLldp } from './lldp-reader.ts';
import { BRIDGE, CDP_CACHE_ENTRY, CISCO_VLAN, IF, IP, LLDP, QBRIDGE, SYS_NAME } from './oids.ts';
import { createPortResolver } from './ports.ts';
import { QBRIDGE_FDB_ROOTS, QBRIDGE_VLAN_ROOTS, readQBridgeFdb, readQBridgeVlans } from './qbridge-reader.ts';
import { PartialWalkError, type L2Walker } from './walker.ts';

export type L2Part = 'neighbors' | 'fdb' | 'vlans' | 'arp';

export interface ReadL2Options {
  address: string;
  /** Which tables to read (default all); interfaces are always read. */
  parts?: readonly L2Part[];
  /** Values per walked column/table at most. Default 20,000. */
  maxVarbinds?: number;
  /** Per-VLAN bridge instances read at most (Cisco without Q-BRIDGE). Default 64. */
  maxVlans?: number;
  /** A MAC learned on more ports than this is noted. Default 4. */
  manyPorts?: number;
  now?: () => number;
}

/** Names of the tables the roots belong to, for notes. */
const TABLE_OF: [string, string][] = [
  [IF.ifName, 'ifXTable'],
  [IF.ifAlias, 'ifXTable'],
  ['1.3.6.1.2.1.2.2', 'ifTable'],
  [SYS_NAME, 'system'],
  ['1.0.8802.1.1.2.1.3', 'lldpLocalSystemData'],
  [LLDP.remEntry, 'lldpRemTable'],
  [LLDP.remManAddrEntry, 'lldpRemManAddrTable'],
  [CDP_CACHE_ENTRY, 'cdpCacheTable'],
  [BRIDGE.basePortIfIndex, 'dot1dBasePortTable'],
  [BRIDGE.tpFdbEntry, 'dot1dTpFdbTable'],
  [QBRIDGE.tpFdbEntry, 'dot1qTpFdbTable'],
  [QBRIDGE.vlanCurrentEntry, 'dot1qVlanCurrentTable'],
  [QBRIDGE.vlanStaticEntry, 'dot1qVlanStaticTable'],
  [QBRIDGE.pvid, 'dot1qPortVlanTable'],
  [CISCO_VLAN.vtpVlanEntry, 'vtpVlanTable'],
  [CISCO_VLAN.trunkPortEntry, 'vlanTrunkPortTable'],
  [CISCO_VLAN.vmVlan, 'vmMembershipTable'],
  [IP.netToPhysicalEntry, 'ipNetToPhysicalTable'],
  [IP.netToMediaEntry, 'ipNetToMediaTable'],
];
const tableOf = (root: string): string => TABLE_OF.find(([r]) => root === r || root.startsWith(`${r}.`))?.[1] ?? root;

/** Walks roots one after another, noting failures and truncation; the results by root. */
async function walkAll(walker: L2Walker, roots: readonly string[], max: number, notes: L2Note[], count: { varbinds: number }, context = '', got = new Map<string, VarBind[]>()): Promise<(root: string) => readonly VarBind[]> {
  for (const root of roots) {
    if (got.has(root)) continue;
    try {
      const r = await walker.walk(root, max);
      got.set(root, r.varbinds);
      if (r.truncated) notes.push({ code: 'truncated', table: tableOf(root), message: `${context}read stopped after ${max} values` });
    } catch (err) {
      const partial = err instanceof PartialWalkError ? err.partial : [];
      got.set(root, partial);
      notes.push({ code: 'read-failed', table: tableOf(root), message: `${context}${(err as Error).message}${partial.length ? ` (kept the ${partial.length} values read before)` : ''}` });
    }
    count.varbinds += got.get(root)?.length ?? 0;
  }
  return (root) => got.get(root) ?? [];
}

/** One note per MAC learned (not 'self') on more than `limit` distinct ports. */
export function noteMacsOnManyPorts(fdb: readonly L2FdbEntry[], limit: number, notes: L2Note[]): void {
  const ports = new Map<string, Set<string>>();
  for (const f of fdb) {
    if (f.status === 'self') continue;
    let s = ports.get(f.mac);
    if (!s) ports.set(f.mac, (s = new Set()));
    s.add(f.port.name);
  }
  for (const [mac, s] of ports) if (s.size > limit) notes.push({ code: 'mac-on-many-ports', table: 'fdb', message: `${mac} is learned on ${s.size} ports (a loop, a hub or a broken table?)` });
}

export async function readL2Snapshot(walker: L2Walker, o: ReadL2Options): Promise<L2Snapshot> {
  const t0 = performance.now();
  const readAt = (o.now ?? Date.now)();
  const parts = new Set<L2Part>(o.parts ?? ['neighbors', 'fdb', 'vlans', 'arp']);
  const max = o.maxVarbinds ?? 20_000;
  const notes: L2Note[] = [];
  const count = { varbinds: 0 };
  const cache = new Map<string, VarBind[]>();
  const walk = (roots: readonly string[]) => walkAll(walker, roots, max, notes, count, '', cache);
  const absent = (table: string, what: string) => notes.push({ code: 'absent', table, message: `${what} not served` });

  const base = await walk([SYS_NAME, ...INTERFACE_ROOTS, ...(parts.has('fdb') || parts.has('vlans') || parts.has('neighbors') ? BASE_PORT_ROOTS : [])]);
  const interfaces = readInterfaces(base);
  const basePorts = readBasePorts(base(BRIDGE.basePortIfIndex));
  const ports = createPortResolver(interfaces, basePorts, notes);
  const snapshot: L2Snapshot = { address: o.address, readAt, sysName: textOf(base(SYS_NAME)[0]), chassisId: null, interfaces, neighbors: [], fdb: [], vlans: [], portVlans: [], arp: [], notes, stats: { requests: 0, varbinds: 0, ms: 0 } };

  if (parts.has('neighbors')) {
    const lldp = readLldp(await walk(LLDP_ROOTS), ports, notes);
    const cdp = readCdp(await walk(CDP_ROOTS), ports, notes);
    snapshot.chassisId = lldp.chassisId;
    snapshot.neighbors = [...lldp.neighbors, ...cdp];
  }

  let ciscoVlans: ReturnType<typeof readCiscoVlans> | null = null;
  if (parts.has('vlans') || parts.has('fdb')) {
    const q = readQBridgeVlans(await walk(QBRIDGE_VLAN_ROOTS), ports);
    if (q.vlans.length > 0 || q.portVlans.length > 0) {
      snapshot.vlans = q.vlans;
      snapshot.portVlans = q.portVlans;
    } else {
      ciscoVlans = readCiscoVlans(await walk(CISCO_VLAN_ROOTS), ports);
      snapshot.vlans = ciscoVlans.vlans;
      snapshot.portVlans = ciscoVlans.portVlans;
    }
    if (snapshot.vlans.length === 0 && parts.has('vlans')) absent('dot1qVlanStaticTable', 'Q-BRIDGE-MIB and CISCO-VTP-MIB VLANs');
    if (!parts.has('vlans')) {
      snapshot.vlans = [];
      snapshot.portVlans = [];
    }
  }

  if (parts.has('fdb')) {
    let fdb = readQBridgeFdb(await walk(QBRIDGE_FDB_ROOTS), ports, notes);
    if (fdb.length === 0 && ciscoVlans && ciscoVlans.bridgeVlans.length > 0 && walker.forVlan) {
      // A Cisco switch: one bridge instance per VLAN, its own bridge port numbering.
      const vlans = ciscoVlans.bridgeVlans.slice(0, o.maxVlans ?? 64);
      if (vlans.length < ciscoVlans.bridgeVlans.length) notes.push({ code: 'truncated', table: 'dot1dTpFdbTable', message: `read the forwarding tables of the first ${vlans.length} of ${ciscoVlans.bridgeVlans.length} VLANs` });
      for (const [i, vlan] of vlans.entries()) {
        const w = walker.forVlan(vlan);
        if (!w) break;
        const vlanNotes: L2Note[] = [];
        let walked = await walkAll(w, BASE_PORT_ROOTS, max, vlanNotes, count, `VLAN ${vlan}: `);
        const failed = vlanNotes.find((n) => n.code === 'read-failed');
        if (failed) {
          // A switch that does not answer community@vlan (or context vlan-N) does not for any VLAN: stop at the first.
          notes.push({ code: 'vlan-context-failed', table: 'dot1dTpFdbTable', message: `${failed.message}${i === 0 ? '; the per-VLAN forwarding tables were not read' : ''}` });
          if (i === 0) break;
          continue;
        }
        walked = await walkAll(w, BRIDGE_FDB_ROOTS, max, vlanNotes, count, `VLAN ${vlan}: `, new Map([[BRIDGE.basePortIfIndex, [...walked(BRIDGE.basePortIfIndex)]]]));
        for (const n of vlanNotes) notes.push(n.code === 'read-failed' ? { ...n, code: 'vlan-context-failed' } : n);
        const vlanPorts = createPortResolver(interfaces, readBasePorts(walked(BRIDGE.basePortIfIndex)), notes);
        fdb.push(...readBridgeFdb(walked(BRIDGE.tpFdbEntry), vlanPorts, notes, vlan));
      }
    }
    if (fdb.length === 0) fdb = readBridgeFdb((await walk(BRIDGE_FDB_ROOTS))(BRIDGE.tpFdbEntry), ports, notes);
    if (fdb.length === 0) absent('dot1dTpFdbTable', 'BRIDGE-MIB and Q-BRIDGE-MIB forwarding tables');
    noteMacsOnManyPorts(fdb, o.manyPorts ?? 4, notes);
    snapshot.fdb = fdb;
  }

  if (parts.has('arp')) {
    const physical = readArpPhysical((await walk(ARP_PHYSICAL_ROOTS))(IP.netToPhysicalEntry), ports, notes);
    // Some agents serve only IPv6 in the new table and IPv4 in the old one.
    const media = physical.some((a) => a.family === 'ipv4') ? [] : readArpMedia((await walk(ARP_MEDIA_ROOTS))(IP.netToMediaEntry), ports, notes);
    snapshot.arp = [...physical, ...media];
  }

  snapshot.stats = { requests: walker.requests, varbinds: count.varbinds, ms: Math.round(performance.now() - t0) };
  return snapshot;
}
