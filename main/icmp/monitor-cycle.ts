/**
 * One ICMP monitor cycle for many devices, batched through one Pinger: every target gets
 * `count` probes, one verdict (up / degraded / down) and its statistics. It writes nothing: the
 * scheduler turns checks into samples (see checkSamples) and feeds an AvailabilityTracker.
 */
import { performance } from 'node:perf_hooks';
import { verdictOf, type PingStats, type Verdict, type VerdictThresholds } from './stats.ts';
import type { Pinger } from './types.ts';

export interface MonitorTarget {
  /** The caller's key (device id). */
  id: string;
  /** IP address (resolve names before the cycle). */
  address: string;
}

export interface MonitorCheck {
  id: string;
  address: string;
  verdict: Verdict;
  /** At least one answer: what availability counts as a good check. */
  ok: boolean;
  stats: PingStats;
}

export interface MonitorCycleOptions {
  /** Probes per target (default 3). */
  count?: number;
  /** Between probes to the same target, ms (default 1000). */
  intervalMs?: number;
  timeoutMs?: number;
  size?: number;
  thresholds?: VerdictThresholds;
  signal?: AbortSignal;
}

export interface MonitorCycleResult {
  startedAtMs: number;
  durationMs: number;
  checks: MonitorCheck[];
}

/** Runs one cycle. Two devices with the same address share the probes. */
export async function runMonitorCycle(pinger: Pinger, targets: readonly MonitorTarget[], o: MonitorCycleOptions = {}, now: () => number = Date.now): Promise<MonitorCycleResult> {
  const startedAtMs = now();
  const t0 = performance.now();
  const addresses = [...new Set(targets.map((t) => t.address))];
  const results = await pinger.probe(addresses, {
    count: o.count ?? 3,
    intervalMs: o.intervalMs ?? 1000,
    ...(o.timeoutMs === undefined ? {} : { timeoutMs: o.timeoutMs }),
    ...(o.size === undefined ? {} : { size: o.size }),
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const byAddress = new Map(results.map((r) => [r.address, r]));
  const checks = targets.map((t): MonitorCheck => {
    const r = byAddress.get(t.address)!;
    const stats: PingStats = { sent: r.sent, received: r.received, lossPct: r.lossPct, minMs: r.minMs, avgMs: r.avgMs, maxMs: r.maxMs, medianMs: r.medianMs, mdevMs: r.mdevMs, jitterMs: r.jitterMs };
    return { id: t.id, address: t.address, verdict: verdictOf(stats, o.thresholds), ok: stats.received > 0, stats };
  });
  return { startedAtMs, durationMs: performance.now() - t0, checks };
}

/** The samples a check produces: `ping_rtt_ms` (average; absent when nothing came back) and `ping_loss_pct`. */
export function checkSamples(check: MonitorCheck): Array<{ name: 'ping_rtt_ms' | 'ping_loss_pct'; value: number }> {
  const out: Array<{ name: 'ping_rtt_ms' | 'ping_loss_pct'; value: number }> = [{ name: 'ping_loss_pct', value: check.stats.lossPct }];
  if (check.stats.avgMs !== null) out.unshift({ name: 'ping_rtt_ms', value: check.stats.avgMs });
  return out;
}
