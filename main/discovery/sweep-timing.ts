/**
 * Adaptive sweep timing, as nmap does it: per subnet (an IPv4 /24, an IPv6 /112), a round-trip
 * estimate from the first answers and a record of loss. Pure: answers and silences come in as
 * calls, nothing here sends or waits.
 *
 * - RTT: RFC 6298's estimator (srtt, rttvar; first sample r gives srtt = r, rttvar = r/2, then
 *   gains 1/8 and 1/4). A probe waits srtt + 4·rttvar, clamped to [minMs, the configured timeout];
 *   a subnet with no answer yet waits the configured timeout.
 * - Retries only where loss shows: a subnet that has not answered yet keeps the configured
 *   retries (nothing is known), and so do its first `lossProbes` silent addresses after it has
 *   answered; an answer to a retry there proves loss, and then every silent address of it is
 *   retried. Otherwise a silent address of an answering subnet is not resent.
 */

export interface RttEstimator {
  sample(rttMs: number): void;
  /** srtt + 4·rttvar clamped to [minMs, maxMs]; maxMs before the first sample. */
  timeoutMs(): number;
  readonly samples: number;
  readonly srttMs: number | null;
}

export function createRttEstimator(o: { minMs: number; maxMs: number }): RttEstimator {
  let srtt: number | null = null;
  let rttvar = 0;
  let samples = 0;
  return {
    sample(r) {
      if (!(r >= 0) || !Number.isFinite(r)) return;
      samples++;
      if (srtt === null) {
        srtt = r;
        rttvar = r / 2;
      } else {
        rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - r);
        srtt = 0.875 * srtt + 0.125 * r;
      }
    },
    timeoutMs() {
      if (srtt === null) return o.maxMs;
      return Math.min(o.maxMs, Math.max(o.minMs, Math.ceil(srtt + 4 * rttvar)));
    },
    get samples() {
      return samples;
    },
    get srttMs() {
      return srtt;
    },
  };
}

export interface SweepTimingOptions {
  /** The job's timeout: the most any probe waits. */
  timeoutMs: number;
  /** The job's retries: the most any probe is resent. */
  retries: number;
  /** The least a probe waits, however fast the subnet (default 100 ms, nmap's --min-rtt-timeout). */
  minTimeoutMs?: number;
  /** Silent addresses per answering subnet that are retried to look for loss (default 8). */
  lossProbes?: number;
}

export interface SweepTiming {
  /** How long a probe to `address` waits now. */
  timeoutFor(address: string): number;
  /** Resends after a silent attempt at `address` (0 .. retries); counts a loss probe when it grants one. */
  retriesFor(address: string): number;
  /** Resends for a probe of `address` decided up front (TCP, SNMP): the retries where loss shows or nothing is known, else 0. */
  resends(address: string): number;
  /** An answer from `address` to attempt `attempt` (0 = the first send). */
  answered(address: string, rttMs: number | null, attempt: number): void;
  /** Whether `address`'s subnet has shown loss. */
  lossShown(address: string): boolean;
}

/** The subnet an address is timed with: its /24 (IPv4) or /112 (IPv6). */
export function subnetKey(address: string): string {
  if (address.includes(':')) return address.slice(0, address.lastIndexOf(':'));
  return address.slice(0, address.lastIndexOf('.'));
}

interface Subnet {
  rtt: RttEstimator;
  answered: boolean;
  lossShown: boolean;
  lossProbesLeft: number;
}

export function createSweepTiming(o: SweepTimingOptions): SweepTiming {
  const minMs = Math.min(o.minTimeoutMs ?? 100, o.timeoutMs);
  const lossProbes = o.lossProbes ?? 8;
  const subnets = new Map<string, Subnet>();
  const of = (address: string): Subnet => {
    const key = subnetKey(address);
    let s = subnets.get(key);
    if (!s) {
      s = { rtt: createRttEstimator({ minMs, maxMs: o.timeoutMs }), answered: false, lossShown: false, lossProbesLeft: lossProbes };
      subnets.set(key, s);
    }
    return s;
  };
  return {
    timeoutFor: (address) => of(address).rtt.timeoutMs(),
    retriesFor(address) {
      const s = of(address);
      if (!s.answered || s.lossShown) return o.retries;
      if (s.lossProbesLeft > 0 && o.retries > 0) {
        s.lossProbesLeft--;
        return o.retries;
      }
      return 0;
    },
    resends(address) {
      const s = of(address);
      return !s.answered || s.lossShown ? o.retries : 0;
    },
    answered(address, rttMs, attempt) {
      const s = of(address);
      s.answered = true;
      if (attempt > 0) s.lossShown = true;
      if (rttMs !== null) s.rtt.sample(rttMs);
    },
    lossShown: (address) => of(address).lossShown,
  };
}
