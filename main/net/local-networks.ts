/** This machine's IPv4 subnets, for the probe policy's local network and broadcast addresses. */
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
