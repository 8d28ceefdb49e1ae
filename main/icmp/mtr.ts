/**
 * MTR over a Pinger: rounds of one probe per hop (TTL 1..n), with running per-hop statistics
 * as `mtr --report` prints them: Loss%, Snt, Last, Avg, Best, Wrst, StDev. The path is cut at
 * the first hop where the target answers.
 */
import type { Pinger } from './types.ts';
import { toTraceProbe } from './traceroute.ts';
import { waitOrAbort } from './probe-targets.ts';

export interface MtrHop {
  hop: number;
  /** Most recent address that answered at this hop, or null ("???"). */
  address: string | null;
  /** Every address seen at this hop (load-balanced paths show several). */
  addresses: string[];
  sent: number;
  received: number;
  lossPct: number;
  lastMs: number | null;
  avgMs: number | null;
  bestMs: number | null;
  worstMs: number | null;
  stdevMs: number | null;
}

export interface MtrResult {
  target: string;
  rounds: number;
  reached: boolean;
  hops: MtrHop[];
}

export interface MtrOptions {
  /** Rounds (mtr -c; default 10). */
  count?: number;
  intervalMs?: number;
  timeoutMs?: number;
  maxHops?: number;
  protocol?: 'icmp' | 'udp';
  size?: number;
  signal?: AbortSignal;
  /** A snapshot after every round. */
  onRound?: (snapshot: MtrResult) => void;
}

interface Acc {
  hop: number;
  address: string | null;
  addresses: string[];
  sent: number;
  rtts: number[];
  last: number | null;
}

const r3 = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 1000);

function summarize(a: Acc): MtrHop {
  const n = a.rtts.length;
  const avg = n ? a.rtts.reduce((s, x) => s + x, 0) / n : null;
  const stdev = n > 1 && avg !== null ? Math.sqrt(a.rtts.reduce((s, x) => s + (x - avg) ** 2, 0) / (n - 1)) : n === 1 ? 0 : null;
  return {
    hop: a.hop,
    address: a.address,
    addresses: [...a.addresses],
    sent: a.sent,
    received: n,
    lossPct: a.sent ? Math.round(((a.sent - n) / a.sent) * 1000) / 10 : 0,
    lastMs: r3(a.last),
    avgMs: r3(avg),
    bestMs: r3(n ? Math.min(...a.rtts) : null),
    worstMs: r3(n ? Math.max(...a.rtts) : null),
    stdevMs: r3(stdev),
  };
}

export async function mtr(pinger: Pinger, target: string, o: MtrOptions = {}): Promise<MtrResult> {
  const count = o.count ?? 10;
  const maxHops = o.maxHops ?? 30;
  const protocol = o.protocol ?? 'icmp';
  const accs: Acc[] = [];
  let limit = maxHops;
  let reached = false;
  let rounds = 0;
  const snapshot = (): MtrResult => ({ target, rounds, reached, hops: accs.slice(0, limit).map(summarize) });
  for (let round = 0; round < count; round++) {
    if (round > 0 && (await waitOrAbort(o.intervalMs ?? 1000, o.signal))) break;
    if (o.signal?.aborted) break;
    const ttls = Array.from({ length: limit }, (_, i) => i + 1);
    const outcomes = await Promise.all(
      ttls.map((ttl) =>
        pinger.echo(target, {
          ttl,
          timeoutMs: o.timeoutMs ?? 1000,
          protocol,
          ...(protocol === 'udp' ? { port: 33434 + ((round * maxHops + ttl) % 30000) } : {}),
          ...(o.size === undefined ? {} : { size: o.size }),
          ...(o.signal ? { signal: o.signal } : {}),
        }),
      ),
    );
    if (o.signal?.aborted) break;
    rounds++;
    outcomes.forEach((outcome, i) => {
      const acc = (accs[i] ??= { hop: i + 1, address: null, addresses: [], sent: 0, rtts: [], last: null });
      acc.sent++;
      const p = toTraceProbe(outcome);
      if (p.address !== null && p.rttMs !== null) {
        acc.rtts.push(p.rttMs);
        acc.last = p.rttMs;
        acc.address = p.address;
        if (!acc.addresses.includes(p.address)) acc.addresses.push(p.address);
      }
      if (!reached || i + 1 < limit) {
        if ((p.status === 'reply' && p.address === target) || p.status === 'unreachable') {
          reached = reached || p.address === target;
          limit = Math.min(limit, i + 1);
        }
      }
    });
    o.onRound?.(snapshot());
  }
  return snapshot();
}
