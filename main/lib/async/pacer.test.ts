import { describe, expect, it, vi } from 'vitest';
import { createPacer } from './pacer.ts';

describe('pacer', () => {
  it('holds the rate after the burst', async () => {
    const pacer = createPacer(200, { burst: 1 });
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 21 }, () => pacer.acquire()));
    // 1 at once, then 20 at 200/s: about 100 ms.
    expect(performance.now() - t0).toBeGreaterThanOrEqual(90);
  });

  it('drops a cancelled waiter', async () => {
    const pacer = createPacer(1, { burst: 1 });
    await pacer.acquire();
    const ac = new AbortController();
    const p = pacer.acquire(ac.signal);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(pacer.waiting).toBe(0);
  });

  it('serves a waiter by a new rate at once', async () => {
    vi.useFakeTimers();
    try {
      let t = 0;
      const pacer = createPacer(1, { burst: 1, now: () => t });
      await pacer.acquire();
      let served = 0;
      const waits = Array.from({ length: 10 }, () => pacer.acquire().then(() => served++));
      t = 100;
      await vi.advanceTimersByTimeAsync(100);
      expect(served).toBe(0); // at 1/s the first waiter is due at t = 1000
      pacer.setRate?.(1000);
      expect(pacer.ratePerSec).toBe(1000);
      for (let i = 0; i < 20 && served < 10; i++) {
        t += 1;
        await vi.advanceTimersByTimeAsync(1);
      }
      await Promise.all(waits);
      expect(served).toBe(10);
      expect(t).toBeLessThan(130);
    } finally {
      vi.useRealTimers();
    }
  });
});
