import { describe, expect, it } from 'vitest';
import { MinHeap } from './min-heap.ts';

/** A small deterministic generator (LCG), so a failure can be replayed. */
function numbers(seed: number, n: number): number[] {
  let x = seed;
  return Array.from({ length: n }, () => (x = (x * 1103515245 + 12345) % 2 ** 31) % 10_000);
}

const drain = <T>(h: MinHeap<T>): number[] => {
  const out: number[] = [];
  for (let e = h.pop(); e; e = h.pop()) out.push(e.key);
  return out;
};

describe('min-heap', () => {
  it('pops in key order, with the value pushed with each key', () => {
    const h = new MinHeap<string>();
    const keys = numbers(7, 5000);
    for (const k of keys) h.push(k, `v${k}`);
    expect(h.size).toBe(5000);
    expect(h.peekKey()).toBe(Math.min(...keys));
    const first = h.pop();
    expect(first?.value).toBe(`v${first?.key}`);
    expect([first!.key, ...drain(h)]).toEqual([...keys].sort((a, b) => a - b));
    expect(h.pop()).toBeUndefined();
  });

  it('stays a heap across a burst that grows and shrinks it (its arrays reallocated on the way down)', () => {
    const h = new MinHeap<number>();
    for (const k of numbers(3, 20_000)) h.push(k, k);
    for (let i = 0; i < 19_000; i++) h.pop();
    for (const k of numbers(11, 500)) h.push(k, k);
    const rest = drain(h);
    expect(rest).toHaveLength(1500);
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
  });

  it('retains only the entries asked for, still in order', () => {
    const h = new MinHeap<number>();
    for (const k of numbers(5, 3000)) h.push(k, k % 2);
    h.retain((_, odd) => odd === 1);
    const keys = drain(h);
    expect(keys.every((k) => k % 2 === 1)).toBe(true);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
    expect(keys.length).toBe(numbers(5, 3000).filter((k) => k % 2 === 1).length);
    h.push(4, 0);
    h.clear();
    expect(h.size).toBe(0);
  });
});
