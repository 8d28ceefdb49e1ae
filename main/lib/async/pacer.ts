/**
 * An async rate limit: the token bucket (./token-bucket.ts) with a queue of waiters. One pacer
 * is shared by everything a discovery job sends (ICMP echoes, TCP SYNs, SNMP requests: see
 * main/discovery/jobs/job-runner.ts), so the job's packets-per-second limit holds across
 * methods. Waiters are served first come, first served; a cancelled waiter leaves the queue at
 * once. (Concurrency caps are ./semaphore.ts.)
 */
import { abortReason } from './abort.ts';
import { createTokenBucket } from './token-bucket.ts';

/** A token bucket with a queue. */
export interface Pacer {
  /** Packets per second now. */
  readonly ratePerSec: number;
  /** Resolves when one packet may be sent; rejects with the signal's reason when aborted first. */
  acquire(signal?: AbortSignal): Promise<void>;
  /** Waiters in the queue. */
  readonly waiting: number;
  /** A new rate from now on; a waiter due later at the old rate is served by the new one. */
  setRate?(ratePerSec: number): void;
}

export interface PacerOptions {
  /** Packets saved up while idle (default: 20 ms worth, at least 1). */
  burst?: number;
  /** Milliseconds, monotonic (default performance.now). */
  now?: () => number;
}

export function createPacer(ratePerSec: number, options: PacerOptions = {}): Pacer {
  // The one token bucket (the raw pinger's too); this adds the async queue on top of it.
  const bucket = createTokenBucket(ratePerSec, options.burst ?? Math.max(1, Math.round(ratePerSec / 50)));
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
    get ratePerSec() {
      return bucket.ratePerSec;
    },
    get waiting() {
      return queue.length;
    },
    setRate(rate) {
      bucket.setRate(now(), rate);
      if (timer) {
        clearTimeout(timer);
        timer = null;
      }
      schedule();
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
