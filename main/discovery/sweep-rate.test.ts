import { describe, expect, it } from 'vitest';
import { createSweepRate, rateCeiling } from './sweep-rate.ts';

describe('sweep rate', () => {
  it('rises by one packet per second per answer to a first probe, up to the ceiling', () => {
    const r = createSweepRate({ floorPps: 500, ceilingPps: 5000 });
    for (let i = 0; i < 500; i++) r.answered(0, i);
    expect(r.pps).toBe(1000);
    for (let i = 0; i < 10_000; i++) r.answered(0, 500 + i);
    expect(r.pps).toBe(5000);
    expect(r.peakPps).toBe(5000);
  });

  it('does not move without answers: silence is not a reason to go faster or slower', () => {
    const r = createSweepRate({ floorPps: 500, ceilingPps: 5000 });
    expect(r.pps).toBe(500);
    r.answered(0, 0);
    expect(r.pps).toBe(501);
  });

  it('halves on an answer to a resend, once per hold time, never below the floor', () => {
    const r = createSweepRate({ floorPps: 500, ceilingPps: 5000 });
    for (let i = 0; i < 3500; i++) r.answered(0, 0);
    expect(r.pps).toBe(4000);
    r.answered(1, 10);
    expect(r.pps).toBe(2000);
    // The rest of the same loss burst, within the hold time: no second cut, and no rise either.
    r.answered(1, 500);
    r.answered(0, 600);
    expect(r.pps).toBe(2000);
    r.answered(1, 1010);
    expect(r.pps).toBe(1000);
    r.answered(1, 2020);
    r.answered(1, 3030);
    expect(r.pps).toBe(500);
    expect(r.cuts).toBe(3);
    r.answered(0, 4040);
    expect(r.pps).toBe(501);
  });

  it('a fixed rate: the ceiling at the floor', () => {
    const r = createSweepRate({ floorPps: 200, ceilingPps: rateCeiling(200, false, 10_000) });
    for (let i = 0; i < 1000; i++) r.answered(0, i);
    r.answered(1, 5000);
    expect(r.pps).toBe(200);
    expect(r.cuts).toBe(0);
  });

  it('the ceiling is twenty times the rate, at most the limit, never below the rate', () => {
    expect(rateCeiling(50, true, 10_000)).toBe(1000);
    expect(rateCeiling(500, true, 10_000)).toBe(10_000);
    expect(rateCeiling(5000, true, 10_000)).toBe(10_000);
    expect(rateCeiling(10_000, true, 10_000)).toBe(10_000);
    expect(rateCeiling(500, false, 10_000)).toBe(500);
    expect(() => createSweepRate({ floorPps: 10, ceilingPps: 5 })).toThrow(RangeError);
  });
});
