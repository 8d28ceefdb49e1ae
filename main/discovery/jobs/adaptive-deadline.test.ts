import dgram from 'node:dgram';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adaptiveDeadline } from './adaptive-deadline.ts';

describe('adaptiveDeadline', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const now = (): number => Date.now();
  const state = (d: { expired: Promise<void> }) => {
    let fired = false;
    void d.expired.then(() => (fired = true));
    return () => fired;
  };

  it('a limit that shrinks while waiting ends the wait at the next check, not at the first limit', async () => {
    let limit = 1000;
    const d = adaptiveDeadline(now(), () => limit, now, 100);
    const fired = state(d);
    await vi.advanceTimersByTimeAsync(450);
    expect(fired()).toBe(false);
    // The subnet turned out fast: 200 ms is the limit now, passed at the check at 500 ms.
    limit = 200;
    await vi.advanceTimersByTimeAsync(49);
    expect(fired()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(1); // the pending-I/O turn (setImmediate) before it fires
    expect(fired()).toBe(true);
  });

  it('a limit that grows while waiting is waited for', async () => {
    let limit = 100;
    const d = adaptiveDeadline(now(), () => limit, now);
    const fired = state(d);
    limit = 300;
    await vi.advanceTimersByTimeAsync(299);
    expect(fired()).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await vi.advanceTimersByTimeAsync(1); // the pending-I/O turn (setImmediate) before it fires
    expect(fired()).toBe(true);
  });

  it('fires at once when the limit has already passed; cancel stops it', async () => {
    const past = state(adaptiveDeadline(now() - 50, () => 20, now));
    await vi.advanceTimersByTimeAsync(0);
    expect(past()).toBe(true);
    const d = adaptiveDeadline(now(), () => 5, now);
    const fired = state(d);
    d.cancel();
    await vi.advanceTimersByTimeAsync(50);
    expect(fired()).toBe(false);
  });
});

describe('adaptiveDeadline after a stalled event loop', () => {
  it('lets an answer already waiting in a socket arrive before it fires', async () => {
    const socket = dgram.createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const order: string[] = [];
    socket.on('message', () => order.push('answer'));
    const d = adaptiveDeadline(performance.now(), () => 20);
    void d.expired.then(() => order.push('expired'));
    socket.send('echo', (socket.address()).port, '127.0.0.1');
    // The loop is busy past the deadline while the answer reaches the socket.
    const until = performance.now() + 60;
    while (performance.now() < until) {
      // busy
    }
    await d.expired;
    socket.close();
    expect(order).toEqual(['answer', 'expired']);
  });
});
