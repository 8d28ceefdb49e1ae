/**
 * The engine's own metrics, the area's front door: the collectors (fed by the dispatcher's call
 * observer and monitoring's poll hook, both wired in engine.ts), the Prometheus exposition of the
 * host's `GET /api/v1/metrics`, and the self poller: every `intervalMs` (default 15 s) one window
 * of figures written through the normal metrics writer as series of the engine device (created
 * once through main/devices/), so they graph, alert and sync like any device's.
 */
import type { Devices } from '../devices/devices.ts';
import { ENGINE_DEVICE_ID } from '../devices/engine-device.ts';
import type { TimerHandle, Timers } from '../lib/async/timers.ts';
import { systemTimers } from '../lib/async/timers.ts';
import type { Logger } from '../lib/logger.ts';
import type { Clock } from '../lib/clock.ts';
import type { Service } from '../lib/service.ts';
import type { MetricsWriter } from '../metrics/metrics-writer.ts';
import { createEventLoopMonitor } from './event-loop.ts';
import { createSelfCollectors, type SelfSources } from './self-collectors.ts';
import { selfSamples } from './self-series.ts';

export interface SelfMetricsOptions {
  clock: Clock;
  logger: Logger;
  timers?: Timers;
  writer: Pick<MetricsWriter, 'writeNamed' | 'stats'>;
  outbox: { status: SelfSources['outbox'] };
  devices: Pick<Devices, 'ensureEngineDevice'>;
  /** Whether start() runs the self poller (the engine device and its series). Off: only the exposition. */
  poller: boolean;
  /** Between two windows; default 15 s (the first one ends 2 s after start). */
  intervalMs?: number;
  rss?: () => number;
}

export const SELF_INTERVAL_MS = 15_000;

export function createSelfMetrics(o: SelfMetricsOptions) {
  const timers = o.timers ?? systemTimers;
  const intervalMs = o.intervalMs ?? SELF_INTERVAL_MS;
  const eventLoop = createEventLoopMonitor();
  const collectors = createSelfCollectors({ outbox: () => o.outbox.status(), writer: () => o.writer.stats(), eventLoop, rss: o.rss ?? (() => process.memoryUsage.rss()), now: () => o.clock.now() });
  let timer: TimerHandle | undefined;
  let running = false;
  let delivered = new Map<string, number>();

  /** One window written as samples of the engine device; returns how many. */
  function tick(): number {
    const started = performance.now();
    const w = collectors.take();
    const ts = o.clock.now();
    const samples = selfSamples(w, ENGINE_DEVICE_ID, delivered);
    delivered = new Map(w.outbox.map((t) => [t.topic, t.delivered]));
    for (const s of samples) o.writer.writeNamed(s.name, s.labels, ts, s.value);
    collectors.tickCost(performance.now() - started);
    return samples.length;
  }

  const arm = (ms: number): void => {
    timer = timers.setTimeout(() => {
      if (!running) return;
      try {
        tick();
      } catch (err) {
        o.logger.warn({ err }, 'self-metrics tick failed');
      }
      arm(intervalMs);
    }, ms);
  };

  const service: Service = {
    name: 'self-metrics',
    start() {
      eventLoop.start();
      if (!o.poller) return;
      o.devices.ensureEngineDevice();
      running = true;
      collectors.take(); // the first window starts now, not at engine creation
      arm(Math.min(2000, intervalMs));
    },
    stop() {
      running = false;
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      eventLoop.stop();
    },
  };

  return {
    service,
    observeCall: collectors.observeCall,
    observePoll: collectors.observePoll,
    exposition: collectors.exposition,
    /** Ends the window now and writes it (tests; the poller calls it every interval). */
    tick,
  };
}

export type SelfMetrics = ReturnType<typeof createSelfMetrics>;
