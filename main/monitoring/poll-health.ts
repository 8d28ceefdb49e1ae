/**
 * Poll health: what the scheduler records of each poll. Per device and protocol: the last outcome,
 * counts, timeouts in a row and whether (since when) the device is unreachable, decided by the
 * backoff policy (backoff-policy.ts); per protocol: totals since start, skipped polls, slots missed by a late
 * wake-up, a histogram of how late polls started, and the success rate, lag and duration over the last polls. The scheduler keeps one DeviceHealth per
 * device and one ProtocolStats per protocol and feeds them every PollRecord.
 */
import type { BackoffPolicy } from './backoff-policy.ts';
import type { PollStatus, Protocol } from './poll-executor.ts';

/** What the scheduler records of each poll (health view, poll_health table). */
export interface PollRecord {
  deviceId: string;
  protocol: Protocol;
  status: PollStatus;
  message?: string;
  items: number;
  dueAt: number;
  startedAt: number;
  durationMs: number;
  /** How late the poll started: queueing for a slot plus timer delay. */
  lagMs: number;
}

export interface DeviceHealth {
  deviceId: string;
  protocol: Protocol;
  items: number;
  lastStatus: PollStatus | null;
  lastMessage: string | null;
  lastPollAt: number | null;
  lastOkAt: number | null;
  lastDurationMs: number | null;
  consecutiveTimeouts: number;
  /** Set while the device is marked unreachable: since when. */
  unreachableSince: number | null;
  /** When the next poll is due (backed off when unreachable). */
  nextPollAt: number | null;
  ok: number;
  timeouts: number;
  errors: number;
}

/** Success rate, lag and duration over the last polls of a protocol. */
export interface RecentPolls {
  polls: number;
  successRate: number | null;
  avgLagMs: number | null;
  maxLagMs: number | null;
  avgDurationMs: number | null;
}

export interface ProtocolHealth {
  protocol: Protocol;
  hasExecutor: boolean;
  devices: number;
  unreachable: number;
  concurrency: number;
  inFlight: number;
  queued: number;
  /** Totals since start. */
  ok: number;
  timeouts: number;
  errors: number;
  /** Due polls skipped because the device's previous poll was still running. */
  skipped: number;
  /** Slots that went by unpolled because the scheduler woke after the next one was due (a blocked event loop). */
  missed: number;
  /** How late every poll since start began, as a histogram (lagQuantile reads a percentile from it). */
  lag: LagHistogram;
  /** Over the last RECENT polls. */
  recent: RecentPolls;
}

/** Upper bounds (ms) of the lag histogram's buckets; a last bucket holds everything above. */
export const LAG_BOUNDS_MS: readonly number[] = [1, 5, 10, 25, 50, 100, 250, 500, 750, 1000, 1500, 2000, 5000, 10_000, 30_000, 60_000];

/** Polls by how late they started: counts[i] polls with lag <= boundsMs[i] (and above the previous bound); the last count is above every bound. */
export interface LagHistogram {
  boundsMs: readonly number[];
  counts: number[];
}

/**
 * The lag at quantile q (0..1) of a histogram: the upper bound of the bucket that holds it
 * (Infinity when it lies above the last bound), null without polls. `since` (an earlier reading
 * of the same histogram) restricts it to the polls recorded after that reading.
 */
export function lagQuantile(h: LagHistogram, q: number, since?: LagHistogram): number | null {
  const counts = h.counts.map((c, i) => c - (since?.counts[i] ?? 0));
  const total = counts.reduce((a, c) => a + c, 0);
  if (total === 0) return null;
  const rank = Math.ceil(q * total);
  let seen = 0;
  for (let i = 0; i < counts.length; i++) {
    seen += counts[i] as number;
    if (seen >= rank && seen > 0) return h.boundsMs[i] ?? Infinity;
  }
  return Infinity;
}

/** How many polls per protocol the recent figures are taken over. */
export const RECENT = 1000;

/** A device's reachability changed with a poll. */
export interface ReachabilityChange {
  reachable: boolean;
  at: number;
}

/** A fresh health record of a device and protocol that has not been polled yet. */
export function newDeviceHealth(deviceId: string, protocol: Protocol): DeviceHealth {
  return {
    deviceId,
    protocol,
    items: 0,
    lastStatus: null,
    lastMessage: null,
    lastPollAt: null,
    lastOkAt: null,
    lastDurationMs: null,
    consecutiveTimeouts: 0,
    unreachableSince: null,
    nextPollAt: null,
    ok: 0,
    timeouts: 0,
    errors: 0,
  };
}

/**
 * Records one poll in a device's health (at `now`, when it finished) and tracks its reachability:
 * the timeout that makes it unreachable by the policy marks it (once), any answer (ok or error)
 * restores it. Returns the change, if its reachability changed.
 */
export function recordDevicePoll(h: DeviceHealth, r: PollRecord, policy: Pick<BackoffPolicy, 'isUnreachable'>, now: number): ReachabilityChange | undefined {
  h.lastStatus = r.status;
  h.lastMessage = r.message ?? null;
  h.lastPollAt = r.startedAt;
  h.lastDurationMs = r.durationMs;
  if (r.status === 'ok') {
    h.ok++;
    h.lastOkAt = r.startedAt + r.durationMs;
  } else if (r.status === 'timeout') {
    h.timeouts++;
  } else {
    h.errors++;
  }
  if (r.status === 'timeout') {
    h.consecutiveTimeouts++;
    if (policy.isUnreachable(h.consecutiveTimeouts) && h.unreachableSince === null) {
      h.unreachableSince = now;
      return { reachable: false, at: now };
    }
    return undefined;
  }
  // The device answered (even an error is an answer): reachable again.
  h.consecutiveTimeouts = 0;
  if (h.unreachableSince !== null) {
    h.unreachableSince = null;
    return { reachable: true, at: now };
  }
  return undefined;
}

/** A protocol's poll totals since start and the ring of its last polls. */
export interface ProtocolStats {
  record(r: PollRecord): void;
  /** A due poll was skipped: the device's previous one was still running. */
  skip(): void;
  /** Slots that went by unpolled because the scheduler woke late. */
  miss(slots: number): void;
  totals(): { ok: number; timeouts: number; errors: number; skipped: number; missed: number };
  /** A copy of the lag histogram since start. */
  lag(): LagHistogram;
  recent(): RecentPolls;
}

export function createProtocolStats(size = RECENT): ProtocolStats {
  let ok = 0;
  let timeouts = 0;
  let errors = 0;
  let skipped = 0;
  let missed = 0;
  const lagCounts = new Array<number>(LAG_BOUNDS_MS.length + 1).fill(0);
  const ring: PollRecord[] = [];
  let next = 0;
  return {
    record(r) {
      if (r.status === 'ok') ok++;
      else if (r.status === 'timeout') timeouts++;
      else errors++;
      let bucket = 0;
      while (bucket < LAG_BOUNDS_MS.length && r.lagMs > (LAG_BOUNDS_MS[bucket] as number)) bucket++;
      lagCounts[bucket] = (lagCounts[bucket] as number) + 1;
      if (ring.length < size) ring.push(r);
      else ring[next] = r;
      next = (next + 1) % size;
    },
    skip() {
      skipped++;
    },
    miss(slots) {
      missed += slots;
    },
    totals: () => ({ ok, timeouts, errors, skipped, missed }),
    lag: () => ({ boundsMs: LAG_BOUNDS_MS, counts: [...lagCounts] }),
    recent() {
      const n = ring.length;
      const sum = (f: (r: PollRecord) => number) => ring.reduce((a, r) => a + f(r), 0);
      return {
        polls: n,
        successRate: n ? ring.filter((r) => r.status === 'ok').length / n : null,
        avgLagMs: n ? sum((r) => r.lagMs) / n : null,
        maxLagMs: n ? Math.max(...ring.map((r) => r.lagMs)) : null,
        avgDurationMs: n ? sum((r) => r.durationMs) / n : null,
      };
    },
  };
}
