import { parseIp } from '../net/address.ts';
import { cidrInterval, inInterval, type Interval } from '../net/range.ts';

/**
 * A last line of defence for test runs. When WARD_ALLOWED_NETWORKS is set (the test projects set
 * it to loopback and the lab's ranges), every probe the engine would send — ICMP echo, UDP
 * traceroute, TCP connect, SNMP, the system ping fallback, reverse DNS — to an address outside
 * those networks is refused with an error instead of being sent. A buggy test can then never
 * scan anything but its own lab. Unset (production), it allows everything.
 */
export const ALLOWED_NETWORKS_ENV = 'WARD_ALLOWED_NETWORKS';

let cache: { raw: string | undefined; nets: Interval[] | null } | undefined;

function networks(): Interval[] | null {
  const raw = process.env[ALLOWED_NETWORKS_ENV];
  if (cache === undefined || cache.raw !== raw) {
    const nets = raw?.trim()
      ? raw
          .split(/[\s,]+/)
          .filter(Boolean)
          .map((cidr) => cidrInterval(cidr))
      : null;
    cache = { raw, nets };
  }
  return cache.nets;
}

/** True when the guard is on (a test run). */
export function guardActive(): boolean {
  return networks() !== null;
}

/** True when `address` may be probed: always without the guard; with it, only inside the allowed networks. */
export function isAddressAllowed(address: string): boolean {
  const nets = networks();
  if (!nets) return true;
  if (address === 'localhost') return true;
  // Strict forms only (main/net/address.ts): never '3' or '0x7f.1'; IPv4-mapped IPv6 as IPv4.
  const ip = parseIp(address, { zone: true });
  return ip !== null && nets.some((n) => inInterval(n, ip.family, ip.value));
}

/** The message of a refused probe. */
export function refusedMessage(address: string): string {
  return `refused to probe ${address}: outside ${ALLOWED_NETWORKS_ENV} (${process.env[ALLOWED_NETWORKS_ENV] ?? ''})`;
}

/**
 * Under the guard, host names other than localhost are not looked up at all (a DNS query would go
 * to the system's name server, outside the lab): the lookup fails as ENOTFOUND instead.
 */
export function assertLookupAllowed(hostname: string): void {
  if (!guardActive()) return;
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return;
  throw Object.assign(new Error(`not resolving ${hostname}: DNS is outside ${ALLOWED_NETWORKS_ENV}`), { code: 'ENOTFOUND' });
}
