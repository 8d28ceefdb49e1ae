/**
 * traceroute over a Pinger: probes with TTL 1, 2, ... (ICMP echo, or UDP to high ports), a few
 * per hop, until the destination answers, a hop says "unreachable", or maxHops. Hops are probed
 * a small window at a time so dead hops do not cost a timeout each.
 */
import type { EchoOutcome, Pinger } from './types.ts';

export interface TracerouteOptions {
  maxHops?: number;
  probesPerHop?: number;
  timeoutMs?: number;
  protocol?: 'icmp' | 'udp';
  size?: number;
  /** Hops probed at once (default 4). */
  window?: number;
  signal?: AbortSignal;
  /** Called per probe as it completes. */
  onProbe?: (event: { hop: number; probe: number; result: TraceProbe }) => void;
}

export interface TraceProbe {
  /** Who answered, or null (no answer within the timeout). */
  address: string | null;
  rttMs: number | null;
  status: EchoOutcome['status'];
}

export interface TraceHop {
  hop: number;
  /** The first address that answered at this hop, or null. */
  address: string | null;
  probes: TraceProbe[];
}

export interface TracerouteResult {
  target: string;
  reached: boolean;
  hops: TraceHop[];
}

export function toTraceProbe(o: EchoOutcome): TraceProbe {
  if (o.status === 'reply' || o.status === 'ttl-exceeded' || o.status === 'unreachable' || o.status === 'too-big') {
    return { address: o.from, rttMs: Number.isFinite(o.rttMs) ? o.rttMs : null, status: o.status };
  }
  return { address: null, rttMs: null, status: o.status };
}

/** True when this hop is the last one: the target answered, or a router said unreachable. */
function isFinal(hop: TraceHop, target: string): boolean {
  return hop.probes.some((p) => (p.status === 'reply' && p.address === target) || p.status === 'unreachable');
}

export async function traceroute(pinger: Pinger, target: string, o: TracerouteOptions = {}): Promise<TracerouteResult> {
  const maxHops = o.maxHops ?? 30;
  const perHop = o.probesPerHop ?? 3;
  const window = o.window ?? 4;
  const protocol = o.protocol ?? 'icmp';
  const hops: TraceHop[] = [];
  const probeHop = async (ttl: number): Promise<TraceHop> => {
    const probes = await Promise.all(
      Array.from({ length: perHop }, async (_, i) => {
        const outcome = await pinger.echo(target, {
          ttl,
          timeoutMs: o.timeoutMs ?? 1000,
          protocol,
          ...(protocol === 'udp' ? { port: 33434 + (ttl - 1) * perHop + i } : {}),
          ...(o.size === undefined ? {} : { size: o.size }),
          ...(o.signal ? { signal: o.signal } : {}),
        });
        const result = toTraceProbe(outcome);
        if (!o.signal?.aborted) o.onProbe?.({ hop: ttl, probe: i, result });
        return result;
      }),
    );
    return { hop: ttl, address: probes.find((p) => p.address)?.address ?? null, probes };
  };
  for (let first = 1; first <= maxHops; first += window) {
    if (o.signal?.aborted) break;
    const batch = await Promise.all(Array.from({ length: Math.min(window, maxHops - first + 1) }, (_, k) => probeHop(first + k)));
    for (const hop of batch) {
      hops.push(hop);
      if (isFinal(hop, target)) return { target, reached: hop.probes.some((p) => p.address === target), hops };
    }
  }
  return { target, reached: false, hops };
}
