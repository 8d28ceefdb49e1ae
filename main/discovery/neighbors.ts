/**
 * The local neighbour table (ARP for IPv4, NDP for IPv6), read after a sweep: every on-link host
 * the sweep made the kernel resolve leaves its MAC address there, which gives the MAC vendor and
 * finds on-link hosts that answered nothing else (ARP cannot be firewalled off on a LAN).
 *
 * Linux: `ip -s -j neigh show` (iproute2 JSON, both families, with the age of each entry), falling back to /proc/net/arp (IPv4
 * only) when `ip` is missing or too old for -j. Only entries with a usable MAC are returned:
 * FAILED / INCOMPLETE entries (no answer), all-zero, broadcast and multicast MACs are dropped.
 * Hosts behind a router are never here: their entry is the router's MAC.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { isUsableMac, normalizeMac } from './mac.ts';
import { formatAddress, parseIp, type Family } from '../net/address.ts';

export { isUsableMac, normalizeMac };

export interface Neighbor {
  /** Canonical form (RFC 5952 for IPv6). */
  address: string;
  family: Family;
  /** Lower-case, colon-separated: '00:1b:54:aa:bb:cc'. */
  mac: string;
  interface: string | null;
  /** Kernel state: REACHABLE, STALE, DELAY, PROBE, PERMANENT, NOARP, ... ('COMPLETE' from /proc/net/arp). */
  state: string;
  /** IPv6: the neighbour said it is a router (NDP router flag). */
  router: boolean;
  /**
   * Seconds since the neighbour last proved itself (an ARP/NDP answer), from `ip -s`. Absent when
   * unknown (/proc/net/arp). A sweep counts a neighbour as alive only if this falls inside the
   * sweep: an entry can stay REACHABLE or STALE for a while after its host went away.
   */
  confirmedAgoSec?: number;
}

/** Runs a program and resolves with its stdout; rejects on failure (so the reader can fall back). */
export type RunCommand = (cmd: string, args: readonly string[]) => Promise<string>;

const UNUSABLE_STATES = new Set(['FAILED', 'INCOMPLETE', 'NONE']);

function toNeighbor(dst: unknown, lladdr: unknown, dev: string | null, state: string, router: boolean, confirmed?: unknown): Neighbor | null {
  if (typeof dst !== 'string' || typeof lladdr !== 'string') return null;
  if (UNUSABLE_STATES.has(state)) return null;
  const ip = parseIp(dst);
  const mac = normalizeMac(lladdr);
  if (!ip || !mac || !isUsableMac(mac)) return null;
  const n: Neighbor = { address: formatAddress(ip.family, ip.value), family: ip.family, mac, interface: dev, state, router };
  if (typeof confirmed === 'number' && Number.isFinite(confirmed)) n.confirmedAgoSec = confirmed;
  return n;
}

/** The entries of `ip -j neigh show` output (lines starting with '#' ignored). */
function ipNeighEntries(text: string): Record<string, unknown>[] {
  const body = text
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n')
    .trim();
  if (body === '') return [];
  const data: unknown = JSON.parse(body);
  if (!Array.isArray(data)) throw new Error('ip -j neigh: expected a JSON array');
  return (data as unknown[]).filter((e): e is Record<string, unknown> => !!e && typeof e === 'object');
}

/** An entry's state: NOARP only when it is the sole flag; 'NONE' when it has none. */
function entryState(e: Record<string, unknown>): string {
  const states = Array.isArray(e.state) ? (e.state as unknown[]).map(String) : [];
  return states.find((s) => s !== 'NOARP' || states.length === 1) ?? 'NONE';
}

/**
 * Parses `ip -j neigh show` output. `dev` is the interface to record when the command was given
 * `dev X` (iproute2 then leaves the "dev" key out). Lines starting with '#' are ignored.
 */
export function parseIpNeighJson(text: string, dev: string | null = null): Neighbor[] {
  const out: Neighbor[] = [];
  for (const e of ipNeighEntries(text)) {
    const n = toNeighbor(e.dst, e.lladdr, typeof e.dev === 'string' ? e.dev : dev, entryState(e), Object.hasOwn(e, 'router'), e.confirmed);
    if (n) out.push(n);
  }
  return out;
}

/** Parses /proc/net/arp (IPv4 only). Flags 0x2 (ATF_COM) marks a complete entry. */
export function parseProcNetArp(text: string): Neighbor[] {
  const out: Neighbor[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.startsWith('IP address')) continue;
    const cols = line.trim().split(/\s+/);
    if (cols.length < 6) continue;
    const [ip, , flagsText, hw, , dev] = cols;
    const flags = parseInt(flagsText!, 16);
    if (!(flags & 0x2)) continue;
    const n = toNeighbor(ip, hw, dev ?? null, flags & 0x4 ? 'PERMANENT' : 'COMPLETE', false);
    if (n) out.push(n);
  }
  return out;
}

const defaultRun: RunCommand = (cmd, args) =>
  new Promise((resolve, reject) => {
    execFile(cmd, args as string[], { timeout: 5000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });

export interface ReadNeighborsOptions {
  family?: Family | 'all';
  run?: RunCommand;
  readProcArp?: () => Promise<string>;
}

/**
 * Reads the neighbour table. Never throws: with neither `ip` nor /proc/net/arp (not Linux) the
 * result is empty and `source` says so, because the ARP method is an extra, not a requirement.
 */
export async function readNeighbors(options: ReadNeighborsOptions = {}): Promise<{ neighbors: Neighbor[]; source: 'ip' | 'proc' | 'none'; error?: string }> {
  const family = options.family ?? 'all';
  const run = options.run ?? defaultRun;
  const familyArgs = family === 4 ? ['-4'] : family === 6 ? ['-6'] : [];
  try {
    const text = await run('ip', ['-s', '-j', ...familyArgs, 'neigh', 'show']);
    return { neighbors: parseIpNeighJson(text), source: 'ip' };
  } catch (err) {
    if (family === 6) return { neighbors: [], source: 'none', error: `ip -j -6 neigh failed: ${(err as Error).message}` };
    try {
      const text = await (options.readProcArp ?? (() => readFile('/proc/net/arp', 'utf8')))();
      return { neighbors: parseProcNetArp(text), source: 'proc' };
    } catch (err2) {
      return { neighbors: [], source: 'none', error: `no neighbour table: ${(err as Error).message}; ${(err2 as Error).message}` };
    }
  }
}

/** Address → neighbour (the first entry wins when an address sits on two interfaces). */
export function neighborsByAddress(list: readonly Neighbor[]): Map<string, Neighbor> {
  const map = new Map<string, Neighbor>();
  for (const n of list) if (!map.has(n.address)) map.set(n.address, n);
  return map;
}

/** One entry of the neighbour table as the kernel keeps it, resolved or not (no MAC needed). */
export interface NeighborState {
  address: string;
  /** REACHABLE, STALE, DELAY, PROBE, PERMANENT, NOARP, FAILED, INCOMPLETE, ... */
  state: string;
  /** Seconds since the neighbour last answered (`ip -s`); absent when unknown. */
  confirmedAgoSec?: number;
}

/** The kernel tried to resolve the address and nobody answered (yet): no host there. */
export const UNANSWERED_STATES: ReadonlySet<string> = new Set(['FAILED', 'INCOMPLETE']);

/**
 * Parses `ip -s -j neigh show` into address → state, keeping the FAILED and INCOMPLETE entries
 * that parseIpNeighJson drops: for an on-link address they are the evidence that no host is there.
 */
export function parseNeighborStates(text: string): Map<string, NeighborState> {
  const out = new Map<string, NeighborState>();
  for (const e of ipNeighEntries(text)) {
    if (typeof e.dst !== 'string') continue;
    const ip = parseIp(e.dst);
    if (!ip) continue;
    const address = formatAddress(ip.family, ip.value);
    const n: NeighborState = { address, state: entryState(e) };
    if (typeof e.confirmed === 'number' && Number.isFinite(e.confirmed)) n.confirmedAgoSec = e.confirmed;
    // An address on two interfaces: a resolved entry wins over an unanswered one.
    const prev = out.get(address);
    if (!prev || UNANSWERED_STATES.has(prev.state)) out.set(address, n);
  }
  return out;
}

/** Reads the IPv4 and IPv6 neighbour states (`ip -s -j neigh show`); rejects when `ip` fails. */
export async function readNeighborStates(run: RunCommand = defaultRun): Promise<Map<string, NeighborState>> {
  return parseNeighborStates(await run('ip', ['-s', '-j', 'neigh', 'show']));
}
