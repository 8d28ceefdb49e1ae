/**
 * Address intervals: CIDR blocks and ranges as inclusive integer intervals of one family, and
 * the set maths on lists of them (union, subtract, intersection size, size). A /16 is one
 * interval of a few bytes, never a list of 65,536 addresses.
 *
 * Pure: no Node modules.
 */
import { bitsOf, formatAddress, parseIp, type Family } from './address.ts';

/** Inclusive interval of addresses of one family, as integers. */
export interface Interval {
  family: Family;
  lo: bigint;
  hi: bigint;
}

export interface Cidr extends Interval {
  prefix: number;
  /** The address had bits set below the prefix (10.1.2.3/24). */
  hostBitsSet: boolean;
}

/**
 * Parses `address/prefix` strictly. IPv4-mapped networks are refused (their prefix would need
 * translating): they are asked for in IPv4 form.
 */
export function parseCidr(text: string): { ok: true; cidr: Cidr } | { ok: false; message: string } {
  const slash = text.indexOf('/');
  if (slash < 0) return { ok: false, message: `"${text}" is not a CIDR (address/prefix, e.g. 10.1.2.0/24)` };
  const addrText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const ip = parseIp(addrText);
  if (!ip) return { ok: false, message: `"${addrText}" is not a valid address` };
  const family: Family = addrText.includes(':') ? 6 : 4;
  if (family !== ip.family) return { ok: false, message: 'Write IPv4-mapped networks in IPv4 form (e.g. 10.0.0.0/24)' };
  if (!/^\d{1,3}$/.test(prefixText)) return { ok: false, message: `"/${prefixText}" is not a prefix length (a number after the slash, e.g. /24)` };
  const prefix = Number(prefixText);
  const bits = bitsOf(family);
  if (prefix > bits) return { ok: false, message: `/${prefix} is not a valid prefix for IPv${family} (at most /${bits})` };
  const hostBits = BigInt(bits - prefix);
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << hostBits) - 1n);
  const lo = ip.value & mask;
  const hi = lo + (1n << hostBits) - 1n;
  return { ok: true, cidr: { family, lo, hi, prefix, hostBitsSet: lo !== ip.value } };
}

/** The interval of a CIDR known to be valid (built-in blocks); throws otherwise. */
export function cidrInterval(text: string): Interval {
  const p = parseCidr(text);
  if (!p.ok) throw new Error(`bad CIDR ${text}: ${p.message}`);
  return { family: p.cidr.family, lo: p.cidr.lo, hi: p.cidr.hi };
}

/** Number of addresses in an interval. */
export const intervalSize = (i: { lo: bigint; hi: bigint }): bigint => i.hi - i.lo + 1n;

/** Number of addresses in a list of disjoint intervals. */
export const totalSize = (list: readonly Interval[]): bigint => list.reduce((s, i) => s + intervalSize(i), 0n);

/** `lo/prefix` for a CIDR, `a` for one address, `a-b` otherwise. */
export function describeInterval(i: Interval, prefix?: number): string {
  if (prefix !== undefined) return `${formatAddress(i.family, i.lo)}/${prefix}`;
  return i.lo === i.hi ? formatAddress(i.family, i.lo) : `${formatAddress(i.family, i.lo)}-${formatAddress(i.family, i.hi)}`;
}

/** Orders by family (IPv4 first), then start. */
export function compareIntervals(a: Interval, b: Interval): number {
  if (a.family !== b.family) return a.family - b.family;
  return a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0;
}

/** Sorted, merged (overlapping and adjacent intervals joined). */
export function union(list: readonly Interval[]): Interval[] {
  const sorted = [...list].sort(compareIntervals);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out.at(-1);
    if (last && last.family === i.family && i.lo <= last.hi + 1n) {
      if (i.hi > last.hi) last.hi = i.hi;
    } else {
      out.push({ ...i });
    }
  }
  return out;
}

/** `from` minus `remove` (both any order); the result is sorted and disjoint. */
export function subtract(from: readonly Interval[], remove: readonly Interval[]): Interval[] {
  const rm = union(remove);
  const out: Interval[] = [];
  for (const i of union(from)) {
    let pieces: Interval[] = [i];
    for (const r of rm) {
      if (r.family !== i.family || r.hi < i.lo || r.lo > i.hi) continue;
      const next: Interval[] = [];
      for (const p of pieces) {
        if (r.hi < p.lo || r.lo > p.hi) {
          next.push(p);
          continue;
        }
        if (r.lo > p.lo) next.push({ family: p.family, lo: p.lo, hi: r.lo - 1n });
        if (r.hi < p.hi) next.push({ family: p.family, lo: r.hi + 1n, hi: p.hi });
      }
      pieces = next;
    }
    out.push(...pieces);
  }
  return out;
}

/** Number of addresses two intervals share. */
export function intersectSize(a: Interval, b: Interval): bigint {
  if (a.family !== b.family) return 0n;
  const lo = a.lo > b.lo ? a.lo : b.lo;
  const hi = a.hi < b.hi ? a.hi : b.hi;
  return hi >= lo ? hi - lo + 1n : 0n;
}

/** True when the address integer lies in the interval. */
export const inInterval = (i: Interval, family: Family, value: bigint): boolean => i.family === family && value >= i.lo && value <= i.hi;
