/**
 * Sweep targets: what a technician typed (CIDRs, ranges, addresses, host names, exclusions)
 * turned into a plan of addresses that may be probed, with one clear message per bad entry.
 *
 * The plan is a short list of disjoint address intervals, never a list of addresses: counting is
 * O(intervals), iteration is lazy, and a /16 costs a few bytes until it is swept.
 *
 * What is never swept, whatever was typed (safety, see issue 5):
 * - the network and broadcast address of an IPv4 CIDR (except /31 and /32, RFC 3021), and the
 *   Subnet-Router anycast address (all-zero interface id) of an IPv6 CIDR up to /126;
 * - the network and broadcast address of every IPv4 subnet this machine is attached to, whatever
 *   syntax reached them (a range 10.1.2.0-255 on a 10.1.2.0/24 LAN skips .0 and .255);
 * - 0.0.0.0/8 and ::, multicast (224.0.0.0/4, ff00::/8), 240.0.0.0/4 including the limited
 *   broadcast 255.255.255.255, and IPv6 link-local fe80::/10 (it needs an interface; the
 *   neighbour-table method finds on-link hosts);
 * - loopback (127.0.0.0/8, ::1) inside a CIDR or range. Decision: a loopback address typed alone
 *   (127.0.0.1, ::1) or a host name that resolves to one ('localhost') IS swept: the user asked
 *   for exactly that address, it never leaves the machine, and it is how one checks a local agent.
 *
 * Size: more than `maxAddresses` (default 65,536, a /16) needs `confirmLarge`; more than
 * `hardMaxAddresses` (a /8) is refused. IPv6 CIDRs shorter than /120 (more than 256 addresses)
 * are refused: a /64 has 2^64 addresses and no sweep can find hosts in it; give IPv6 hosts by
 * name or address, and use the neighbour table (NDP) for on-link ones.
 */
import dns from 'node:dns/promises';
import { assertLookupAllowed } from '../lib/network-guard.ts';
import os from 'node:os';
import ipaddr from 'ipaddr.js';
import { DISCOVERY_LIMITS, splitTargetList, type TargetIssue } from '../api/discovery.ts';

export { splitTargetList, type TargetIssue };

export type Family = 4 | 6;
export type TargetKind = 'cidr' | 'range' | 'address' | 'hostname';

/** Inclusive interval of addresses of one family, as integers. */
export interface Interval {
  family: Family;
  lo: bigint;
  hi: bigint;
}

/** One entry after syntax checking, before host names are resolved. */
export type ParsedTarget =
  | { ok: true; input: string; kind: 'cidr'; family: Family; lo: bigint; hi: bigint; prefix: number; hostBitsSet: boolean }
  | { ok: true; input: string; kind: 'range'; family: Family; lo: bigint; hi: bigint }
  | { ok: true; input: string; kind: 'address'; family: Family; lo: bigint; hi: bigint }
  | { ok: true; input: string; kind: 'hostname'; hostname: string }
  | { ok: false; input: string; message: string };

export interface TargetSummary {
  input: string;
  kind: TargetKind | null;
  family: Family | null;
  /** Addresses this entry alone would sweep (after its own skipped addresses); null when unknown. */
  count: number | null;
  /** For host names: what they resolved to. */
  addresses: string[];
}

/** Resolves a host name to all its addresses (A and AAAA). */
export type Resolver = (hostname: string) => Promise<string[]>;

export interface TargetOptions {
  /** More addresses than this need `confirmLarge` (default 65,536: a /16). */
  maxAddresses?: number;
  /** Never more than this, even confirmed (default 16,777,216: a /8). */
  hardMaxAddresses?: number;
  confirmLarge?: boolean;
  /** Resolve host names (default true). When false they are accepted with an unknown count. */
  resolveHostnames?: boolean;
  /** Default: dns.lookup with `all: true` (the system resolver: hosts file, then DNS). */
  resolve?: Resolver;
  /** Give up on one name after this long (default 3000 ms). */
  resolveTimeoutMs?: number;
  /**
   * IPv4 subnets of this machine ('192.168.1.17/24'), whose network and broadcast addresses are
   * never swept. Default: read from os.networkInterfaces().
   */
  localNetworks?: string[];
}

/** The addresses a sweep may probe. */
export interface TargetPlan {
  /** No error: a job may run on this plan. */
  readonly ok: boolean;
  /** Distinct addresses in the plan. */
  readonly count: number;
  readonly ipv4Count: number;
  readonly ipv6Count: number;
  readonly issues: TargetIssue[];
  readonly targets: TargetSummary[];
  readonly exclusions: TargetSummary[];
  /** The disjoint, sorted intervals (IPv4 first). */
  readonly intervals: readonly Interval[];
  /** Lazily yields every address, IPv4 first, in ascending order, starting at index `from`. */
  addresses(from?: number): IterableIterator<string>;
  [Symbol.iterator](): IterableIterator<string>;
  /** The address at `index` (0 ≤ index < count), in the order of addresses(). */
  addressAt(index: number): string | undefined;
  /** Whether `address` is in the plan (e.g. a neighbour-table entry that belongs to the sweep). */
  contains(address: string): boolean;
  /** The host names typed by the user that resolved to `address` (for results). */
  hostnamesOf(address: string): string[];
}

const V4_BITS = 32;
const V6_BITS = 128;
const bitsOf = (f: Family): number => (f === 4 ? V4_BITS : V6_BITS);
const MAX_V6_SWEEP = 256n;
const MIN_V6_PREFIX = 120;

// RFC 1123 host names: labels of letters, digits and hyphens, not starting or ending with a hyphen.
const HOSTNAME = /^(?=.{1,253}\.?$)([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*\.?$/;

// ---------------------------------------------------------------------------------------------
// Address <-> integer

function toBig(addr: ipaddr.IPv4 | ipaddr.IPv6): bigint {
  let n = 0n;
  for (const b of addr.toByteArray()) n = (n << 8n) | BigInt(b);
  return n;
}

/** Formats an address integer: dotted quad, or RFC 5952 IPv6. */
export function formatAddress(family: Family, n: bigint): string {
  if (family === 4) {
    const v = Number(n);
    return `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
  }
  const parts: number[] = [];
  for (let i = 7; i >= 0; i--) parts.push(Number((n >> BigInt(i * 16)) & 0xffffn));
  return new ipaddr.IPv6(parts).toRFC5952String();
}

/** Parses one IP address strictly (IPv4 only as four decimal numbers); IPv4-mapped IPv6 becomes IPv4. */
export function parseIp(text: string): { family: Family; value: bigint } | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return { family: 4, value: toBig(ipaddr.IPv4.parse(text)) };
  if (!text.includes(':') || !ipaddr.IPv6.isValid(text)) return null;
  const v6 = ipaddr.IPv6.parse(text);
  if (v6.zoneId !== undefined) return null;
  if (v6.isIPv4MappedAddress()) return { family: 4, value: toBig(v6.toIPv4Address()) };
  return { family: 6, value: toBig(v6) };
}

const size = (i: { lo: bigint; hi: bigint }): bigint => i.hi - i.lo + 1n;
const fmtCount = (n: bigint | number): string => Number(n).toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------
// Syntax

function looksNumeric(text: string): boolean {
  return /^[\d.]+$/.test(text);
}

function badAddress(text: string): string {
  if (looksNumeric(text)) return `"${text}" is not a valid IPv4 address (four numbers 0-255 separated by dots)`;
  if (text.includes('%')) return `"${text}": IPv6 zone ids (%eth0) are not supported in sweeps; link-local hosts are found through the neighbour table`;
  if (text.includes(':')) return `"${text}" is not a valid IPv6 address`;
  return `"${text}" is not a valid address`;
}

function parseCidr(input: string, text: string): ParsedTarget {
  const slash = text.indexOf('/');
  const addrText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const ip = parseIp(addrText);
  if (!ip) return { ok: false, input, message: badAddress(addrText) };
  // An IPv4-mapped CIDR (::ffff:10.0.0.0/120) would need its prefix translated: ask for the IPv4 form.
  const family: Family = addrText.includes(':') ? 6 : 4;
  if (family !== ip.family) return { ok: false, input, message: `Write IPv4-mapped networks in IPv4 form (e.g. 10.0.0.0/24)` };
  if (!/^\d{1,3}$/.test(prefixText)) return { ok: false, input, message: `"/${prefixText}" is not a prefix length (a number after the slash, e.g. /24)` };
  const prefix = Number(prefixText);
  const bits = bitsOf(family);
  if (prefix > bits) return { ok: false, input, message: `/${prefix} is not a valid prefix for IPv${family} (at most /${bits})` };
  const hostBits = BigInt(bits - prefix);
  const mask = ((1n << BigInt(bits)) - 1n) ^ ((1n << hostBits) - 1n);
  const lo = ip.value & mask;
  const hi = lo + (1n << hostBits) - 1n;
  return { ok: true, input, kind: 'cidr', family, lo, hi, prefix, hostBitsSet: lo !== ip.value };
}

function parseRange(input: string, left: string, right: string): ParsedTarget {
  const start = parseIp(left);
  if (!start) return { ok: false, input, message: badAddress(left) };
  let end: { family: Family; value: bigint } | null;
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
  if (text.includes('/')) return parseCidr(input, text);
  const ip = parseIp(text);
  if (ip) return { ok: true, input, kind: 'address', family: ip.family, lo: ip.value, hi: ip.value };
  const dash = text.indexOf('-');
  if (dash > 0) {
    const left = text.slice(0, dash).trim();
    // Host names contain dashes too: only an IP address on the left makes this a range.
    if (parseIp(left)) return parseRange(input, left, text.slice(dash + 1).trim());
    if (looksNumeric(left)) return { ok: false, input, message: badAddress(left) };
  }
  if (looksNumeric(text) || text.includes(':') || text.includes('%')) return { ok: false, input, message: badAddress(text) };
  // No top-level domain is numeric: "0x0a.1.2.3" or "10.1.2.3x" is a mistyped address, and the
  // system resolver would read some of these forms (inet_aton) as an address we never checked.
  if (/(^|\.)(\d+|0x[0-9a-f]*)\.?$/i.test(text) && /^[\dx.a-f]+$/i.test(text)) {
    return { ok: false, input, message: `"${text}" is not a valid IPv4 address (four numbers 0-255 separated by dots)` };
  }
  if (HOSTNAME.test(text)) return { ok: true, input, kind: 'hostname', hostname: text.replace(/\.$/, '') };
  return {
    ok: false,
    input,
    message: `"${text}" is not an address, a CIDR (10.1.2.0/24), a range (10.1.2.10-50 or 10.1.2.10-10.1.3.20) or a host name`,
  };
}

// ---------------------------------------------------------------------------------------------
// Interval arithmetic (lists sorted by family then lo, disjoint)

function cmp(a: Interval, b: Interval): number {
  if (a.family !== b.family) return a.family - b.family;
  return a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0;
}

/** Sorted, merged (overlapping and adjacent intervals joined). */
export function union(list: readonly Interval[]): Interval[] {
  const sorted = [...list].sort(cmp);
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

/** `from` minus `remove` (both any order). */
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

function intersectSize(a: Interval, b: Interval): bigint {
  if (a.family !== b.family) return 0n;
  const lo = a.lo > b.lo ? a.lo : b.lo;
  const hi = a.hi < b.hi ? a.hi : b.hi;
  return hi >= lo ? hi - lo + 1n : 0n;
}

const total = (list: readonly Interval[]): bigint => list.reduce((s, i) => s + size(i), 0n);

// ---------------------------------------------------------------------------------------------
// Addresses that are never swept

interface Forbidden {
  interval: Interval;
  /** For a single address: the error. */
  single: (addr: string) => string;
  /** For a block that is wholly or partly inside. */
  name: string;
  /** Allowed when typed as a single address. */
  allowSingle?: boolean;
}

function block(cidr: string): Interval {
  const p = parseTarget(cidr);
  if (!p.ok || p.kind !== 'cidr') throw new Error(`bad built-in block ${cidr}`);
  return { family: p.family, lo: p.lo, hi: p.hi };
}

const FORBIDDEN: Forbidden[] = [
  { interval: block('0.0.0.0/8'), name: 'the "this network" block 0.0.0.0/8', single: (a) => `${a} is in 0.0.0.0/8 ("this network", unspecified), not a device` },
  { interval: block('127.0.0.0/8'), name: 'loopback 127.0.0.0/8', single: () => '', allowSingle: true },
  { interval: block('224.0.0.0/4'), name: 'multicast 224.0.0.0/4', single: (a) => `${a} is a multicast address, not a device` },
  {
    interval: block('240.0.0.0/4'),
    name: 'reserved 240.0.0.0/4 (with the limited broadcast 255.255.255.255)',
    single: (a) => (a === '255.255.255.255' ? '255.255.255.255 is the limited broadcast address, not a device' : `${a} is in the reserved range 240.0.0.0/4, not a device`),
  },
  { interval: block('::/128'), name: 'the unspecified address ::', single: () => ':: is the unspecified address, not a device' },
  { interval: block('::1/128'), name: 'loopback ::1', single: () => '', allowSingle: true },
  { interval: block('ff00::/8'), name: 'multicast ff00::/8', single: (a) => `${a} is a multicast address, not a device` },
  {
    interval: block('fe80::/10'),
    name: 'link-local fe80::/10',
    single: (a) => `${a} is IPv6 link-local: it needs an interface, so it cannot be swept; on-link hosts are found through the neighbour table`,
  },
];

function defaultLocalNetworks(): string[] {
  const out: string[] = [];
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal && a.cidr) out.push(a.cidr);
  }
  return out;
}

/** Network and broadcast addresses of the local IPv4 subnets (/30 and wider). */
function localNetworkPoints(cidrs: readonly string[]): Map<bigint, string> {
  const out = new Map<bigint, string>();
  for (const c of cidrs) {
    const p = parseTarget(c);
    if (!p.ok || p.kind !== 'cidr' || p.family !== 4 || p.prefix > 30) continue;
    const net = `${formatAddress(4, p.lo)}/${p.prefix}`;
    out.set(p.lo, `${formatAddress(4, p.lo)} is the network address of ${net}, a subnet of this machine`);
    out.set(p.hi, `${formatAddress(4, p.hi)} is the broadcast address of ${net}, a subnet of this machine`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Host names

async function defaultResolve(hostname: string): Promise<string[]> {
  assertLookupAllowed(hostname);
  const list = await dns.lookup(hostname, { all: true, verbatim: true });
  return list.map((a) => a.address);
}

async function resolveWithTimeout(resolve: Resolver, hostname: string, timeoutMs: number): Promise<{ addresses: string[] } | { error: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ error: string }>((done) => {
    timer = setTimeout(() => done({ error: `Looking up "${hostname}" took more than ${timeoutMs / 1000} s (is a DNS server reachable?)` }), timeoutMs);
  });
  try {
    return await Promise.race([
      resolve(hostname).then(
        (addresses) => (addresses.length ? { addresses } : { error: `"${hostname}" has no IPv4 or IPv6 address` }),
        (err: unknown) => {
          const code = (err as { code?: string }).code;
          if (code === 'ENOTFOUND' || code === 'ENODATA') return { error: `Cannot resolve "${hostname}": no such host` };
          if (code === 'EAI_AGAIN') return { error: `Cannot resolve "${hostname}" now: no DNS server answered (offline?)` };
          return { error: `Cannot resolve "${hostname}": ${code ?? String(err)}` };
        },
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// ---------------------------------------------------------------------------------------------
// Planning

interface Expanded {
  summary: TargetSummary;
  intervals: Interval[];
  issues: Omit<TargetIssue, 'scope' | 'target'>[];
  /** (address integer, family) -> host name, for host name entries. */
  names: { family: Family; value: bigint; hostname: string }[];
}

const describe = (i: Interval, p: ParsedTarget): string => {
  if (p.ok && p.kind === 'cidr') return `${formatAddress(i.family, p.lo)}/${p.prefix}`;
  return i.lo === i.hi ? formatAddress(i.family, i.lo) : `${formatAddress(i.family, i.lo)}-${formatAddress(i.family, i.hi)}`;
};

/** Applies an entry's own rules: skipped addresses, IPv6 size. `asTarget` false for exclusions. */
function expandIp(p: Extract<ParsedTarget, { ok: true; lo: bigint }>, asTarget: boolean, localPoints: Map<bigint, string>): Expanded {
  const base: Interval = { family: p.family, lo: p.lo, hi: p.hi };
  const summary: TargetSummary = { input: p.input, kind: p.kind, family: p.family, count: null, addresses: [] };
  const issues: Expanded['issues'] = [];
  if (!asTarget) {
    summary.count = Number(size(base));
    return { summary, intervals: [base], issues, names: [] };
  }
  const error = (message: string): Expanded => ({ summary, intervals: [], issues: [{ severity: 'error', message }], names: [] });

  if (p.kind === 'cidr' && p.hostBitsSet) {
    issues.push({ severity: 'warning', message: `${p.input.trim()} has host bits set: sweeping the whole ${describe(base, p)}` });
  }
  if (p.family === 6) {
    if (p.kind === 'cidr' && p.prefix < MIN_V6_PREFIX) {
      return error(
        `IPv6 /${p.prefix} is far too large to sweep (${p.prefix <= 64 ? 'a /64 alone has 18 quintillion addresses' : `${fmtCount(size(base))} addresses`}). ` +
          `Sweeps take IPv6 networks of /${MIN_V6_PREFIX} (256 addresses) or smaller; give IPv6 hosts by name or address, and on-link hosts are found through the neighbour table (NDP).`,
      );
    }
    if (p.kind === 'range' && size(base) > MAX_V6_SWEEP) {
      return error(`This IPv6 range has ${fmtCount(size(base))} addresses; sweeps take at most 256 IPv6 addresses per range. Give IPv6 hosts by name or address.`);
    }
  }

  // The CIDR's own network/broadcast (IPv4) or Subnet-Router anycast (IPv6) address.
  const own: Interval[] = [];
  if (p.kind === 'cidr') {
    if (p.family === 4 && p.prefix <= 30) own.push({ ...base, hi: base.lo }, { ...base, lo: base.hi });
    if (p.family === 6 && p.prefix <= 126) own.push({ ...base, hi: base.lo });
  }

  const single = p.kind === 'address';
  const skipped: string[] = [];
  const remove: Interval[] = [...own];
  for (const f of FORBIDDEN) {
    const n = intersectSize(base, f.interval);
    if (n === 0n) continue;
    if (single) {
      if (f.allowSingle) continue;
      return error(f.single(formatAddress(p.family, p.lo)));
    }
    if (n === size(base)) {
      const hint = f.allowSingle ? ' (to probe this machine, type a single address such as 127.0.0.1)' : '';
      return error(`${describe(base, p)} is ${f.name}: nothing in it can be swept${hint}`);
    }
    remove.push(f.interval);
    skipped.push(`${fmtCount(n)} in ${f.name}`);
  }
  if (p.family === 4) {
    for (const [point, why] of localPoints) {
      if (point < base.lo || point > base.hi) continue;
      if (single) return error(why);
      remove.push({ family: 4, lo: point, hi: point });
    }
  }
  const intervals = subtract([base], remove);
  const count = total(intervals);
  if (count === 0n) return error(`${describe(base, p)} has no address that can be swept`);
  if (skipped.length) issues.push({ severity: 'warning', message: `Skipping ${skipped.join(' and ')}` });
  summary.count = Number(count);
  return { summary, intervals, issues, names: [] };
}

async function expand(
  p: ParsedTarget,
  asTarget: boolean,
  ctx: { resolveHostnames: boolean; resolve: Resolver; timeoutMs: number; localPoints: Map<bigint, string> },
): Promise<Expanded> {
  if (!p.ok) {
    return { summary: { input: p.input, kind: null, family: null, count: null, addresses: [] }, intervals: [], issues: [{ severity: 'error', message: p.message }], names: [] };
  }
  if (p.kind !== 'hostname') return expandIp(p, asTarget, ctx.localPoints);

  const summary: TargetSummary = { input: p.input, kind: 'hostname', family: null, count: null, addresses: [] };
  if (!ctx.resolveHostnames) return { summary, intervals: [], issues: [], names: [] };
  const r = await resolveWithTimeout(ctx.resolve, p.hostname, ctx.timeoutMs);
  if ('error' in r) return { summary, intervals: [], issues: [{ severity: 'error', message: r.error }], names: [] };

  const out: Expanded = { summary, intervals: [], issues: [], names: [] };
  const refused: string[] = [];
  for (const text of r.addresses) {
    const ip = parseIp(text);
    if (!ip) {
      refused.push(`${text} (unusable address)`);
      continue;
    }
    const shown = formatAddress(ip.family, ip.value);
    const one = expandIp({ ok: true, input: shown, kind: 'address', family: ip.family, lo: ip.value, hi: ip.value }, asTarget, ctx.localPoints);
    if (one.intervals.length === 0) {
      refused.push(one.issues[0]?.message ?? shown);
      continue;
    }
    if (!summary.addresses.includes(shown)) summary.addresses.push(shown);
    out.intervals.push(...one.intervals);
    out.names.push({ family: ip.family, value: ip.value, hostname: p.hostname });
  }
  const families = new Set(out.intervals.map((i) => i.family));
  summary.family = families.size === 1 ? [...families][0]! : null;
  summary.count = summary.addresses.length;
  if (summary.addresses.length === 0) {
    out.issues.push({ severity: 'error', message: `"${p.hostname}" resolves only to addresses that cannot be swept: ${refused.join('; ')}` });
  } else if (refused.length) {
    out.issues.push({ severity: 'warning', message: `"${p.hostname}": skipping ${refused.join('; ')}` });
  }
  return out;
}

/**
 * Checks and expands targets and exclusions into a plan. Never throws for bad input: every
 * problem is an issue naming its entry. `plan.ok` is false when any issue is an error, and then
 * the plan holds only the valid entries (so a form can still show their count).
 */
export async function planTargets(targets: readonly string[], exclusions: readonly string[] = [], options: TargetOptions = {}): Promise<TargetPlan> {
  const maxAddresses = options.maxAddresses ?? DISCOVERY_LIMITS.maxAddresses;
  const hardMax = options.hardMaxAddresses ?? DISCOVERY_LIMITS.hardMaxAddresses;
  const ctx = {
    resolveHostnames: options.resolveHostnames ?? true,
    resolve: options.resolve ?? defaultResolve,
    timeoutMs: options.resolveTimeoutMs ?? 3000,
    localPoints: localNetworkPoints(options.localNetworks ?? defaultLocalNetworks()),
  };
  const issues: TargetIssue[] = [];
  const [expTargets, expExcl] = await Promise.all([
    Promise.all(targets.map((t) => expand(parseTarget(t), true, ctx))),
    Promise.all(exclusions.map((t) => expand(parseTarget(t), false, ctx))),
  ]);

  const included: Interval[] = [];
  const names = new Map<string, string[]>();
  for (const e of expTargets) {
    const target = e.summary.input.trim();
    for (const i of e.issues) issues.push({ scope: 'target', target, ...i });
    if (e.issues.some((i) => i.severity === 'error')) continue;
    const n = e.summary.count;
    if (n !== null && n > maxAddresses && !(options.confirmLarge && n <= hardMax)) {
      issues.push({ scope: 'target', target, severity: 'error', message: tooMany(n, maxAddresses, hardMax, !!options.confirmLarge) });
      continue;
    }
    included.push(...e.intervals);
    for (const { family, value, hostname } of e.names) {
      const key = formatAddress(family, value);
      const list = names.get(key) ?? [];
      if (!list.includes(hostname)) list.push(hostname);
      names.set(key, list);
    }
  }
  const excluded: Interval[] = [];
  for (const e of expExcl) {
    for (const i of e.issues) issues.push({ scope: 'exclusion', target: e.summary.input.trim(), ...i });
    excluded.push(...e.intervals);
  }

  const intervals = subtract(included, excluded);
  const count = Number(total(intervals));
  const ipv4Count = Number(total(intervals.filter((i) => i.family === 4)));
  const hasError = () => issues.some((i) => i.severity === 'error');
  if (count > maxAddresses && !(options.confirmLarge && count <= hardMax)) {
    issues.push({ scope: 'total', target: '', severity: 'error', message: tooMany(count, maxAddresses, hardMax, !!options.confirmLarge, true) });
  } else if (count === 0 && !hasError() && targets.length > 0 && expTargets.every((e) => e.summary.kind !== 'hostname' || ctx.resolveHostnames)) {
    issues.push({ scope: 'total', target: '', severity: 'error', message: 'Nothing to sweep: the exclusions remove every address' });
  } else if (targets.length === 0) {
    issues.push({ scope: 'total', target: '', severity: 'error', message: 'Give at least one target' });
  }
  return makePlan({
    ok: !hasError(),
    count,
    ipv4Count,
    issues,
    intervals,
    names,
    targets: expTargets.map((e) => e.summary),
    exclusions: expExcl.map((e) => e.summary),
  });
}

function tooMany(n: number, max: number, hardMax: number, confirmed: boolean, isTotal = false): string {
  const what = isTotal ? `These targets have ${fmtCount(n)} addresses in total` : `This has ${fmtCount(n)} addresses`;
  if (confirmed || n > hardMax) return `${what}, more than ${fmtCount(hardMax)} (a /8), the most one sweep can take. Split it into smaller sweeps.`;
  return `${what}, more than the limit of ${fmtCount(max)}${max === 65_536 ? ' (a /16)' : ''}. Narrow the targets, or confirm a large sweep.`;
}

function makePlan(p: {
  ok: boolean;
  count: number;
  ipv4Count: number;
  issues: TargetIssue[];
  intervals: Interval[];
  names: Map<string, string[]>;
  targets: TargetSummary[];
  exclusions: TargetSummary[];
}): TargetPlan {
  // Start index of each interval, for addressAt and addresses(from).
  const starts: number[] = [];
  let acc = 0;
  for (const i of p.intervals) {
    starts.push(acc);
    acc += Number(size(i));
  }
  const locate = (index: number): number => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  function* addresses(from = 0): IterableIterator<string> {
    if (from >= p.count) return;
    let k = locate(Math.max(0, from));
    let n = p.intervals[k]!.lo + BigInt(Math.max(0, from) - starts[k]!);
    for (; k < p.intervals.length; k++) {
      const iv = p.intervals[k]!;
      if (n < iv.lo) n = iv.lo;
      if (iv.family === 4) {
        // Plain numbers for IPv4: a /16 is iterated without a bigint per address.
        for (let v = Number(n), end = Number(iv.hi); v <= end; v++) yield `${v >>> 24}.${(v >>> 16) & 255}.${(v >>> 8) & 255}.${v & 255}`;
      } else {
        for (let v = n; v <= iv.hi; v++) yield formatAddress(6, v);
      }
      n = -1n;
    }
  }
  return {
    ok: p.ok,
    count: p.count,
    ipv4Count: p.ipv4Count,
    ipv6Count: p.count - p.ipv4Count,
    issues: p.issues,
    targets: p.targets,
    exclusions: p.exclusions,
    intervals: p.intervals,
    addresses,
    [Symbol.iterator]: () => addresses(0),
    addressAt(index) {
      if (!Number.isInteger(index) || index < 0 || index >= p.count) return undefined;
      const k = locate(index);
      const iv = p.intervals[k]!;
      return formatAddress(iv.family, iv.lo + BigInt(index - starts[k]!));
    },
    contains(address) {
      const ip = parseIp(address);
      if (!ip) return false;
      return p.intervals.some((i) => i.family === ip.family && ip.value >= i.lo && ip.value <= i.hi);
    },
    hostnamesOf(address) {
      const ip = parseIp(address);
      return ip ? [...(p.names.get(formatAddress(ip.family, ip.value)) ?? [])] : [];
    },
  };
}
