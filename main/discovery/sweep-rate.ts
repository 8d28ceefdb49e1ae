/**
 * A sweep's send rate, moved by what the network answers, as TCP's and nmap's congestion control
 * move theirs (additive increase per answer, multiplicative decrease on loss). Pure: answers come
 * in as calls with the time, nothing here sends or waits.
 *
 * - It starts at the job's rate, which is also its floor: a sweep never goes slower than asked.
 * - Each answer to a first send raises it by `perAnswerPps`, up to the ceiling. The rise is
 *   counted in answers, not in time: a dense network that answers everything doubles the rate
 *   about once a second (at 1 pps per answer), while silent address space (most of a sweep of a
 *   customer's ranges) raises nothing, so a sparse range, a firewall dropping probes or a slow
 *   link stays at the polite floor.
 * - An answer to a resend shows that a first send was lost: the rate halves (never below the
 *   floor), at most once per `holdMs`, because the answers to one loss burst arrive together.
 * - The ceiling equal to the floor turns it off: a fixed rate.
 */

export interface SweepRateOptions {
  /** The job's rate: where it starts and the least it sends (packets per second). */
  floorPps: number;
  /** The most it may reach (packets per second); = floorPps for a fixed rate. */
  ceilingPps: number;
  /** The rise per answer to a first send (default 1 pps). */
  perAnswerPps?: number;
  /** The least time between two cuts (default 1,000 ms). */
  holdMs?: number;
}

export interface SweepRate {
  /** Packets per second now. */
  readonly pps: number;
  /** The highest rate reached so far. */
  readonly peakPps: number;
  /** How many times loss cut the rate. */
  readonly cuts: number;
  /** An answer to send `attempt` (0 = the first) at `nowMs`; returns the rate from now on. */
  answered(attempt: number, nowMs: number): number;
}

/** How far above the job's rate an answering network may take a sweep. */
export const RAMP_FACTOR = 20;

/** A job's ceiling: RAMP_FACTOR x its rate when adaptive, at most `maxPps`; its rate when fixed. */
export function rateCeiling(ratePps: number, adaptive: boolean, maxPps: number): number {
  return adaptive ? Math.max(ratePps, Math.min(maxPps, ratePps * RAMP_FACTOR)) : ratePps;
}

export function createSweepRate(o: SweepRateOptions): SweepRate {
  if (!(o.floorPps > 0) || !(o.ceilingPps >= o.floorPps)) throw new RangeError('the sweep rate needs 0 < floor <= ceiling');
  const perAnswer = o.perAnswerPps ?? 1;
  const holdMs = o.holdMs ?? 1000;
  let pps = o.floorPps;
  let peak = pps;
  let cuts = 0;
  let lastCut = -Infinity;
  return {
    get pps() {
      return pps;
    },
    get peakPps() {
      return peak;
    },
    get cuts() {
      return cuts;
    },
    answered(attempt, now) {
      if (attempt > 0) {
        if (now - lastCut >= holdMs && pps > o.floorPps) {
          pps = Math.max(o.floorPps, pps / 2);
          lastCut = now;
          cuts++;
        }
      } else if (now - lastCut >= holdMs) {
        // No rise while a cut settles: the answers still arriving were sent at the old rate.
        pps = Math.min(o.ceilingPps, pps + perAnswer);
        peak = Math.max(peak, pps);
      }
      return pps;
    },
  };
}
