/**
 * The counting semaphore: at most `max` holders at once, the rest wait in FIFO order. Slots are
 * released explicitly (not when a promise settles), so a holder can give its slot back at a
 * deadline even though the work behind it has not finished; `release` is idempotent.
 *
 * Two ways to wait, one queue:
 * - `acquire(start)`: `start(release)` runs synchronously when a slot is free, else when one is
 *   released. No promise per task: the monitoring scheduler's hot path.
 * - `acquire(signal?)`: a promise of the release function; an aborted waiter leaves the queue at
 *   once and rejects with the signal's reason (discovery's TCP prober, SNMP and DNS slots).
 */
import { abortReason } from './abort.ts';

export type Release = () => void;

export interface Semaphore {
  acquire(start: (release: Release) => void): void;
  acquire(signal?: AbortSignal): Promise<Release>;
  /** Slots held now. */
  active(): number;
  /** Waiters in the queue. */
  queued(): number;
  /** The most holders at once. */
  max(): number;
  /** Drops everything still waiting (on stop): callbacks never start, promises reject with an AbortError. */
  clear(): void;
}

interface Waiter {
  grant: (release: Release) => void;
  drop: () => void;
}

export function createSemaphore(max: number): Semaphore {
  if (!(Number.isInteger(max) && max > 0)) throw new RangeError(`semaphore size must be a whole number of at least 1, got ${max}`);
  let active = 0;
  const waiting: Waiter[] = [];

  // A slot passes straight from a releasing holder to the next waiter (active stays the same).
  function grant(to: (release: Release) => void): void {
    let released = false;
    to(() => {
      if (released) return;
      released = true;
      const next = waiting.shift();
      if (next) grant(next.grant);
      else active--;
    });
  }

  function acquire(start: (release: Release) => void): void;
  function acquire(signal?: AbortSignal): Promise<Release>;
  function acquire(arg?: ((release: Release) => void) | AbortSignal): void | Promise<Release> {
    if (typeof arg === 'function') {
      if (active < max) {
        active++;
        grant(arg);
      } else {
        waiting.push({ grant: arg, drop: () => {} });
      }
      return;
    }
    const signal = arg;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise<Release>((resolve, reject) => {
      if (active < max) {
        active++;
        grant(resolve);
        return;
      }
      const onAbort = (): void => {
        const i = waiting.indexOf(w);
        if (i >= 0) waiting.splice(i, 1);
        reject(abortReason(signal!));
      };
      const w: Waiter = {
        grant: (release) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(release);
        },
        drop: () => {
          signal?.removeEventListener('abort', onAbort);
          reject(new DOMException('The semaphore was cleared', 'AbortError'));
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(w);
    });
  }

  return {
    acquire,
    active: () => active,
    queued: () => waiting.length,
    max: () => max,
    clear: () => {
      for (const w of waiting.splice(0)) w.drop();
    },
  };
}
