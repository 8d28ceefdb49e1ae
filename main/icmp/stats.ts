/**
 * Per-target ping statistics and the monitor verdict. Pure code: the numbers `ping`, `fping`
 * and `mtr` print, computed the same way.
 */

export interface PingStats {
  sent: number;
  received: number;
  /** 0..100, rounded to 0.1. */
  lossPct: number;
  /** Round-trip times in ms; null when nothing came back. */
  minMs: number | null;
  avgMs: number | null;
  maxMs: number | null;
  medianMs: number | null;
  /** Standard deviation of the RTTs (ping's "mdev"). */
  mdevMs: number | null;
  /** Mean absolute difference between consecutive RTTs (RFC 3550 style jitter, unsmoothed). */
  jitterMs: number | null;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function median(xs: readonly number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Statistics of `sent` probes whose answered RTTs (in send order) are `rtts`. */
export function pingStats(sent: number, rtts: readonly number[]): PingStats {
  const received = rtts.length;
  const lossPct = sent ? Math.round(((sent - received) / sent) * 1000) / 10 : 0;
  if (!received) return { sent, received, lossPct, minMs: null, avgMs: null, maxMs: null, medianMs: null, mdevMs: null, jitterMs: null };
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sumSq = 0;
  let jitterSum = 0;
  for (let i = 0; i < received; i++) {
    const r = rtts[i]!;
    if (r < min) min = r;
    if (r > max) max = r;
    sum += r;
    sumSq += r * r;
    if (i > 0) jitterSum += Math.abs(r - rtts[i - 1]!);
  }
  const avg = sum / received;
  const mdev = Math.sqrt(Math.max(0, sumSq / received - avg * avg));
  return {
    sent,
    received,
    lossPct,
    minMs: round3(min),
    avgMs: round3(avg),
    maxMs: round3(max),
    medianMs: round3(median(rtts)!),
    mdevMs: round3(mdev),
    jitterMs: received > 1 ? round3(jitterSum / (received - 1)) : 0,
  };
}

export type Verdict = 'up' | 'down' | 'degraded';

export interface VerdictThresholds {
  /** Loss above this percentage (but below 100) makes a target degraded. Default 20. */
  degradedLossPct?: number;
  /** Average RTT above this many ms makes a target degraded. Default none. */
  degradedRttMs?: number;
}

/** One verdict for a monitor check: down when nothing came back, degraded past a threshold. */
export function verdictOf(stats: PingStats, thresholds: VerdictThresholds = {}): Verdict {
  if (stats.received === 0) return 'down';
  const lossLimit = thresholds.degradedLossPct ?? 20;
  if (stats.lossPct > lossLimit) return 'degraded';
  if (thresholds.degradedRttMs !== undefined && stats.avgMs !== null && stats.avgMs > thresholds.degradedRttMs) return 'degraded';
  return 'up';
}
