import type { Db } from '../store/database.ts';
import { bucketStart, DAY, FIVE_MINUTES, ONE_HOUR } from './resolutions.ts';

export interface RollupOptions {
  /**
   * A bucket is rolled up once it ended at least this long ago, so samples still in a poller's
   * or the writer's hands make it in. Later samples re-open their bucket anyway. Default 2 min.
   */
  graceMs?: number;
  /** Work in slices of this much time, one transaction each, so writers are never held up long. Default 1 day. */
  sliceMs?: number;
}

export interface RollupResult {
  fiveMinuteBuckets: number;
  hourBuckets: number;
  /** Rollup state after the run: every bucket before these is complete. */
  doneUntil: { '5m': number; '1h': number };
}

/**
 * Incremental rollups: raw samples → 5-minute buckets → 1-hour buckets, min/avg/max/count, over
 * closed buckets only. Idempotent: a bucket is always recomputed in full from its source
 * (INSERT OR REPLACE), so running twice, or after a crash mid-way, gives the same rows.
 * The 1-hour rollup reads the 5-minute one, never the raw samples: cheap, and still right after
 * raw retention has removed the samples.
 */
export function createRollup(db: Db, options: RollupOptions = {}) {
  const graceMs = options.graceMs ?? 2 * 60_000;
  const sliceMs = options.sliceMs ?? DAY;

  const getState = db.prepare<[string], { done_until: number }>('SELECT done_until FROM metric_rollup_state WHERE resolution = ?');
  const setState = db.prepare(
    'INSERT INTO metric_rollup_state (resolution, done_until) VALUES (?, ?) ON CONFLICT (resolution) DO UPDATE SET done_until = excluded.done_until',
  );
  // Per-series minimum through the primary key: no full scan of the samples.
  const firstRaw = db.prepare<[], { ts: number | null }>(
    'SELECT min((SELECT min(ts) FROM metric_samples m WHERE m.series_id = s.id)) AS ts FROM metric_series s',
  );
  const first5m = db.prepare<[], { ts: number | null }>(
    'SELECT min((SELECT min(ts) FROM metric_rollup_5m r WHERE r.series_id = s.id)) AS ts FROM metric_series s',
  );
  // CROSS JOIN fixes the loop order (SQLite never reorders it): series outside, then a range scan
  // of (series_id, ts) per series. A plain JOIN lets the planner scan every sample instead.
  const roll5m = db.prepare<{ from: number; to: number }>(
    `INSERT OR REPLACE INTO metric_rollup_5m (series_id, ts, min, avg, max, count)
     SELECT m.series_id, (m.ts / ${FIVE_MINUTES}) * ${FIVE_MINUTES} AS b, min(m.value), avg(m.value), max(m.value), count(*)
     FROM metric_series s CROSS JOIN metric_samples m ON m.series_id = s.id AND m.ts >= @from AND m.ts < @to
     GROUP BY m.series_id, b`,
  );
  const roll1h = db.prepare<{ from: number; to: number }>(
    `INSERT OR REPLACE INTO metric_rollup_1h (series_id, ts, min, avg, max, count)
     SELECT r.series_id, (r.ts / ${ONE_HOUR}) * ${ONE_HOUR} AS b, min(r.min), sum(r.avg * r.count) / sum(r.count), max(r.max), sum(r.count)
     FROM metric_series s CROSS JOIN metric_rollup_5m r ON r.series_id = s.id AND r.ts >= @from AND r.ts < @to
     GROUP BY r.series_id, b`,
  );

  function doneUntil(resolution: '5m' | '1h'): number | undefined {
    return getState.get(resolution)?.done_until;
  }

  /** Rolls [start, end) of one resolution in slices; returns how many bucket rows were written. */
  function runLevel(resolution: '5m' | '1h', start: number, end: number, width: number): number {
    let rows = 0;
    const stmt = resolution === '5m' ? roll5m : roll1h;
    for (let from = start; from < end; ) {
      const to = Math.min(end, from + Math.max(width, bucketStart(sliceMs, width)));
      db.transaction(() => {
        rows += stmt.run({ from, to }).changes;
        setState.run(resolution, to);
      })();
      from = to;
    }
    return rows;
  }

  return {
    doneUntil,

    /** Rolls up every bucket closed at `now`. Safe to call at any time, as often as wanted. */
    run(now: number): RollupResult {
      const closed5m = bucketStart(now - graceMs, FIVE_MINUTES);
      let start5m = doneUntil('5m');
      if (start5m === undefined) {
        const first = firstRaw.get()?.ts;
        start5m = first === null || first === undefined ? closed5m : bucketStart(first, FIVE_MINUTES);
      }
      const fiveMinuteBuckets = start5m < closed5m ? runLevel('5m', start5m, closed5m, FIVE_MINUTES) : 0;
      if (doneUntil('5m') === undefined) setState.run('5m', closed5m);
      const done5m = doneUntil('5m') as number;

      // An hour is closed once all its 5-minute buckets are.
      const closed1h = bucketStart(done5m, ONE_HOUR);
      let start1h = doneUntil('1h');
      if (start1h === undefined) {
        const first = first5m.get()?.ts;
        start1h = first === null || first === undefined ? closed1h : bucketStart(first, ONE_HOUR);
      }
      const hourBuckets = start1h < closed1h ? runLevel('1h', start1h, closed1h, ONE_HOUR) : 0;
      if (doneUntil('1h') === undefined) setState.run('1h', closed1h);
      return { fiveMinuteBuckets, hourBuckets, doneUntil: { '5m': done5m, '1h': doneUntil('1h') as number } };
    },
  };
}

export type Rollup = ReturnType<typeof createRollup>;
