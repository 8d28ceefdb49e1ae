import { describe, expect, it } from 'vitest';
import { createRttEstimator, createSweepTiming, subnetKey } from './sweep-timing.ts';

describe('createRttEstimator', () => {
  it('waits the configured timeout until the first answer, then srtt + 4·rttvar (RFC 6298)', () => {
    const e = createRttEstimator({ minMs: 10, maxMs: 1000 });
    expect(e.timeoutMs()).toBe(1000);
    e.sample(40);
    // srtt 40, rttvar 20: 40 + 80.
    expect(e.timeoutMs()).toBe(120);
    e.sample(80);
    // rttvar = 0.75·20 + 0.25·40 = 25; srtt = 0.875·40 + 0.125·80 = 45: 45 + 100.
    expect(e.srttMs).toBe(45);
    expect(e.timeoutMs()).toBe(145);
    expect(e.samples).toBe(2);
  });

  it('clamps to [min, max] and ignores junk samples', () => {
    const lan = createRttEstimator({ minMs: 100, maxMs: 1000 });
    lan.sample(0.2);
    expect(lan.timeoutMs()).toBe(100);
    const wan = createRttEstimator({ minMs: 100, maxMs: 1000 });
    wan.sample(900);
    expect(wan.timeoutMs()).toBe(1000);
    wan.sample(Number.NaN);
    wan.sample(-1);
    expect(wan.samples).toBe(1);
  });
});

describe('createSweepTiming', () => {
  it('times each subnet by its own answers', () => {
    const t = createSweepTiming({ timeoutMs: 1000, retries: 1 });
    t.answered('10.0.1.5', 0.3, 0);
    expect(t.timeoutFor('10.0.1.200')).toBe(100);
    expect(t.timeoutFor('10.0.2.1')).toBe(1000);
  });

  it('retries only where loss shows', () => {
    const t = createSweepTiming({ timeoutMs: 1000, retries: 2, lossProbes: 2 });
    // Nothing known yet: the configured retries.
    expect(t.retriesFor('10.0.1.2')).toBe(2);
    t.answered('10.0.1.5', 1, 0);
    // The first silent addresses after answers look for loss; then no resends.
    expect([t.retriesFor('10.0.1.6'), t.retriesFor('10.0.1.7'), t.retriesFor('10.0.1.8')]).toEqual([2, 2, 0]);
    expect(t.lossShown('10.0.1.8')).toBe(false);
    expect(t.resends('10.0.1.8')).toBe(0);
    // An answer to a resend proves loss: every silent address of the subnet is retried again.
    t.answered('10.0.1.7', 1, 1);
    expect(t.lossShown('10.0.1.9')).toBe(true);
    expect(t.retriesFor('10.0.1.9')).toBe(2);
    expect(t.resends('10.0.1.9')).toBe(2);
    // Another subnet is unaffected.
    t.answered('10.0.2.1', 1, 0);
    t.retriesFor('10.0.2.2');
    t.retriesFor('10.0.2.3');
    expect(t.retriesFor('10.0.2.4')).toBe(0);
  });

  it('never waits less than the configured timeout allows, nor retries more than configured', () => {
    const t = createSweepTiming({ timeoutMs: 60, retries: 0 });
    t.answered('10.0.1.5', 0.1, 0);
    expect(t.timeoutFor('10.0.1.6')).toBe(60);
    expect(t.retriesFor('10.0.1.6')).toBe(0);
  });

  it('groups IPv4 by /24 and IPv6 by /112', () => {
    expect(subnetKey('192.168.7.42')).toBe('192.168.7');
    expect(subnetKey('2001:db8::1:ff')).toBe('2001:db8::1');
  });
});
