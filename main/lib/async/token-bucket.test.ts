import { describe, expect, it } from 'vitest';
import { createTokenBucket } from './token-bucket.ts';

describe('token bucket', () => {
  it('lets a burst out, then the configured rate', () => {
    const rl = createTokenBucket(1000, 10);
    expect(rl.take(0, 50)).toBe(10);
    expect(rl.take(0)).toBe(0);
    expect(rl.waitMs(0)).toBeCloseTo(1);
    expect(rl.take(5, 50)).toBe(5);
    expect(rl.take(1000, 50)).toBe(10); // capped at the burst
    // Over one simulated second at 1 ms steps: about `rate` packets.
    const r2 = createTokenBucket(500, 1);
    let sent = 0;
    for (let t = 0; t <= 1000; t++) sent += r2.take(t, 100);
    expect(sent).toBeGreaterThanOrEqual(500);
    expect(sent).toBeLessThanOrEqual(502);
  });

  it('refuses nonsense', () => {
    expect(() => createTokenBucket(0)).toThrow(RangeError);
    expect(() => createTokenBucket(10, 0)).toThrow(RangeError);
    expect(createTokenBucket(10).burst).toBe(1);
  });
});
