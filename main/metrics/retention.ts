import type { Db } from '../store/database.ts';
import { bucketStart, ONE_HOUR, type RetentionPolicy } from './resolutions.ts';
import type { Rollup } from './rollup.ts';

export interface RetentionResult {
  rawDeleted: number;
  fiveMinuteDeleted: number;
  hourDeleted: number;
  /** Series left with no data at all, removed with their ids. */
  seriesDeleted: number[];
  cutoffs: { raw: number; '5m': number; '1h': number };
}

/**
 * Deletes data older than the policy, per resolution. Cut-offs are whole hours, so a rollup
 * bucket is never left half-covered by its source, and never later than what the next rollup
 * level has already consumed: data is deleted only once it lives on in a coarser form.
 * Series with no data in any table are deleted too (unless they are younger than a day: their
 * first samples may still be in the writer's buffer).
 */
export function createRetention(db: Db, rollup: Rollup) {
  const seriesIds = db.prepare<[], { id: number }>('SELECT id FROM metric_series');
  const delRaw = db.prepare<[number, number]>('DELETE FROM metric_samples WHERE series_id = ? AND ts < ?');
  const del5m = db.prepare<[number, number]>('DELETE FROM metric_rollup_5m WHERE series_id = ? AND ts < ?');
  const del1h = db.prepare<[number, number]>('DELETE FROM metric_rollup_1h WHERE series_id = ? AND ts < ?');
  const empty = db.prepare<[number], { id: number }>(
    `SELECT s.id FROM metric_series s WHERE s.created_at < ?
       AND NOT EXISTS (SELECT 1 FROM metric_samples WHERE series_id = s.id)
       AND NOT EXISTS (SELECT 1 FROM metric_rollup_5m WHERE series_id = s.id)
       AND NOT EXISTS (SELECT 1 FROM metric_rollup_1h WHERE series_id = s.id)`,
  );
  const delSeries = db.prepare<[number]>('DELETE FROM metric_series WHERE id = ?');

  return {
    run(now: number, policy: RetentionPolicy): RetentionResult {
      const done5m = rollup.doneUntil('5m') ?? -Infinity;
      const done1h = rollup.doneUntil('1h') ?? -Infinity;
      const cutoffs = {
        raw: Math.min(bucketStart(now - policy.rawMs, ONE_HOUR), done5m),
        '5m': Math.min(bucketStart(now - policy.fiveMinuteMs, ONE_HOUR), done1h),
        '1h': bucketStart(now - policy.hourMs, ONE_HOUR),
      };
      const result: RetentionResult = { rawDeleted: 0, fiveMinuteDeleted: 0, hourDeleted: 0, seriesDeleted: [], cutoffs };
      const ids = seriesIds.all().map((r) => r.id);
      // One transaction per few hundred series: bounded lock time on a big store.
      for (let i = 0; i < ids.length; i += 250) {
        const chunk = ids.slice(i, i + 250);
        db.transaction(() => {
          for (const id of chunk) {
            if (Number.isFinite(cutoffs.raw)) result.rawDeleted += delRaw.run(id, cutoffs.raw).changes;
            if (Number.isFinite(cutoffs['5m'])) result.fiveMinuteDeleted += del5m.run(id, cutoffs['5m']).changes;
            result.hourDeleted += del1h.run(id, cutoffs['1h']).changes;
          }
        })();
      }
      db.transaction(() => {
        for (const { id } of empty.all(now - 24 * ONE_HOUR)) {
          delSeries.run(id);
          result.seriesDeleted.push(id);
        }
      })();
      return result;
    },
  };
}

export type Retention = ReturnType<typeof createRetention>;
