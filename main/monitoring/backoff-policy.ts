/**
 * The backoff policy of the scheduler: when a device that stops answering counts as unreachable,
 * and how long to wait before polling it again. A timeout is the device not answering; an error
 * is an answer (see PollOutcome), so only consecutive timeouts count. From the `unreachableAfter`th
 * timeout in a row the wait starts at the device's shortest item interval (an unreachable device
 * is never polled more often than a reachable one) and doubles with every further timeout, up to
 * `maxBackoffMs`.
 */

export interface BackoffPolicyOptions {
  /** Consecutive timeouts before a device is marked unreachable and backed off. Default 3. */
  unreachableAfter?: number | undefined;
  /** Longest wait between polls of an unreachable device. Default 15 min. */
  maxBackoffMs?: number | undefined;
}

export interface BackoffPolicy {
  readonly unreachableAfter: number;
  readonly maxBackoffMs: number;
  /** Whether a device with this many timeouts in a row is unreachable. */
  isUnreachable(consecutiveTimeouts: number): boolean;
  /**
   * How long to wait before the next poll of a device with this many timeouts in a row, whose
   * shortest item interval is `shortestIntervalMs` (undefined: the device has no items, 60 s is
   * taken); undefined while the device is reachable (its items' own schedule applies).
   */
  backoffMs(consecutiveTimeouts: number, shortestIntervalMs: number | undefined): number | undefined;
}

/** The base of the backoff when a device has no items left to take an interval from. */
const NO_ITEMS_BASE_MS = 60_000;
/** The largest doubling exponent (2^20 times the interval is far past any cap). */
const MAX_EXPONENT = 20;

export function createBackoffPolicy(options: BackoffPolicyOptions = {}): BackoffPolicy {
  const unreachableAfter = options.unreachableAfter ?? 3;
  const maxBackoffMs = options.maxBackoffMs ?? 15 * 60_000;
  const isUnreachable = (consecutiveTimeouts: number) => consecutiveTimeouts >= unreachableAfter;
  return {
    unreachableAfter,
    maxBackoffMs,
    isUnreachable,
    backoffMs(consecutiveTimeouts, shortestIntervalMs) {
      if (!isUnreachable(consecutiveTimeouts)) return undefined;
      const base = shortestIntervalMs ?? NO_ITEMS_BASE_MS;
      const exp = Math.min(MAX_EXPONENT, consecutiveTimeouts - unreachableAfter);
      return Math.min(maxBackoffMs, base * 2 ** exp);
    },
  };
}
