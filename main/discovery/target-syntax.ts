/**
 * The syntax of one sweep target as a technician types it: a CIDR (10.1.2.0/24), a range
 * (10.1.2.10-50, 10.1.2.10-10.1.3.20, 2001:db8::10-1f), an address or a host name, checked
 * with one clear message per bad entry. Addresses, CIDRs and host names follow main/net/.
 */
import { badAddressMessage, formatAddress, looksNumeric, parseIp, type Family, type IpValue } from '../net/address.ts';
import { isHostName } from '../net/host-name.ts';
import { parseCidr } from '../net/range.ts';

export type TargetKind = 'cidr' | 'range' | 'address' | 'hostname';

/** One entry after syntax checking, before host names are resolved. */
export type ParsedTarget =
  | { ok: true; input: string; kind: 'cidr'; family: Family; lo: bigint; hi: bigint; prefix: number; hostBitsSet: boolean }
  | { ok: true; input: string; kind: 'range'; family: Family; lo: bigint; hi: bigint }
  | { ok: true; input: string; kind: 'address'; family: Family; lo: bigint; hi: bigint }
  | { ok: true; input: string; kind: 'hostname'; hostname: string }
  | { ok: false; input: string; message: string };

function badAddress(text: string): string {
  if (text.includes('%') && !looksNumeric(text)) return `"${text}": IPv6 zone ids (%eth0) are not supported in sweeps; link-local hosts are found through the neighbour table`;
  return badAddressMessage(text);
}

function cidrTarget(input: string, text: string): ParsedTarget {
  const addrText = text.slice(0, text.indexOf('/'));
  if (!parseIp(addrText)) return { ok: false, input, message: badAddress(addrText) };
  const p = parseCidr(text);
  if (!p.ok) return { ok: false, input, message: p.message };
  const { family, lo, hi, prefix, hostBitsSet } = p.cidr;
  return { ok: true, input, kind: 'cidr', family, lo, hi, prefix, hostBitsSet };
}

function rangeTarget(input: string, left: string, right: string): ParsedTarget {
  const start = parseIp(left);
  if (!start) return { ok: false, input, message: badAddress(left) };
  let end: IpValue | null;
  if (start.family === 4 && /^\d{1,3}$/.test(right)) {
    // 10.1.2.10-50: the last octet.
    const last = Number(right);
    if (last > 255) return { ok: false, input, message: `Range end ${right} is not an octet (0-255)` };
    end = { family: 4, value: (start.value & ~0xffn) | BigInt(last) };
  } else if (start.family === 6 && /^[0-9a-f]{1,4}$/i.test(right) && !parseIp(right)) {
    // 2001:db8::10-1f: the last group, in hex.
    end = { family: 6, value: (start.value & ~0xffffn) | BigInt(`0x${right}`) };
  } else {
    end = parseIp(right);
    if (!end) return { ok: false, input, message: badAddress(right) };
  }
  if (end.family !== start.family) return { ok: false, input, message: `A range cannot mix IPv4 and IPv6 (${left} - ${right})` };
  if (end.value < start.value) {
    return { ok: false, input, message: `Range ends before it starts: ${formatAddress(start.family, end.value)} is lower than ${formatAddress(start.family, start.value)}` };
  }
  return { ok: true, input, kind: 'range', family: start.family, lo: start.value, hi: end.value };
}

/** Checks the syntax of one entry. Pure and synchronous: host names are only recognised here. */
export function parseTarget(raw: string): ParsedTarget {
  const input = raw;
  const text = raw.trim();
  if (text === '') return { ok: false, input, message: 'Empty target' };
  if (text.includes('/')) return cidrTarget(input, text);
  const ip = parseIp(text);
  if (ip) return { ok: true, input, kind: 'address', family: ip.family, lo: ip.value, hi: ip.value };
  const dash = text.indexOf('-');
  if (dash > 0) {
    const left = text.slice(0, dash).trim();
    // Host names contain dashes too: only an IP address on the left makes this a range.
    if (parseIp(left)) return rangeTarget(input, left, text.slice(dash + 1).trim());
    if (looksNumeric(left)) return { ok: false, input, message: badAddress(left) };
  }
  if (looksNumeric(text) || text.includes(':') || text.includes('%')) return { ok: false, input, message: badAddress(text) };
  // A hex or numeric form ("0x0a.1.2.3") is a mistyped address: say so rather than "not a host
  // name" (the host-name rule refuses a numeric last label, which resolvers read as IPv4).
  if (/^[\dx.a-f]+$/i.test(text) && /(^|\.)(\d+|0x[0-9a-f]*)\.?$/i.test(text)) {
    return { ok: false, input, message: `"${text}" is not a valid IPv4 address (four numbers 0-255 separated by dots)` };
  }
  if (isHostName(text)) return { ok: true, input, kind: 'hostname', hostname: text.replace(/\.$/, '') };
  return {
    ok: false,
    input,
    message: `"${text}" is not an address, a CIDR (10.1.2.0/24), a range (10.1.2.10-50 or 10.1.2.10-10.1.3.20) or a host name`,
  };
}
