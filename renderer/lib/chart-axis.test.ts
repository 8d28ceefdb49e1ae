import { describe, expect, it } from 'vitest';
import { formatAxisValue, formatTimeTick, niceStep, siPrefix, timeTicks, valueTicks } from './chart-axis.ts';

describe('value ticks', () => {
  it('steps are 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0.0112, 0.3, 0.30000000000000004, 2.4, 2.6, 7, 12, 180e6].map(niceStep)).toEqual([0.02, 0.5, 0.5, 2.5, 5, 10, 20, 200e6]);
  });

  it('latency of 0 to 0.045 ms gets 0, 0.02, 0.04, 0.06 ms: evenly spaced and all labelled with the same decimals', () => {
    const axis = valueTicks(0.045, 4);
    expect(axis.ticks).toEqual([0, 0.02, 0.04, 0.06]);
    expect(axis.ticks.map((t) => formatAxisValue(t, axis, 'ms'))).toEqual(['0.00 ms', '0.02 ms', '0.04 ms', '0.06 ms']);
    const wider = valueTicks(0.04, 4);
    expect(wider.ticks.map((t) => formatAxisValue(t, wider, 'ms'))).toEqual(['0.00 ms', '0.01 ms', '0.02 ms', '0.03 ms', '0.04 ms']);
  });

  it('the top covers the highest value; nothing above 0 still gets a scale', () => {
    for (const max of [0.7, 3, 13, 99, 101, 2.2e9]) {
      const a = valueTicks(max);
      expect(a.top).toBeGreaterThanOrEqual(max);
      expect(a.ticks.length).toBeGreaterThanOrEqual(2);
      expect(a.ticks.length).toBeLessThanOrEqual(6);
      expect(a.ticks[0]).toBe(0);
    }
    expect(valueTicks(0, 4, 1000)).toEqual({ ticks: [0, 250, 500, 750, 1000], top: 1000, step: 250 });
  });

  it('traffic axes carry bit/s with one SI prefix for the whole axis', () => {
    const axis = valueTicks(730e6);
    expect(axis.ticks.map((t) => formatAxisValue(t, axis, 'bit/s'))).toEqual(['0 Mbit/s', '200 Mbit/s', '400 Mbit/s', '600 Mbit/s', '800 Mbit/s']);
    const small = valueTicks(2.2e6);
    expect(small.ticks.map((t) => formatAxisValue(t, small, 'bit/s'))).toEqual(['0 Mbit/s', '1 Mbit/s', '2 Mbit/s', '3 Mbit/s']);
    const halves = valueTicks(1.8e6);
    expect(halves.ticks.map((t) => formatAxisValue(t, halves, 'bit/s'))).toEqual(['0.0 Mbit/s', '0.5 Mbit/s', '1.0 Mbit/s', '1.5 Mbit/s', '2.0 Mbit/s']);
    const gig = valueTicks(1.9e9);
    expect(formatAxisValue(gig.top, gig, 'bit/s')).toBe('2.0 Gbit/s');
    expect(siPrefix(999)).toEqual({ prefix: '', factor: 1 });
    expect(formatAxisValue(500, valueTicks(0, 4, 1000), 'bit/s')).toBe('0.50 kbit/s');
    expect(formatAxisValue(400, valueTicks(700), 'bit/s')).toBe('400 bit/s');
  });

  it('percentages and plain numbers', () => {
    const pct = valueTicks(100, 4);
    expect(pct.ticks.map((t) => formatAxisValue(t, pct, '%'))).toEqual(['0 %', '25 %', '50 %', '75 %', '100 %']);
    expect(formatAxisValue(2.5, valueTicks(10, 4), '')).toBe('2.5');
  });
});

describe('time ticks', () => {
  const H = 3600_000;
  const T = Date.UTC(2026, 11, 2, 10, 7, 13);

  it('an hour at about 6 ticks: every 10 minutes on the clock', () => {
    const { ticks, stepMs } = timeTicks(T - H, T, 6, 0);
    expect(stepMs).toBe(10 * 60_000);
    expect(ticks.length).toBe(6);
    expect(ticks.every((t) => t % stepMs === 0)).toBe(true);
    expect(ticks[0]).toBe(Date.UTC(2026, 11, 2, 9, 10));
  });

  it('a narrow chart still gets at least two labels; local clock times follow the offset', () => {
    const { ticks, stepMs } = timeTicks(T - 24 * H, T, 1, 0);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    expect(stepMs).toBe(12 * H);
    // UTC+5:30 (from 15:37 local): ticks at local midnight and noon, i.e. 18:30 and 06:30 UTC.
    const ist = timeTicks(T - 24 * H, T, 2, 5.5 * H);
    expect(ist.ticks.map((t) => new Date(t + 5.5 * H).getUTCHours())).toEqual([0, 12]);
    expect(new Date(ist.ticks[0]!).getUTCMinutes()).toBe(30);
  });

  it('seven days by the day; labels say the date or the time as the step needs', () => {
    const week = timeTicks(T - 7 * 24 * H, T, 8, 0);
    expect(week.stepMs).toBe(24 * H);
    expect(week.ticks.length).toBe(7);
    expect(formatTimeTick(Date.UTC(2026, 11, 2), 24 * H, 7 * 24 * H, 'en-GB')).toMatch(/2 Dec/);
    const label = formatTimeTick(Date.UTC(2026, 11, 2, 9, 10), 10 * 60_000, H, 'en-GB');
    expect(label).toMatch(/^\d\d:\d0$/);
    expect(formatTimeTick(Date.UTC(2026, 11, 2, 6), 6 * H, 3 * 24 * H, 'en-GB')).toMatch(/Dec \d\d:00$/);
  });
});
