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

  it('changes its rate from a moment on, keeping what it saved at the old rate', () => {
    const b = createTokenBucket(100, 1);
    expect(b.take(0)).toBe(1);
    expect(b.waitMs(0)).toBeCloseTo(10);
    b.setRate(5, 1000); // half a token saved at 100/s by t = 5 ms
    expect(b.ratePerSec).toBe(1000);
    expect(b.waitMs(5)).toBeCloseTo(0.5);
    let sent = 0;
    for (let t = 6; t <= 1005; t++) sent += b.take(t, 100);
    expect(sent).toBeGreaterThanOrEqual(999);
    expect(sent).toBeLessThanOrEqual(1001);
    expect(() => b.setRate(1005, 0)).toThrow(RangeError);
  });

  it('refuses nonsense', () => {
    expect(() => createTokenBucket(0)).toThrow(RangeError);
    expect(() => createTokenBucket(10, 0)).toThrow(RangeError);
    expect(createTokenBucket(10).burst).toBe(1);
  });
});
