/**
 * IP-MIB ARP / neighbour tables of routers and L3 switches: ipNetToPhysicalTable (IPv4 and IPv6,
 * index ifIndex.AddrType.<len>.Addr), else the older ipNetToMediaTable (IPv4, index ifIndex.a.b.c.d).
 * Entries without a MAC (incomplete) and invalid ones are dropped.
 */
import type { L2ArpEntry, L2Note } from '../api/l2.ts';
import type { VarBind } from '../snmp/index.ts';
import { isUsableMac } from '../discovery/mac.ts';
import { arcsOf, bytesOf, inetAddressOfArcs, intOf, macOfBytes, rowsOf } from './decode.ts';
import { IP } from './oids.ts';
import type { PortResolver } from './ports.ts';

export const ARP_PHYSICAL_ROOTS = [IP.netToPhysicalEntry] as const;
export const ARP_MEDIA_ROOTS = [IP.netToMediaEntry] as const;

const PHYSICAL_TYPES: Record<number, L2ArpEntry['type']> = { 1: 'other', 2: 'invalid', 3: 'dynamic', 4: 'static', 5: 'local' };
const MEDIA_TYPES: Record<number, L2ArpEntry['type']> = { 1: 'other', 2: 'invalid', 3: 'dynamic', 4: 'static' };

function entry(ip: { ip: string; family: 'ipv4' | 'ipv6' }, ifIndex: number, physical: Buffer | null, type: L2ArpEntry['type'], source: L2ArpEntry['source'], ports: PortResolver): L2ArpEntry | null {
  const mac = physical ? macOfBytes(physical) : null;
  if (!mac || !isUsableMac(mac) || type === 'invalid') return null;
  return { ip: ip.ip, family: ip.family, mac, ifIndex: ifIndex > 0 ? ifIndex : null, interface: ifIndex > 0 ? (ports.interfaces.get(ifIndex)?.name ?? null) : null, type, source };
}

export function readArpPhysical(vbs: readonly VarBind[], ports: PortResolver, notes: L2Note[]): L2ArpEntry[] {
  const out: L2ArpEntry[] = [];
  let bad = 0;
  for (const [index, row] of rowsOf(IP.netToPhysicalEntry, vbs)) {
    const [ifIndex, ...rest] = arcsOf(index);
    const addr = inetAddressOfArcs(rest);
    if (ifIndex === undefined || !addr || addr.used !== rest.length) {
      bad++;
      continue;
    }
    const e = entry(addr, ifIndex, bytesOf(row.get(4)), PHYSICAL_TYPES[intOf(row.get(6)) ?? 3] ?? 'other', 'ipNetToPhysical', ports);
    if (e) out.push(e);
  }
  if (bad) notes.push({ code: 'bad-row', table: 'ipNetToPhysicalTable', message: `${bad} rows had an index that is not ifIndex.InetAddress; skipped` });
  return out;
}

export function readArpMedia(vbs: readonly VarBind[], ports: PortResolver, notes: L2Note[]): L2ArpEntry[] {
  const out: L2ArpEntry[] = [];
  let bad = 0;
  for (const [index, row] of rowsOf(IP.netToMediaEntry, vbs)) {
    const arcs = arcsOf(index);
    const [ifIndex, ...ip] = arcs;
    if (ifIndex === undefined || ip.length !== 4 || ip.some((a) => !(a >= 0 && a <= 255))) {
      bad++;
      continue;
    }
    const e = entry({ ip: ip.join('.'), family: 'ipv4' }, ifIndex, bytesOf(row.get(2)), MEDIA_TYPES[intOf(row.get(4)) ?? 3] ?? 'other', 'ipNetToMedia', ports);
    if (e) out.push(e);
  }
  if (bad) notes.push({ code: 'bad-row', table: 'ipNetToMediaTable', message: `${bad} rows had an index that is not ifIndex.a.b.c.d; skipped` });
  return out;
}
