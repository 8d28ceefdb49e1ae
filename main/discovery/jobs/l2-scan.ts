/**
 * The L2 read of a discovery job (main/l2/): for a host that looks like a switch or router, after
 * its evidence round, with the credential that answered, every request waiting for the job's
 * pacer, bounded (requests and values per table). Afterwards the routers' ARP tables give MACs
 * (and so vendors) to hosts behind them, which the scanning machine's own neighbour table cannot.
 */
import type { DiscoveryHost } from '../../api/discovery.ts';
import type { L2Snapshot } from '../../api/l2.ts';
import type { Pacer } from '../../lib/async/pacer.ts';
import { looksLikeL2Device } from '../../l2/l2-refresher.ts';
import { readL2Snapshot } from '../../l2/read-l2.ts';
import { createSessionWalker } from '../../l2/session-walker.ts';
import type { SnmpClient, SnmpCredential } from '../../snmp/index.ts';
import type { DeviceEvidence } from '../device-evidence.ts';

/** Requests one host's L2 read may send at most (a 48-port switch with a few hundred MACs needs about 60). */
export const SCAN_L2_MAX_REQUESTS = 400;
/** Values per walked table at most during a scan. */
export const SCAN_L2_MAX_VARBINDS = 10_000;

/** Whether a host is worth an L2 read: a switch/router by its class, or bridge ports / forwarding / LLDP in its evidence. */
export function wantsL2(host: Pick<DiscoveryHost, 'type'>, evidence: DeviceEvidence | null): boolean {
  if (looksLikeL2Device(host.type)) return true;
  if (!evidence) return false;
  return (evidence.bridgePorts ?? 0) > 1 || evidence.ipForwarding === true || (evidence.lldpCapabilities ?? []).some((c) => c === 'bridge' || c === 'router');
}

export interface ScanL2Options {
  pacer: Pacer;
  signal: AbortSignal;
  timeoutMs: number;
  retries: number;
  now: () => number;
}

/** One host's snapshot; null when the session cannot be had or the job was cancelled. Never throws. */
export async function scanL2(client: SnmpClient, address: string, credential: SnmpCredential, o: ScanL2Options): Promise<L2Snapshot | null> {
  try {
    const session = await client.session(address, credential);
    const walker = createSessionWalker({
      session,
      open: (c) => client.session(address, c),
      timeoutMs: o.timeoutMs,
      retries: o.retries,
      maxRequests: SCAN_L2_MAX_REQUESTS,
      pace: () => o.pacer.acquire(o.signal),
    });
    const snapshot = await readL2Snapshot(walker, { address, maxVarbinds: SCAN_L2_MAX_VARBINDS, now: o.now });
    return o.signal.aborted ? null : snapshot;
  } catch {
    return null;
  }
}

/** IP → MAC over the ARP tables read (the first router that has an address wins). */
export function arpMacs(snapshots: Iterable<L2Snapshot>): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of snapshots) for (const a of s.arp) if (!out.has(a.ip)) out.set(a.ip, a.mac);
  return out;
}
