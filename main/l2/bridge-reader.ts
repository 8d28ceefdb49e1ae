/**
 * BRIDGE-MIB: bridge port → ifIndex (dot1dBasePortIfIndex) and the forwarding table
 * (dot1dTpFdbTable: MAC → bridge port, with its status). A Cisco switch without Q-BRIDGE serves
 * one such table per VLAN (cisco-vlan-reader.ts reads them with this reader).
 */
import type { L2FdbEntry, L2Note } from '../api/l2.ts';
import type { VarBind } from '../snmp/index.ts';
import { arcsOf, bytesOf, intOf, macOfArcs, macOfBytes, rowsOf } from './decode.ts';
import { BRIDGE } from './oids.ts';
import type { PortResolver } from './ports.ts';

export const BASE_PORT_ROOTS = [BRIDGE.basePortIfIndex] as const;
export const BRIDGE_FDB_ROOTS = [BRIDGE.tpFdbEntry] as const;

const STATUS: Record<number, L2FdbEntry['status']> = { 1: 'other', 2: 'invalid', 3: 'learned', 4: 'self', 5: 'mgmt' };
export const fdbStatus = (n: number | null): L2FdbEntry['status'] => STATUS[n ?? 3] ?? 'other';

/** dot1dBasePort → ifIndex. */
export function readBasePorts(vbs: readonly VarBind[]): Map<number, number> {
  const out = new Map<number, number>();
  const prefix = `${BRIDGE.basePortIfIndex}.`;
  for (const vb of vbs) {
    if (!vb.oid.startsWith(prefix)) continue;
    const port = Number(vb.oid.slice(prefix.length));
    const ifIndex = intOf(vb);
    if (Number.isInteger(port) && ifIndex !== null) out.set(port, ifIndex);
  }
  return out;
}

/**
 * dot1dTpFdbTable rows. `vlan`: the VLAN whose instance was read (Cisco per-VLAN), else null.
 * Port 0 (the agent does not know the port, or the switch itself) is skipped unless the status is self.
 */
export function readBridgeFdb(vbs: readonly VarBind[], ports: PortResolver, notes: L2Note[], vlan: number | null = null): L2FdbEntry[] {
  const out: L2FdbEntry[] = [];
  let bad = 0;
  for (const [index, row] of rowsOf(BRIDGE.tpFdbEntry, vbs)) {
    const addr = bytesOf(row.get(1));
    const mac = macOfArcs(arcsOf(index)) ?? (addr ? macOfBytes(addr) : null);
    const port = intOf(row.get(2));
    if (!mac || port === null) {
      bad++;
      continue;
    }
    const status = fdbStatus(intOf(row.get(3)));
    if (port === 0 && status !== 'self') continue;
    out.push({ mac, vlan, port: port === 0 ? { ifIndex: null, name: 'self', bridgePort: 0 } : ports.byBridgePort(port, 'dot1dTpFdbTable'), status, source: vlan === null ? 'bridge' : 'bridge-vlan' });
  }
  if (bad) notes.push({ code: 'bad-row', table: 'dot1dTpFdbTable', message: `${bad} rows without a MAC index or a port; skipped` });
  return out;
}
