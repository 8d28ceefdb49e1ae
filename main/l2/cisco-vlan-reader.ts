/**
 * Cisco's VLANs where Q-BRIDGE is absent: CISCO-VTP-MIB vtpVlanTable (id, name, state, type),
 * vlanTrunkPortTable (trunking ports: native VLAN, allowed VLANs 0-1023), and
 * CISCO-VLAN-MEMBERSHIP-MIB vmVlan (an access port's VLAN). The forwarding table of such a switch
 * is one BRIDGE-MIB instance per VLAN (read-l2.ts walks it with community@vlan).
 */
import type { L2PortVlans, L2Vlan } from '../api/l2.ts';
import type { VarBind } from '../snmp/index.ts';
import { arcsOf, bitsOf, bytesOf, intOf, rowsOf, textOf } from './decode.ts';
import { CISCO_VLAN } from './oids.ts';
import type { PortResolver } from './ports.ts';

export const CISCO_VLAN_ROOTS = [CISCO_VLAN.vtpVlanEntry, CISCO_VLAN.trunkPortEntry, CISCO_VLAN.vmVlan] as const;

const STATES: Record<number, string> = { 1: 'operational', 2: 'suspended', 3: 'mtuTooBigForDevice', 4: 'mtuTooBigForTrunk' };

export interface CiscoVlans {
  vlans: L2Vlan[];
  portVlans: L2PortVlans[];
  /** Operational Ethernet VLANs (vtpVlanType 1), whose bridge instances hold the forwarding table. */
  bridgeVlans: number[];
}

export function readCiscoVlans(walked: (root: string) => readonly VarBind[], ports: PortResolver): CiscoVlans {
  const found = new Map<number, { vlan: L2Vlan; ethernetUp: boolean }>();
  for (const [index, row] of rowsOf(CISCO_VLAN.vtpVlanEntry, walked(CISCO_VLAN.vtpVlanEntry))) {
    const [, id] = arcsOf(index);
    if (id === undefined || !(id >= 1 && id <= 4094) || found.has(id)) continue;
    const state = intOf(row.get(2));
    found.set(id, { vlan: { id, name: textOf(row.get(4)), status: state === null ? null : (STATES[state] ?? String(state)), source: 'cisco-vtp', ports: [], untaggedPorts: [] }, ethernetUp: state === 1 && (intOf(row.get(3)) ?? 1) === 1 });
  }
  const portVlans: L2PortVlans[] = [];
  const addPort = (vlanId: number, portName: string, untagged: boolean) => {
    const v = found.get(vlanId)?.vlan;
    if (!v) return;
    v.ports.push(portName);
    if (untagged) v.untaggedPorts.push(portName);
  };
  const trunks = new Set<number>();
  for (const [index, row] of rowsOf(CISCO_VLAN.trunkPortEntry, walked(CISCO_VLAN.trunkPortEntry))) {
    const ifIndex = Number(index);
    // vlanTrunkPortDynamicStatus: trunking(1), notTrunking(2).
    if (!Number.isInteger(ifIndex) || intOf(row.get(14)) !== 1) continue;
    trunks.add(ifIndex);
    const port = ports.byIfIndex(ifIndex);
    const native = intOf(row.get(5));
    const allowed = bitsOf(bytesOf(row.get(4)) ?? Buffer.alloc(0), 0).filter((v) => v !== native && found.has(v));
    portVlans.push({ port, pvid: native, mode: 'trunk', tagged: allowed, untagged: native === null ? [] : [native] });
    for (const v of allowed) addPort(v, port.name, false);
    if (native !== null) addPort(native, port.name, true);
  }
  const prefix = `${CISCO_VLAN.vmVlan}.`;
  for (const vb of walked(CISCO_VLAN.vmVlan)) {
    const ifIndex = Number(vb.oid.slice(prefix.length));
    const vlan = intOf(vb);
    if (!vb.oid.startsWith(prefix) || !Number.isInteger(ifIndex) || vlan === null || trunks.has(ifIndex)) continue;
    const port = ports.byIfIndex(ifIndex);
    portVlans.push({ port, pvid: vlan, mode: 'access', tagged: [], untagged: [vlan] });
    addPort(vlan, port.name, true);
  }
  portVlans.sort((a, b) => (a.port.ifIndex ?? 0) - (b.port.ifIndex ?? 0));
  const all = [...found.values()].sort((a, b) => a.vlan.id - b.vlan.id);
  return { vlans: all.map((f) => f.vlan), portVlans, bridgeVlans: all.filter((f) => f.ethernetUp && !(f.vlan.id >= 1002 && f.vlan.id <= 1005)).map((f) => f.vlan.id) };
}
