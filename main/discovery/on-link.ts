/**
 * Which targets sit on a subnet this machine is directly connected to. There the neighbour table
 * (ARP) is the truth: the kernel resolves every address a probe is sent to, and an address that
 * gets no ARP answer has no host. Addresses behind a router are never decided that way.
 */
import { parseIp } from '../net/address.ts';
import { cidrInterval, type Interval } from '../net/range.ts';

/**
 * A test for "on a directly connected IPv4 subnet" from the interfaces' CIDRs
 * ('192.168.1.17/24', as localNetworks() gives them). /31 and /32 interfaces give no subnet.
 */
export function onLinkMatcher(interfaceCidrs: readonly string[]): (address: string) => boolean {
  const subnets: Interval[] = [];
  for (const cidr of interfaceCidrs) {
    const prefix = Number(cidr.split('/')[1]);
    if (!cidr.includes(':') && Number.isInteger(prefix) && prefix < 31) {
      try {
        subnets.push(cidrInterval(cidr));
      } catch {
        // Not a CIDR: no subnet.
      }
    }
  }
  return (address) => {
    const ip = parseIp(address);
    return ip !== null && ip.family === 4 && subnets.some((s) => ip.value >= s.lo && ip.value <= s.hi);
  };
}
