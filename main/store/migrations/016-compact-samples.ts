/**
 * Schema 16: compact sample storage (main/metrics/sample-store.ts describes the layout). Raw
 * samples move from one row each into compressed chunks (one row per series per chunk of at most
 * 120 samples inside a 2-hour block) plus a per-series head of not-yet-sealed samples; rollups are
 * no longer stored for times that still have raw data (they are computed when read), only for
 * times retention has removed the finer data of, as compressed chunks too.
 *
 * `convertSamples` runs in the migration's transaction after the SQL: every raw sample becomes
 * part of a sealed chunk; a 5-minute row is kept (as a chunk) only where its series has no raw
 * data any more, an hourly one only where it has neither raw nor 5-minute data. Then the old
 * tables go. (The freed pages are reused by SQLite; VACUUM gives them back to the disk.)
 */
import type Database from 'better-sqlite3';
import { encodeChunk } from '../../lib/samples/chunk-codec.ts';
import { bucketStart, FIVE_MINUTES, ONE_HOUR } from '../../lib/samples/resolutions.ts';
import { emptyBuckets, encodeBuckets, MAX_CHUNK_SAMPLES, RAW_BLOCK, ROLLUP_BLOCK, type RollupWidth } from '../../lib/samples/sample-format.ts';

export default `
-- Sealed raw samples. start_ts/end_ts: first and last sample's ts (ms); count: samples; data: chunk-codec.
-- Rowid tables (the key is a unique index): a WITHOUT ROWID row over ~1 KB spills into a whole
-- overflow page, and a chunk of 120 arbitrary floats is about that big; rowids also append.
CREATE TABLE metric_chunks (
  series_id INTEGER NOT NULL,
  start_ts  INTEGER NOT NULL,
  end_ts    INTEGER NOT NULL,
  count     INTEGER NOT NULL,
  data      BLOB NOT NULL,
  PRIMARY KEY (series_id, start_ts)
);

-- The open chunk of each series: (ts, value) float64 pairs, rewritten by each flush.
CREATE TABLE metric_head (
  series_id INTEGER PRIMARY KEY,
  data      BLOB NOT NULL
);

-- Stored rollups (width 300000 or 3600000 ms): buckets' ts, min, sum, max, count, chunk-codec.
CREATE TABLE metric_rollup_chunks (
  series_id INTEGER NOT NULL,
  width     INTEGER NOT NULL,
  start_ts  INTEGER NOT NULL,
  end_ts    INTEGER NOT NULL,
  count     INTEGER NOT NULL,
  data      BLOB NOT NULL,
  PRIMARY KEY (series_id, width, start_ts)
);
`;

type Row = [number, number, number, number, number];

export function convertSamples(db: Database.Database): void {
  const nextSeries = (table: string) => db.prepare<[number], number>(`SELECT series_id FROM ${table} WHERE series_id > ? ORDER BY series_id LIMIT 1`).pluck();
  const nextRaw = nextSeries('metric_samples');
  const rawOf = db.prepare<[number], [number, number]>('SELECT ts, value FROM metric_samples WHERE series_id = ? ORDER BY ts').raw();
  const putChunk = db.prepare('INSERT INTO metric_chunks (series_id, start_ts, end_ts, count, data) VALUES (?, ?, ?, ?, ?)');
  const putRollup = db.prepare('INSERT INTO metric_rollup_chunks (series_id, width, start_ts, end_ts, count, data) VALUES (?, ?, ?, ?, ?, ?)');
  const firstRaw = db.prepare<[number], number | null>('SELECT min(ts) FROM metric_samples WHERE series_id = ?').pluck();
  const first5m = db.prepare<[number], number | null>('SELECT min(ts) FROM metric_rollup_5m WHERE series_id = ?').pluck();
  const rollupOf = (table: string) =>
    db.prepare<[number, number], Row>(`SELECT ts, min, avg, max, count FROM ${table} WHERE series_id = ? AND ts <= ? ORDER BY ts`).raw();
  const rows5m = rollupOf('metric_rollup_5m');
  const rows1h = rollupOf('metric_rollup_1h');

  for (let id = nextRaw.get(-1); id !== undefined; id = nextRaw.get(id)) {
    const rows = rawOf.all(id);
    let i = 0;
    while (i < rows.length) {
      const block = bucketStart((rows[i] as [number, number])[0], RAW_BLOCK);
      const ts: number[] = [];
      const values: number[] = [];
      for (; i < rows.length && ts.length < MAX_CHUNK_SAMPLES; i++) {
        const [t, v] = rows[i] as [number, number];
        if (bucketStart(t, RAW_BLOCK) !== block) break;
        ts.push(t);
        values.push(v);
      }
      putChunk.run(id, ts[0], ts.at(-1), ts.length, encodeChunk(ts, [values]));
    }
  }

  const storeRollups = (id: number, width: RollupWidth, rows: Row[]) => {
    let i = 0;
    while (i < rows.length) {
      const block = bucketStart((rows[i] as Row)[0], ROLLUP_BLOCK[width]);
      const b = emptyBuckets();
      for (; i < rows.length && bucketStart((rows[i] as Row)[0], ROLLUP_BLOCK[width]) === block; i++) {
        const [ts, min, avg, max, count] = rows[i] as Row;
        b.ts.push(ts);
        b.min.push(min);
        b.avg.push(avg);
        b.max.push(max);
        b.count.push(count);
      }
      putRollup.run(id, width, block, b.ts.at(-1), b.ts.length, encodeBuckets(b));
    }
  };
  const series = db.prepare<[], number>('SELECT id FROM metric_series').pluck().all();
  for (const id of series) {
    const raw = firstRaw.get(id) ?? Infinity;
    // 5-minute buckets wholly before the first raw sample; hourly ones wholly before both.
    storeRollups(id, FIVE_MINUTES, rows5m.all(id, raw - FIVE_MINUTES));
    const fine = Math.min(raw, first5m.get(id) ?? Infinity);
    storeRollups(id, ONE_HOUR, rows1h.all(id, fine - ONE_HOUR));
  }

  db.exec(`
    DROP TABLE metric_samples;
    DROP TABLE metric_rollup_5m;
    DROP TABLE metric_rollup_1h;
    DROP TABLE metric_rollup_state;
  `);
}
