/**
 * traceroute over a Pinger: probes with TTL 1, 2, ... (ICMP echo, or UDP to high ports), a few
 * per hop, until the destination answers, a hop says "unreachable", or maxHops. Hops are probed
 * a small window at a time so dead hops do not cost a timeout each.
 *
 * A window probes hops past the destination too (they answer as the destination does), so
 * progress is reported in hop order, as traceroute prints: a hop's probes are reported once
 * every hop before it is complete and not final. No hop after the last one is ever reported,
 * and the progress stream describes exactly the hops of the result.
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
  /** Called per probe, in hop order (a later hop's probes wait until the hops before it are complete and not final); never for a hop after the last. */
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

/** True when this probe ends the trace: the target answered, or a router said unreachable. */
const endsTrace = (p: TraceProbe, target: string): boolean => (p.status === 'reply' && p.address === target) || p.status === 'unreachable';

/** True when this hop is the last one. */
function isFinal(hop: TraceHop, target: string): boolean {
  return hop.probes.some((p) => endsTrace(p, target));
}

type ProbeEvent = Parameters<NonNullable<TracerouteOptions['onProbe']>>[0];

/**
 * Passes probe events on in hop order: those of the lowest hop not yet complete go out at once,
 * later hops' wait; once a hop is final, later hops' events are dropped.
 */
function inHopOrder(perHop: number, target: string, emit: (e: ProbeEvent) => void): (e: ProbeEvent) => void {
  let open = 1;
  let ended = false;
  const seen = new Map<number, number>();
  const held = new Map<number, ProbeEvent[]>();
  const pass = (e: ProbeEvent): void => {
    emit(e);
    seen.set(e.hop, (seen.get(e.hop) ?? 0) + 1);
    if (endsTrace(e.result, target)) {
      ended = true;
      held.clear();
    }
  };
  return (e) => {
    if (ended && e.hop > open) return;
    if (e.hop !== open) {
      held.set(e.hop, [...(held.get(e.hop) ?? []), e]);
      return;
    }
    pass(e);
    while (!ended && seen.get(open) === perHop) {
      open++;
      for (const h of held.get(open) ?? []) pass(h);
      held.delete(open);
    }
  };
}

export async function traceroute(pinger: Pinger, target: string, o: TracerouteOptions = {}): Promise<TracerouteResult> {
  const maxHops = o.maxHops ?? 30;
  const perHop = o.probesPerHop ?? 3;
  const window = o.window ?? 4;
  const protocol = o.protocol ?? 'icmp';
  const hops: TraceHop[] = [];
  const onProbe = o.onProbe ? inHopOrder(perHop, target, o.onProbe) : undefined;
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
        if (!o.signal?.aborted) onProbe?.({ hop: ttl, probe: i, result });
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
