import { describe, expect, it } from 'vitest';
import { traceroute, type TraceProbe } from './traceroute.ts';
import type { EchoOptions, EchoOutcome, Pinger } from './types.ts';

const TARGET = '192.0.2.9';

/** A pinger whose answer depends on the TTL only: `answer(ttl)` after `delayMs(ttl, probe)` ms. */
function fakePinger(answer: (ttl: number) => EchoOutcome, delayMs: (ttl: number, call: number) => number = () => 0): Pinger {
  const calls = new Map<number, number>();
  return {
    method: 'raw',
    methodInfo: { method: 'raw', detail: 'fake' },
    echo: async (_address: string, o?: EchoOptions) => {
      const ttl = o?.ttl ?? 64;
      const call = calls.get(ttl) ?? 0;
      calls.set(ttl, call + 1);
      await new Promise((r) => setTimeout(r, delayMs(ttl, call)));
      return answer(ttl);
    },
    probe: () => Promise.reject(new Error('not used')),
    counters: () => ({ sent: 0, replies: 0, late: 0, duplicates: 0, badChecksums: 0, inFlight: 0, queued: 0, errors: 0 }),
    close: () => undefined,
  };
}

describe('traceroute progress', () => {
  it('a destination one hop away: the window probes TTL 1-4 (all answered by the target), but only hop 1 is reported', async () => {
    // Later TTLs answer first: their events must not slip out before hop 1 is known to be the last.
    const pinger = fakePinger(() => ({ status: 'reply', rttMs: 0.05, from: TARGET, ttl: 64 }), (ttl) => (5 - ttl) * 3);
    const events: Array<{ hop: number; probe: number; result: TraceProbe }> = [];
    const r = await traceroute(pinger, TARGET, { onProbe: (e) => events.push(e) });
    expect(r.reached).toBe(true);
    expect(r.hops.map((h) => h.hop)).toEqual([1]);
    expect(events.map((e) => e.hop)).toEqual([1, 1, 1]);
    expect(events.map((e) => e.probe).sort()).toEqual([0, 1, 2]);
  });

  it('reports hops in order: a slow router at hop 1 holds back the fast hop 2, and nothing past the target is reported', async () => {
    const pinger = fakePinger(
      (ttl) => (ttl === 1 ? { status: 'ttl-exceeded', rttMs: 20, from: '192.0.2.1', code: 0 } : { status: 'reply', rttMs: 1, from: TARGET, ttl: 63 }),
      (ttl) => (ttl === 1 ? 20 : 1),
    );
    const events: number[] = [];
    const r = await traceroute(pinger, TARGET, { probesPerHop: 2, onProbe: (e) => events.push(e.hop) });
    expect(r.hops.map((h) => h.address)).toEqual(['192.0.2.1', TARGET]);
    expect(events).toEqual([1, 1, 2, 2]);
  });

  it('an unanswered path reports every hop up to maxHops, in order', async () => {
    const pinger = fakePinger(() => ({ status: 'timeout' }), (ttl, call) => (call === 0 ? 10 - ttl : 1));
    const events: number[] = [];
    const r = await traceroute(pinger, TARGET, { maxHops: 6, probesPerHop: 2, onProbe: (e) => events.push(e.hop) });
    expect(r.reached).toBe(false);
    expect(r.hops).toHaveLength(6);
    expect(events).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6]);
  });
});
