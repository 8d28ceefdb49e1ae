/**
 * The compressed chunk: a run of timestamps with one or more value columns, as stored in the
 * `data` BLOB of `metric_chunks` (one value column: raw samples) and `metric_rollup_chunks`
 * (four: min, avg, max, count).
 *
 * Timestamps are delta-of-delta encoded with variable-width buckets (the Gorilla paper's scheme,
 * widths chosen for millisecond clocks). Each value column picks one of two encodings:
 * - decimal: when every value is an integer times 10^-k (k 0..9) that reads back exactly, the
 *   scaled integers are stored as zig-zag deltas in variable-width buckets (poll results and
 *   rates rounded to a few decimals cost 1 to 17 bits);
 * - XOR: otherwise, Gorilla's XOR of each float64 with the previous one (leading-zero and
 *   meaningful-bit window), exact for every float64 including NaN payloads, ±Infinity and -0.
 *
 * Layout: byte 0 = format (1); then a bit stream: varint count, varint column count, the first
 * timestamp as 64 float bits, the other timestamps' delta-of-deltas; per column 4 mode bits
 * (0..9 = decimal scale, 15 = XOR) and its values.
 */
import { BitReader, BitWriter } from './bit-stream.ts';

export const CHUNK_FORMAT = 1;
const XOR_MODE = 15;
const MAX_SCALE = 9;
const MAX_SCALED = 2 ** 50;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
// Index of the high and low 32-bit halves of a float64 on this machine.
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

export interface DecodedChunk {
  ts: Float64Array;
  columns: Float64Array[];
}

/** Payload widths after a prefix of n 1 bits (delta-of-delta of timestamps, deltas of scaled decimals). */
const TS_BITS = [0, 7, 12, 20, 32];
const VALUE_BITS = [0, 6, 13, 20];

const zigzag = (d: number): number => (d >= 0 ? 2 * d : -2 * d - 1);
const unzigzag = (z: number): number => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

function writeFloat(w: BitWriter, v: number): void {
  f64[0] = v;
  w.write(u32[HI] as number, 32);
  w.write(u32[LO] as number, 32);
}

function readFloat(r: BitReader): number {
  u32[HI] = r.read(32);
  u32[LO] = r.read(32);
  return f64[0] as number;
}

function writeTimestamps(w: BitWriter, ts: ArrayLike<number>, n: number): void {
  if (n === 0) return;
  writeFloat(w, ts[0] as number);
  let prev = ts[0] as number;
  let prevDelta = 0;
  for (let i = 1; i < n; i++) {
    const t = ts[i] as number;
    const delta = t - prev;
    const dod = delta - prevDelta;
    const z = Number.isSafeInteger(t) && Number.isSafeInteger(prev) && Number.isSafeInteger(dod) ? zigzag(dod) : -1;
    if (z === 0) w.write(0, 1);
    else if (z > 0 && z < 1 << 7) {
      w.write(0b10, 2);
      w.write(z, 7);
    } else if (z > 0 && z < 1 << 12) {
      w.write(0b110, 3);
      w.write(z, 12);
    } else if (z > 0 && z < 1 << 20) {
      w.write(0b1110, 4);
      w.write(z, 20);
    } else if (z > 0 && z < 2 ** 32) {
      w.write(0b11110, 5);
      w.write(z, 32);
    } else {
      // Anything else (huge gaps, non-integer times): the timestamp itself.
      w.write(0b11111, 5);
      writeFloat(w, t);
    }
    prevDelta = delta;
    prev = t;
  }
}

function readTimestamps(r: BitReader, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 0) return out;
  let prev = readFloat(r);
  out[0] = prev;
  let prevDelta = 0;
  for (let i = 1; i < n; i++) {
    // One look at the next 32 bits serves the prefix and (up to 20 bits) the payload.
    const w = r.peek32();
    const ones = Math.min(Math.clz32(~w), 5);
    let t: number;
    if (ones === 0) {
      r.skip(1);
      t = prev + prevDelta;
    } else if (ones < 4) {
      const n = TS_BITS[ones] as number;
      r.skip(ones + 1 + n);
      t = prev + prevDelta + unzigzag((w << (ones + 1)) >>> (32 - n));
    } else if (ones === 4) {
      r.skip(5);
      t = prev + prevDelta + unzigzag(r.read(32));
    } else {
      r.skip(5);
      t = readFloat(r);
    }
    out[i] = t;
    prevDelta = t - prev;
    prev = t;
  }
  return out;
}

/** The smallest k for which every value is exactly round(v·10^k)/10^k, or undefined. */
export function decimalScale(values: ArrayLike<number>, n: number): number | undefined {
  let k = 0;
  let pow = 1;
  for (let i = 0; i < n; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v) || Object.is(v, -0)) return undefined;
    while (Math.round(v * pow) / pow !== v) {
      if (++k > MAX_SCALE) return undefined;
      pow *= 10;
    }
  }
  // A larger k found late must still hold for the values checked before it.
  for (let i = 0; i < n; i++) {
    const s = Math.round((values[i] as number) * pow);
    if (Math.abs(s) > MAX_SCALED || s / pow !== values[i]) return undefined;
  }
  return k;
}

function writeDecimal(w: BitWriter, values: ArrayLike<number>, n: number, k: number): void {
  const pow = 10 ** k;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const s = Math.round((values[i] as number) * pow);
    const z = zigzag(s - prev);
    if (z === 0) w.write(0, 1);
    else if (z < 1 << 6) {
      w.write(0b10, 2);
      w.write(z, 6);
    } else if (z < 1 << 13) {
      w.write(0b110, 3);
      w.write(z, 13);
    } else if (z < 1 << 20) {
      w.write(0b1110, 4);
      w.write(z, 20);
    } else {
      w.write(0b1111, 4);
      w.writeWide(z, 53);
    }
    prev = s;
  }
}

function readDecimal(r: BitReader, n: number, k: number): Float64Array {
  const out = new Float64Array(n);
  const pow = 10 ** k;
  let prev = 0;
  for (let i = 0; i < n; i++) {
    const w = r.peek32();
    const ones = Math.min(Math.clz32(~w), 4);
    let z: number;
    if (ones === 0) {
      r.skip(1);
      z = 0;
    } else if (ones < 4) {
      const n = VALUE_BITS[ones] as number;
      r.skip(ones + 1 + n);
      z = (w << (ones + 1)) >>> (32 - n);
    } else {
      r.skip(4);
      z = r.readWide(53);
    }
    prev += unzigzag(z);
    out[i] = prev / pow;
  }
  return out;
}

const ctz32 = (x: number): number => 31 - Math.clz32(x & -x);

function writeXor(w: BitWriter, values: ArrayLike<number>, n: number): void {
  if (n === 0) return;
  f64[0] = values[0] as number;
  let ph = u32[HI] as number;
  let pl = u32[LO] as number;
  w.write(ph, 32);
  w.write(pl, 32);
  let lead = -1;
  let trail = 0;
  for (let i = 1; i < n; i++) {
    f64[0] = values[i] as number;
    const h = u32[HI] as number;
    const l = u32[LO] as number;
    const xh = (h ^ ph) >>> 0;
    const xl = (l ^ pl) >>> 0;
    ph = h;
    pl = l;
    if (xh === 0 && xl === 0) {
      w.write(0, 1);
      continue;
    }
    let lz = xh !== 0 ? Math.clz32(xh) : 32 + Math.clz32(xl);
    const tz = xl !== 0 ? ctz32(xl) : 32 + ctz32(xh);
    if (lead >= 0 && lz >= lead && tz >= trail) {
      w.write(0b10, 2);
      writeMeaningful(w, xh, xl, 64 - lead - trail, trail);
      continue;
    }
    if (lz > 31) lz = 31;
    const sig = 64 - lz - tz;
    w.write(0b11, 2);
    w.write(lz, 5);
    w.write(sig & 63, 6);
    writeMeaningful(w, xh, xl, sig, tz);
    lead = lz;
    trail = tz;
  }
}

/** Writes bits [trail, trail + sig) of the 64-bit value (xh, xl). */
function writeMeaningful(w: BitWriter, xh: number, xl: number, sig: number, trail: number): void {
  let hi: number;
  let lo: number;
  if (trail === 0) {
    hi = xh;
    lo = xl;
  } else if (trail < 32) {
    lo = ((xl >>> trail) | (xh << (32 - trail))) >>> 0;
    hi = xh >>> trail;
  } else {
    lo = xh >>> (trail - 32);
    hi = 0;
  }
  if (sig > 32) {
    w.write(hi, sig - 32);
    w.write(lo, 32);
  } else w.write(lo, sig);
}

function readXor(r: BitReader, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 0) return out;
  let h = r.read(32);
  let l = r.read(32);
  u32[HI] = h;
  u32[LO] = l;
  out[0] = f64[0] as number;
  let lead = 0;
  let trail = 0;
  for (let i = 1; i < n; i++) {
    if (r.readBit() === 1) {
      if (r.readBit() === 1) {
        lead = r.read(5);
        const sig = r.read(6) || 64;
        trail = 64 - lead - sig;
      }
      // The meaningful bits, shifted back up by `trail` into (xh, xl).
      const sig = 64 - lead - trail;
      let hi = 0;
      let lo: number;
      if (sig > 32) {
        hi = r.read(sig - 32);
        lo = r.read(32);
      } else lo = r.read(sig);
      let xh: number;
      let xl: number;
      if (trail === 0) {
        xh = hi;
        xl = lo;
      } else if (trail < 32) {
        xh = ((hi << trail) | (lo >>> (32 - trail))) >>> 0;
        xl = (lo << trail) >>> 0;
      } else {
        xh = (lo << (trail - 32)) >>> 0;
        xl = 0;
      }
      h = (h ^ xh) >>> 0;
      l = (l ^ xl) >>> 0;
    }
    u32[HI] = h;
    u32[LO] = l;
    out[i] = f64[0] as number;
  }
  return out;
}

/**
 * Encodes `n` samples: strictly increasing timestamps and any number of value columns of the same
 * length. Throws RangeError on unsorted timestamps (the stores merge and sort before encoding).
 */
export function encodeChunk(ts: ArrayLike<number>, columns: readonly ArrayLike<number>[], n = ts.length): Uint8Array {
  for (let i = 1; i < n; i++) if (!((ts[i] as number) > (ts[i - 1] as number))) throw new RangeError('chunk timestamps must increase');
  const w = new BitWriter(16 + n * (2 + 3 * columns.length));
  w.write(CHUNK_FORMAT, 8);
  w.writeVarint(n);
  w.writeVarint(columns.length);
  writeTimestamps(w, ts, n);
  for (const col of columns) {
    const k = decimalScale(col, n);
    if (k === undefined) {
      w.write(XOR_MODE, 4);
      writeXor(w, col, n);
    } else {
      w.write(k, 4);
      writeDecimal(w, col, n, k);
    }
  }
  return w.bytes();
}

/** Decodes a chunk written by encodeChunk. Throws RangeError on data it cannot read. */
export function decodeChunk(data: Uint8Array): DecodedChunk {
  const r = new BitReader(data);
  const format = r.read(8);
  if (format !== CHUNK_FORMAT) throw new RangeError(`unknown chunk format ${format}`);
  const n = r.readVarint();
  const ncols = r.readVarint();
  const ts = readTimestamps(r, n);
  const columns: Float64Array[] = [];
  for (let c = 0; c < ncols; c++) {
    const mode = r.read(4);
    if (mode === XOR_MODE) columns.push(readXor(r, n));
    else if (mode <= MAX_SCALE) columns.push(readDecimal(r, n, mode));
    else throw new RangeError(`unknown column mode ${mode}`);
  }
  return { ts, columns };
}
