/**
 * Turning what a user typed into an address we may ping, with a clear error otherwise: invalid
 * address, unresolvable name, or an address the probe policy refuses; and the limits on
 * count, interval and size shared by the contract and the CLI.
 */
import dns from 'node:dns/promises';
import { assertLookupAllowed } from '../lib/network-guard.ts';
import { addressProblem } from '../api/common.ts';
import { canonicalAddress, ipFamily } from '../net/address.ts';
import { localNetworks } from '../net/local-networks.ts';
import { probeProblem } from '../net/probe-policy.ts';
import { ValidationError } from '../errors.ts';
import { canonicalIp } from './raw-pinger.ts';
import type { PingMethod } from './types.ts';

/** Smallest interval between probes: 10 ms with raw sockets (root), 200 ms otherwise, like ping. */
export function minIntervalSec(method: PingMethod): number {
  return method === 'raw' ? 0.01 : 0.2;
}

export const LIMITS = { maxCount: 100_000, minSize: 16, maxSize: 65_000, minTimeoutSec: 0.01, maxTimeoutSec: 60, maxHops: 64 } as const;

/**
 * Why an IP address may not be pinged, traced or tracked by MTR, or undefined: the one probe
 * policy (main/net/probe-policy.ts) with this machine's subnets. Zone ids are refused: the raw
 * ICMP socket cannot send through a named interface.
 */
export function ipProblem(ip: string): string | undefined {
  if (canonicalAddress(ip) === null) {
    return canonicalAddress(ip, { zone: true }) ? `"${ip}": IPv6 zone ids (%eth0) are not supported by ping, traceroute and MTR` : `"${ip}" is not a valid IP address`;
  }
  return probeProblem(ip, { localNetworks: localNetworks() });
}

export interface ResolvedTarget {
  /** What the user typed. */
  input: string;
  /** The IP address probed. */
  address: string;
}

/** Resolves a host name or checks an IP literal. Throws ValidationError with a message for the user. */
export async function resolveTarget(input: string): Promise<ResolvedTarget> {
  const text = input.trim();
  if (!text) throw new ValidationError('A target address or host name is required');
  if (ipFamily(text) !== 0) {
    const problem = ipProblem(text);
    if (problem) throw new ValidationError(problem, [{ path: 'target', message: problem }]);
    return { input: text, address: canonicalIp(text)! };
  }
  const syntax = addressProblem(text);
  if (syntax) throw new ValidationError(syntax, [{ path: 'target', message: syntax }]);
  let address: string;
  try {
    assertLookupAllowed(text);
    address = (await dns.lookup(text)).address;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOTFOUND' || code === 'EAI_NONAME' ? 'no such host' : code === 'EAI_AGAIN' ? 'the name server did not answer' : (code ?? 'lookup failed');
    throw new ValidationError(`Cannot resolve host name "${text}": ${why}`, [{ path: 'target', message: `cannot resolve "${text}"` }]);
  }
  const problem = ipProblem(address);
  if (problem) throw new ValidationError(`"${text}" resolves to ${address}: ${problem}`);
  return { input: text, address: canonicalIp(address)! };
}

export interface PingParams {
  count: number;
  intervalSec: number;
  sizeBytes: number;
  timeoutSec: number;
}

/** Checks the numeric options against the limits; throws ValidationError naming the field. */
export function checkPingParams(p: PingParams, method: PingMethod): void {
  const fail = (path: string, message: string): never => {
    throw new ValidationError(message, [{ path, message }]);
  };
  if (!Number.isInteger(p.count) || p.count < 1) fail('count', `Count must be a whole number of at least 1 (got ${p.count})`);
  if (p.count > LIMITS.maxCount) fail('count', `Count must be at most ${LIMITS.maxCount}`);
  const minI = minIntervalSec(method);
  if (!(p.intervalSec >= minI)) fail('intervalSec', `Interval ${p.intervalSec} s is below the minimum of ${minI} s${method === 'raw' ? '' : ' (without root privileges)'}`);
  if (!Number.isInteger(p.sizeBytes) || p.sizeBytes < LIMITS.minSize || p.sizeBytes > LIMITS.maxSize) fail('sizeBytes', `Packet size must be ${LIMITS.minSize}..${LIMITS.maxSize} bytes (got ${p.sizeBytes})`);
  if (!(p.timeoutSec >= LIMITS.minTimeoutSec && p.timeoutSec <= LIMITS.maxTimeoutSec)) fail('timeoutSec', `Timeout must be ${LIMITS.minTimeoutSec}..${LIMITS.maxTimeoutSec} s (got ${p.timeoutSec})`);
}
