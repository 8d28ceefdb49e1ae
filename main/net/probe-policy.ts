/**
 * The one probe policy: may this address be probed (pinged, traced, polled over SNMP, swept,
 * stored as a device address), and if not, why. Every prober and every validator asks here.
 *
 * Refused, because no single device answers there:
 * - 0.0.0.0/8 ("this network"; 0.0.0.0 is the unspecified address) and :: (unspecified);
 * - multicast 224.0.0.0/4 and ff00::/8;
 * - 240.0.0.0/4 (reserved), which holds the limited broadcast 255.255.255.255;
 * - IPv6 link-local fe80::/10 without a zone id: it exists once per interface, so it can only be
 *   reached through a named one (fe80::1%eth0). With a zone it is allowed; whether a prober can
 *   take zones is that prober's syntax (the raw ICMP socket and sweeps cannot, SNMP can);
 * - the network and broadcast address of a subnet this machine is on (IPv4, /30 and wider),
 *   when the caller passes the machine's networks (see local-networks.ts): the directed
 *   broadcast reaches every host of the LAN, and the all-zeros host is the old BSD broadcast.
 * IPv4-mapped IPv6 (::ffff:224.0.0.1) is judged as the IPv4 address it maps.
 *
 * Allowed: everything else, loopback (127.0.0.0/8, ::1) included: it never leaves the machine
 * and it is how one checks a local agent. Which addresses a sweep of a block skips (the block's
 * own network and broadcast address, loopback inside a block) is the sweep plan's business
 * (main/discovery/target-plan.ts), not this policy's.
 *
 * Pure: no Node modules (the contract in main/api/ uses it).
 */
import { formatAddress, parseIp, type Family } from './address.ts';
import { cidrInterval, parseCidr, type Interval } from './range.ts';

export type RefusalKind = 'invalid' | 'unspecified' | 'multicast' | 'reserved' | 'broadcast' | 'link-local' | 'local-network';

export interface Refusal {
  kind: RefusalKind;
  message: string;
}

/** A block no address of which may be probed (link-local: not without a zone). */
export interface RefusedBlock {
  interval: Interval;
  kind: RefusalKind;
  /** The block in words, for messages about ranges that overlap it. */
  name: string;
  /** The refusal of one address inside it (`shown` as typed, `value` its integer). */
  message: (shown: string, value: bigint) => string;
}

const LIMITED_BROADCAST = 0xffffffffn;

export const REFUSED_BLOCKS: readonly RefusedBlock[] = [
  {
    interval: cidrInterval('0.0.0.0/8'),
    kind: 'unspecified',
    name: 'the "this network" block 0.0.0.0/8',
    message: (a) => `${a} is in 0.0.0.0/8 ("this network", unspecified), not a device`,
  },
  { interval: cidrInterval('224.0.0.0/4'), kind: 'multicast', name: 'multicast 224.0.0.0/4', message: (a) => `${a} is a multicast address, not a device` },
  {
    interval: cidrInterval('240.0.0.0/4'),
    kind: 'reserved',
    name: 'reserved 240.0.0.0/4 (with the limited broadcast 255.255.255.255)',
    message: (a, v) => (v === LIMITED_BROADCAST ? `${a} is the limited broadcast address, not a device` : `${a} is in the reserved range 240.0.0.0/4, not a device`),
  },
  { interval: cidrInterval('::/128'), kind: 'unspecified', name: 'the unspecified address ::', message: () => ':: is the unspecified address, not a device' },
  { interval: cidrInterval('ff00::/8'), kind: 'multicast', name: 'multicast ff00::/8', message: (a) => `${a} is a multicast address, not a device` },
  { interval: cidrInterval('fe80::/10'), kind: 'link-local', name: 'link-local fe80::/10', message: (a) => `${a} is IPv6 link-local: it needs an interface` },
];

/** What the policy knows about this machine. */
export interface ProbeContext {
  /** IPv4 subnets of this machine as interface CIDRs ('192.168.1.17/24'); see localNetworks(). */
  localNetworks?: readonly string[];
}

/** The network and broadcast addresses of the local IPv4 subnets (/30 and wider), with the refusal of each. */
export function localNetworkPoints(cidrs: readonly string[]): Map<bigint, string> {
  const out = new Map<bigint, string>();
  for (const c of cidrs) {
    const p = parseCidr(c);
    if (!p.ok || p.cidr.family !== 4 || p.cidr.prefix > 30) continue;
    const { lo, hi, prefix } = p.cidr;
    const net = `${formatAddress(4, lo)}/${prefix}`;
    out.set(lo, `${formatAddress(4, lo)} is the network address of ${net}, a subnet of this machine`);
    out.set(hi, `${formatAddress(4, hi)} is the broadcast address of ${net}, a subnet of this machine`);
  }
  return out;
}

/** The refusal of an address already parsed, `shown` being its text for messages. */
export function refusalOf(ip: { family: Family; value: bigint; zone?: string }, shown: string, localPoints?: ReadonlyMap<bigint, string>): Refusal | undefined {
  for (const b of REFUSED_BLOCKS) {
    if (b.interval.family !== ip.family || ip.value < b.interval.lo || ip.value > b.interval.hi) continue;
    if (b.kind === 'link-local' && ip.zone !== undefined) continue;
    return { kind: b.kind, message: b.message(shown, ip.value) };
  }
  const local = ip.family === 4 ? localPoints?.get(ip.value) : undefined;
  return local === undefined ? undefined : { kind: 'local-network', message: local };
}

/** Why `address` (an IP address, a zone id allowed) may not be probed, with its kind; undefined when it may. */
export function probeRefusal(address: string, context: ProbeContext = {}): Refusal | undefined {
  const text = address.trim();
  const ip = parseIp(text, { zone: true });
  if (!ip) return { kind: 'invalid', message: `"${text}" is not a valid IP address` };
  return refusalOf(ip, text, context.localNetworks?.length ? localNetworkPoints(context.localNetworks) : undefined);
}

/** Why `address` may not be probed, or undefined when it may. */
export function probeProblem(address: string, context: ProbeContext = {}): string | undefined {
  return probeRefusal(address, context)?.message;
}
