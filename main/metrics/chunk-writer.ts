import type { Db } from '../store/database.ts';
import { decodeChunk, encodeChunk } from '../lib/samples/chunk-codec.ts';
import { bucketStart } from '../lib/samples/resolutions.ts';
import { MAX_CHUNK_SAMPLES, packHead, RAW_BLOCK, type RawSamples, unpackHead } from './sample-store.ts';

/** Inserts (ts, value) into samples sorted by ts; an existing ts is replaced. */
function place(s: RawSamples, ts: number, value: number): void {
  let lo = 0;
  let hi = s.ts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((s.ts[mid] as number) < ts) lo = mid + 1;
    else hi = mid;
  }
  if (s.ts[lo] === ts) s.values[lo] = value;
  else {
    s.ts.splice(lo, 0, ts);
    s.values.splice(lo, 0, value);
  }
}

/**
 * Stores a flush's samples in the chunk layout (see sample-store.ts). Must run inside the
 * flush's transaction. Per series touched: its head is read, the samples appended (sealing the
 * head into a chunk when it is full or the next sample starts a new block) and the head written
 * back. A sample older than the head goes into the sealed chunk of its time (decoded, merged,
 * re-encoded), so late and repeated samples end up where a fresh write would have put them.
 * Nothing is cached between flushes: retention and deletes may change any of it.
 */
export function createChunkWriter(db: Db) {
  const getHead = db.prepare<[number], { data: Buffer }>('SELECT data FROM metric_head WHERE series_id = ?');
  const putHead = db.prepare<[number, Buffer]>('INSERT INTO metric_head (series_id, data) VALUES (?, ?) ON CONFLICT (series_id) DO UPDATE SET data = excluded.data');
  const putChunk = db.prepare<[number, number, number, number, Uint8Array]>('INSERT INTO metric_chunks (series_id, start_ts, end_ts, count, data) VALUES (?, ?, ?, ?, ?)');
  const delChunk = db.prepare<[number, number]>('DELETE FROM metric_chunks WHERE series_id = ? AND start_ts = ?');
  const chunkAtOrBefore = db.prepare<[number, number], { start_ts: number; data: Buffer }>(
    'SELECT start_ts, data FROM metric_chunks WHERE series_id = ? AND start_ts <= ? ORDER BY start_ts DESC LIMIT 1',
  );
  const lastEnd = db.prepare<[number], { end_ts: number }>('SELECT end_ts FROM metric_chunks WHERE series_id = ? ORDER BY start_ts DESC LIMIT 1');
  const chunkAfter = db.prepare<[number, number, number], { start_ts: number; data: Buffer }>(
    'SELECT start_ts, data FROM metric_chunks WHERE series_id = ? AND start_ts > ? AND start_ts < ? ORDER BY start_ts LIMIT 1',
  );

  function seal(id: number, s: RawSamples): void {
    const n = s.ts.length;
    if (n > 0) putChunk.run(id, s.ts[0] as number, s.ts[n - 1] as number, n, encodeChunk(s.ts, [s.values]));
  }

  /** A sample older than the series' head: into the chunk of its block that covers it, or a new one. */
  function late(id: number, ts: number, value: number): void {
    const block = bucketStart(ts, RAW_BLOCK);
    let row = chunkAtOrBefore.get(id, ts);
    if (row && bucketStart(row.start_ts, RAW_BLOCK) !== block) row = undefined;
    row ??= chunkAfter.get(id, ts, block + RAW_BLOCK);
    const s: RawSamples = { ts: [], values: [] };
    if (row) {
      const c = decodeChunk(row.data);
      s.ts = Array.from(c.ts);
      s.values = Array.from(c.columns[0] as Float64Array);
      delChunk.run(id, row.start_ts);
    }
    place(s, ts, value);
    seal(id, s);
  }

  return {
    /** Writes the first n samples of the parallel arrays, in write order (a later one for the same ts wins). */
    write(n: number, ids: readonly number[], times: readonly number[], values: readonly number[]): void {
      const bySeries = new Map<number, number[]>();
      for (let i = 0; i < n; i++) {
        const id = ids[i] as number;
        const list = bySeries.get(id);
        if (list) list.push(i);
        else bySeries.set(id, [i]);
      }
      for (const [id, list] of bySeries) {
        const row = getHead.get(id);
        let head: RawSamples = row ? unpackHead(row.data) : { ts: [], values: [] };
        let block = head.ts.length > 0 ? bucketStart(head.ts[0] as number, RAW_BLOCK) : NaN;
        // No head (a new series, or one migrated into chunks): only samples after its last chunk start one.
        const sealedUntil = row ? -Infinity : (lastEnd.get(id)?.end_ts ?? -Infinity);
        let changed = false;
        for (const i of list) {
          const ts = times[i] as number;
          const value = values[i] as number;
          const n0 = head.ts.length;
          if (n0 === 0 && ts <= sealedUntil) {
            late(id, ts, value);
            continue;
          }
          if (n0 === 0) {
            head.ts.push(ts);
            head.values.push(value);
            block = bucketStart(ts, RAW_BLOCK);
          } else if (ts > (head.ts[n0 - 1] as number)) {
            if (n0 >= MAX_CHUNK_SAMPLES || bucketStart(ts, RAW_BLOCK) !== block) {
              seal(id, head);
              head = { ts: [ts], values: [value] };
              block = bucketStart(ts, RAW_BLOCK);
            } else {
              head.ts.push(ts);
              head.values.push(value);
            }
          } else if (ts >= (head.ts[0] as number)) place(head, ts, value);
          else {
            late(id, ts, value);
            continue;
          }
          changed = true;
        }
        if (changed) putHead.run(id, packHead(head.ts, head.values));
      }
    },
  };
}

export type ChunkWriter = ReturnType<typeof createChunkWriter>;
