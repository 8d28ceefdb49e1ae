/**
 * `count` probes to each of many targets over any `echo` function: the part of a Pinger that is
 * the same for every method. Rounds start every `intervalMs`; the pinger's rate limit spaces the
 * packets within a round, so a 10,000-target round is one queue, not 10,000 timers.
 */
import { pingStats } from './stats.ts';
import type { EchoOptions, EchoOutcome, ProbeOptions, TargetResult } from './types.ts';

export type EchoFn = (address: string, options: EchoOptions) => Promise<EchoOutcome>;

export function emptyResult(address: string, count: number): TargetResult {
  return { address, rtts: new Array<number | null>(count).fill(null), lastError: null, ...pingStats(0, []) };
}

/** Fills in the statistics from `rtts` (sent = every probe that was not cancelled before sending). */
export function finishResult(r: TargetResult, sent: number): TargetResult {
  const got = r.rtts.filter((x): x is number => x !== null);
  return { ...r, ...pingStats(sent, got) };
}

export async function probeTargets(echo: EchoFn, addresses: readonly string[], options: ProbeOptions = {}): Promise<TargetResult[]> {
  const count = options.count ?? 1;
  const intervalMs = options.intervalMs ?? 1000;
  if (!Number.isInteger(count) || count < 1) throw new RangeError('count must be at least 1');
  const results = addresses.map((a) => emptyResult(a, count));
  const sent = new Array<number>(addresses.length).fill(0);
  const echoOptions: EchoOptions = {};
  if (options.timeoutMs !== undefined) echoOptions.timeoutMs = options.timeoutMs;
  if (options.size !== undefined) echoOptions.size = options.size;
  if (options.ttl !== undefined) echoOptions.ttl = options.ttl;
  if (options.signal) echoOptions.signal = options.signal;
  const signal = options.signal;

  const one = async (i: number, index: number): Promise<void> => {
    const address = addresses[i]!;
    const outcome = await echo(address, echoOptions);
    const r = results[i]!;
    if (outcome.status !== 'cancelled') sent[i]!++;
    if (outcome.status === 'reply') r.rtts[index] = outcome.rttMs;
    else if (outcome.status === 'error') r.lastError = { status: 'error', from: null, message: outcome.message };
    else if (outcome.status !== 'timeout' && outcome.status !== 'cancelled') r.lastError = { status: outcome.status, from: outcome.from };
    options.onProbe?.({ address, index, outcome });
  };

  const all: Array<Promise<void>> = [];
  for (let round = 0; round < count; round++) {
    if (round > 0) {
      const cancelled = await waitOrAbort(intervalMs, signal);
      if (cancelled) break;
    }
    if (signal?.aborted) break;
    for (let i = 0; i < addresses.length; i++) all.push(one(i, round));
  }
  await Promise.all(all);
  return results.map((r, i) => finishResult(r, sent[i]!));
}

/** Waits `ms`; resolves true early if the signal aborts. */
export function waitOrAbort(ms: number, signal?: AbortSignal): Promise<boolean> {
  if (signal?.aborted) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onAbort = (): void => {
      clearTimeout(t);
      resolve(true);
    };
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
