/**
 * The layout of stored samples (schema 16) and the reads over it.
 *
 * - `metric_chunks`: sealed raw samples, one row per series per chunk: at most
 *   MAX_CHUNK_SAMPLES samples, all inside one RAW_BLOCK (2 h) of time, compressed (chunk-codec).
 * - `metric_head`: per series, the open chunk not sealed yet, as plain float64 (ts, value) pairs,
 *   rewritten in the writer's flush transaction: durable like every flushed sample. Every sample
 *   in a series' chunks is older than its head's first sample.
 * - `metric_rollup_chunks`: 5-minute and hourly min/sum/max/count buckets, only for times whose
 *   finer data retention has removed (retention rolls data down one level, then deletes it, in one
 *   transaction). Rollups of data still kept raw are computed from the raw chunks when read.
 * Every sample lives in exactly one of these places, so a read merges all of them.
 */
import type { Db } from '../store/database.ts';
import { decodeChunk } from '../lib/samples/chunk-codec.ts';
import { bucketStart } from '../lib/samples/resolutions.ts';
import { appendBuckets, emptyBuckets, headFloats, RAW_BLOCK, ROLLUP_BLOCK, unpackHead, type Buckets, type RawSamples, type RollupWidth } from '../lib/samples/sample-format.ts';

// The stored format's pieces (main/lib/samples/sample-format.ts), as the metrics area's callers import them.
export { appendBuckets, cleanSum, emptyBuckets, encodeBuckets, MAX_CHUNK_SAMPLES, packHead, RAW_BLOCK, ROLLUP_BLOCK, unpackHead, type Buckets, type RawSamples, type RollupWidth } from '../lib/samples/sample-format.ts';

interface ChunkRow {
  start_ts: number;
  data: Buffer;
}

/** Reads over the stored samples: raw (chunks + head) and stored rollups. */
export function createSampleReader(db: Db) {
  // Only the BLOBs, plucked: no row objects on the graph path.
  const chunksIn = db.prepare<[number, number, number], Buffer>('SELECT data FROM metric_chunks WHERE series_id = ? AND start_ts >= ? AND start_ts < ? ORDER BY start_ts').pluck();
  const head = db.prepare<[number], { data: Buffer }>('SELECT data FROM metric_head WHERE series_id = ?');
  const lastChunk = db.prepare<[number], ChunkRow>('SELECT start_ts, data FROM metric_chunks WHERE series_id = ? ORDER BY start_ts DESC LIMIT 1');
  const rollupsIn = db.prepare<[number, number, number, number], Buffer>(
    'SELECT data FROM metric_rollup_chunks WHERE series_id = ? AND width = ? AND start_ts >= ? AND start_ts < ? ORDER BY start_ts',
  ).pluck();
  const lastRollup = db.prepare<[number, number], ChunkRow>('SELECT start_ts, data FROM metric_rollup_chunks WHERE series_id = ? AND width = ? ORDER BY start_ts DESC LIMIT 1');
  // Samples are only written for registered series: walk the (small) series table, not the chunks.
  const seriesFrom = db.prepare<[number], { id: number }>('SELECT id FROM metric_series WHERE id >= ? ORDER BY id');
  const chunkMeta = db.prepare<[number, number, number], { start_ts: number; end_ts: number; count: number }>(
    'SELECT start_ts, end_ts, count FROM metric_chunks WHERE series_id = ? AND start_ts >= ? AND start_ts <= ? ORDER BY start_ts',
  );
  const chunkData = db.prepare<[number, number], Buffer>('SELECT data FROM metric_chunks WHERE series_id = ? AND start_ts = ?').pluck();

  /** Raw samples of a series in [from, to), oldest first. */
  function raw(id: number, from: number, to: number): RawSamples {
    const out: RawSamples = { ts: [], values: [] };
    if (!(to > from)) return out;
    // A chunk never crosses a block: none that starts before from's block can hold a sample >= from.
    for (const data of chunksIn.all(id, bucketStart(from, RAW_BLOCK), to)) {
      const c = decodeChunk(data);
      const v = c.columns[0] as Float64Array;
      for (let i = 0; i < c.ts.length; i++) {
        const t = c.ts[i] as number;
        if (t >= from && t < to) {
          out.ts.push(t);
          out.values.push(v[i] as number);
        }
      }
    }
    const h = head.get(id);
    if (h) {
      const s = unpackHead(h.data);
      for (let i = 0; i < s.ts.length; i++) {
        const t = s.ts[i] as number;
        if (t >= from && t < to) {
          out.ts.push(t);
          out.values.push(s.values[i] as number);
        }
      }
    }
    return out;
  }

  /**
   * Raw samples of a series in [from, to) as buckets of width `step`, decoded and accumulated in
   * one pass (the graph path: no per-sample arrays).
   */
  function rawBuckets(id: number, from: number, to: number, step: number): Buckets {
    const out = emptyBuckets();
    if (!(to > from)) return out;
    let bucket = Number.NaN;
    let min = 0;
    let max = 0;
    let sum = 0;
    let count = 0;
    const close = () => {
      if (count === 0) return;
      out.ts.push(bucket);
      out.min.push(min);
      out.avg.push(sum / count);
      out.max.push(max);
      out.count.push(count);
    };
    const add = (ts: ArrayLike<number>, values: ArrayLike<number>, n: number) => {
      for (let i = 0; i < n; i++) {
        const t = ts[i] as number;
        if (t < from || t >= to) continue;
        const v = values[i] as number;
        const b = Math.floor(t / step) * step;
        if (b === bucket) {
          if (v < min) min = v;
          if (v > max) max = v;
          sum += v;
          count++;
        } else {
          close();
          bucket = b;
          min = max = sum = v;
          count = 1;
        }
      }
    };
    for (const data of chunksIn.all(id, bucketStart(from, RAW_BLOCK), to)) {
      const c = decodeChunk(data);
      add(c.ts, c.columns[0] as Float64Array, c.ts.length);
    }
    const h = head.get(id);
    if (h) {
      const f = headFloats(h.data);
      const n = f.length / 2;
      const ts = new Float64Array(n);
      const values = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        ts[i] = f[2 * i] as number;
        values[i] = f[2 * i + 1] as number;
      }
      add(ts, values, n);
    }
    close();
    return out;
  }

  /** Stored rollup buckets of one width whose start is in [from, to). */
  function rollups(id: number, width: RollupWidth, from: number, to: number): Buckets {
    const out = emptyBuckets();
    if (!(to > from)) return out;
    for (const data of rollupsIn.all(id, width, bucketStart(from, ROLLUP_BLOCK[width]), to)) appendBuckets(out, data, from, to);
    return out;
  }

  /** The newest raw sample of a series. */
  function last(id: number): { ts: number; value: number } | undefined {
    const h = head.get(id);
    if (h) {
      const s = unpackHead(h.data);
      const n = s.ts.length;
      if (n > 0) return { ts: s.ts[n - 1] as number, value: s.values[n - 1] as number };
    }
    const row = lastChunk.get(id);
    if (!row) return undefined;
    const c = decodeChunk(row.data);
    const n = c.ts.length;
    return n > 0 ? { ts: c.ts[n - 1] as number, value: (c.columns[0] as Float64Array)[n - 1] as number } : undefined;
  }

  /** The newest stored rollup bucket of a width (what is left of a series after raw retention). */
  function lastRollup_(id: number, width: RollupWidth): { ts: number; avg: number } | undefined {
    const row = lastRollup.get(id, width);
    if (!row) return undefined;
    const b = emptyBuckets();
    appendBuckets(b, row.data, -Infinity, Infinity);
    const n = b.ts.length;
    return n > 0 ? { ts: b.ts[n - 1] as number, avg: b.avg[n - 1] as number } : undefined;
  }

  /**
   * Raw samples in (series_id, ts) order after the cursor (afterSeries, afterTs), with ts in
   * [from, to] (both inclusive), at most `limit`: the sync's backfill pages.
   */
  function scan(afterSeries: number, afterTs: number, from: number, to: number, limit: number): { series_id: number; ts: number; value: number }[] {
    const out: { series_id: number; ts: number; value: number }[] = [];
    for (const { id } of seriesFrom.all(afterSeries)) {
      const lo = id === afterSeries ? Math.max(from, Math.floor(afterTs) + 1) : from;
      if (lo > to) continue;
      const s = raw(id, lo, to + 1);
      for (let i = 0; i < s.ts.length && out.length < limit; i++) out.push({ series_id: id, ts: s.ts[i] as number, value: s.values[i] as number });
      if (out.length >= limit) break;
    }
    return out;
  }

  /** How many samples scan would return without a limit (whole chunks by their counts). */
  function countAfter(afterSeries: number, afterTs: number, from: number, to: number): number {
    let n = 0;
    for (const { id } of seriesFrom.all(afterSeries)) {
      const lo = id === afterSeries ? Math.max(from, Math.floor(afterTs) + 1) : from;
      if (lo > to) continue;
      for (const c of chunkMeta.all(id, bucketStart(lo, RAW_BLOCK), to)) {
        if (c.start_ts >= lo && c.end_ts <= to) n += c.count;
        else if (c.end_ts >= lo && c.start_ts <= to) {
          const data = chunkData.get(id, c.start_ts);
          if (data) for (const t of decodeChunk(data).ts) if (t >= lo && t <= to) n++;
        }
      }
      const h = head.get(id);
      if (h) for (const t of unpackHead(h.data).ts) if (t >= lo && t <= to) n++;
    }
    return n;
  }

  return { raw, rawBuckets, rollups, last, lastRollup: lastRollup_, scan, countAfter };
}

export type SampleReader = ReturnType<typeof createSampleReader>;
