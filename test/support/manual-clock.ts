import type { Clock } from '../../main/lib/clock.ts';

/** A clock that moves only when the test says so. */
export function manualClock(start = Date.UTC(2026, 10, 24, 9, 0, 0)): Clock & { advance(ms: number): void; set(t: number): void } {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
    set: (value) => {
      t = value;
    },
  };
}
