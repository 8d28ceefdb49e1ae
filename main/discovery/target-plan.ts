/**
 * The sweep target plan: what a technician typed (CIDRs, ranges, addresses, host names, exclusions)
 * turned into a plan of addresses that may be probed, with one clear message per bad entry.
 *
 * The plan is a short list of disjoint address intervals, never a list of addresses: counting is
 * O(intervals), iteration is lazy, and a /16 costs a few bytes until it is swept.
 *
 * What is never swept, whatever was typed (safety, see issue 5). The probe policy
 * (main/net/probe-policy.ts) refuses the same addresses to every prober; the rest is the plan's:
 * - the network and broadcast address of an IPv4 CIDR (except /31 and /32, RFC 3021), and the
 *   Subnet-Router anycast address (all-zero interface id) of an IPv6 CIDR up to /126;
 * - (policy) the network and broadcast address of every IPv4 subnet this machine is attached to,
 *   whatever syntax reached them (a range 10.1.2.0-255 on a 10.1.2.0/24 LAN skips .0 and .255);
 * - (policy) 0.0.0.0/8 and ::, multicast (224.0.0.0/4, ff00::/8), 240.0.0.0/4 including the
 *   limited broadcast 255.255.255.255, and IPv6 link-local fe80::/10 (it needs an interface,
 *   and sweeps take no zone ids; the neighbour-table method finds on-link hosts);
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
import { DISCOVERY_LIMITS, type TargetIssue } from '../api/discovery.ts';
import { assertLookupAllowed } from '../lib/network-guard.ts';
import { formatAddress, parseIp, type Family } from '../net/address.ts';
import { localNetworks } from '../net/local-networks.ts';
import { localNetworkPoints, REFUSED_BLOCKS, refusalOf } from '../net/probe-policy.ts';
import { cidrInterval, compareIntervals, describeInterval, intersectSize, intervalSize as size, subtract, totalSize as total, type Interval } from '../net/range.ts';
import { parseTarget, type ParsedTarget, type TargetKind } from './target-syntax.ts';

export type { Interval } from '../net/range.ts';

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

const MAX_V6_SWEEP = 256n;
const MIN_V6_PREFIX = 120;

const fmtCount = (n: bigint | number): string => Number(n).toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------
// Addresses that are never swept: the probe policy's blocks, and loopback inside a block

interface Skipped {
  interval: Interval;
  /** For a block that is wholly or partly inside. */
  name: string;
  /** Probed when typed as a single address (loopback). */
  allowSingle?: boolean;
}

const SKIPPED: readonly Skipped[] = [
  ...REFUSED_BLOCKS,
  { interval: cidrInterval('127.0.0.0/8'), name: 'loopback 127.0.0.0/8', allowSingle: true },
  { interval: cidrInterval('::1/128'), name: 'loopback ::1', allowSingle: true },
].sort((a, b) => compareIntervals(a.interval, b.interval));

const LINK_LOCAL_HINT = ', so it cannot be swept; on-link hosts are found through the neighbour table';

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

const describe = (i: Interval, p: ParsedTarget): string => describeInterval(i, p.ok && p.kind === 'cidr' ? p.prefix : undefined);

/** Applies an entry's own rules: skipped addresses, IPv6 size. `asTarget` false for exclusions. */
function expandIp(p: Extract<ParsedTarget, { ok: true; lo: bigint }>, asTarget: boolean, localPoints: ReadonlyMap<bigint, string>): Expanded {
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

  if (p.kind === 'address') {
    // One address: exactly the probe policy (with this machine's subnets).
    const refusal = refusalOf({ family: p.family, value: p.lo }, formatAddress(p.family, p.lo), localPoints);
    if (refusal) return error(refusal.kind === 'link-local' ? refusal.message + LINK_LOCAL_HINT : refusal.message);
    summary.count = 1;
    return { summary, intervals: [base], issues, names: [] };
  }

  const skipped: string[] = [];
  const remove: Interval[] = [...own];
  for (const f of SKIPPED) {
    const n = intersectSize(base, f.interval);
    if (n === 0n) continue;
    if (n === size(base)) {
      const hint = f.allowSingle ? ' (to probe this machine, type a single address such as 127.0.0.1)' : '';
      return error(`${describe(base, p)} is ${f.name}: nothing in it can be swept${hint}`);
    }
    remove.push(f.interval);
    skipped.push(`${fmtCount(n)} in ${f.name}`);
  }
  if (p.family === 4) {
    for (const point of localPoints.keys()) {
      if (point >= base.lo && point <= base.hi) remove.push({ family: 4, lo: point, hi: point });
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
  ctx: { resolveHostnames: boolean; resolve: Resolver; timeoutMs: number; localPoints: ReadonlyMap<bigint, string> },
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
    localPoints: localNetworkPoints(options.localNetworks ?? localNetworks()),
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
