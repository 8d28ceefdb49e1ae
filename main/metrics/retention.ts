import type { Db } from '../store/database.ts';
import { bucketStart, DAY, ONE_HOUR, FIVE_MINUTES, type RetentionPolicy } from '../lib/samples/resolutions.ts';
import type { Rollup } from './rollup.ts';
import { RAW_BLOCK, ROLLUP_BLOCK } from './sample-store.ts';

export interface RetentionResult {
  /** Raw samples that left the raw store (rolled into 5-minute buckets). */
  rawDeleted: number;
  /** 5-minute buckets that left (rolled into hourly ones). */
  fiveMinuteDeleted: number;
  hourDeleted: number;
  /** Series left with no data at all, removed with their ids. */
  seriesDeleted: number[];
  cutoffs: { raw: number; '5m': number; '1h': number };
}

/**
 * Applies the retention policy per level, whole chunks at a time: cut-offs fall on chunk blocks
 * (raw 2 h, 5-minute 1 day, hourly 1 week). Raw data past its cut-off is rolled into stored
 * 5-minute buckets and deleted in the same transaction, 5-minute buckets into hourly ones the same
 * way: nothing is deleted before it lives on in a coarser form. Series with no data left are
 * deleted too (unless younger than a day: their first samples may still be in the writer's buffer).
 */
export function createRetention(db: Db, rollup: Rollup) {
  const seriesIds = db.prepare<[], { id: number }>('SELECT id FROM metric_series');
  const empty = db.prepare<[number], { id: number }>(
    `SELECT s.id FROM metric_series s WHERE s.created_at < ?
       AND NOT EXISTS (SELECT 1 FROM metric_chunks WHERE series_id = s.id)
       AND NOT EXISTS (SELECT 1 FROM metric_head WHERE series_id = s.id)
       AND NOT EXISTS (SELECT 1 FROM metric_rollup_chunks WHERE series_id = s.id)`,
  );
  const delSeries = db.prepare<[number]>('DELETE FROM metric_series WHERE id = ?');

  return {
    run(now: number, policy: RetentionPolicy): RetentionResult {
      const cutoffs = {
        raw: bucketStart(now - policy.rawMs, RAW_BLOCK),
        '5m': bucketStart(now - policy.fiveMinuteMs, ROLLUP_BLOCK[FIVE_MINUTES]),
        '1h': bucketStart(now - policy.hourMs, ROLLUP_BLOCK[ONE_HOUR]),
      };
      const result: RetentionResult = { rawDeleted: 0, fiveMinuteDeleted: 0, hourDeleted: 0, seriesDeleted: [], cutoffs };
      const ids = seriesIds.all().map((r) => r.id);
      // One transaction per few hundred series: bounded lock time on a big store.
      for (let i = 0; i < ids.length; i += 250) {
        const chunk = ids.slice(i, i + 250);
        db.transaction(() => {
          for (const id of chunk) {
            result.rawDeleted += rollup.rawToFiveMinutes(id, cutoffs.raw);
            result.fiveMinuteDeleted += rollup.fiveMinutesToHours(id, cutoffs['5m']);
            result.hourDeleted += rollup.dropHours(id, cutoffs['1h']);
          }
        })();
      }
      db.transaction(() => {
        for (const { id } of empty.all(now - DAY)) {
          delSeries.run(id);
          result.seriesDeleted.push(id);
        }
      })();
      return result;
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
