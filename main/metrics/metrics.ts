import { MAX_SAMPLES_PER_EVENT } from '../api/metrics.ts';
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import { systemTimers, type TimerHandle, type Timers } from '../lib/async/timers.ts';
import type { Db } from '../store/database.ts';
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
  events?: EventBus;
  timers?: Timers;
  /** Writer batching (see createMetricsWriter). */
  flushIntervalMs?: number;
  maxBatch?: number;
  /** How often rollups run. Default 60 s. */
  rollupIntervalMs?: number;
  /** How often retention runs. Default 1 h (and once at start). */
  retentionIntervalMs?: number;
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
  /** Runs rollups now (after flushing the writer). */
  runRollup(): RollupResult;
  /** Runs retention now (after flushing the writer and rolling up). */
  runRetention(): RetentionResult;
  /** Deletes every series of a device with all its data. Returns how many series went. */
  deleteDeviceSeries(deviceId: string): number;
}

/**
 * Builds the metrics store on the engine's database. Rollups and retention run on plain
 * intervals inside a Service (node-cron is not a dependency; neither job needs calendar times:
 * both are idempotent and work from "now").
 */
export function createMetrics(options: MetricsOptions): Metrics {
  const { db, clock, logger, events } = options;
  const timers = options.timers ?? systemTimers;
  const registry = createSeriesRegistry(db, clock);
  const rollup = createRollup(db);
  const retention = createRetention(db, rollup);
  const retentionConfig = createRetentionConfig(db);
  const query = createMetricsQuery(db, rollup);

  function stream(samples: readonly Sample[]): void {
    if (!events) return;
    for (let i = 0; i < samples.length; i += MAX_SAMPLES_PER_EVENT) {
      const chunk = [];
      for (const s of samples.slice(i, i + MAX_SAMPLES_PER_EVENT)) {
        const info = registry.info(s.seriesId);
        if (info) chunk.push({ seriesId: s.seriesId, name: info.name, labels: info.labels, ts: s.ts, value: s.value });
      }
      if (chunk.length) events.emit('metrics.samples', { samples: chunk });
    }
  }

  const writer = createMetricsWriter({
    db,
    registry,
    clock,
    timers,
    logger,
    ...(events ? { onFlush: stream } : {}),
    ...(options.flushIntervalMs !== undefined ? { flushIntervalMs: options.flushIntervalMs } : {}),
    ...(options.maxBatch !== undefined ? { maxBatch: options.maxBatch } : {}),
  });

  const seriesOfDevice = db.prepare<[string], { id: number }>('SELECT id FROM metric_series WHERE device_id = ?');
  const delSeriesData = ['metric_samples', 'metric_rollup_5m', 'metric_rollup_1h'].map((t) => db.prepare<[number]>(`DELETE FROM ${t} WHERE series_id = ?`));
  const delSeries = db.prepare<[number]>('DELETE FROM metric_series WHERE id = ?');

  function runRollup(): RollupResult {
    writer.flush();
    return rollup.run(clock.now());
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
  let unsubscribe: (() => void) | undefined;

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
      unsubscribe = events?.subscribe((event) => {
        if (event.name === 'device.deleted') guarded('delete-device-series', () => deleteDeviceSeries(event.payload.id));
      });
    },
    stop() {
      if (rollupTimer !== undefined) timers.clearTimeout(rollupTimer);
      if (retentionTimer !== undefined) timers.clearTimeout(retentionTimer);
      rollupTimer = retentionTimer = undefined;
      unsubscribe?.();
    },
  };

  return { registry, writer, query, rollup, retention, retentionConfig, services: [writer, maintenance], runRollup, runRetention, deleteDeviceSeries };
}
