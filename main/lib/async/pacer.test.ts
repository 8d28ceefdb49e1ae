import { describe, expect, it } from 'vitest';
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
});
