/**
 * The arithmetic of reports, pure: percentiles, uptime and outages from availability samples,
 * top N. Samples are [ts, value] pairs sorted by time.
 */

export type Sample = readonly [ts: number, value: number];

/**
 * The p-th percentile (0-100) by linear interpolation between closest ranks (numpy's default,
 * Excel's PERCENTILE.INC); null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return percentileSorted(sorted, p);
}

/** As percentile(), on values already sorted ascending. */
export function percentileSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (Math.min(100, Math.max(0, p)) / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  const a = sorted[lo]!;
  const b = sorted[hi]!;
  return a + (b - a) * (rank - lo);
}

export function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

export interface Outage {
  start: number;
  /** When the device answered again; the period's end when it had not (ongoing). */
  end: number;
  durationMs: number;
  /** Still down at the end of the period. */
  ongoing: boolean;
}

export interface Availability {
  /** Time up / time with data (the monitored part of the period only), in percent; null without data. */
  uptimePct: number | null;
  /** Time covered by checks (ms). */
  monitoredMs: number;
  /** monitoredMs as a percentage of the period: 5 minutes of checks in a 24 h period is 0.35 %. */
  coveragePct: number;
  downMs: number;
  outages: Outage[];
  checks: number;
}

/** The typical gap between checks: the median interval (robust to the odd missed check). */
export function typicalIntervalMs(samples: readonly Sample[]): number {
  const gaps: number[] = [];
  for (let i = 1; i < samples.length; i++) gaps.push(samples[i]![0] - samples[i - 1]![0]);
  return percentile(gaps, 50) ?? 60_000;
}

/**
 * Uptime and outages from availability checks (1 up, 0.5 degraded, 0 down; degraded counts as
 * available). Each check stands for the time until the next one, capped at twice the typical
 * interval (a longer gap is "no data", not up or down). An outage starts at the first failed
 * check and ends at the first good one after it; one still open at `to` ends there, `ongoing`.
 */
export function availabilityFromSamples(samples: readonly Sample[], from: number, to: number): Availability {
  const inRange = samples.filter(([ts]) => ts >= from && ts < to);
  if (inRange.length === 0) return { uptimePct: null, monitoredMs: 0, coveragePct: 0, downMs: 0, outages: [], checks: 0 };
  const cap = 2 * typicalIntervalMs(inRange);
  let monitored = 0;
  let down = 0;
  const outages: Outage[] = [];
  let open: number | null = null;
  for (let i = 0; i < inRange.length; i++) {
    const [ts, value] = inRange[i]!;
    const next = i + 1 < inRange.length ? inRange[i + 1]![0] : Math.min(to, ts + cap / 2);
    const span = Math.max(0, Math.min(next - ts, cap, to - ts));
    monitored += span;
    const isDown = value <= 0;
    if (isDown) {
      down += span;
      if (open === null) open = ts;
    } else if (open !== null) {
      outages.push({ start: open, end: ts, durationMs: ts - open, ongoing: false });
      open = null;
    }
  }
  if (open !== null) outages.push({ start: open, end: to, durationMs: to - open, ongoing: true });
  return {
    uptimePct: monitored > 0 ? (100 * (monitored - down)) / monitored : null,
    monitoredMs: monitored,
    coveragePct: coverageOf(monitored, to - from),
    downMs: down,
    outages,
    checks: inRange.length,
  };
}

/**
 * Uptime and outages from down alerts when no checks were stored (e.g. a Zabbix-fed device, or
 * samples already expired): each alert, clipped to the period, is an outage.
 */
export function availabilityFromAlerts(alerts: readonly { startedAt: number; resolvedAt: number | null }[], from: number, to: number): Availability {
  const outages: Outage[] = [];
  for (const a of [...alerts].sort((x, y) => x.startedAt - y.startedAt)) {
    const start = Math.max(from, a.startedAt);
    const end = Math.min(to, a.resolvedAt ?? to);
    if (end <= start) continue;
    const last = outages.at(-1);
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end);
      last.durationMs = last.end - last.start;
      last.ongoing = last.ongoing || (a.resolvedAt === null || a.resolvedAt > to);
      continue;
    }
    outages.push({ start, end, durationMs: end - start, ongoing: a.resolvedAt === null || a.resolvedAt > to });
  }
  const period = to - from;
  const downMs = outages.reduce((s, o) => s + o.durationMs, 0);
  return { uptimePct: period > 0 ? (100 * (period - downMs)) / period : null, monitoredMs: period, coveragePct: period > 0 ? 100 : 0, downMs, outages, checks: 0 };
}

/** Monitored time as a percentage of the period (0 for an empty period), at most 100. */
export function coverageOf(monitoredMs: number, periodMs: number): number {
  return periodMs > 0 ? Math.min(100, (100 * monitoredMs) / periodMs) : 0;
}

/** The first n items by score, highest first (ties keep input order); items without a score go last. */
export function topN<T>(items: readonly T[], n: number, score: (item: T) => number | null): T[] {
  return items
    .map((item, i) => ({ item, i, s: score(item) }))
    .sort((a, b) => (b.s ?? -Infinity) - (a.s ?? -Infinity) || a.i - b.i)
    .slice(0, n)
    .map((x) => x.item);
}
