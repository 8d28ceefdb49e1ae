import { describe, expect, it } from 'vitest';
import { decimalScale, decodeChunk, encodeChunk } from './chunk-codec.ts';

const T = Date.UTC(2025, 0, 6);

/** The float64 bits of each value, so NaN payloads and -0 compare exactly. */
function bits(values: ArrayLike<number>): string[] {
  const f = new Float64Array(1);
  const u = new BigUint64Array(f.buffer);
  return Array.from(values, (v) => {
    f[0] = v;
    return (u[0] as bigint).toString(16);
  });
}

function roundTrip(ts: number[], ...columns: number[][]): void {
  const c = decodeChunk(encodeChunk(ts, columns));
  expect(bits(c.ts)).toEqual(bits(ts));
  expect(c.columns.map((col) => bits(col))).toEqual(columns.map((col) => bits(col)));
}

/** A NaN with a payload other than the canonical one. */
function oddNaN(): number {
  const u = new Uint32Array(2);
  const f = new Float64Array(u.buffer);
  f[0] = Number.NaN;
  u[0] = (u[0] as number) | 0x1234;
  return f[0] as number;
}

describe('chunk codec', () => {
  it('round-trips special floats exactly: NaN (with its payload), ±Infinity, -0, extremes', () => {
    const values = [Number.NaN, oddNaN(), Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, Number.MIN_VALUE, -Number.MAX_VALUE, Number.MAX_VALUE, 1e-310, 5e-324];
    roundTrip(values.map((_, i) => T + i * 1000), values);
    expect(bits(decodeChunk(encodeChunk([T], [[-0]])).columns[0] as Float64Array)).toEqual(bits([-0]));
  });

  it('round-trips a single sample, an empty chunk, equal values and long runs', () => {
    roundTrip([T], [42.5]);
    roundTrip([], []);
    const ts = Array.from({ length: 500 }, (_, i) => T + i * 60_000);
    roundTrip(ts, ts.map(() => 7));
    roundTrip(ts, ts.map(() => 0.1 + 0.2));
    // Equal values and a regular clock cost about two bits a sample.
    expect(encodeChunk(ts, [ts.map(() => 7)]).length).toBeLessThan(30 + 500 / 4);
  });

  it('round-trips irregular timestamps, huge gaps, jitter and non-integer times', () => {
    const ts = [0, 1, 3, 1000, 1001, 60_000 * 60 * 24 * 365 * 50, 8.64e15, 8.64e15 + 1];
    roundTrip(ts, ts.map((_, i) => i));
    const jitter = Array.from({ length: 300 }, (_, i) => T + i * 60_000 + ((i * 7919) % 41) - 20);
    roundTrip(jitter, jitter.map((_, i) => i % 3));
    const fractional = [T + 0.25, T + 1.5, T + 2.75, T + 1e6 + 0.001];
    roundTrip(fractional, [1, 2, 3, 4]);
  });

  it('stores decimal values exactly and compactly, and falls back to XOR when one is not decimal', () => {
    const ts = Array.from({ length: 120 }, (_, i) => T + i * 60_000);
    const twoDecimals = ts.map((_, i) => Math.round((50 + 40 * Math.sin(i / 9) + (i % 13)) * 100) / 100);
    expect(decimalScale(twoDecimals, twoDecimals.length)).toBe(2);
    roundTrip(ts, twoDecimals);
    expect(encodeChunk(ts, [twoDecimals]).length / ts.length).toBeLessThan(2.5);
    const mixed = [...twoDecimals.slice(0, 119), Math.PI];
    expect(decimalScale(mixed, mixed.length)).toBeUndefined();
    roundTrip(ts, mixed);
    // Big integer counters, negative values, the largest scaled integer, values past it.
    roundTrip([1, 2, 3, 4, 5], [2 ** 50, -(2 ** 50), 1.5e15, -3, 2 ** 53]);
    roundTrip([1, 2, 3], [123456789.123, -0.000000001, 1e21]);
  });

  it('round-trips several columns (rollup buckets) and random float bits', () => {
    roundTrip([T, T + 300_000, T + 600_000], [1, 2, 3], [1.5, 2.25, Number.NaN], [2, 3, 4], [5, 5, 5]);
    let seed = 12345;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const f = new Float64Array(1);
    const u = new Uint32Array(f.buffer);
    for (let round = 0; round < 50; round++) {
      const n = 1 + Math.floor(rand() * 150);
      const ts: number[] = [];
      let t = Math.floor(rand() * 1e12);
      const values: number[] = [];
      for (let i = 0; i < n; i++) {
        t += 1 + Math.floor(rand() ** 4 * 1e9);
        ts.push(t);
        u[0] = Math.floor(rand() * 2 ** 32);
        u[1] = rand() < 0.5 ? (values.length ? (u[1] as number) : 0x40590000) : Math.floor(rand() * 2 ** 32);
        values.push(f[0] as number);
      }
      roundTrip(ts, values);
    }
  });

  it('refuses unsorted timestamps and data it cannot read', () => {
    expect(() => encodeChunk([2, 1], [[1, 2]])).toThrow(RangeError);
    expect(() => encodeChunk([1, 1], [[1, 2]])).toThrow(RangeError);
    expect(() => decodeChunk(new Uint8Array([9, 1, 1]))).toThrow(/format/);
    const ok = encodeChunk([T, T + 1000], [[1.25, 2.5]]);
    expect(() => decodeChunk(ok.subarray(0, 4))).toThrow(/ends early/);
  });
});
