import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import { systemTimers, type TimerHandle, type Timers } from '../lib/async/timers.ts';
import type { Db } from '../store/database.ts';
import type { Labels } from './labels.ts';
import { createMetricsQuery, type MetricsQuery } from './metrics-query.ts';
import { createMetricsWriter, type MetricsWriter, type Sample } from './metrics-writer.ts';
import { createRetention, type Retention, type RetentionResult } from './retention.ts';
import { createRetentionConfig, type RetentionConfig } from './retention-config.ts';
import { createRollup, type Rollup, type RollupResult } from './rollup.ts';
import { createSeriesRegistry, type SeriesRegistry } from './series-registry.ts';

export interface MetricsOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  timers?: Timers;
  /** Writer batching (see createMetricsWriter). */
  flushIntervalMs?: number;
  maxBatch?: number;
  /** How often maintenance flushes the writer (rollups are computed when read). Default 60 s. */
  rollupIntervalMs?: number;
  /** How often retention runs. Default 1 h (and once at start). */
  retentionIntervalMs?: number;
}

/** A flushed sample with its series' name and labels (what alerts evaluate and the UI streams). */
export interface NamedSample {
  seriesId: number;
  name: string;
  labels: Labels;
  ts: number;
  value: number;
}

/** The metrics store, assembled: what poll jobs write to and what graphs read from. */
export interface Metrics {
  registry: SeriesRegistry;
  writer: MetricsWriter;
  query: MetricsQuery;
  rollup: Rollup;
  retention: Retention;
  retentionConfig: RetentionConfig;
  /** Writer + maintenance (rollups, retention), for the engine's services list. */
  services: Service[];
  /**
   * Makes everything written readable at every resolution: flushes the writer (5-minute and hourly
   * points of raw data are computed when read; retention stores them once the raw data goes).
   */
  runRollup(): RollupResult;
  /** Runs retention now (after flushing the writer). */
  runRetention(): RetentionResult;
  /** Deletes every series of a device with all its data. Returns how many series went. */
  deleteDeviceSeries(deviceId: string): number;
  /**
   * After each flush, the samples written with their names and labels, in write order (the
   * pipeline in engine.ts: alerts, then the public projection). Returns the unsubscribe.
   */
  onSamples(listener: (samples: readonly NamedSample[]) => void): () => void;
}

/**
 * Builds the metrics store on the engine's database. Retention (which also stores the rollups of
 * what it removes) runs on a plain interval inside a Service (node-cron is not a dependency; it
 * needs no calendar times: it is idempotent and works from "now").
 */
export function createMetrics(options: MetricsOptions): Metrics {
  const { db, clock, logger } = options;
  const timers = options.timers ?? systemTimers;
  const registry = createSeriesRegistry(db, clock);
  const rollup = createRollup(db);
  const retention = createRetention(db, rollup);
  const retentionConfig = createRetentionConfig(db);
  const query = createMetricsQuery(db);

  const sampleListeners = new Set<(samples: readonly NamedSample[]) => void>();
  function named(samples: readonly Sample[]): void {
    if (sampleListeners.size === 0) return;
    const out: NamedSample[] = [];
    for (const s of samples) {
      const info = registry.info(s.seriesId);
      if (info) out.push({ seriesId: s.seriesId, name: info.name, labels: info.labels, ts: s.ts, value: s.value });
    }
    if (out.length === 0) return;
    for (const listener of [...sampleListeners]) {
      try {
        listener(out);
      } catch (err) {
        logger.warn({ err }, 'metrics samples listener failed');
      }
    }
  }

  const writer = createMetricsWriter({
    db,
    registry,
    clock,
    timers,
    logger,
    onFlush: named,
    flushWanted: () => sampleListeners.size > 0,
    ...(options.flushIntervalMs !== undefined ? { flushIntervalMs: options.flushIntervalMs } : {}),
    ...(options.maxBatch !== undefined ? { maxBatch: options.maxBatch } : {}),
  });

  const seriesOfDevice = db.prepare<[string], { id: number }>('SELECT id FROM metric_series WHERE device_id = ?');
  const delSeriesData = ['metric_chunks', 'metric_head', 'metric_rollup_chunks'].map((t) => db.prepare<[number]>(`DELETE FROM ${t} WHERE series_id = ?`));
  const delSeries = db.prepare<[number]>('DELETE FROM metric_series WHERE id = ?');

  function runRollup(): RollupResult {
    return { flushed: writer.flush() };
  }

  function runRetention(): RetentionResult {
    runRollup();
    const result = retention.run(clock.now(), retentionConfig.policy());
    registry.forget(result.seriesDeleted);
    return result;
  }

  function deleteDeviceSeries(deviceId: string): number {
    // Flush first: a buffered sample of a deleted series would otherwise be written without a series.
    writer.flush();
    const ids = seriesOfDevice.all(deviceId).map((r) => r.id);
    db.transaction(() => {
      for (const id of ids) {
        for (const del of delSeriesData) del.run(id);
        delSeries.run(id);
      }
    })();
    registry.forget(ids);
    return ids.length;
  }

  const rollupEvery = options.rollupIntervalMs ?? 60_000;
  const retentionEvery = options.retentionIntervalMs ?? 3_600_000;
  let rollupTimer: TimerHandle | undefined;
  let retentionTimer: TimerHandle | undefined;

  function guarded(name: string, job: () => unknown): void {
    try {
      const result = job();
      logger.debug({ job: name, result }, 'metrics maintenance done');
    } catch (err) {
      logger.error({ err, job: name }, 'metrics maintenance failed; retrying at the next interval');
    }
  }

  function scheduleRollup(): void {
    rollupTimer = timers.setTimeout(() => {
      guarded('rollup', runRollup);
      scheduleRollup();
    }, rollupEvery);
  }
  function scheduleRetention(delay: number): void {
    retentionTimer = timers.setTimeout(() => {
      guarded('retention', runRetention);
      scheduleRetention(retentionEvery);
    }, delay);
  }

  const maintenance: Service = {
    name: 'metrics-maintenance',
    start() {
      scheduleRollup();
      // First retention soon after start, not at once: start-up stays quick.
      scheduleRetention(Math.min(retentionEvery, 30_000));
    },
    stop() {
      if (rollupTimer !== undefined) timers.clearTimeout(rollupTimer);
      if (retentionTimer !== undefined) timers.clearTimeout(retentionTimer);
      rollupTimer = retentionTimer = undefined;
    },
  };

  function onSamples(listener: (samples: readonly NamedSample[]) => void): () => void {
    sampleListeners.add(listener);
    return () => sampleListeners.delete(listener);
  }

  return { registry, writer, query, rollup, retention, retentionConfig, services: [writer, maintenance], runRollup, runRetention, deleteDeviceSeries, onSamples };
}
