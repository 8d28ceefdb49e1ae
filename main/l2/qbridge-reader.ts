/**
 * Q-BRIDGE-MIB: the forwarding table per FDB (dot1qTpFdbTable, FDB ids mapped to VLANs through
 * dot1qVlanFdbId; most switches use the VLAN id itself), static VLANs with their names and port
 * sets (dot1qVlanStaticTable, PortList bitmaps of bridge ports), and each port's PVID (dot1qPvid).
 */
import type { L2FdbEntry, L2Note, L2PortVlans, L2Vlan } from '../api/l2.ts';
import type { VarBind } from '../snmp/index.ts';
import { arcsOf, bitBytesOf, bitsOf, intOf, macOfArcs, rowsOf, textOf } from './decode.ts';
import { fdbStatus } from './bridge-reader.ts';
import { QBRIDGE } from './oids.ts';
import type { PortResolver } from './ports.ts';

export const QBRIDGE_FDB_ROOTS = [QBRIDGE.vlanCurrentEntry, QBRIDGE.tpFdbEntry] as const;
export const QBRIDGE_VLAN_ROOTS = [QBRIDGE.vlanStaticEntry, QBRIDGE.vlanCurrentEntry, QBRIDGE.pvid] as const;

/** dot1qVlanCurrentTable by VLAN id (index TimeMark.VlanIndex; the latest TimeMark wins). */
function currentRows(vbs: readonly VarBind[]): Map<number, Map<number, VarBind>> {
  const out = new Map<number, { timeMark: number; row: Map<number, VarBind> }>();
  for (const [index, row] of rowsOf(QBRIDGE.vlanCurrentEntry, vbs)) {
    const [timeMark, vlan, ...extra] = arcsOf(index);
    if (timeMark === undefined || vlan === undefined || extra.length > 0) continue;
    const prev = out.get(vlan);
    if (!prev || prev.timeMark <= timeMark) out.set(vlan, { timeMark, row });
  }
  return new Map([...out].map(([vlan, { row }]) => [vlan, row]));
}

/** FDB id → VLAN id (dot1qVlanFdbId). */
function fdbIdToVlan(vbs: readonly VarBind[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const [vlan, row] of currentRows(vbs)) {
    const fdbId = intOf(row.get(3));
    if (fdbId !== null && !out.has(fdbId)) out.set(fdbId, vlan);
  }
  return out;
}

export function readQBridgeFdb(walked: (root: string) => readonly VarBind[], ports: PortResolver, notes: L2Note[]): L2FdbEntry[] {
  const toVlan = fdbIdToVlan(walked(QBRIDGE.vlanCurrentEntry));
  const out: L2FdbEntry[] = [];
  let bad = 0;
  for (const [index, row] of rowsOf(QBRIDGE.tpFdbEntry, walked(QBRIDGE.tpFdbEntry))) {
    const [fdbId, ...macArcs] = arcsOf(index);
    const mac = macOfArcs(macArcs);
    const port = intOf(row.get(2));
    if (fdbId === undefined || !mac || port === null) {
      bad++;
      continue;
    }
    const status = fdbStatus(intOf(row.get(3)));
    if (port === 0 && status !== 'self') continue;
    out.push({ mac, vlan: toVlan.get(fdbId) ?? fdbId, port: port === 0 ? { ifIndex: null, name: 'self', bridgePort: 0 } : ports.byBridgePort(port, 'dot1qTpFdbTable'), status, source: 'q-bridge' });
  }
  if (bad) notes.push({ code: 'bad-row', table: 'dot1qTpFdbTable', message: `${bad} rows without an FdbId.MAC index or a port; skipped` });
  return out;
}

export interface QBridgeVlans {
  vlans: L2Vlan[];
  portVlans: L2PortVlans[];
}

export function readQBridgeVlans(walked: (root: string) => readonly VarBind[], ports: PortResolver): QBridgeVlans {
  const vlans: L2Vlan[] = [];
  // bridge port → { tagged, untagged }
  const membership = new Map<number, { tagged: number[]; untagged: number[] }>();
  const member = (bp: number) => {
    let m = membership.get(bp);
    if (!m) membership.set(bp, (m = { tagged: [], untagged: [] }));
    return m;
  };
  const name = (bp: number) => ports.byBridgePort(bp, 'dot1qVlanStaticTable').name;
  const current = currentRows(walked(QBRIDGE.vlanCurrentEntry));
  const staticRows = rowsOf(QBRIDGE.vlanStaticEntry, walked(QBRIDGE.vlanStaticEntry));
  // VLANs the device lists only in the current table (learned by GVRP/MVRP, or its static table is not served).
  for (const vlan of current.keys()) if (!staticRows.has(String(vlan))) staticRows.set(String(vlan), new Map());
  const none = Buffer.alloc(0);
  for (const [index, row] of staticRows) {
    const id = Number(index);
    if (!Number.isInteger(id) || id < 1 || id > 4094) continue;
    const cur = current.get(id);
    // The static sets when served, else what is in effect now (dot1qVlanCurrentEgressPorts / UntaggedPorts).
    const egressBytes = bitBytesOf(row.get(2)) ?? bitBytesOf(cur?.get(4)) ?? none;
    const untaggedBytes = bitBytesOf(row.get(4)) ?? bitBytesOf(cur?.get(5)) ?? none;
    const egress = bitsOf(egressBytes);
    const untagged = new Set(bitsOf(untaggedBytes));
    for (const bp of egress) member(bp)[untagged.has(bp) ? 'untagged' : 'tagged'].push(id);
    for (const bp of untagged) if (!egress.includes(bp)) member(bp).untagged.push(id);
    vlans.push({ id, name: textOf(row.get(1)), status: 'active', source: 'q-bridge', ports: egress.map(name), untaggedPorts: [...untagged].map(name) });
  }
  const pvids = new Map<number, number>();
  const prefix = `${QBRIDGE.pvid}.`;
  for (const vb of walked(QBRIDGE.pvid)) {
    const bp = Number(vb.oid.slice(prefix.length));
    const pvid = intOf(vb);
    if (vb.oid.startsWith(prefix) && Number.isInteger(bp) && pvid !== null) pvids.set(bp, pvid);
  }
  const bridgePorts = [...new Set([...membership.keys(), ...pvids.keys()])].sort((a, b) => a - b);
  const portVlans = bridgePorts.map((bp): L2PortVlans => {
    const m = membership.get(bp) ?? { tagged: [], untagged: [] };
    return { port: ports.byBridgePort(bp, 'dot1qPvid'), pvid: pvids.get(bp) ?? null, mode: m.tagged.length > 0 ? 'trunk' : m.untagged.length > 0 ? 'access' : null, tagged: m.tagged, untagged: m.untagged };
  });
  return { vlans: vlans.sort((a, b) => a.id - b.id), portVlans };
}
