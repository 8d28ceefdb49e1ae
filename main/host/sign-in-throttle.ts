import type { Clock } from '../lib/clock.ts';

/** Failures allowed per user name before the lock-out starts; then the wait doubles with each failure. */
export const FREE_FAILURES = 5;
/** Per remote address (several users may share one, behind a NAT). */
export const FREE_FAILURES_PER_ADDRESS = 20;
const FIRST_LOCK_MS = 1_000;
const MAX_LOCK_MS = 15 * 60_000;
/** A key (user or address) with no failure for this long is forgotten. */
const FORGET_MS = 24 * 3600_000;
/** Keys kept at once; the oldest go first past it (a flood of names cannot grow memory). */
const MAX_KEYS = 10_000;

const ADDRESS = 'address:';
export const userKey = (name: string): string => `user:${name.trim().toLowerCase()}`;
export const addressKey = (remote: string): string => `${ADDRESS}${remote}`;

interface Failures {
  count: number;
  lastAt: number;
}

/**
 * Lock-out with exponential backoff for sign-ins, counted per user name (`userKey`) and per
 * remote address (`addressKey`): after its free failures a key waits 1 s, then 2 s, 4 s, ... up to
 * 15 min before its next attempt is even checked. A success clears the keys it was made with.
 */
export function createSignInThrottle(clock: Clock) {
  const failures = new Map<string, Failures>();

  const waitOf = (key: string): number => {
    const f = failures.get(key);
    if (!f) return 0;
    const now = clock.now();
    if (now - f.lastAt > FORGET_MS) {
      failures.delete(key);
      return 0;
    }
    const free = key.startsWith(ADDRESS) ? FREE_FAILURES_PER_ADDRESS : FREE_FAILURES;
    if (f.count < free) return 0;
    const lockMs = Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** (f.count - free));
    return Math.max(0, f.lastAt + lockMs - now);
  };

  return {
    /** How long (ms) these keys must wait before an attempt; 0 when they may try now. */
    waitMs: (keys: readonly string[]): number => Math.max(0, ...keys.map(waitOf)),
    failed(keys: readonly string[]): void {
      const now = clock.now();
      for (const key of keys) {
        const f = failures.get(key) ?? { count: 0, lastAt: now };
        failures.delete(key);
        failures.set(key, { count: f.count + 1, lastAt: now });
        if (failures.size > MAX_KEYS) failures.delete(failures.keys().next().value!);
      }
    },
    succeeded(keys: readonly string[]): void {
      for (const key of keys) failures.delete(key);
    },
  };
}

export type SignInThrottle = ReturnType<typeof createSignInThrottle>;
