import { describe, expect, it } from 'vitest';
import { createSemaphore, type Release } from './semaphore.ts';

describe('semaphore', () => {
  it('caps holders (promise form); a second release of the same holder is ignored', async () => {
    const sem = createSemaphore(2);
    const a = await sem.acquire();
    await sem.acquire();
    let third = false;
    const p = sem.acquire().then((r) => ((third = true), r));
    await Promise.resolve();
    await Promise.resolve();
    expect(third).toBe(false);
    expect(sem.queued()).toBe(1);
    a();
    a();
    (await p)();
    expect(sem.active()).toBe(1);
    expect(sem.queued()).toBe(0);
  });

  it('starts callbacks synchronously while a slot is free, then in FIFO order', () => {
    const sem = createSemaphore(1);
    const order: string[] = [];
    const releases: Release[] = [];
    for (const name of ['a', 'b', 'c']) {
      sem.acquire((release) => {
        order.push(name);
        releases.push(release);
      });
    }
    expect(order).toEqual(['a']);
    expect([sem.active(), sem.queued(), sem.max()]).toEqual([1, 2, 1]);
    releases[0]!();
    releases[0]!();
    expect(order).toEqual(['a', 'b']);
    releases[1]!();
    releases[2]!();
    expect([sem.active(), sem.queued()]).toEqual([0, 0]);
  });

  it('serves both forms from one queue', async () => {
    const sem = createSemaphore(1);
    const order: string[] = [];
    const first = await sem.acquire();
    const viaPromise = sem.acquire().then((r) => (order.push('promise'), r));
    sem.acquire((release) => {
      order.push('callback');
      release();
    });
    first();
    (await viaPromise)();
    expect(order).toEqual(['promise', 'callback']);
    expect(sem.active()).toBe(0);
  });

  it('an aborted waiter leaves the queue at once with the signal reason', async () => {
    const sem = createSemaphore(1);
    const held = await sem.acquire();
    const ac = new AbortController();
    const p = sem.acquire(ac.signal);
    expect(sem.queued()).toBe(1);
    ac.abort(new Error('stop'));
    await expect(p).rejects.toThrow('stop');
    expect(sem.queued()).toBe(0);
    await expect(sem.acquire(ac.signal)).rejects.toThrow('stop');
    held();
    expect(sem.active()).toBe(0);
  });

  it('clear drops waiters: callbacks never start, promises reject', async () => {
    const sem = createSemaphore(1);
    const held = await sem.acquire();
    let started = false;
    sem.acquire(() => {
      started = true;
    });
    const p = sem.acquire();
    sem.clear();
    await expect(p).rejects.toMatchObject({ name: 'AbortError' });
    held();
    expect(started).toBe(false);
    expect([sem.active(), sem.queued()]).toEqual([0, 0]);
  });

  it('refuses a size that is not a whole number of at least 1', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => createSemaphore(bad)).toThrow(RangeError);
  });
});
