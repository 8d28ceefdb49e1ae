import type { Clock } from '../clock.ts';

/** An opaque timer handle. */
export type TimerHandle = object;

/**
 * Timers as the engine's background work sees them. Injected (like Clock) so tests drive the
 * scheduler and the metrics writer with a controlled time instead of sleeping.
 */
export interface Timers {
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, Math.max(0, ms));
    // Background timers must never keep a CLI process alive on their own.
    t.unref();
    return t;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A clock and timers that move only when told: for tests. */
export interface ManualTime extends Clock, Timers {
  /** Moves time forward by `ms`, firing due timers in order and letting promises settle between them. */
  advance(ms: number): Promise<void>;
  /** Lets pending promise callbacks run without moving time. */
  settle(): Promise<void>;
  /** Number of timers not yet fired. */
  pending(): number;
}

interface ManualTimer {
  at: number;
  seq: number;
  fn: () => void;
}

async function flushMicrotasks(): Promise<void> {
  // A few macrotask turns: enough for chains of awaits inside the code under test.
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function createManualTime(start = 1_700_000_000_000): ManualTime {
  let now = start;
  let seq = 0;
  const timers = new Set<ManualTimer>();

  function nextDue(limit: number): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of timers) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  return {
    now: () => now,
    setTimeout(fn, ms) {
      const timer: ManualTimer = { at: now + Math.max(0, ms), seq: seq++, fn };
      timers.add(timer);
      return timer;
    },
    clearTimeout(handle) {
      timers.delete(handle as ManualTimer);
    },
    async advance(ms) {
      const end = now + ms;
      await flushMicrotasks();
      for (;;) {
        const t = nextDue(end);
        if (!t) break;
        timers.delete(t);
        now = Math.max(now, t.at);
        t.fn();
        await flushMicrotasks();
      }
      now = end;
      await flushMicrotasks();
    },
    settle: flushMicrotasks,
    pending: () => timers.size,
  };
}
