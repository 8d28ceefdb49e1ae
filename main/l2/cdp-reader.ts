/**
 * CISCO-CDP-MIB cdpCacheTable: the neighbours a Cisco (or CDP-speaking) device heard, indexed by
 * the local ifIndex and a device index. The capabilities are CDP's bit mask (4 octets).
 */
import type { L2Neighbor, L2Note } from '../api/l2.ts';
import type { VarBind } from '../snmp/index.ts';
import { arcsOf, bytesOf, intOf, ipOfBytes, rowsOf, textOf } from './decode.ts';
import { CDP_CACHE_ENTRY } from './oids.ts';
import type { PortResolver } from './ports.ts';

export const CDP_ROOTS = [CDP_CACHE_ENTRY] as const;

/** CDP capability bits (the low octet first): router, trans-bridge, source-route bridge, switch, host, IGMP, repeater, phone. */
const CDP_CAPABILITIES: [number, L2Neighbor['capabilities'][number]][] = [
  [0x01, 'router'],
  [0x02, 'bridge'],
  [0x04, 'sourceRouteBridge'],
  [0x08, 'bridge'],
  [0x10, 'host'],
  [0x20, 'igmp'],
  [0x40, 'repeater'],
  [0x80, 'telephone'],
];

export function cdpCapabilities(bytes: Buffer | null): L2Neighbor['capabilities'] {
  if (!bytes || bytes.length === 0) return [];
  let mask = 0;
  for (const b of bytes) mask = (mask * 256 + b) >>> 0;
  const out: L2Neighbor['capabilities'] = [];
  for (const [bit, cap] of CDP_CAPABILITIES) if (mask & bit && !out.includes(cap)) out.push(cap);
  return out;
}

/** 'sw1.example.com(FOC1234X0AB)' → 'sw1.example.com': the serial some devices append. */
export function cdpSysName(deviceId: string | null): string | null {
  if (!deviceId) return null;
  return deviceId.replace(/\([^)]*\)$/, '').trim() || deviceId;
}

export function readCdp(walked: (root: string) => readonly VarBind[], ports: PortResolver, notes: L2Note[]): L2Neighbor[] {
  const out: L2Neighbor[] = [];
  let bad = 0;
  for (const [index, row] of rowsOf(CDP_CACHE_ENTRY, walked(CDP_CACHE_ENTRY))) {
    const [ifIndex, deviceIndex, ...extra] = arcsOf(index);
    if (ifIndex === undefined || deviceIndex === undefined || extra.length > 0) {
      bad++;
      continue;
    }
    const addrType = intOf(row.get(3));
    const addrBytes = bytesOf(row.get(4));
    const address = addrBytes && (addrType === 1 || addrType === 20 || addrType === null) ? ipOfBytes(addrBytes)?.ip : undefined;
    const deviceId = textOf(row.get(6));
    const version = textOf(row.get(5));
    const n: L2Neighbor = {
      protocol: 'cdp',
      localPort: ports.byIfIndex(ifIndex),
      chassisId: deviceId,
      chassisIdSubtype: null,
      sysName: textOf(row.get(17)) ?? cdpSysName(deviceId),
      portId: textOf(row.get(7)),
      portIdSubtype: null,
      portDescr: null,
      sysDescr: textOf(row.get(8)),
      version: version ? (version.split(/\r?\n/)[0] ?? null) : null,
      capabilities: cdpCapabilities(bytesOf(row.get(9))),
      managementAddresses: address && address !== '0.0.0.0' ? [address] : [],
      nativeVlan: intOf(row.get(11)),
    };
    if (n.managementAddresses.length === 0) notes.push({ code: 'neighbor-without-address', table: 'cdpCacheTable', message: `CDP neighbour ${n.sysName ?? '?'} on ${n.localPort.name} has no management address` });
    out.push(n);
  }
  if (bad) notes.push({ code: 'bad-row', table: 'cdpCacheTable', message: `${bad} rows had an index that is not ifIndex.deviceIndex; skipped` });
  return out;
}
