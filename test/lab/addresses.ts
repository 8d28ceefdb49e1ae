/**
 * The lab's address plan and IPv4 arithmetic. Every lab address comes from 198.18.0.0/15
 * (RFC 2544, benchmarking): lab N owns 198.18.N.0/24, big ranges live in 198.19.0.0/16.
 */

/** The only block the lab ever uses. */
export const LAB_BLOCK = '198.18.0.0/15';

/** Where `localRange` may live. */
export const LOCAL_RANGE_BLOCK = '198.19.0.0/16';

/** Dotted quad to a 32-bit unsigned number; throws on anything else. */
export function ipToInt(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) {
    throw new Error(`lab: not an IPv4 address: ${ip}`);
  }
  return parts.reduce((acc, p) => acc * 256 + Number(p), 0);
}

/** 32-bit unsigned number to dotted quad. */
export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** A parsed CIDR prefix. */
export interface Cidr {
  base: number;
  bits: number;
  size: number;
}

/** Parses 'a.b.c.d/n' and checks the address is the network address. */
export function parseCidr(cidr: string): Cidr {
  const m = /^([\d.]+)\/(\d{1,2})$/.exec(cidr);
  if (!m || Number(m[2]) > 32) throw new Error(`lab: not an IPv4 prefix: ${cidr}`);
  const bits = Number(m[2]);
  const base = ipToInt(m[1]!);
  const size = 2 ** (32 - bits);
  if (base % size !== 0) throw new Error(`lab: ${cidr} is not a network address`);
  return { base, bits, size };
}

/** True when `inner` (address or prefix) lies entirely inside `outer`. */
export function within(inner: string, outer: string): boolean {
  const o = parseCidr(outer);
  const i = inner.includes('/') ? parseCidr(inner) : { base: ipToInt(inner), size: 1 };
  return i.base >= o.base && i.base + i.size <= o.base + o.size;
}

/** Lab N's /24, its probe-side address and the unused address its big-range route points at. */
export function labPlan(subnet: number): { prefix: string; probeAddress: string; gateway: string; hostAddress: (octet: number) => string } {
  if (!Number.isInteger(subnet) || subnet < 1 || subnet > 254) throw new Error(`lab: subnet must be 1..254, got ${subnet}`);
  return {
    prefix: `198.18.${subnet}.0/24`,
    probeAddress: `198.18.${subnet}.1`,
    gateway: `198.18.${subnet}.254`,
    hostAddress: (octet) => `198.18.${subnet}.${octet}`,
  };
}
