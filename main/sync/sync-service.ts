/**
 * The VictoriaMetrics sync area: configuration, the queue hook in the metrics writer, the push
 * worker, status and the connection test. See README.md in this folder for the design.
 */
import type { z } from 'zod';
import type { SyncConfig, SyncHealth, SyncSetConfigInput, SyncStatus, SyncTestInput, SyncTestResult } from '../api/sync.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import type { MetricsWriter } from '../metrics/metrics-writer.ts';
import type { SeriesRegistry } from '../metrics/series-registry.ts';
import { retryDelayMs } from '../outbox/backoff.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { Db } from '../store/database.ts';
import { ValidationError } from '../errors.ts';
import { compress, pushImport, readFlags, type PushTarget } from './client.ts';
import { encodeImport, metricJson, parseRetention, sampleLimits, type SampleColumns } from './codec.ts';
import { createSyncConfigRepo, normaliseUrl, type ResolvedSyncTarget } from './config-repo.ts';
import { createSyncQueue, pick, type Rejection, type Work } from './queue.ts';

export interface SyncOptions {
  db: Db;
  box: SecretBox;
  clock: Clock;
  logger: Logger;
  registry: SeriesRegistry;
  writer: MetricsWriter;
  /** How long the worker waits for more samples when the queue is drained. Default 5 s. */
  pushIntervalMs?: number;
  /** Samples per request, at most. Default 50,000 (about 0.5 MB of gzip). */
  maxSamplesPerPush?: number;
  /** Per-request timeout. Default 30 s. */
  timeoutMs?: number;
  /** Backoff between failed pushes (the outbox's helper). Default 1 s doubling to 5 min. */
  retry?: { baseDelayMs: number; maxDelayMs: number };
  fetch?: typeof fetch;
  random?: () => number;
}

/** What one push did, for tests and the benchmark. */
export interface PushReport {
  kind: 'ok' | 'retry' | 'config' | 'rejected' | 'idle' | 'paused';
  samples: number;
  wireBytes: number;
}

export function createSync(options: SyncOptions) {
  const { db, clock, registry, writer } = options;
  const log = options.logger.child({ area: 'sync' });
  const config = createSyncConfigRepo(db, options.box, clock);
  const queue = createSyncQueue(db, clock);
  const pushIntervalMs = options.pushIntervalMs ?? 5000;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const retry = options.retry ?? { baseDelayMs: 1000, maxDelayMs: 5 * 60_000 };
  let maxSamples = options.maxSamplesPerPush ?? 50_000;

  let target: ResolvedSyncTarget | undefined;
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> | undefined;
  let stopping = new AbortController();
  let retentionMs: number | null = null;
  let flagsRead = false;
  const metricCache = new Map<number, string>();
  const stats = { pushes: 0, wireBytes: 0, samples: 0 };

  /** Queue every flush while a target is configured and enabled. */
  function applyTarget(): void {
    target = config.resolve();
    metricCache.clear();
    flagsRead = false;
    retentionMs = null;
    writer.setJournal(target?.enabled ? queue.append : undefined);
  }
  applyTarget();

  function metricOf(seriesId: number): string | undefined {
    let m = metricCache.get(seriesId);
    if (m === undefined) {
      const info = registry.info(seriesId);
      if (!info) return undefined;
      m = metricJson(info.name, info.labels, target?.extraLabels ?? {});
      metricCache.set(seriesId, m);
    }
    return m;
  }

  function pushTarget(): PushTarget | undefined {
    return target ? { url: target.url, auth: target.auth } : undefined;
  }

  /** Groups rejected indices by reason, as dead batches to keep. */
  function rejectionsOf(samples: SampleColumns, rejected: { index: number; reason: string }[]): Rejection[] {
    const byReason = new Map<string, number[]>();
    for (const r of rejected) {
      let list = byReason.get(r.reason);
      if (!list) byReason.set(r.reason, (list = []));
      list.push(r.index);
    }
    return [...byReason].map(([reason, idx]) => ({ reason: `${idx.length} sample(s) not sent: ${reason}`, samples: pick(samples, idx) }));
  }

  /** Sends the next piece of work once. */
  async function pushOnce(): Promise<PushReport> {
    const t = pushTarget();
    if (!t || !target?.enabled) return { kind: 'paused', samples: 0, wireBytes: 0 };
    if (!flagsRead) {
      // The retention tells which old samples the server would silently drop. Read once per
      // target (and until a push succeeds, since the server may be offline now).
      const flags = await readFlags(t, { signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(timeoutMs)]), ...(options.fetch ? { fetch: options.fetch } : {}) });
      if (flags) {
        flagsRead = true;
        const r = flags.retentionPeriod;
        retentionMs = r ? parseRetention(r) : null;
      }
    }
    writer.flush();
    const work = queue.next(maxSamples);
    if (!work) return { kind: 'idle', samples: 0, wireBytes: 0 };
    if (work.samples.n === 0) {
      // The backfill scan reached the end.
      queue.confirm(work, 0, null);
      return { kind: 'idle', samples: 0, wireBytes: 0 };
    }
    const encoded = encodeImport(work.samples, metricOf, sampleLimits(clock.now(), retentionMs));
    const rejections = rejectionsOf(work.samples, encoded.rejected);
    if (encoded.sent === 0) {
      queue.confirm(work, 0, null, rejections);
      if (rejections.length) log.warn({ rejected: encoded.rejected.length, reason: rejections[0]?.reason }, 'samples kept back (VictoriaMetrics would drop them)');
      return { kind: 'ok', samples: 0, wireBytes: 0 };
    }
    const body = await compress(encoded.body);
    const outcome = await pushImport(t, body, { signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(timeoutMs)]), ...(options.fetch ? { fetch: options.fetch } : {}) });
    stats.pushes++;
    stats.wireBytes += body.byteLength;
    if (stopping.signal.aborted) return { kind: 'retry', samples: 0, wireBytes: body.byteLength };
    switch (outcome.kind) {
      case 'ok':
        flagsRead = true;
        queue.confirm(work, encoded.sent, encoded.maxTs, rejections);
        stats.samples += encoded.sent;
        if (rejections.length) log.warn({ rejected: encoded.rejected.length, reason: rejections[0]?.reason }, 'samples kept back (VictoriaMetrics would drop them)');
        return { kind: 'ok', samples: encoded.sent, wireBytes: body.byteLength };
      case 'too-large':
        if (work.samples.n > 1000 && maxSamples > 1000) {
          maxSamples = Math.max(1000, Math.floor(maxSamples / 2));
          log.warn({ maxSamples, reason: outcome.reason }, 'push too large for the server; sending smaller batches');
          return { kind: 'retry', samples: 0, wireBytes: body.byteLength };
        }
        queue.deadLetter(work, outcome.reason);
        log.error({ samples: work.samples.n, reason: outcome.reason }, 'push rejected by VictoriaMetrics; kept as dead');
        return { kind: 'rejected', samples: 0, wireBytes: body.byteLength };
      case 'rejected':
        queue.deadLetter(work, outcome.reason);
        log.error({ samples: work.samples.n, reason: outcome.reason }, 'push rejected by VictoriaMetrics; kept as dead');
        return { kind: 'rejected', samples: 0, wireBytes: body.byteLength };
      case 'retry':
      case 'config': {
        const attempts = (queue.state()?.attempts ?? 0) + 1;
        const delay = retryDelayMs(attempts, retry, options.random);
        queue.failed(outcome.reason, attempts, clock.now() + delay);
        log.warn({ attempts, delayMs: delay, reason: outcome.reason }, 'push failed; will retry');
        return { kind: outcome.kind, samples: 0, wireBytes: body.byteLength };
      }
    }
  }

  /** Pushes until the queue is drained, a push fails, or the engine stops. */
  async function drain(): Promise<PushReport[]> {
    const reports: PushReport[] = [];
    while (!stopping.signal.aborted) {
      const s = queue.state();
      if (s && s.nextAttemptAt > clock.now()) break;
      const r = await pushOnce();
      reports.push(r);
      if (r.kind !== 'ok' && r.kind !== 'rejected') break;
    }
    return reports;
  }

  function schedule(delayMs: number): void {
    if (!running) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      pass = drain()
        .then(() => undefined)
        .catch((err: unknown) => log.error({ err }, 'sync pass failed'))
        .finally(() => {
          pass = undefined;
          // Backing off: wake when the next attempt is due; else look again after the interval.
          const next = queue.state()?.nextAttemptAt ?? 0;
          schedule(next > clock.now() ? next - clock.now() : pushIntervalMs);
        });
    }, delayMs);
    timer.unref?.();
  }

  const service: Service = {
    name: 'sync',
    start() {
      running = true;
      stopping = new AbortController();
      schedule(0);
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      timer = undefined;
      stopping.abort();
      await pass;
    },
  };

  function status(): z.output<typeof SyncStatus> {
    const s = queue.state();
    const totals = queue.totals();
    const backfillRemaining = queue.backfillRemaining();
    const now = clock.now();
    return {
      configured: target !== undefined,
      enabled: target?.enabled ?? false,
      queuedSamples: totals.pendingSamples + backfillRemaining + writer.stats().buffered * (target?.enabled ? 1 : 0),
      backfillRemaining,
      backfillDone: s?.backfillDone ?? true,
      pushedSamples: s?.pushedSamples ?? 0,
      pushedBatch: s?.pushedBatch ?? 0,
      deadSamples: totals.deadSamples,
      deadBatches: totals.deadBatches,
      lastRejection: s?.lastRejection ?? null,
      lastSuccessAt: s?.lastSuccessAt ?? null,
      lastError: s?.lastError ?? null,
      lastErrorAt: s?.lastErrorAt ?? null,
      lagSec: totals.oldestPendingAt === null ? 0 : Math.max(0, Math.round((now - totals.oldestPendingAt) / 1000)),
      nextAttemptAt: s && s.nextAttemptAt > now ? s.nextAttemptAt : null,
    };
  }

  return {
    service,
    status,

    health(): z.output<typeof SyncHealth> {
      const s = status();
      return { configured: s.configured, enabled: s.enabled, queuedSamples: s.queuedSamples, deadSamples: s.deadSamples, lagSec: s.lagSec, lastSuccessAt: s.lastSuccessAt, lastError: s.lastError };
    },

    getConfig: (): SyncConfig => config.get(),

    setConfig(input: z.output<typeof SyncSetConfigInput>): SyncConfig {
      // Samples buffered now belong to the old state: write them before the switch.
      writer.flush();
      const saved = config.set(input);
      applyTarget();
      if (running && target?.enabled && pass === undefined) schedule(0);
      log.info({ url: saved.url, enabled: saved.enabled, authMethod: saved.authMethod }, 'sync target saved');
      return saved;
    },

    /** `cancelled` (the caller went away) aborts the requests and rejects with its reason. */
    async testConnection(input: z.output<typeof SyncTestInput>, cancelled?: AbortSignal): Promise<z.output<typeof SyncTestResult>> {
      const stored = config.resolve();
      const url = input.url ?? stored?.url;
      if (!url) throw new ValidationError('No VictoriaMetrics URL is configured: enter one to test.');
      const method = input.authMethod ?? (input.url === undefined ? stored?.auth.kind : undefined) ?? 'none';
      const auth = input.authMethod === undefined && input.url === undefined && stored ? stored.auth : config.mergeAuth({ url, authMethod: method, username: input.username, password: input.password, token: input.token }).auth;
      const t: PushTarget = { url: normaliseUrl(url), auth };
      const started = performance.now();
      const signal = cancelled ? AbortSignal.any([cancelled, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
      const outcome = await pushImport(t, await compress(''), { signal, ...(options.fetch ? { fetch: options.fetch } : {}) });
      cancelled?.throwIfAborted();
      const latencyMs = Math.round(performance.now() - started);
      const flags = outcome.kind === 'ok' ? await readFlags(t, { signal, ...(options.fetch ? { fetch: options.fetch } : {}) }) : undefined;
      cancelled?.throwIfAborted();
      const dedupInterval = flags?.['dedup.minScrapeInterval'] ?? null;
      const warnings: string[] = [];
      if (flags && (!dedupInterval || dedupInterval === '0s' || dedupInterval === '0')) {
        warnings.push('Deduplication is off on this server: start it with -dedup.minScrapeInterval=1ms so a push repeated after a timeout or crash does not store samples twice.');
      }
      if (!flags && outcome.kind === 'ok') warnings.push('Could not read the server flags (cluster or proxy): make sure vmstorage/vmselect run with -dedup.minScrapeInterval=1ms.');
      return { ok: outcome.kind === 'ok', latencyMs, error: outcome.kind === 'ok' ? null : outcome.reason, dedupInterval, retention: flags?.retentionPeriod ?? null, warnings };
    },

    retryDead(): { batches: number; samples: number } {
      const r = queue.retryDead();
      if (running && pass === undefined) schedule(0);
      return r;
    },

    /** Pushes now until drained or a failure (tests, the benchmark); the worker need not run. */
    drain,
    pushOnce,
    /** Wire totals since creation: pushes, gzip bytes, samples confirmed. */
    stats: () => ({ ...stats }),
    /** Wakes the worker now. */
    kick(): void {
      if (running && pass === undefined) schedule(0);
    },
  };
}

export type SyncArea = ReturnType<typeof createSync>;
export type { Work };
