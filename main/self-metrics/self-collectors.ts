/**
 * The engine's own figures, two ways from the same observations: a prom-client registry for
 * `GET /api/v1/metrics` (counters and histograms since start, the rest read at scrape time), and
 * windows since the last `take()` that the self poller writes as series of the engine device.
 */
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { MetricsWriterStats } from '../metrics/metrics-writer.ts';
import type { Protocol } from '../monitoring/poll-executor.ts';
import { LAG_BOUNDS_MS, type LagHistogram, lagQuantile, type PollRecord } from '../monitoring/poll-health.ts';
import type { TopicStatus } from '../outbox/outbox.ts';
import type { EventLoopMonitor, EventLoopWindow } from './event-loop.ts';

/** What the collectors read at scrape (and tick) time. */
export interface SelfSources {
  /** The outbox's entries per topic and state. */
  outbox: () => TopicStatus[];
  /** The metrics writer's figures (its last flush: the store's write transaction). */
  writer: () => MetricsWriterStats;
  eventLoop: EventLoopMonitor;
  rss: () => number;
  /** The time windows are measured on, ms (the engine's clock: the one its samples are stamped with). */
  now: () => number;
  /** A monotonic timer for the database probe, ms (performance.now; tests pass their own). */
  timer?: () => number;
}

/** One window of the engine's figures (since the previous take). */
export interface SelfWindow {
  /** Length of the window, ms. */
  ms: number;
  api: { calls: number; byProcedure: Map<string, { calls: number; totalMs: number }> };
  polls: Map<Protocol, { ok: number; failed: number; lagP95Ms: number | null }>;
  outbox: TopicStatus[];
  /** How long reading the outbox's status took: the sampled database probe. */
  dbProbeMs: number;
  lastFlushMs: number;
  eventLoop: EventLoopWindow;
  rssBytes: number;
}

const API_BUCKETS_S = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

interface PollWindow {
  ok: number;
  failed: number;
  lag: LagHistogram;
}

const lagBucket = (lagMs: number): number => {
  const i = LAG_BOUNDS_MS.findIndex((b) => lagMs <= b);
  return i < 0 ? LAG_BOUNDS_MS.length : i;
};

export function createSelfCollectors(src: SelfSources) {
  const now = src.now;
  const timer = src.timer ?? (() => performance.now());
  const registry = new Registry();
  const apiDuration = new Histogram({
    name: 'wardflux_api_request_duration_seconds',
    help: 'Time of contract calls (every transport), by procedure and outcome (ok or the error code).',
    labelNames: ['procedure', 'outcome'] as const,
    buckets: API_BUCKETS_S,
    registers: [registry],
  });
  const polls = new Counter({
    name: 'wardflux_polls_total',
    help: 'Polls done by the scheduler, by protocol and outcome (ok, timeout, error).',
    labelNames: ['protocol', 'outcome'] as const,
    registers: [registry],
  });
  const pollLag = new Histogram({
    name: 'wardflux_poll_lag_seconds',
    help: 'How late polls started after they were due (waiting for a slot plus timer delay), by protocol.',
    labelNames: ['protocol'] as const,
    buckets: LAG_BOUNDS_MS.map((b) => b / 1000),
    registers: [registry],
  });
  new Gauge({
    name: 'wardflux_outbox_entries',
    help: 'Entries of the durable outbox by topic (kind of delivery) and state (pending, delivered, dead).',
    labelNames: ['topic', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const t of src.outbox()) {
        this.set({ topic: t.topic, state: 'pending' }, t.pending);
        this.set({ topic: t.topic, state: 'delivered' }, t.delivered);
        this.set({ topic: t.topic, state: 'dead' }, t.dead);
      }
    },
  });
  const dbProbe = new Histogram({
    name: 'wardflux_db_probe_seconds',
    help: 'Time of the sampled database probe (the outbox status query), once per self-metrics tick.',
    buckets: [0.0001, 0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1],
    registers: [registry],
  });
  new Gauge({
    name: 'wardflux_metrics_flush_seconds',
    help: "Time of the metrics writer's last flush (one write transaction).",
    registers: [registry],
    collect() {
      this.set(src.writer().lastFlushMs / 1000);
    },
  });
  const loopGauge = (name: string, help: string, pick: (w: EventLoopWindow) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(pick(src.eventLoop.peek()) / 1000);
      },
    });
  loopGauge('wardflux_event_loop_delay_p99_seconds', 'Event-loop delay, 99th percentile since the last self-metrics tick.', (w) => w.p99Ms);
  loopGauge('wardflux_event_loop_delay_max_seconds', 'Event-loop delay, largest since the last self-metrics tick.', (w) => w.maxMs);
  new Gauge({
    name: 'process_resident_memory_bytes',
    help: 'Resident memory size of the engine process in bytes.',
    registers: [registry],
    collect() {
      this.set(src.rss());
    },
  });
  const tickGauge = new Gauge({ name: 'wardflux_self_tick_seconds', help: 'Time the last self-metrics tick took (its own cost).', registers: [registry] });

  let windowStart = now();
  let api = { calls: 0, byProcedure: new Map<string, { calls: number; totalMs: number }>() };
  let pollWindows = new Map<Protocol, PollWindow>();

  return {
    registry,
    /** One contract call ended (the dispatcher's observer). */
    observeCall(procedure: string, durationMs: number, outcome: string): void {
      apiDuration.observe({ procedure, outcome }, durationMs / 1000);
      api.calls++;
      const p = api.byProcedure.get(procedure) ?? { calls: 0, totalMs: 0 };
      p.calls++;
      p.totalMs += durationMs;
      api.byProcedure.set(procedure, p);
    },
    /** One poll ended (monitoring's poll hook). */
    observePoll(r: PollRecord): void {
      polls.inc({ protocol: r.protocol, outcome: r.status });
      pollLag.observe({ protocol: r.protocol }, r.lagMs / 1000);
      let w = pollWindows.get(r.protocol);
      if (!w) pollWindows.set(r.protocol, (w = { ok: 0, failed: 0, lag: { boundsMs: LAG_BOUNDS_MS, counts: new Array<number>(LAG_BOUNDS_MS.length + 1).fill(0) } }));
      if (r.status === 'ok') w.ok++;
      else w.failed++;
      (w.lag.counts[lagBucket(r.lagMs)] as number)++;
    },
    /** Ends the window: what happened since the previous take, and the figures read now. */
    take(): SelfWindow {
      const started = now();
      const probeStart = timer();
      const outbox = src.outbox();
      const dbProbeMs = timer() - probeStart;
      dbProbe.observe(dbProbeMs / 1000);
      const pollsOut: SelfWindow['polls'] = new Map();
      for (const [protocol, w] of pollWindows) {
        const q = lagQuantile(w.lag, 0.95);
        pollsOut.set(protocol, { ok: w.ok, failed: w.failed, lagP95Ms: q === null ? null : Number.isFinite(q) ? q : (LAG_BOUNDS_MS.at(-1) as number) });
      }
      const window: SelfWindow = {
        ms: started - windowStart,
        api,
        polls: pollsOut,
        outbox,
        dbProbeMs,
        lastFlushMs: src.writer().lastFlushMs,
        eventLoop: src.eventLoop.take(),
        rssBytes: src.rss(),
      };
      windowStart = started;
      api = { calls: 0, byProcedure: new Map() };
      pollWindows = new Map();
      return window;
    },
    /** Records what the tick cost (the self poller measures its tick, take and writes included). */
    tickCost(ms: number): void {
      tickGauge.set(ms / 1000);
    },
    /** The Prometheus text exposition (format 0.0.4). */
    async exposition(): Promise<{ contentType: string; body: string }> {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

export type SelfCollectors = ReturnType<typeof createSelfCollectors>;
