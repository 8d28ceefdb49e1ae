/**
 * The stored sample format of schema 16, pure (no database): chunk limits and blocks, the head's
 * float64 pairs, rollup buckets and their compressed encoding. The metrics area reads and writes
 * with it (main/metrics/sample-store.ts, chunk-writer.ts); migration 016 converts old rows with it.
 */
import { decodeChunk, encodeChunk } from './chunk-codec.ts';
import { DAY, FIVE_MINUTES, ONE_HOUR } from './resolutions.ts';

export const RAW_BLOCK = 2 * ONE_HOUR;
export const MAX_CHUNK_SAMPLES = 120;
/** Stored rollup chunks: one per series per day of 5-minute buckets, per week of hourly ones. */
export const ROLLUP_BLOCK: Record<RollupWidth, number> = { [FIVE_MINUTES]: DAY, [ONE_HOUR]: 7 * DAY };

export type RollupWidth = typeof FIVE_MINUTES | typeof ONE_HOUR;

/** Bucket columns: ts (bucket start), min, avg, max, count. */
export interface Buckets {
  ts: number[];
  min: number[];
  avg: number[];
  max: number[];
  count: number[];
}

export interface RawSamples {
  ts: number[];
  values: number[];
}

export const emptyBuckets = (): Buckets => ({ ts: [], min: [], avg: [], max: [], count: [] });

/** The head's BLOB: n (ts, value) float64 pairs in the machine's byte order. */
export function packHead(ts: readonly number[], values: readonly number[]): Buffer {
  const n = ts.length;
  const f = new Float64Array(n * 2);
  for (let i = 0; i < n; i++) {
    f[2 * i] = ts[i] as number;
    f[2 * i + 1] = values[i] as number;
  }
  return Buffer.from(f.buffer, f.byteOffset, f.byteLength);
}

/** The head's BLOB as float64s (ts, value, ts, value, ...), copied to an aligned buffer. */
export function headFloats(data: Uint8Array): Float64Array {
  const copy = new Uint8Array(Math.floor(data.byteLength / 16) * 16);
  copy.set(data.subarray(0, copy.length));
  return new Float64Array(copy.buffer);
}

export function unpackHead(data: Uint8Array): RawSamples {
  const f = headFloats(data);
  const ts: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < f.length; i += 2) {
    ts.push(f[i] as number);
    values.push(f[i + 1] as number);
  }
  return { ts, values };
}

/**
 * A bucket's sum (avg · count) without the float noise of its computation: rounded to the fewest
 * decimals (up to 9) that stay within 1e-12 of it, so sums of values with a few decimals encode
 * as decimals (chunk-codec), not as 64-bit XORs.
 */
export function cleanSum(x: number): number {
  if (!Number.isFinite(x)) return x;
  for (let k = 0, p = 1; k <= 9; k++, p *= 10) {
    const r = Math.round(x * p) / p;
    if (Math.abs(r - x) <= Math.abs(x) * 1e-12) return r;
  }
  return x;
}

/** A stored rollup chunk: bucket starts with min, sum, max and count columns. */
export function encodeBuckets(b: Buckets): Uint8Array {
  const sum = b.avg.map((a, i) => cleanSum(a * (b.count[i] as number)));
  return encodeChunk(b.ts, [b.min, sum, b.max, b.count]);
}

/** Appends the buckets of a stored rollup chunk whose start is in [from, to). */
export function appendBuckets(out: Buckets, data: Uint8Array, from: number, to: number): void {
  const c = decodeChunk(data);
  const [min, sum, max, count] = c.columns as [Float64Array, Float64Array, Float64Array, Float64Array];
  for (let i = 0; i < c.ts.length; i++) {
    const t = c.ts[i] as number;
    if (t < from || t >= to) continue;
    out.ts.push(t);
    out.min.push(min[i] as number);
    out.avg.push((sum[i] as number) / (count[i] as number));
    out.max.push(max[i] as number);
    out.count.push(count[i] as number);
  }
}

