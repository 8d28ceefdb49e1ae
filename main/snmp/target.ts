/** Agent addresses as people type them: `10.0.0.1`, `10.0.0.1:1161`, `udp:host:161`, `[fe80::1]:161`, `udp6:[::1]:161`. */
import dns from 'node:dns/promises';
import net from 'node:net';
import { ValidationError } from '../errors.ts';
import { canonicalAddress, ipFamily } from '../net/address.ts';
import { isHostName } from '../net/host-name.ts';
import { localNetworks } from '../net/local-networks.ts';
import { probeProblem } from '../net/probe-policy.ts';

export interface SnmpTarget {
  host: string;
  port: number;
}

/**
 * Parses a target; the port defaults to 161. Throws ValidationError on nonsense: the host must be
 * an IP address (IPv6 zone ids allowed: UDP sockets can send through a named interface) or a
 * host name by the one rule (main/net/host-name.ts).
 */
export function parseTarget(text: string, defaultPort = 161): SnmpTarget {
  let t = text.trim().replace(/^udp6?:/i, '');
  let port = defaultPort;
  const bracket = /^\[([^\]]+)\](?::(\d+))?$/.exec(t);
  if (bracket) {
    t = bracket[1] ?? '';
    if (bracket[2]) port = Number(bracket[2]);
  } else if (!net.isIPv6(t)) {
    const m = /^(.*):(\d+)$/.exec(t);
    if (m) {
      t = m[1] ?? '';
      port = Number(m[2]);
    }
  }
  const valid = ipFamily(t) !== 0 ? canonicalAddress(t, { zone: true }) !== null : isHostName(t);
  if (!valid) throw new ValidationError(`Invalid SNMP target "${text}": give an address or host name, optionally :port`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ValidationError(`Invalid port in SNMP target "${text}"`);
  return { host: t, port };
}

/**
 * The address to send to: IPs as given, host names through the system resolver (IPv4 first).
 * Throws ValidationError when the probe policy refuses the address (main/net/probe-policy.ts).
 */
export async function resolveHost(host: string): Promise<{ address: string; family: 'udp4' | 'udp6' }> {
  const kind = net.isIP(host);
  let resolved: { address: string; family: 'udp4' | 'udp6' };
  if (kind !== 0) {
    resolved = { address: host, family: kind === 6 ? 'udp6' : 'udp4' };
  } else {
    try {
      const r = await dns.lookup(host, { order: 'ipv4first' });
      resolved = { address: r.address, family: r.family === 6 ? 'udp6' : 'udp4' };
    } catch {
      throw new ValidationError(`Cannot resolve host name "${host}"`);
    }
  }
  const problem = probeProblem(resolved.address, { localNetworks: localNetworks() });
  if (problem) throw new ValidationError(resolved.address === host ? `SNMP target ${problem}` : `SNMP target "${host}" resolves to ${resolved.address}: ${problem}`);
  return resolved;
}
