import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import type { Timers, TimerHandle } from '../lib/async/timers.ts';
import type { Db } from '../store/database.ts';
import type { Labels } from './labels.ts';
import { createChunkWriter } from './chunk-writer.ts';
import type { SeriesRegistry } from './series-registry.ts';

/** One measurement of one series. `ts` in milliseconds since the epoch. */
export interface Sample {
  seriesId: number;
  ts: number;
  value: number;
}

export interface MetricsWriterOptions {
  db: Db;
  registry: SeriesRegistry;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** Flush at least this often while samples are buffered. Default 1000 ms. */
  flushIntervalMs?: number;
  /** Flush as soon as this many samples are buffered. Default 5000. */
  maxBatch?: number;
  /** When flushes keep failing (disk full, locked), keep at most this many; the oldest go first. Default 500,000. */
  maxBuffered?: number;
  /** Called after each successful flush with what was written (in write order). Must not throw. */
  onFlush?: (samples: readonly Sample[]) => void;
  /** Whether `onFlush` wants this flush (nobody listening: the samples are not copied). Default yes. */
  flushWanted?: () => boolean;
}

export interface MetricsWriterStats {
  written: number;
  flushes: number;
  buffered: number;
  /** Samples refused (non-finite value or timestamp) or dropped because the buffer overflowed. */
  dropped: number;
  failedFlushes: number;
  lastFlushMs: number;
}

/** Buffers samples and writes them in one transaction per flush. */
export interface MetricsWriter extends Service {
  /** Buffers one sample. Non-finite values are dropped (counted in stats), never thrown. */
  write(seriesId: number, ts: number, value: number): void;
  /** Resolves (creating if needed) the series, buffers the sample, returns the series id. */
  writeNamed(name: string, labels: Labels, ts: number, value: number): number;
  /** Writes everything buffered now; returns how many samples were written. */
  flush(): number;
  stats(): MetricsWriterStats;
  /**
   * Sets (or clears) a hook called inside each flush's transaction with the samples written, so a
   * consumer (the VictoriaMetrics sync queue) commits its record of them atomically with them. If
   * it throws, the flush fails as a whole and the samples stay buffered.
   */
  setJournal(journal: MetricsJournal | undefined): void;
}

/** Sees each flush inside its transaction: the first `n` entries of the three parallel arrays. */
export type MetricsJournal = (n: number, seriesIds: readonly number[], times: readonly number[], values: readonly number[]) => void;

/**
 * The write path of the metrics store. Samples are buffered in three parallel arrays and written
 * in one transaction every `flushIntervalMs` or `maxBatch` samples, and on stop: a clean stop loses
 * nothing. Samples go into compressed chunks plus a durable per-series head (chunk-writer.ts) in
 * the flush's transaction. A sample for an existing (series, ts) replaces it; a late one goes into
 * the chunk of its time, so reads (and the rollups computed from them) see it.
 */
export function createMetricsWriter(options: MetricsWriterOptions): MetricsWriter {
  const { db, registry, timers, logger } = options;
  const flushIntervalMs = options.flushIntervalMs ?? 1000;
  const maxBatch = options.maxBatch ?? 5000;
  const maxBuffered = options.maxBuffered ?? 500_000;
  const chunks = createChunkWriter(db);

  let ids: number[] = [];
  let times: number[] = [];
  let values: number[] = [];
  let timer: TimerHandle | undefined;
  let running = false;
  let journal: MetricsJournal | undefined;
  const stats: MetricsWriterStats = { written: 0, flushes: 0, buffered: 0, dropped: 0, failedFlushes: 0, lastFlushMs: 0 };

  const writeAll = db.transaction((n: number) => {
    chunks.write(n, ids, times, values);
    journal?.(n, ids, times, values);
  });

  function arm(): void {
    if (timer === undefined && running && ids.length > 0) {
      timer = timers.setTimeout(() => {
        timer = undefined;
        flush();
        arm();
      }, flushIntervalMs);
    }
  }

  function flush(): number {
    const n = ids.length;
    if (n === 0) return 0;
    const started = performance.now();
    try {
      writeAll(n);
    } catch (err) {
      stats.failedFlushes++;
      logger.error({ err, buffered: n }, 'metrics flush failed; samples kept for the next try');
      if (n > maxBuffered) {
        const drop = n - maxBuffered;
        ids = ids.slice(drop);
        times = times.slice(drop);
        values = values.slice(drop);
        stats.dropped += drop;
        logger.warn({ dropped: drop }, 'metrics buffer full: oldest samples dropped');
      }
      stats.buffered = ids.length;
      return 0;
    }
    const flushedIds = ids;
    const flushedTimes = times;
    const flushedValues = values;
    ids = [];
    times = [];
    values = [];
    stats.written += n;
    stats.flushes++;
    stats.buffered = 0;
    stats.lastFlushMs = performance.now() - started;
    if (options.onFlush && (options.flushWanted?.() ?? true)) {
      const samples: Sample[] = new Array<Sample>(n);
      for (let i = 0; i < n; i++) samples[i] = { seriesId: flushedIds[i] as number, ts: flushedTimes[i] as number, value: flushedValues[i] as number };
      try {
        options.onFlush(samples);
      } catch (err) {
        logger.warn({ err }, 'metrics onFlush listener failed');
      }
    }
    return n;
  }

  function write(seriesId: number, ts: number, value: number): void {
    if (!Number.isFinite(value) || !Number.isFinite(ts) || ts < 0) {
      stats.dropped++;
      return;
    }
    ids.push(seriesId);
    times.push(Math.round(ts));
    values.push(value);
    stats.buffered = ids.length;
    if (ids.length >= maxBatch) flush();
    else arm();
  }

  return {
    name: 'metrics-writer',
    start() {
      running = true;
      arm();
    },
    stop() {
      running = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      flush();
    },
    write,
    writeNamed(name, labels, ts, value) {
      const id = registry.resolve(name, labels);
      write(id, ts, value);
      return id;
    },
    flush,
    stats: () => ({ ...stats }),
    setJournal(next) {
      journal = next;
    },
  };
}
