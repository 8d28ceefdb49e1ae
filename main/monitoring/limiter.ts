/**
 * A counting semaphore: at most `max` tasks hold a slot at once, the rest wait in FIFO order.
 * Slots are released explicitly (not when a promise settles) so a caller can give a slot back
 * at a deadline even though the work behind it has not finished.
 */
export interface Limiter {
  /** Calls `start` with a release function once a slot is free. `release` is idempotent. */
  acquire(start: (release: () => void) => void): void;
  active(): number;
  queued(): number;
  max(): number;
  /** Drops everything still waiting (on stop). */
  clear(): void;
}

export function createLimiter(max: number): Limiter {
  if (!(Number.isInteger(max) && max > 0)) throw new RangeError(`limiter size must be a positive integer, got ${max}`);
  let active = 0;
  const waiting: ((release: () => void) => void)[] = [];

  function run(start: (release: () => void) => void): void {
    active++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      active--;
      const next = waiting.shift();
      if (next) run(next);
    };
    start(release);
  }

  return {
    acquire(start) {
      if (active < max) run(start);
      else waiting.push(start);
    },
    active: () => active,
    queued: () => waiting.length,
    max: () => max,
    clear: () => {
      waiting.length = 0;
    },
  };
}
