/** This machine's IPv4 subnets (for the probe policy's local network and broadcast addresses) and its own addresses. */
import os from 'node:os';

/** How long one reading of the interfaces is reused: pollers ask for every session. */
const MAX_AGE_MS = 5000;
let cached: { at: number; list: string[] } | undefined;

/** Interface CIDRs ('192.168.1.17/24') of the non-loopback IPv4 interfaces (read at most every 5 s). */
export function localNetworks(now = Date.now()): string[] {
  if (cached && now - cached.at < MAX_AGE_MS && now >= cached.at) return cached.list;
  const list: string[] = [];
  for (const ifaces of Object.values(os.networkInterfaces())) {
    for (const a of ifaces ?? []) if (a.family === 'IPv4' && !a.internal && a.cidr) list.push(a.cidr);
  }
  cached = { at: now, list };
  return list;
}

let cachedAddresses: { at: number; set: Set<string> } | undefined;

/**
 * This machine's own addresses (every interface, IPv4 and IPv6, loopback included; an IPv6 zone
 * suffix dropped), read at most every 5 s.
 */
export function localAddresses(now = Date.now()): ReadonlySet<string> {
  if (cachedAddresses && now - cachedAddresses.at < MAX_AGE_MS && now >= cachedAddresses.at) return cachedAddresses.set;
  const set = new Set<string>();
  for (const ifaces of Object.values(os.networkInterfaces())) {
    for (const a of ifaces ?? []) set.add(a.address.replace(/%.*$/, '').toLowerCase());
  }
  cachedAddresses = { at: now, set };
  return set;
}

/** Whether `address` is one of this machine's (the scanner's own, in discovery results). */
export function isLocalAddress(address: string): boolean {
  return localAddresses().has(address.replace(/%.*$/, '').toLowerCase());
}
