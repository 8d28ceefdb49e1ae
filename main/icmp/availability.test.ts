import { describe, expect, it } from 'vitest';
import { createAvailabilityTracker, initialAvailability, nextAvailability } from './availability.ts';

describe('availability state machine', () => {
  it('goes down after exactly N consecutive failures and up after one good check', () => {
    let s = initialAvailability;
    const step = (ok: boolean, t: number) => {
      const r = nextAvailability(s, ok, t, 3);
      s = r.state;
      return r.change?.to ?? null;
    };
    expect(step(true, 1)).toBe('up');
    expect([step(false, 2), step(false, 3)]).toEqual([null, null]);
    expect(step(true, 4)).toBeNull(); // a good check resets the count
    expect([step(false, 5), step(false, 6), step(false, 7)]).toEqual([null, null, 'down']);
    expect(s).toEqual({ status: 'down', consecutiveFailures: 3, sinceMs: 7 });
    expect(step(false, 8)).toBeNull();
    expect(step(true, 9)).toBe('up');
    expect(() => nextAvailability(s, true, 0, 0)).toThrow(RangeError);
  });

  it('a device never seen up goes from unknown to down', () => {
    const t = createAvailabilityTracker();
    expect(t.update([{ id: 'a', ok: false }], 1)).toEqual([]);
    expect(t.update([{ id: 'a', ok: false }, { id: 'b', ok: true }], 2)).toEqual([
      { id: 'a', from: 'unknown', to: 'down', atMs: 2, consecutiveFailures: 2 },
      { id: 'b', from: 'unknown', to: 'up', atMs: 2, consecutiveFailures: 0 },
    ]);
    t.remove('a');
    expect(t.get('a').status).toBe('unknown');
  });
});
