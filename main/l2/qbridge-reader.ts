/**
 * Q-BRIDGE-MIB: the forwarding table per FDB (dot1qTpFdbTable, FDB ids mapped to VLANs through
 * dot1qVlanFdbId; most switches use the VLAN id itself), static VLANs with their names and port
 * sets (dot1qVlanStaticTable, PortList bitmaps of bridge ports), and each port's PVID (dot1qPvid).
 */
import type { L2FdbEntry, L2Note, L2PortVlans, L2Vlan } from '../api/l2.ts';
import type { VarBind } from '../snmp/index.ts';
import { arcsOf, bitsOf, bytesOf, intOf, macOfArcs, rowsOf, textOf } from './decode.ts';
import { fdbStatus } from './bridge-reader.ts';
import { QBRIDGE } from './oids.ts';
import type { PortResolver } from './ports.ts';

export const QBRIDGE_FDB_ROOTS = [QBRIDGE.vlanCurrentFdbId, QBRIDGE.tpFdbEntry] as const;
export const QBRIDGE_VLAN_ROOTS = [QBRIDGE.vlanStaticEntry, QBRIDGE.pvid] as const;

/** FDB id → VLAN id (dot1qVlanCurrentTable: index TimeMark.VlanIndex, value FdbId). */
function fdbIdToVlan(vbs: readonly VarBind[]): Map<number, number> {
  const out = new Map<number, number>();
  const prefix = `${QBRIDGE.vlanCurrentFdbId}.`;
  for (const vb of vbs) {
    if (!vb.oid.startsWith(prefix)) continue;
    const [, vlan] = arcsOf(vb.oid.slice(prefix.length));
    const fdbId = intOf(vb);
    if (vlan !== undefined && fdbId !== null && !out.has(fdbId)) out.set(fdbId, vlan);
  }
  return out;
}

export function readQBridgeFdb(walked: (root: string) => readonly VarBind[], ports: PortResolver, notes: L2Note[]): L2FdbEntry[] {
  const toVlan = fdbIdToVlan(walked(QBRIDGE.vlanCurrentFdbId));
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
  for (const [index, row] of rowsOf(QBRIDGE.vlanStaticEntry, walked(QBRIDGE.vlanStaticEntry))) {
    const id = Number(index);
    if (!Number.isInteger(id) || id < 1 || id > 4094) continue;
    const egress = bitsOf(bytesOf(row.get(2)) ?? Buffer.alloc(0));
    const untagged = new Set(bitsOf(bytesOf(row.get(4)) ?? Buffer.alloc(0)));
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
