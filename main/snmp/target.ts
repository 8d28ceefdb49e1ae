/** Agent addresses as people type them: `10.0.0.1`, `10.0.0.1:1161`, `udp:host:161`, `[fe80::1]:161`, `udp6:[::1]:161`. */
import dns from 'node:dns/promises';
import net from 'node:net';
import { ValidationError } from '../errors.ts';

export interface SnmpTarget {
  host: string;
  port: number;
}

/** Parses a target; the port defaults to 161. Throws ValidationError on nonsense. */
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
  if (!t || /\s/.test(t)) throw new ValidationError(`Invalid SNMP target "${text}": give an address or host name, optionally :port`);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new ValidationError(`Invalid port in SNMP target "${text}"`);
  return { host: t, port };
}

/** The address to send to: IPs as given, host names through the system resolver (IPv4 first). */
export async function resolveHost(host: string): Promise<{ address: string; family: 'udp4' | 'udp6' }> {
  const kind = net.isIP(host);
  if (kind === 4) return { address: host, family: 'udp4' };
  if (kind === 6) return { address: host, family: 'udp6' };
  try {
    const r = await dns.lookup(host, { order: 'ipv4first' });
    return { address: r.address, family: r.family === 6 ? 'udp6' : 'udp4' };
  } catch {
    throw new ValidationError(`Cannot resolve host name "${host}"`);
  }
}
