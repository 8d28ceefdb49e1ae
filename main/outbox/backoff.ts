/** How a topic's deliveries are retried. */
export interface RetryPolicy {
  /** After this many failed attempts an entry becomes dead (kept, visible, retryable by hand). */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Deliveries of this topic in flight at once. */
  concurrency: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 12, baseDelayMs: 2_000, maxDelayMs: 15 * 60_000, concurrency: 4 };

/**
 * Exponential backoff with "equal jitter": half the exponential delay fixed, half random, so a
 * hundred queued entries do not all retry in the same second when the network comes back, yet
 * none retries much sooner than planned.
 */
export function retryDelayMs(attempt: number, policy: Pick<RetryPolicy, 'baseDelayMs' | 'maxDelayMs'>, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp / 2 + random() * (exp / 2));
}
