/**
 * The durable side of the sync: the queue of flushed batches (`sync_batches`), the backfill
 * cursor over the stored raw samples (series_id, ts order), and the push state in `sync_target`. Every state change that
 * follows a server answer is one transaction, so a crash between "VictoriaMetrics said yes" and
 * "we wrote that down" only means the same samples are sent again (harmless with server-side
 * deduplication), never that a sample is skipped.
 */
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../store/database.ts';
import { createSampleReader } from '../metrics/sample-store.ts';
import { packSamples, type SampleColumns, unpackSamples } from './codec.ts';

/** What one push carries: queued batches, or one page of history. */
export type Work =
  | { kind: 'batches'; ids: number[]; samples: SampleColumns; oldestCreatedAt: number }
  | { kind: 'backfill'; samples: SampleColumns; cursor: { seriesId: number; ts: number }; done: boolean };

export interface TargetState {
  backfillSeries: number;
  backfillTs: number;
  backfillFrom: number;
  backfillTo: number;
  backfillDone: boolean;
  pushedBatch: number;
  pushedSamples: number;
  rejectedSamples: number;
  lastRejection: string | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  attempts: number;
  nextAttemptAt: number;
  pushedUntilTs: number | null;
}

interface StateRow {
  backfill_series: number;
  backfill_ts: number;
  backfill_from: number;
  backfill_to: number;
  backfill_done: number;
  pushed_batch: number;
  pushed_samples: number;
  rejected_samples: number;
  last_rejection: string | null;
  last_success_at: number | null;
  last_error: string | null;
  last_error_at: number | null;
  attempts: number;
  next_attempt_at: number;
  pushed_until_ts: number | null;
}

interface BatchRow {
  id: number;
  created_at: number;
  count: number;
  data: Buffer;
}

/** Samples that will not be sent, with why: kept as a dead batch. */
export interface Rejection {
  samples: SampleColumns;
  reason: string;
}

/** Picks rows `idx` of columns into new columns. */
export function pick(samples: SampleColumns, idx: readonly number[]): SampleColumns {
  const seriesIds = new Array<number>(idx.length);
  const times = new Array<number>(idx.length);
  const values = new Array<number>(idx.length);
  idx.forEach((i, j) => {
    seriesIds[j] = samples.seriesIds[i] as number;
    times[j] = samples.times[i] as number;
    values[j] = samples.values[i] as number;
  });
  return { n: idx.length, seriesIds, times, values };
}

function concat(parts: SampleColumns[]): SampleColumns {
  const n = parts.reduce((a, p) => a + p.n, 0);
  const seriesIds = new Uint32Array(n);
  const times = new Float64Array(n);
  const values = new Float64Array(n);
  let o = 0;
  for (const p of parts) {
    for (let i = 0; i < p.n; i++) {
      seriesIds[o] = p.seriesIds[i] as number;
      times[o] = p.times[i] as number;
      values[o] = p.values[i] as number;
      o++;
    }
  }
  return { n, seriesIds, times, values };
}

function minMax(times: ArrayLike<number>, n: number): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = times[i] as number;
    if (t < min) min = t;
    if (t > max) max = t;
  }
  return [min, max];
}

export function createSyncQueue(db: Db, clock: Clock) {
  const insertBatch = db.prepare('INSERT INTO sync_batches (created_at, count, min_ts, max_ts, data, state, error) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const selectState = db.prepare<[], StateRow>('SELECT * FROM sync_target WHERE id = 1');
  const pendingBatches = db.prepare<[number], BatchRow>("SELECT id, created_at, count, data FROM sync_batches WHERE state = 'pending' ORDER BY id LIMIT ?");
  const stored = createSampleReader(db);
  const backfillPage = { all: stored.scan };
  const deleteBatch = db.prepare<[number]>('DELETE FROM sync_batches WHERE id = ?');

  function addDead(samples: SampleColumns, reason: string): void {
    if (samples.n === 0) return;
    const [min, max] = minMax(samples.times, samples.n);
    insertBatch.run(clock.now(), samples.n, Math.max(0, Math.round(min)), Math.max(0, Math.round(max)), packSamples(samples.n, samples.seriesIds, samples.times, samples.values), 'dead', reason.slice(0, 1000));
  }

  function recordRejections(rejections: readonly Rejection[]): number {
    let n = 0;
    for (const r of rejections) {
      addDead(r.samples, r.reason);
      n += r.samples.n;
    }
    if (n > 0) db.prepare('UPDATE sync_target SET rejected_samples = rejected_samples + ?, last_rejection = ? WHERE id = 1').run(n, (rejections.at(-1)?.reason ?? '').slice(0, 1000));
    return n;
  }

  return {
    /** Queues one flush (called by the metrics writer inside its transaction). */
    append(n: number, seriesIds: readonly number[], times: readonly number[], values: readonly number[]): void {
      if (n === 0) return;
      const [min, max] = minMax(times, n);
      insertBatch.run(clock.now(), n, min, max, packSamples(n, seriesIds, times, values), 'pending', null);
    },

    state(): TargetState | undefined {
      const r = selectState.get();
      if (!r) return undefined;
      return {
        backfillSeries: r.backfill_series,
        backfillTs: r.backfill_ts,
        backfillFrom: r.backfill_from,
        backfillTo: r.backfill_to,
        backfillDone: r.backfill_done === 1,
        pushedBatch: r.pushed_batch,
        pushedSamples: r.pushed_samples,
        rejectedSamples: r.rejected_samples,
        lastRejection: r.last_rejection,
        lastSuccessAt: r.last_success_at,
        lastError: r.last_error,
        lastErrorAt: r.last_error_at,
        attempts: r.attempts,
        nextAttemptAt: r.next_attempt_at,
        pushedUntilTs: r.pushed_until_ts,
      };
    },

    /**
     * The next push: queued batches first (oldest first, whole batches up to about `maxSamples`),
     * so live data is never stuck behind history; then a page of history. Undefined when there is
     * nothing to send.
     */
    next(maxSamples: number): Work | undefined {
      const rows = pendingBatches.all(Math.max(1, Math.ceil(maxSamples / 100)));
      if (rows.length) {
        const take: BatchRow[] = [];
        let count = 0;
        for (const r of rows) {
          if (take.length > 0 && count + r.count > maxSamples) break;
          take.push(r);
          count += r.count;
        }
        return { kind: 'batches', ids: take.map((r) => r.id), samples: concat(take.map((r) => unpackSamples(r.data))), oldestCreatedAt: take[0]?.created_at ?? clock.now() };
      }
      const s = selectState.get();
      if (!s || s.backfill_done === 1) return undefined;
      const page = backfillPage.all(s.backfill_series, s.backfill_ts, s.backfill_from, s.backfill_to, maxSamples);
      const n = page.length;
      const samples: SampleColumns = { n, seriesIds: new Uint32Array(n), times: new Float64Array(n), values: new Float64Array(n) };
      page.forEach((r, i) => {
        (samples.seriesIds as Uint32Array)[i] = r.series_id;
        (samples.times as Float64Array)[i] = r.ts;
        (samples.values as Float64Array)[i] = r.value;
      });
      const last = page.at(-1);
      return { kind: 'backfill', samples, cursor: last ? { seriesId: last.series_id, ts: last.ts } : { seriesId: s.backfill_series, ts: s.backfill_ts }, done: n < maxSamples };
    },

    /**
     * VictoriaMetrics confirmed `work` (minus `rejections`, kept dead): drop the batches or move
     * the backfill cursor, and record the success. One transaction.
     */
    confirm(work: Work, sent: number, maxTs: number | null, rejections: readonly Rejection[] = []): void {
      const now = clock.now();
      db.transaction(() => {
        recordRejections(rejections);
        if (work.kind === 'batches') {
          for (const id of work.ids) deleteBatch.run(id);
          db.prepare('UPDATE sync_target SET pushed_batch = max(pushed_batch, ?) WHERE id = 1').run(Math.max(...work.ids));
        } else {
          db.prepare('UPDATE sync_target SET backfill_series = ?, backfill_ts = ?, backfill_done = ? WHERE id = 1').run(work.cursor.seriesId, work.cursor.ts, work.done ? 1 : 0);
        }
        // Only a push the server answered is a success: moving the cursor past nothing (or past
        // samples kept back) must not make a server that is down look "up to date".
        if (sent > 0) {
          db.prepare(
            `UPDATE sync_target SET pushed_samples = pushed_samples + ?, last_success_at = ?, attempts = 0, next_attempt_at = 0,
               pushed_until_ts = CASE WHEN ? IS NULL THEN pushed_until_ts ELSE max(coalesce(pushed_until_ts, 0), ?) END WHERE id = 1`,
          ).run(sent, now, maxTs, maxTs);
        }
      })();
    },

    /** The server refused `work` as a whole: keep it as dead with the reason, and move on. */
    deadLetter(work: Work, reason: string): void {
      db.transaction(() => {
        if (work.kind === 'batches') {
          const ids = work.ids;
          for (const id of ids) db.prepare("UPDATE sync_batches SET state = 'dead', error = ? WHERE id = ?").run(reason.slice(0, 1000), id);
        } else {
          addDead(work.samples, reason);
          db.prepare('UPDATE sync_target SET backfill_series = ?, backfill_ts = ?, backfill_done = ? WHERE id = 1').run(work.cursor.seriesId, work.cursor.ts, work.done ? 1 : 0);
        }
        db.prepare('UPDATE sync_target SET rejected_samples = rejected_samples + ?, last_rejection = ?, last_error = ?, last_error_at = ? WHERE id = 1').run(
          work.samples.n,
          reason.slice(0, 1000),
          reason.slice(0, 1000),
          clock.now(),
        );
      })();
    },

    /** A failed attempt: remember the error and when to try again. */
    failed(reason: string, attempts: number, nextAttemptAt: number): void {
      db.prepare('UPDATE sync_target SET last_error = ?, last_error_at = ?, attempts = ?, next_attempt_at = ? WHERE id = 1').run(reason.slice(0, 1000), clock.now(), attempts, nextAttemptAt);
    },

    /** Dead batches back to pending. */
    retryDead(): { batches: number; samples: number } {
      return db.transaction(() => {
        const r = db.prepare<[], { b: number; s: number | null }>("SELECT count(*) AS b, sum(count) AS s FROM sync_batches WHERE state = 'dead'").get();
        db.prepare("UPDATE sync_batches SET state = 'pending', error = NULL WHERE state = 'dead'").run();
        db.prepare('UPDATE sync_target SET attempts = 0, next_attempt_at = 0 WHERE id = 1').run();
        return { batches: r?.b ?? 0, samples: r?.s ?? 0 };
      })();
    },

    /** Queue totals: pending and dead samples, and the creation time of the oldest pending batch. */
    totals(): { pendingSamples: number; pendingBatches: number; deadSamples: number; deadBatches: number; oldestPendingAt: number | null } {
      const r = db
        .prepare<[], { ps: number | null; pb: number; ds: number | null; db: number; oldest: number | null }>(
          `SELECT sum(CASE WHEN state = 'pending' THEN count END) AS ps, sum(state = 'pending') AS pb,
                  sum(CASE WHEN state = 'dead' THEN count END) AS ds, sum(state = 'dead') AS db,
                  min(CASE WHEN state = 'pending' THEN created_at END) AS oldest
           FROM sync_batches`,
        )
        .get();
      return { pendingSamples: r?.ps ?? 0, pendingBatches: r?.pb ?? 0, deadSamples: r?.ds ?? 0, deadBatches: r?.db ?? 0, oldestPendingAt: r?.oldest ?? null };
    },

    /** Samples of history after the backfill cursor (whole chunks counted by their sizes). */
    backfillRemaining(): number {
      const s = selectState.get();
      if (!s || s.backfill_done === 1) return 0;
      return stored.countAfter(s.backfill_series, s.backfill_ts, s.backfill_from, s.backfill_to);
    },

    /** Drops every queued batch (the target was removed). */
    clearPending(): void {
      db.prepare("DELETE FROM sync_batches WHERE state = 'pending'").run();
    },

    recordRejections,
  };
}

export type SyncQueue = ReturnType<typeof createSyncQueue>;
