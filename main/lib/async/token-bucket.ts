/**
 * The token bucket: `ratePerSec` tokens per second, at most `burst` saved up. Pure: time comes
 * in as an argument. Used as is by the raw pinger (one bucket for everything that sends through
 * it, so a sweep or a big monitor cycle never floods a customer's network) and, with an async
 * queue on top, by the pacer (./pacer.ts) that discovery jobs share across methods.
 */

export interface TokenBucket {
  /** Tokens per second now (see setRate). */
  readonly ratePerSec: number;
  readonly burst: number;
  /**
   * Takes up to `want` tokens at time `nowMs`; returns how many were granted (0..want). When 0,
   * `waitMs(nowMs)` says when the next one will be there.
   */
  take(nowMs: number, want?: number): number;
  /** Milliseconds until one token is available (0 when one is). */
  waitMs(nowMs: number): number;
  /**
   * A new rate from `nowMs` on: tokens saved up until then keep the old rate's worth. The burst
   * stays. (Discovery's rate control, ../../discovery/sweep-rate.ts, moves a job's rate.)
   */
  setRate(nowMs: number, ratePerSec: number): void;
}

function checkRate(ratePerSec: number): void {
  if (!(ratePerSec > 0) || !Number.isFinite(ratePerSec)) throw new RangeError('rate must be a positive number of packets per second');
}

/**
 * `ratePerSec` tokens per second, at most `burst` saved up (default: 1/50 s worth, at least 1),
 * starting full.
 */
export function createTokenBucket(ratePerSec: number, burst = Math.max(1, Math.round(ratePerSec / 50))): TokenBucket {
  checkRate(ratePerSec);
  if (!(burst >= 1)) throw new RangeError('burst must be at least 1');
  let rate = ratePerSec;
  let tokens = burst;
  let last: number | null = null;
  const refill = (now: number): void => {
    if (last === null) last = now;
    if (now > last) {
      tokens = Math.min(burst, tokens + ((now - last) * rate) / 1000);
      last = now;
    }
  };
  return {
    get ratePerSec() {
      return rate;
    },
    burst,
    take(now, want = 1) {
      refill(now);
      const n = Math.min(want, Math.floor(tokens));
      tokens -= n;
      return n;
    },
    waitMs(now) {
      refill(now);
      return tokens >= 1 ? 0 : ((1 - tokens) * 1000) / rate;
    },
    setRate(now, next) {
      checkRate(next);
      refill(now);
      rate = next;
    },
  };
}
