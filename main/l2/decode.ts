/**
 * Decoding the values and indexes L2 tables use: MACs in octets or in six index arcs,
 * InetAddress in an index (length-prefixed), PortList and VLAN bitmaps, LLDP's BITS.
 */
import type { VarBind } from '../snmp/index.ts';
import { formatAddress } from '../net/address.ts';

const hex2 = (b: number): string => b.toString(16).padStart(2, '0');

/** Six bytes as aa:bb:cc:dd:ee:ff; null for any other length. */
export function macOfBytes(bytes: Uint8Array): string | null {
  return bytes.length === 6 ? [...bytes].map(hex2).join(':') : null;
}

/** Six OID arcs (each 0..255) as a MAC. */
export function macOfArcs(arcs: readonly number[]): string | null {
  if (arcs.length !== 6 || arcs.some((a) => !Number.isInteger(a) || a < 0 || a > 255)) return null;
  return arcs.map(hex2).join(':');
}

export const arcsOf = (index: string): number[] => (index === '' ? [] : index.split('.').map(Number));

/** An OctetString's bytes (an agent that sent the wrong type gives none). */
export function bytesOf(vb: VarBind | undefined): Buffer | null {
  return vb && (vb.type === 'OctetString' || vb.type === 'Opaque') ? vb.bytes : null;
}

/** An OctetString as text: trailing NULs and spaces dropped, non-printable bytes as-is (latin1); null when empty or absent. */
export function textOf(vb: VarBind | undefined): string | null {
  const b = bytesOf(vb);
  if (!b) return vb && (vb.type === 'IpAddress' || vb.type === 'ObjectIdentifier') ? vb.value : null;
  let end = b.length;
  while (end > 0 && (b[end - 1] === 0 || b[end - 1] === 0x20)) end--;
  const t = b.toString('utf8', 0, end).trim();
  return t === '' ? null : t;
}

/** A number (Integer, Gauge, Counter32, TimeTicks); null otherwise. */
export function intOf(vb: VarBind | undefined): number | null {
  if (!vb) return null;
  if (vb.type === 'Integer' || vb.type === 'Gauge32' || vb.type === 'Counter32' || vb.type === 'TimeTicks') return vb.value;
  return null;
}

/** Bytes of an IPv4 (4) or IPv6 (16) address as text; null for other lengths. */
export function ipOfBytes(bytes: Uint8Array): { ip: string; family: 'ipv4' | 'ipv6' } | null {
  if (bytes.length === 4) return { ip: [...bytes].join('.'), family: 'ipv4' };
  if (bytes.length === 16) {
    let v = 0n;
    for (const b of bytes) v = (v << 8n) | BigInt(b);
    return { ip: formatAddress(6, v), family: 'ipv6' };
  }
  return null;
}

/**
 * An InetAddressType + InetAddress pair at the start of index arcs (the address length-prefixed,
 * as in ipNetToPhysicalTable and lldpRemManAddrTable): the address and how many arcs it used.
 * ipv4z/ipv6z (3, 4) drop the zone index. Null when the arcs do not hold one.
 */
export function inetAddressOfArcs(arcs: readonly number[]): { ip: string; family: 'ipv4' | 'ipv6'; used: number } | null {
  const [type, len] = arcs;
  if (type === undefined || len === undefined) return null;
  if (arcs.length < 2 + len || arcs.slice(2, 2 + len).some((a) => !(a >= 0 && a <= 255))) return null;
  const raw = Uint8Array.from(arcs.slice(2, 2 + len));
  const bytes = type === 3 || type === 4 ? raw.slice(0, type === 3 ? 4 : 16) : raw;
  if ((type === 1 || type === 3) && bytes.length !== 4) return null;
  if ((type === 2 || type === 4) && bytes.length !== 16) return null;
  const ip = ipOfBytes(bytes);
  return ip ? { ...ip, used: 2 + len } : null;
}

/** A PortList / VLAN bitmap: bit 0 (MSB of the first octet) is number `first`. */
export function bitsOf(bytes: Uint8Array, first = 1): number[] {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    if (b === 0) continue;
    for (let bit = 0; bit < 8; bit++) if (b & (0x80 >> bit)) out.push(first + i * 8 + bit);
  }
  return out;
}

/** Groups walked values of one table entry (`<entry>.<column>.<index>`) by index, then column number. */
export function rowsOf(entryOid: string, varbinds: readonly VarBind[]): Map<string, Map<number, VarBind>> {
  const rows = new Map<string, Map<number, VarBind>>();
  const prefix = `${entryOid}.`;
  for (const vb of varbinds) {
    if (!vb.oid.startsWith(prefix)) continue;
    const rest = vb.oid.slice(prefix.length);
    const dot = rest.indexOf('.');
    if (dot <= 0) continue;
    const col = Number(rest.slice(0, dot));
    const index = rest.slice(dot + 1);
    let row = rows.get(index);
    if (!row) rows.set(index, (row = new Map()));
    row.set(col, vb);
  }
  return rows;
}

/** Octets for people: printable text as text, six bytes as a MAC, else colon-separated hex. */
export function displayOfBytes(bytes: Buffer): string {
  let end = bytes.length;
  while (end > 0 && bytes[end - 1] === 0) end--;
  const body = bytes.subarray(0, end);
  const printable = body.length > 0 && [...body].every((b) => b >= 0x20 && b < 0x7f);
  if (printable) return body.toString('latin1').trim();
  if (bytes.length === 6) return macOfBytes(bytes) as string;
  return [...bytes].map(hex2).join(':');
}

/**
 * A BITS or PortList value's bytes. Some agents (and captures made from snmpwalk's output) send
 * the hex rendering as text ("28 00"); that text is read as the bytes it spells.
 */
export function bitBytesOf(vb: VarBind | undefined): Buffer | null {
  const b = bytesOf(vb);
  if (!b) return null;
  const t = b.toString('latin1').trim();
  if (b.length >= 2 && /^[0-9a-f]{1,2}( [0-9a-f]{1,2})+$/i.test(t)) return Buffer.from(t.split(' ').map((h) => parseInt(h, 16)));
  return b;
}
