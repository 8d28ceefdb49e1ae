import { describe, expect, it } from 'vitest';
import { agentRestarted, type CounterOptions, type CounterReading, counterRate, createCounterTracker, type RateResult } from './counter-rate.ts';

/**
 * Sequences as a poller sees them: (counter, poll time in s, sysUpTime in ticks). They are written
 * by hand after the shapes real agents produce (Net-SNMP on Linux, IOS), not captured packets.
 */
type Row = [value: bigint | number, tSec: number, uptimeTicks?: number];

function run(rows: Row[], options: CounterOptions): (number | string)[] {
  const tracker = createCounterTracker();
  return rows.map(([value, t, uptime]) => {
    const reading: CounterReading = { value, ts: 1_700_000_000_000 + t * 1000, ...(uptime !== undefined ? { uptime } : {}) };
    const r: RateResult = tracker.rate('k', reading, options);
    return r.ok ? Math.round(r.rate * 1000) / 1000 : r.reason;
  });
}

const C32: CounterOptions = { kind: 'counter32' };
const C64: CounterOptions = { kind: 'counter64' };
const MAX32 = 2 ** 32;

describe('counter rates', () => {
  it('first sample gives no rate, then steady increments give the rate', () => {
    expect(run([[1000, 0, 100], [7000, 60, 6100], [13000, 120, 12100]], C32)).toEqual(['first', 100, 100]);
  });

  it('identical or backwards timestamps give no sample', () => {
    expect(run([[1000, 0], [2000, 0], [3000, -5], [9000, 55]], C32)).toEqual(['first', 'no-elapsed-time', 'no-elapsed-time', 100]);
  });

  it('Counter32 wrap: one wrap between polls becomes the right rate', () => {
    // 1 MB/s on a 32-bit octet counter that passes 2^32 between the 2nd and 3rd poll.
    const v0 = MAX32 - 30_000_000;
    expect(run([[v0, 0, 0], [v0 + 20_000_000, 20, 2000], [(v0 + 40_000_000) % MAX32, 40, 4000], [(v0 + 60_000_000) % MAX32, 60, 6000]], C32)).toEqual([
      'first',
      1_000_000,
      1_000_000,
      1_000_000,
    ]);
  });

  it('Counter32 wrap is checked against the interface speed when known', () => {
    // 100 Mbit/s link = 12.5 MB/s max. A "wrap" that would mean 50 MB/s is a reset.
    const opts: CounterOptions = { kind: 'counter32', maxRate: 12_500_000 };
    const before = MAX32 - 1_000_000;
    expect(run([[before, 0], [(before + 600_000_000) % MAX32, 60]], opts)).toEqual(['first', 10_000_000]);
    expect(run([[before, 0], [(before + 3_000_000_000) % MAX32, 60]], opts)).toEqual(['first', 'counter-reset']);
  });

  it('Counter64 near 2^64 as bigint, wrapping exactly once', () => {
    const top = 2n ** 64n;
    const rows: Row[] = [
      [top - 3_000_000_000n, 0, 0],
      [top - 1_500_000_000n, 60, 6000],
      [1_500_000_000n - 0n, 120, 12000],
      [3_000_000_000n, 180, 18000],
    ];
    expect(run(rows, C64)).toEqual(['first', 25_000_000, 50_000_000, 25_000_000]);
    // Values that need more than 53 bits are exact: 2^63 + 1000 octets over 1 s.
    expect(run([[2n ** 63n, 0], [2n ** 63n + 1000n, 1]], C64)).toEqual(['first', 1000]);
  });

  it('Counter64 going down mid-range is a reset, not a wrap', () => {
    expect(run([[5_000_000_000_000n, 0, 100], [4_000n, 60, 6100]], C64)).toEqual(['first', 'counter-reset']);
  });

  it('reboot: sysUpTime going backwards gives a gap, never a spike, then rates resume', () => {
    // Device at 9 days uptime reboots; its counters restart from near zero.
    const up = 9 * 86400 * 100;
    const rows: Row[] = [
      [3_000_000_000, 0, up],
      [3_006_000_000, 60, up + 6000],
      [120_000, 120, 3000], // up 30 s after the reboot
      [6_120_000, 180, 9000],
    ];
    expect(run(rows, C32)).toEqual(['first', 100_000, 'agent-restart', 100_000]);
  });

  it('reboot that the uptime alone shows: uptime advanced less than the wall clock', () => {
    // Polled every 5 minutes; the agent restarted and has been up 200 s when polled again, counter above the old value.
    const rows: Row[] = [
      [1_000, 0, 50_000],
      [900_000_000, 300, 70_000],
    ];
    expect(run(rows, C32)).toEqual(['first', 'agent-restart']);
  });

  it('counter reset without uptime (a cleared interface) gives a gap', () => {
    expect(run([[2_000_000_000, 0], [2_060_000_000, 60], [5_000, 120], [65_000, 180]], C32)).toEqual(['first', 1_000_000, 'counter-reset', 1_000]);
  });

  it('a reset hidden by growth is caught by the speed limit', () => {
    const opts: CounterOptions = { kind: 'counter64', maxRate: 125_000_000 }; // 1 Gbit/s
    expect(run([[10n, 0], [100_000_000_000n, 60]], opts)).toEqual(['first', 'implausible-rate']);
  });

  it('sysUpTime wrapping after 497 days is not a restart', () => {
    const prev = { value: 0, ts: 0, uptime: MAX32 - 1000 };
    const cur = { value: 0, ts: 60_000, uptime: 5000 };
    expect(agentRestarted(prev, cur)).toBe(false);
    expect(agentRestarted(prev, { ...cur, uptime: 100_000 })).toBe(true);
  });

  it('a changed discontinuity marker, stale readings and bad values give no sample', () => {
    const t = 1_700_000_000_000;
    expect(counterRate({ value: 1, ts: t, discontinuity: 5 }, { value: 100, ts: t + 1000, discontinuity: 900 }, C32)).toEqual({ ok: false, reason: 'discontinuity' });
    expect(counterRate({ value: 1, ts: t }, { value: 100, ts: t + 3_600_000 }, { kind: 'counter32', maxIntervalMs: 600_000 })).toEqual({ ok: false, reason: 'stale' });
    expect(counterRate({ value: 1, ts: t }, { value: -5, ts: t + 1000 }, C32)).toEqual({ ok: false, reason: 'bad-value' });
    expect(counterRate({ value: 1, ts: t }, { value: MAX32, ts: t + 1000 }, C32)).toEqual({ ok: false, reason: 'bad-value' });
    expect(counterRate({ value: 1.5, ts: t }, { value: 3, ts: t + 1000 }, C32)).toEqual({ ok: false, reason: 'bad-value' });
  });

  it('the tracker keeps one previous reading per key', () => {
    const tr = createCounterTracker();
    tr.rate('a', { value: 0, ts: 0 }, C32);
    tr.rate('b', { value: 0, ts: 0 }, C32);
    expect(tr.rate('a', { value: 100, ts: 1000 }, C32)).toEqual({ ok: true, rate: 100, wrapped: false });
    expect(tr.rate('b', { value: 50, ts: 1000 }, C32)).toEqual({ ok: true, rate: 50, wrapped: false });
    tr.forgetWhere((k) => k === 'a');
    expect(tr.rate('a', { value: 200, ts: 2000 }, C32)).toEqual({ ok: false, reason: 'first' });
    expect(tr.size()).toBe(2);
  });
});
