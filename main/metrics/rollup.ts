import type { Db } from '../store/database.ts';
import { decodeChunk } from '../lib/samples/chunk-codec.ts';
import { bucketStart, FIVE_MINUTES, ONE_HOUR } from '../lib/samples/resolutions.ts';
import { appendBuckets, type Buckets, emptyBuckets, encodeBuckets, RAW_BLOCK, type RawSamples, ROLLUP_BLOCK, type RollupWidth, unpackHead } from './sample-store.ts';

/** What a flush-and-roll run did: rollups are computed when read, so only the writer's flush is left. */
export interface RollupResult {
  flushed: number;
}

/** Buckets of width `step` (start = floor(ts / step) · step) over raw samples sorted by time. */
export function bucketRaw(s: RawSamples, step: number): Buckets {
  const out = emptyBuckets();
  let sum = 0;
  for (let i = 0; i < s.ts.length; i++) {
    const b = bucketStart(s.ts[i] as number, step);
    const v = s.values[i] as number;
    const last = out.ts.length - 1;
    if (last >= 0 && out.ts[last] === b) {
      if (v < (out.min[last] as number)) out.min[last] = v;
      if (v > (out.max[last] as number)) out.max[last] = v;
      out.count[last] = (out.count[last] as number) + 1;
      sum += v;
      out.avg[last] = sum / (out.count[last] as number);
    } else {
      out.ts.push(b);
      out.min.push(v);
      out.max.push(v);
      out.avg.push(v);
      out.count.push(1);
      sum = v;
    }
  }
  return out;
}

/** Merges buckets (any order) into buckets of width `step`, sorted by start. */
export function rebucket(parts: readonly Buckets[], step: number): Buckets {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of parts) {
    for (const t of p.ts) {
      if (t < lo) lo = t;
      if (t > hi) hi = t;
    }
  }
  const out = emptyBuckets();
  if (lo > hi) return out;
  const base = bucketStart(lo, step);
  const slots = Math.floor((bucketStart(hi, step) - base) / step) + 1;
  // Dense arrays indexed by bucket (a graph's range, a chunk's block); a map for sparse spans.
  if (slots > 200_000) return rebucketSparse(parts, step);
  const min = new Float64Array(slots);
  const max = new Float64Array(slots);
  const weighted = new Float64Array(slots);
  const count = new Float64Array(slots);
  for (const p of parts) {
    for (let i = 0; i < p.ts.length; i++) {
      const k = Math.floor(((p.ts[i] as number) - base) / step);
      const c = p.count[i] as number;
      const mn = p.min[i] as number;
      const mx = p.max[i] as number;
      if (count[k] === 0) {
        min[k] = mn;
        max[k] = mx;
      } else {
        if (mn < (min[k] as number)) min[k] = mn;
        if (mx > (max[k] as number)) max[k] = mx;
      }
      weighted[k] = (weighted[k] as number) + (p.avg[i] as number) * c;
      count[k] = (count[k] as number) + c;
    }
  }
  for (let k = 0; k < slots; k++) {
    const c = count[k] as number;
    if (c === 0) continue;
    out.ts.push(base + k * step);
    out.min.push(min[k] as number);
    out.avg.push((weighted[k] as number) / c);
    out.max.push(max[k] as number);
    out.count.push(c);
  }
  return out;
}

function rebucketSparse(parts: readonly Buckets[], step: number): Buckets {
  const byTs = new Map<number, { min: number; max: number; weighted: number; count: number }>();
  for (const p of parts) {
    for (let i = 0; i < p.ts.length; i++) {
      const b = bucketStart(p.ts[i] as number, step);
      const count = p.count[i] as number;
      const have = byTs.get(b);
      if (!have) byTs.set(b, { min: p.min[i] as number, max: p.max[i] as number, weighted: (p.avg[i] as number) * count, count });
      else {
        if ((p.min[i] as number) < have.min) have.min = p.min[i] as number;
        if ((p.max[i] as number) > have.max) have.max = p.max[i] as number;
        have.weighted += (p.avg[i] as number) * count;
        have.count += count;
      }
    }
  }
  const out = emptyBuckets();
  for (const ts of [...byTs.keys()].sort((a, b) => a - b)) {
    const x = byTs.get(ts) as { min: number; max: number; weighted: number; count: number };
    out.ts.push(ts);
    out.min.push(x.min);
    out.avg.push(x.weighted / x.count);
    out.max.push(x.max);
    out.count.push(x.count);
  }
  return out;
}

/**
 * Moves data one level down, for one series: raw samples older than a cut-off become 5-minute
 * buckets, 5-minute buckets older than a cut-off become hourly ones, merged into the stored rollup
 * chunks (a bucket that already holds data, from a late sample, is combined with it). The caller
 * runs it in a transaction with nothing else in between, so every sample is counted exactly once.
 */
export function createRollup(db: Db) {
  const rawChunks = db.prepare<[number, number], { start_ts: number; data: Buffer }>('SELECT start_ts, data FROM metric_chunks WHERE series_id = ? AND start_ts < ? ORDER BY start_ts');
  const delRawChunks = db.prepare<[number, number]>('DELETE FROM metric_chunks WHERE series_id = ? AND start_ts < ?');
  const head = db.prepare<[number], { data: Buffer }>('SELECT data FROM metric_head WHERE series_id = ?');
  const delHead = db.prepare<[number]>('DELETE FROM metric_head WHERE series_id = ?');
  const rollupChunks = db.prepare<[number, number, number], { start_ts: number; data: Buffer }>(
    'SELECT start_ts, data FROM metric_rollup_chunks WHERE series_id = ? AND width = ? AND start_ts < ? ORDER BY start_ts',
  );
  const rollupChunk = db.prepare<[number, number, number], { data: Buffer }>('SELECT data FROM metric_rollup_chunks WHERE series_id = ? AND width = ? AND start_ts = ?');
  const putRollup = db.prepare<[number, number, number, number, number, Uint8Array]>(
    'INSERT OR REPLACE INTO metric_rollup_chunks (series_id, width, start_ts, end_ts, count, data) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const delRollups = db.prepare<[number, number, number]>('DELETE FROM metric_rollup_chunks WHERE series_id = ? AND width = ? AND start_ts < ?');

  /** Stores buckets of `width`, combined with what the chunks they fall in already hold. */
  function store(id: number, width: RollupWidth, b: Buckets): void {
    const block = ROLLUP_BLOCK[width];
    let i = 0;
    while (i < b.ts.length) {
      const start = bucketStart(b.ts[i] as number, block);
      const part = emptyBuckets();
      for (; i < b.ts.length && bucketStart(b.ts[i] as number, block) === start; i++) {
        part.ts.push(b.ts[i] as number);
        part.min.push(b.min[i] as number);
        part.avg.push(b.avg[i] as number);
        part.max.push(b.max[i] as number);
        part.count.push(b.count[i] as number);
      }
      const have = rollupChunk.get(id, width, start);
      const parts = [part];
      if (have) {
        const old = emptyBuckets();
        appendBuckets(old, have.data, -Infinity, Infinity);
        parts.push(old);
      }
      const merged = parts.length === 1 ? part : rebucket(parts, width);
      const n = merged.ts.length;
      putRollup.run(id, width, start, merged.ts[n - 1] as number, n, encodeBuckets(merged));
    }
  }

  return {
    /** Raw samples before `cutoff` (a RAW_BLOCK boundary) → stored 5-minute buckets. Returns how many samples moved. */
    rawToFiveMinutes(id: number, cutoff: number): number {
      const s: RawSamples = { ts: [], values: [] };
      for (const row of rawChunks.all(id, cutoff)) {
        const c = decodeChunk(row.data);
        const v = c.columns[0] as Float64Array;
        for (let i = 0; i < c.ts.length; i++) {
          s.ts.push(c.ts[i] as number);
          s.values.push(v[i] as number);
        }
      }
      const h = head.get(id);
      const tail = h ? unpackHead(h.data) : undefined;
      // The head is one block: all of it is before the cut-off or none of it.
      const headGoes = tail !== undefined && tail.ts.length > 0 && bucketStart(tail.ts[0] as number, RAW_BLOCK) < cutoff;
      if (headGoes) {
        s.ts.push(...tail.ts);
        s.values.push(...tail.values);
      }
      if (s.ts.length === 0) return 0;
      store(id, FIVE_MINUTES, bucketRaw(s, FIVE_MINUTES));
      delRawChunks.run(id, cutoff);
      if (headGoes) delHead.run(id);
      return s.ts.length;
    },

    /** 5-minute buckets in chunks before `cutoff` (a day boundary) → stored hourly buckets. Returns how many buckets moved. */
    fiveMinutesToHours(id: number, cutoff: number): number {
      const b = emptyBuckets();
      for (const row of rollupChunks.all(id, FIVE_MINUTES, cutoff)) appendBuckets(b, row.data, -Infinity, Infinity);
      if (b.ts.length === 0) return 0;
      store(id, ONE_HOUR, rebucket([b], ONE_HOUR));
      delRollups.run(id, FIVE_MINUTES, cutoff);
      return b.ts.length;
    },

    /** Drops hourly chunks before `cutoff` (a week boundary). Returns how many buckets went. */
    dropHours(id: number, cutoff: number): number {
      let n = 0;
      for (const row of rollupChunks.all(id, ONE_HOUR, cutoff)) n += decodeChunk(row.data).ts.length;
      if (n > 0) delRollups.run(id, ONE_HOUR, cutoff);
      return n;
    },
  };
}

export type Rollup = ReturnType<typeof createRollup>;
