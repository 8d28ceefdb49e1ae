/**
 * IP addresses: strict parsing, canonical text, and the integer form range maths works on.
 *
 * Strict means what a technician means: IPv4 only as four decimal numbers 0-255 without leading
 * zeros (never the inet_aton forms '10.1', '0x7f.1' or '012.0.0.1', which resolvers would read
 * as other addresses), IPv6 only with a colon. IPv4-mapped IPv6 (::ffff:10.0.0.1) is the IPv4
 * address it maps. Zone ids (fe80::1%eth0) are refused unless the caller can use them.
 *
 * Pure: no Node modules (the contract in main/api/ uses it, and the preload bundles the contract).
 */
import ipaddr from 'ipaddr.js';

export type Family = 4 | 6;

/** An address as an integer of its family, with the zone id of a scoped IPv6 address. */
export interface IpValue {
  family: Family;
  value: bigint;
  /** IPv6 zone id ('eth0' of fe80::1%eth0), only when the caller allowed zones. */
  zone?: string;
}

export const bitsOf = (family: Family): number => (family === 4 ? 32 : 128);

function toBig(addr: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  let n = 0n;
  for (const b of addr.toByteArray()) n = (n << 8n) | BigInt(b);
  return n;
}

/** Parses one IP address strictly; IPv4-mapped IPv6 becomes IPv4. Null when it is not one. */
export function parseIp(text: string, options: { zone?: boolean } = {}): IpValue | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return { family: 4, value: toBig(ipaddr.IPv4.parse(text)) };
  if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return null;
  const v6 = ipaddr.IPv6.parse(text);
  if (v6.zoneId !== undefined && !options.zone) return null;
  if (v6.isIPv4MappedAddress()) return { family: 4, value: toBig(v6.toIPv4Address()) };
  return v6.zoneId === undefined ? { family: 6, value: toBig(v6) } : { family: 6, value: toBig(v6), zone: v6.zoneId };
}

/** 4 or 6 for a strict IP address (zone ids allowed), 0 otherwise. IPv4-mapped IPv6 counts as 6. */
export function ipFamily(text: string): 0 | Family {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return 4;
  return text.includes(':') && ipaddr.IPv6.isValid(text) ? 6 : 0;
}

/** Formats an address integer: dotted quad, or RFC 5952 IPv6 (with `%zone` when given). */
export function formatAddress(family: Family, n: bigint, zone?: string): string {
  if (family === 4) {
    const v = Number(n);
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  const parts: number[] = [];
  for (let i = 7; i >= 0; i--) parts.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  const text = new ipaddr.IPv6(parts).toRFC5952String();
  return zone === undefined ? text : `${text}%${zone}`;
}

/** The canonical text of an IP address (IPv4-mapped IPv6 as IPv4), or null when it is not one. */
export function canonicalAddress(text: string, options: { zone?: boolean } = {}): string | null {
  const ip = parseIp(text, options);
  return ip ? formatAddress(ip.family, ip.value, ip.zone) : null;
}

/** True when `text` looks like an IPv4 address attempt (digits and dots only). */
export const looksNumeric = (text: string): boolean => /^[\d.]+$/.test(text);

/** Why `text` is not a valid IP address, worded for the user. */
export function badAddressMessage(text: string): string {
  if (looksNumeric(text)) return `"${text}" is not a valid IPv4 address (four numbers 0-255 separated by dots)`;
  if (text.includes(':')) return `"${text}" is not a valid IPv6 address`;
  return `"${text}" is not a valid address`;
}
