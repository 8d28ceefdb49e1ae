/**
 * LLDP-MIB (802.1AB-2005): the neighbours a device heard (lldpRemTable), their management
 * addresses (lldpRemManAddrTable), and the local ports they were heard on (lldpLocPortTable,
 * resolved to interfaces by name, else by lldpLocPortNum as an ifIndex or a bridge port).
 */
import type { L2Neighbor, L2Note, L2Port } from '../api/l2.ts';
import type { VarBind } from '../snmp/index.ts';
import { arcsOf, bitBytesOf, bitsOf, bytesOf, displayOfBytes, inetAddressOfArcs, intOf, ipOfBytes, macOfBytes, rowsOf, textOf } from './decode.ts';
import { LLDP } from './oids.ts';
import type { PortResolver } from './ports.ts';

export const LLDP_ROOTS = [LLDP.locChassisIdSubtype, LLDP.locChassisId, LLDP.locPortEntry, LLDP.remEntry, LLDP.remManAddrEntry] as const;

const CHASSIS_SUBTYPES: Record<number, string> = { 1: 'chassisComponent', 2: 'interfaceAlias', 3: 'portComponent', 4: 'mac', 5: 'networkAddress', 6: 'interfaceName', 7: 'local' };
const PORT_SUBTYPES: Record<number, string> = { 1: 'interfaceAlias', 2: 'portComponent', 3: 'mac', 4: 'networkAddress', 5: 'interfaceName', 6: 'agentCircuitId', 7: 'local' };
/** LldpSystemCapabilitiesMap, bit 0 first. */
const CAPABILITY_BITS = ['other', 'repeater', 'bridge', 'wlanAccessPoint', 'router', 'telephone', 'docsisCableDevice', 'station', 'cvlan', 'svlan', 'twoPortMacRelay'] as const;

/** An LLDP id by its subtype: a MAC, an address (IANA family byte first), else text or hex. */
export function lldpIdText(subtype: string | null, bytes: Buffer | null): string | null {
  if (!bytes || bytes.length === 0) return null;
  if (subtype === 'mac') return macOfBytes(bytes) ?? displayOfBytes(bytes);
  if (subtype === 'networkAddress' && bytes.length > 1) return ipOfBytes(bytes.subarray(1))?.ip ?? displayOfBytes(bytes);
  return displayOfBytes(bytes);
}

export function lldpCapabilities(bytes: Buffer | null): L2Neighbor['capabilities'] {
  if (!bytes) return [];
  return bitsOf(bytes, 0).flatMap((b) => (CAPABILITY_BITS[b] ? [CAPABILITY_BITS[b]] : []));
}

export interface LldpRead {
  chassisId: string | null;
  neighbors: L2Neighbor[];
}

/** The local port `portNum`: the interface named by its port id or description, else ifIndex = portNum, else bridge port portNum. */
function localPort(portNum: number, locPorts: Map<string, Map<number, VarBind>>, ports: PortResolver): L2Port {
  const row = locPorts.get(String(portNum));
  const subtype = PORT_SUBTYPES[intOf(row?.get(2)) ?? 0] ?? null;
  const id = lldpIdText(subtype, bytesOf(row?.get(3)));
  const descr = textOf(row?.get(4));
  for (const n of [id, descr]) {
    const i = n ? ports.byName(n) : undefined;
    if (i) return { ifIndex: i.ifIndex, name: i.name, bridgePort: null };
  }
  if (ports.interfaces.has(portNum)) return ports.byIfIndex(portNum);
  const viaBridge = ports.ifIndexOfBridgePort(portNum);
  if (viaBridge !== null && ports.interfaces.has(viaBridge)) return ports.byIfIndex(viaBridge, portNum);
  return { ifIndex: null, name: (subtype === 'mac' ? descr : (id ?? descr)) ?? `port ${portNum}`, bridgePort: null };
}

/** Management addresses by `${localPort}.${remIndex}` (the TimeMark ignored). */
function managementAddresses(vbs: readonly VarBind[], notes: L2Note[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let bad = 0;
  for (const [index] of rowsOf(LLDP.remManAddrEntry, vbs)) {
    const arcs = arcsOf(index);
    if (arcs.length < 5) {
      bad++;
      continue;
    }
    const key = `${arcs[1]}.${arcs[2]}`;
    const rest = arcs.slice(3);
    // InetAddress-style: subtype, length, bytes. Some agents leave the length out.
    const addr = inetAddressOfArcs(rest) ?? (rest.length === 5 && rest[0] === 1 ? inetAddressOfArcs([1, 4, ...rest.slice(1)]) : null) ?? (rest.length === 17 && rest[0] === 2 ? inetAddressOfArcs([2, 16, ...rest.slice(1)]) : null);
    if (!addr) {
      bad++;
      continue;
    }
    const list = out.get(key) ?? [];
    if (!list.includes(addr.ip)) list.push(addr.ip);
    out.set(key, list);
  }
  if (bad) notes.push({ code: 'bad-row', table: 'lldpRemManAddrTable', message: `${bad} management address rows had an index that is not an IPv4/IPv6 address; skipped` });
  return out;
}

export function readLldp(walked: (root: string) => readonly VarBind[], ports: PortResolver, notes: L2Note[]): LldpRead {
  const chassisSubtype = CHASSIS_SUBTYPES[intOf(walked(LLDP.locChassisIdSubtype)[0]) ?? 0] ?? null;
  const chassisId = lldpIdText(chassisSubtype, bytesOf(walked(LLDP.locChassisId)[0]));
  const locPorts = rowsOf(LLDP.locPortEntry, walked(LLDP.locPortEntry));
  const addresses = managementAddresses(walked(LLDP.remManAddrEntry), notes);
  // The latest TimeMark of each (local port, remote index).
  const latest = new Map<string, { timeMark: number; portNum: number; row: Map<number, VarBind> }>();
  let bad = 0;
  for (const [index, row] of rowsOf(LLDP.remEntry, walked(LLDP.remEntry))) {
    const [timeMark, portNum, remIndex, ...extra] = arcsOf(index);
    if (timeMark === undefined || portNum === undefined || remIndex === undefined || extra.length > 0) {
      bad++;
      continue;
    }
    const key = `${portNum}.${remIndex}`;
    const prev = latest.get(key);
    if (!prev || prev.timeMark <= timeMark) latest.set(key, { timeMark, portNum, row });
  }
  if (bad) notes.push({ code: 'bad-row', table: 'lldpRemTable', message: `${bad} rows had an index that is not TimeMark.LocalPortNum.Index; skipped` });
  const neighbors: L2Neighbor[] = [];
  for (const [key, { portNum, row }] of [...latest].sort(([, a], [, b]) => a.portNum - b.portNum)) {
    const chassisIdSubtype = CHASSIS_SUBTYPES[intOf(row.get(4)) ?? 0] ?? null;
    const portIdSubtype = PORT_SUBTYPES[intOf(row.get(6)) ?? 0] ?? null;
    const n: L2Neighbor = {
      protocol: 'lldp',
      localPort: localPort(portNum, locPorts, ports),
      chassisId: lldpIdText(chassisIdSubtype, bytesOf(row.get(5))),
      chassisIdSubtype,
      sysName: textOf(row.get(9)),
      portId: lldpIdText(portIdSubtype, bytesOf(row.get(7))),
      portIdSubtype,
      portDescr: textOf(row.get(8)),
      sysDescr: textOf(row.get(10)),
      version: null,
      capabilities: lldpCapabilities(bitBytesOf(row.get(12))),
      managementAddresses: addresses.get(key) ?? [],
      nativeVlan: null,
    };
    if (n.managementAddresses.length === 0) {
      notes.push({ code: 'neighbor-without-address', table: 'lldpRemManAddrTable', message: `LLDP neighbour ${n.sysName ?? n.chassisId ?? '?'} on ${n.localPort.name} has no management address` });
    }
    neighbors.push(n);
  }
  return { chassisId, neighbors };
}
