/**
 * A routed path into the lab for traceroute and MTR tests: probe side → router namespace(s)
 * (`wfr1-NAME`, `wfr2-NAME`, forwarding on, no ICMP rate limit) → the lab namespace, which owns
 * the chain's target address. Every address comes from the top of the lab's own /24:
 *
 *   link i (i = 0..routers): A end 198.18.N.(224+2i) ── B end 198.18.N.(225+2i)   (/32 peers)
 *   target 198.18.N.240 in the lab namespace
 *
 * Seen from the probe, hop k (1..routers) answers from 198.18.N.(223+2k) (router k's side facing
 * the probe) and hop routers+1 is the target. Probe-side traffic to the target leaves from
 * 198.18.N.224, so replies come back along the chain. Only /32 routes are added: the lab's other
 * traffic is untouched.
 */
import { exec, run } from './exec.ts';

export interface RouterChain {
  /** The address at the end of the chain (in the lab namespace). */
  target: string;
  /** Router addresses in hop order, as traceroute sees them (target excluded). */
  hops: string[];
  /** The probe side's source address on the chain. */
  probeSource: string;
  /** Router namespaces, in hop order. */
  namespaces: string[];
}

export const CHAIN_FIRST_OCTET = 224;
export const CHAIN_TARGET_OCTET = 240;

/** Namespaces a chain of a lab called `name` may use (for teardown of stale labs). */
export function chainNamespaces(name: string): string[] {
  return [`wfr1-${name}`, `wfr2-${name}`];
}

export async function buildRouterChain(o: { name: string; subnet: number; labNs: string; probeNs: string | null; routers: number }): Promise<RouterChain> {
  if (!Number.isInteger(o.routers) || o.routers < 1 || o.routers > 2) throw new Error('lab: routers must be 1 or 2');
  const ip = (octet: number): string => `198.18.${o.subnet}.${octet}`;
  const a = (i: number): string => ip(CHAIN_FIRST_OCTET + 2 * i);
  const b = (i: number): string => ip(CHAIN_FIRST_OCTET + 2 * i + 1);
  const target = ip(CHAIN_TARGET_OCTET);
  const routerNs = chainNamespaces(o.name).slice(0, o.routers);
  const nsOfA = (i: number): string | null => (i === 0 ? o.probeNs : routerNs[i - 1]!);
  const nsOfB = (i: number): string => (i === o.routers ? o.labNs : routerNs[i]!);
  const devA = (i: number): string => `wfl${o.subnet}c${i}a`;
  const devB = (i: number): string => `wfl${o.subnet}c${i}b`;
  const ipn = (ns: string | null, args: string[]): Promise<string> => run('ip', [...(ns ? ['-n', ns] : []), ...args]);

  for (const ns of routerNs) {
    await run('ip', ['netns', 'add', ns]);
    await ipn(ns, ['link', 'set', 'lo', 'up']);
    await run('ip', [
      'netns', 'exec', ns, 'sysctl', '-q', '-w',
      'net.ipv4.ip_forward=1', 'net.ipv4.icmp_ratelimit=0', 'net.ipv4.conf.all.rp_filter=0', 'net.ipv4.conf.default.rp_filter=0',
      'net.ipv6.conf.all.disable_ipv6=1', 'net.ipv6.conf.default.disable_ipv6=1',
    ]);
  }
  for (let i = 0; i <= o.routers; i++) {
    const nsA = nsOfA(i);
    await run('ip', ['link', 'add', devA(i), ...(nsA ? ['netns', nsA] : []), 'type', 'veth', 'peer', 'name', devB(i), 'netns', nsOfB(i)]);
    if (!nsA) await exec('sysctl', ['-q', '-w', `net.ipv6.conf.${devA(i)}.disable_ipv6=1`]);
    await ipn(nsA, ['addr', 'add', a(i), 'peer', `${b(i)}/32`, 'dev', devA(i)]);
    await ipn(nsA, ['link', 'set', devA(i), 'up']);
    await ipn(nsOfB(i), ['addr', 'add', b(i), 'peer', `${a(i)}/32`, 'dev', devB(i)]);
    await ipn(nsOfB(i), ['link', 'set', devB(i), 'up']);
  }
  // Forward: every hop sends the target onward. Back: every hop returns the probe source.
  await ipn(o.probeNs, ['route', 'add', `${target}/32`, 'via', b(0), 'dev', devA(0), 'src', a(0)]);
  for (let k = 1; k <= o.routers; k++) {
    await ipn(routerNs[k - 1]!, ['route', 'add', `${target}/32`, 'via', b(k), 'dev', devA(k)]);
    if (k > 1) await ipn(routerNs[k - 1]!, ['route', 'add', `${a(0)}/32`, 'via', a(k - 1), 'dev', devB(k - 1)]);
  }
  await ipn(o.labNs, ['addr', 'add', `${target}/32`, 'dev', devB(o.routers)]);
  await ipn(o.labNs, ['route', 'add', `${a(0)}/32`, 'via', a(o.routers), 'dev', devB(o.routers)]);
  return { target, hops: routerNs.map((_, k) => b(k)), probeSource: a(0), namespaces: routerNs };
}
