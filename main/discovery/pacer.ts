/**
 * Async rate limit and concurrency cap for sweeps. One pacer is shared by everything a discovery
 * job sends (ICMP echoes, TCP SYNs, SNMP requests: see jobs/job-runner.ts), so the job's
 * packets-per-second limit holds across methods. Waiters are served first come, first
 * served; a cancelled waiter leaves the queue at once.
 */
import { createRateLimiter } from '../icmp/rate-limiter.ts';

/** A token bucket with a queue. */
export interface Pacer {
  readonly ratePerSec: number;
  /** Resolves when one packet may be sent; rejects with the signal's reason when aborted first. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Waiters in the queue. */
  readonly waiting: number;
}

export interface PacerOptions {
  /** Packets saved up while idle (default: 20 ms worth, at least 1). */
  burst?: number;
  /** Milliseconds, monotonic (default performance.now). */
  now?: () => number;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted', 'AbortError');
}

export function createPacer(ratePerSec: number, options: PacerOptions = {}): Pacer {
  // The token bucket is the ICMP pinger's (one implementation, icmp/rate-limiter.ts); this adds
  // the async queue on top of it.
  const bucket = createRateLimiter(ratePerSec, options.burst ?? Math.max(1, Math.round(ratePerSec / 50)));
  const now = options.now ?? (() => performance.now());
  const queue: { resolve: () => void; reject: (e: unknown) => void; signal: AbortSignal | undefined; onAbort: () => void }[] = [];
  let timer: NodeJS.Timeout | null = null;

  const drain = (): void => {
    timer = null;
    while (queue.length > 0 && bucket.take(now(), 1) === 1) {
      const w = queue.shift()!;
      w.signal?.removeEventListener('abort', w.onAbort);
      w.resolve();
    }
    schedule();
  };
  const schedule = (): void => {
    if (timer || queue.length === 0) return;
    timer = setTimeout(drain, Math.max(1, Math.ceil(bucket.waitMs(now()))));
  };

  return {
    ratePerSec,
    get waiting() {
      return queue.length;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      if (queue.length === 0 && bucket.take(now(), 1) === 1) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const w = {
          resolve,
          reject,
          signal,
          onAbort: () => {
            const i = queue.indexOf(w);
            if (i >= 0) queue.splice(i, 1);
            if (queue.length === 0 && timer) {
              clearTimeout(timer);
              timer = null;
            }
            reject(abortReason(signal!));
          },
        };
        signal?.addEventListener('abort', w.onAbort, { once: true });
        queue.push(w);
        schedule();
      });
    },
  };
}

/** At most `limit` holders at once; `acquire` resolves with the release function. */
export interface Semaphore {
  readonly limit: number;
  readonly inUse: number;
  acquire(signal?: AbortSignal): Promise<() => void>;
}

export function createSemaphore(limit: number): Semaphore {
  if (!(limit >= 1) || !Number.isInteger(limit)) throw new RangeError('concurrency must be a whole number of at least 1');
  let inUse = 0;
  const queue: { grant: () => void; signal: AbortSignal | undefined; onAbort: () => void }[] = [];
  const release = (): void => {
    const next = queue.shift();
    if (next) {
      next.signal?.removeEventListener('abort', next.onAbort);
      next.grant();
    } else {
      inUse--;
    }
  };
  const once = (): (() => void) => {
    let done = false;
    return () => {
      if (!done) {
        done = true;
        release();
      }
    };
  };
  return {
    limit,
    get inUse() {
      return inUse;
    },
    acquire(signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      if (inUse < limit) {
        inUse++;
        return Promise.resolve(once());
      }
      return new Promise((resolve, reject) => {
        const w = {
          grant: () => resolve(once()),
          signal,
          onAbort: () => {
            const i = queue.indexOf(w);
            if (i >= 0) queue.splice(i, 1);
            reject(abortReason(signal!));
          },
        };
        signal?.addEventListener('abort', w.onAbort, { once: true });
        queue.push(w);
      });
    },
  };
}
