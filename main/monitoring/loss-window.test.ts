import { describe, expect, it } from 'vitest';
import { manualClock } from '../../test/support/manual-clock.ts';
import { addCheck, createLossWindows, emptyWindow, nextDegraded, validateLossWindow, windowFigures, type LossWindow } from './loss-window.ts';

const SEC = 1000;
const MIN = 60 * SEC;
const cfg = { degradedAtPct: 10, upAtPct: 2 };

describe('loss window', () => {
  it('a 20 % lossy link reads about 20 % over the window, not the 0/33/66 % comb of single checks', () => {
    const clock = manualClock();
    let w: LossWindow = emptyWindow();
    // 3 probes every 5 s; the losses fall as they do on such a link: 1 of every 5 probes.
    const lost = [1, 0, 1, 0, 2, 0, 0, 1, 1, 0, 1, 0, 2, 0, 0, 1, 1, 0, 1, 0];
    for (const l of lost) {
      w = addCheck(w, { at: clock.now(), sent: 3, received: 3 - l, rttMs: 10 }, 5 * MIN);
      clock.advance(5 * SEC);
    }
    // 60 probes, 12 lost.
    expect(windowFigures(w, 10)).toEqual({ lossPct: 20, rttMs: 10, probes: 60 });
  });

  it('holds the checks of the last windowMs before the latest answered check, and always that check', () => {
    const clock = manualClock();
    let w = emptyWindow();
    for (let i = 0; i < 12; i++) {
      // The first 2 minutes lose everything but one reply per check, then the link is clean.
      w = addCheck(w, { at: clock.now(), sent: 10, received: i < 4 ? 1 : 10, rttMs: 20 }, 5 * MIN);
      clock.advance(30 * SEC);
    }
    // Checks at 0..330 s; the window ends at 330 s: the checks at 0 and 30 s (both 90 % lost) have dropped out.
    expect(w.checks).toHaveLength(10);
    expect(windowFigures(w, 10)).toMatchObject({ lossPct: 18, probes: 100 });
    // An hourly check interval: the window is the last check.
    w = addCheck(w, { at: clock.now() + 60 * MIN, sent: 3, received: 2, rttMs: 5 }, 5 * MIN);
    expect(windowFigures(w, 3)).toEqual({ lossPct: 33.3, rttMs: 5, probes: 3 });
  });

  it('gives no figure until the window holds minProbes probes', () => {
    let w = addCheck(emptyWindow(), { at: 0, sent: 3, received: 2, rttMs: 1 }, 5 * MIN);
    expect(windowFigures(w, 10)).toBeNull();
    for (const at of [5, 10, 15]) w = addCheck(w, { at: at * SEC, sent: 3, received: 3, rttMs: 1 }, 5 * MIN);
    expect(windowFigures(w, 10)).toEqual({ lossPct: 8.3, rttMs: 1, probes: 12 });
  });

  it('latency is the mean of every reply in the window (weighted by replies)', () => {
    let w = addCheck(emptyWindow(), { at: 0, sent: 4, received: 4, rttMs: 10 }, MIN);
    w = addCheck(w, { at: SEC, sent: 4, received: 1, rttMs: 50 }, MIN);
    expect(windowFigures(w, 1)).toEqual({ lossPct: 37.5, rttMs: 18, probes: 8 });
  });

  it('a check with no reply counts once the device answers again, never on its own', () => {
    let w = addCheck(emptyWindow(), { at: 0, sent: 10, received: 10, rttMs: 1 }, 5 * MIN);
    w = addCheck(w, { at: 5 * SEC, sent: 10, received: 0, rttMs: null }, 5 * MIN);
    expect(w.unanswered).toHaveLength(1);
    expect(windowFigures(w, 10)).toMatchObject({ lossPct: 0, probes: 10 });
    w = addCheck(w, { at: 10 * SEC, sent: 10, received: 10, rttMs: 1 }, 5 * MIN);
    expect(w.unanswered).toHaveLength(0);
    expect(windowFigures(w, 10)).toMatchObject({ lossPct: 33.3, probes: 30 });
  });

  it('rejects a hysteresis whose up threshold is not below its degraded threshold', () => {
    expect(() => validateLossWindow({ windowMs: MIN, minProbes: 10, degradedAtPct: 5, upAtPct: 5 })).toThrow(RangeError);
    expect(() => validateLossWindow({ windowMs: 0, minProbes: 10, degradedAtPct: 10, upAtPct: 2 })).toThrow(RangeError);
  });
});

describe('degraded hysteresis', () => {
  it('enters at degradedAtPct, leaves only at upAtPct or below, keeps its state in between and without a figure', () => {
    expect(nextDegraded(false, 9.9, cfg)).toBe(false);
    expect(nextDegraded(false, 10, cfg)).toBe(true);
    expect(nextDegraded(true, 9, cfg)).toBe(true);
    expect(nextDegraded(true, 2.1, cfg)).toBe(true);
    expect(nextDegraded(true, 2, cfg)).toBe(false);
    expect(nextDegraded(false, 5, cfg)).toBe(false);
    expect(nextDegraded(true, null, cfg)).toBe(true);
    expect(nextDegraded(false, null, cfg)).toBe(false);
  });

  it('a 20 % lossy link stays degraded (no Up/Degraded flipping), then a clean link returns it to up once the window clears', () => {
    const clock = manualClock();
    const windows = createLossWindows({ windowMs: 5 * MIN, minProbes: 10 });
    const states: boolean[] = [];
    const check = (lost: number) => {
      const r = windows.observe('a', { at: clock.now(), sent: 3, received: 3 - lost, rttMs: lost === 3 ? null : 4 });
      clock.advance(5 * SEC);
      return r;
    };
    // Per-check loss 0, 33, 66 % in turns: the per-check verdict flipped; the windowed one does not.
    for (let i = 0; i < 60; i++) states.push(check([0, 1, 0, 2, 0][i % 5] ?? 0).degraded);
    expect(states.slice(4)).toEqual(new Array(56).fill(true));
    // Clean from now on: still degraded while the window holds the lossy checks, up once it is at 2 % or below.
    const after: Array<[boolean, number | null]> = [];
    for (let i = 0; i < 70; i++) {
      const r = check(0);
      after.push([r.degraded, r.figures?.lossPct ?? null]);
    }
    const firstUp = after.findIndex(([d]) => !d);
    expect(firstUp).toBeGreaterThan(20);
    expect(after[firstUp]?.[1]).toBeLessThanOrEqual(2);
    expect(after[firstUp - 1]?.[1]).toBeGreaterThan(2);
    expect(after.slice(firstUp).every(([d]) => !d)).toBe(true);
  });

  it('starts from the persisted state, and a reset (device down) starts afresh, not degraded', () => {
    const windows = createLossWindows({ minProbes: 10 }, (id) => id === 'was-degraded');
    // Until its window has a figure, a device keeps the state it had when the engine stopped.
    expect(windows.observe('was-degraded', { at: 0, sent: 3, received: 3, rttMs: 1 })).toEqual({ figures: null, degraded: true });
    expect(windows.observe('other', { at: 0, sent: 3, received: 3, rttMs: 1 }).degraded).toBe(false);
    windows.reset('was-degraded');
    expect(windows.observe('was-degraded', { at: SEC, sent: 10, received: 10, rttMs: 1 })).toEqual({ figures: { lossPct: 0, rttMs: 1, probes: 10 }, degraded: false });
  });
});
