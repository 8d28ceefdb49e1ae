/**
 * Counter32/Counter64 readings → rates per second. Pure functions: the poll job keeps the previous
 * reading per series (see createCounterTracker) and asks for the rate between it and the new one.
 *
 * The rule that matters: when in doubt, produce no sample. A gap in a graph is honest; a spike of
 * 4 GB/s because an agent rebooted is a false alarm and a ruined y-axis.
 */

export type CounterKind = 'counter32' | 'counter64';

/** One reading of a counter, as polled. */
export interface CounterReading {
  /** The counter value; Counter64 as bigint (or a safe integer). */
  value: bigint | number;
  /** When it was read, ms since the epoch (the poller's clock). */
  ts: number;
  /** sysUpTime (TimeTicks, hundredths of a second) read in the same request, when available. */
  uptime?: number;
  /**
   * A discontinuity marker read in the same request when the MIB has one (IF-MIB::ifCounterDiscontinuityTime):
   * a change means the counter was reset or re-created.
   */
  discontinuity?: number;
}

export interface CounterOptions {
  kind: CounterKind;
  /**
   * Highest plausible rate in counter units per second (for interface octets: ifSpeed / 8, with
   * some headroom). With it, a wrap is accepted only when its rate is plausible, and any step
   * above it is dropped as a hidden reset. Without it, see `wrapWindow`.
   */
  maxRate?: number;
  /** A longer time between two readings gives no sample (too many wraps possible). Optional. */
  maxIntervalMs?: number;
}

export type GapReason =
  /** No previous reading. */
  | 'first'
  /** The two readings have the same or decreasing timestamps. */
  | 'no-elapsed-time'
  /** sysUpTime went backwards, or advanced less than the wall clock: the agent restarted. */
  | 'agent-restart'
  /** The discontinuity marker changed. */
  | 'discontinuity'
  /** The counter went down without a plausible wrap: a reset. */
  | 'counter-reset'
  /** The step is faster than `maxRate` allows: a reset hidden by later growth, or a multiple wrap. */
  | 'implausible-rate'
  /** Readings are further apart than `maxIntervalMs`. */
  | 'stale'
  /** The value is not a non-negative integer. */
  | 'bad-value';

export type CounterStep =
  | { ok: true; delta: bigint; dtMs: number; wrapped: boolean }
  | { ok: false; reason: GapReason };

export type RateResult = { ok: true; rate: number; wrapped: boolean } | { ok: false; reason: GapReason };

const RANGE: Record<CounterKind, bigint> = { counter32: 2n ** 32n, counter64: 2n ** 64n };
/** TimeTicks (sysUpTime) wrap after 2^32 hundredths of a second (497 days). */
const TICKS_RANGE = 2 ** 32;
/**
 * Without maxRate: a counter that went down is taken as one wrap only when the wrapped step is
 * at most this fraction of the counter's range... for Counter32 half the range; for Counter64
 * a 2^32 step (a 64-bit counter does not wrap in practice: 2^64 octets at 100 Gbit/s take 46
 * years; going down is a reset unless it was right at the top).
 */
const WRAP_WINDOW: Record<CounterKind, bigint> = { counter32: 2n ** 31n, counter64: 2n ** 32n };

function toBig(v: bigint | number): bigint | undefined {
  if (typeof v === 'bigint') return v >= 0n ? v : undefined;
  return Number.isSafeInteger(v) && v >= 0 ? BigInt(v) : undefined;
}

/** How far sysUpTime may lag the wall clock before we call it a restart: poll latency and clock skew. */
function uptimeTolerance(dtMs: number): number {
  return Math.max(5000, dtMs * 0.25);
}

/** Whether the agent restarted between two readings, judged by sysUpTime. */
export function agentRestarted(prev: CounterReading, cur: CounterReading): boolean {
  if (prev.uptime === undefined || cur.uptime === undefined) return false;
  const dtMs = cur.ts - prev.ts;
  let ticks = cur.uptime - prev.uptime;
  if (ticks < 0) {
    // sysUpTime itself wraps after 497 days: accept that when the wrapped step matches the wall clock.
    const wrapped = ticks + TICKS_RANGE;
    if (Math.abs(wrapped * 10 - dtMs) <= uptimeTolerance(dtMs)) ticks = wrapped;
    else return true;
  }
  // Uptime advanced clearly less than the wall clock: it restarted in between and counted up again.
  return ticks * 10 < dtMs - uptimeTolerance(dtMs);
}

/** The counter increase between two readings, or why there is none. */
export function counterStep(prev: CounterReading | undefined, cur: CounterReading, options: CounterOptions): CounterStep {
  if (!prev) return { ok: false, reason: 'first' };
  const a = toBig(prev.value);
  const b = toBig(cur.value);
  const range = RANGE[options.kind];
  if (a === undefined || b === undefined || a >= range || b >= range) return { ok: false, reason: 'bad-value' };
  const dtMs = cur.ts - prev.ts;
  if (!(dtMs > 0)) return { ok: false, reason: 'no-elapsed-time' };
  if (options.maxIntervalMs !== undefined && dtMs > options.maxIntervalMs) return { ok: false, reason: 'stale' };
  if (agentRestarted(prev, cur)) return { ok: false, reason: 'agent-restart' };
  if (prev.discontinuity !== undefined && cur.discontinuity !== undefined && prev.discontinuity !== cur.discontinuity) {
    return { ok: false, reason: 'discontinuity' };
  }
  // Largest step the link can explain, in counter units (fractional headroom for poll jitter).
  const maxStep = options.maxRate !== undefined ? BigInt(Math.ceil(options.maxRate * 1.1 * (dtMs / 1000))) + 1n : undefined;
  let delta: bigint;
  let wrapped = false;
  if (b >= a) delta = b - a;
  else {
    delta = b + range - a;
    wrapped = true;
    if (delta > (maxStep ?? WRAP_WINDOW[options.kind])) return { ok: false, reason: 'counter-reset' };
  }
  if (maxStep !== undefined && delta > maxStep) return { ok: false, reason: 'implausible-rate' };
  return { ok: true, delta, dtMs, wrapped };
}

/** The rate per second between two readings, or why there is none. */
export function counterRate(prev: CounterReading | undefined, cur: CounterReading, options: CounterOptions): RateResult {
  const step = counterStep(prev, cur, options);
  if (!step.ok) return step;
  return { ok: true, rate: (Number(step.delta) * 1000) / step.dtMs, wrapped: step.wrapped };
}

/**
 * Keeps the previous reading per key (a series id, or device+OID) for a poll job. Every reading
 * becomes the new previous one, gap or not, so polling resumes cleanly after a restart.
 */
export function createCounterTracker() {
  const last = new Map<string | number, CounterReading>();
  return {
    rate(key: string | number, reading: CounterReading, options: CounterOptions): RateResult {
      const result = counterRate(last.get(key), reading, options);
      last.set(key, reading);
      return result;
    },
    step(key: string | number, reading: CounterReading, options: CounterOptions): CounterStep {
      const result = counterStep(last.get(key), reading, options);
      last.set(key, reading);
      return result;
    },
    /** Forgets a key (item removed, device deleted). */
    forget(key: string | number): void {
      last.delete(key);
    },
    /** Forgets every key for which the predicate holds. */
    forgetWhere(predicate: (key: string | number) => boolean): void {
      for (const key of [...last.keys()]) if (predicate(key)) last.delete(key);
    },
    size: () => last.size,
  };
}

export type CounterTracker = ReturnType<typeof createCounterTracker>;
