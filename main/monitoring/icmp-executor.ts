/**
 * The ICMP poller: one item per monitored device (see icmp-items.ts), and jobs that fall due
 * together (within `batchWindowMs`) share one monitor cycle through the engine's one pinger. Each
 * check writes `ping_rtt_ms` (when anything came back), `ping_loss_pct` and `availability`
 * (1 up, 0.5 degraded, 0 down) and feeds the availability state machine: down after N failed
 * checks in a row, up after one good one. State changes go out as `device.availability` events
 * (source icmp; the alert engine consumes them) and are persisted in device_state.
 *
 * A check that gets no answer is still a successful poll (outcome `ok`, "no reply"): the scheduler
 * must not back off a device that is down, or "up after one good check" would wait for the backoff.
 */
import dns from 'node:dns/promises';
import net from 'node:net';
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Logger } from '../lib/logger.ts';
import type { MetricsWriter } from '../metrics/metrics-writer.ts';
import { type AvailabilityState, initialAvailability, nextAvailability } from '../icmp/availability.ts';
import { checkSamples, type MonitorCheck, runMonitorCycle } from '../icmp/monitor-cycle.ts';
import type { Verdict } from '../icmp/stats.ts';
import type { Pinger } from '../icmp/types.ts';
import type { DeviceStateRepo, SourceState } from './device-state.ts';
import type { PollExecutor, PollJob, PollOutcome } from './poll-executor.ts';
import type { TimerHandle, Timers } from '../lib/async/timers.ts';

/** What an `icmp` ScheduledItem carries. */
export interface IcmpItemPayload {
  address: string;
}

export interface IcmpCheckSettings {
  /** Echo requests per check. */
  probes: number;
  /** Failed checks in a row before the device is down. */
  downAfter: number;
}

export interface IcmpExecutorOptions {
  pinger: () => Pinger;
  writer: Pick<MetricsWriter, 'writeNamed'>;
  state: Pick<DeviceStateRepo, 'save' | 'ofSource'>;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  events?: EventBus;
  settings: () => IcmpCheckSettings;
  /** Jobs arriving within this window share a monitor cycle. Default 200 ms. */
  batchWindowMs?: number;
  /** Between the probes of one check. Default 1000 ms. */
  probeIntervalMs?: number;
  /** Per-probe timeout. Default 1000 ms. */
  probeTimeoutMs?: number;
  /** Host name → address (default: the system resolver). */
  resolve?: (host: string) => Promise<string>;
}

export interface IcmpExecutor extends PollExecutor {
  /** The availability state machine's state of a device. */
  availability(deviceId: string): AvailabilityState;
  /** Forgets a device (deleted). */
  forget(deviceId: string): void;
}

interface Pending {
  job: PollJob;
  resolve: (outcome: PollOutcome) => void;
}

const VERDICT_VALUE: Record<Verdict, number> = { up: 1, degraded: 0.5, down: 0 };

export function createIcmpExecutor(options: IcmpExecutorOptions): IcmpExecutor {
  const { clock, timers, logger, writer, events } = options;
  const windowMs = options.batchWindowMs ?? 200;
  const resolveHost = options.resolve ?? (async (host: string) => (await dns.lookup(host)).address);
  const states = new Map<string, AvailabilityState>();
  for (const s of options.state.ofSource('icmp')) {
    if (s.status === 'unknown') continue;
    states.set(s.deviceId, { status: s.status === 'down' ? 'down' : 'up', consecutiveFailures: s.consecutiveFailures, sinceMs: s.since });
  }
  let pending: Pending[] = [];
  let timer: TimerHandle | undefined;

  function flush(): void {
    timer = undefined;
    const batch = pending;
    pending = [];
    runBatch(batch).catch((err: unknown) => {
      logger.error({ err }, 'ICMP monitor cycle failed');
      for (const p of batch) p.resolve({ status: 'error', message: err instanceof Error ? err.message : String(err) });
    });
  }

  async function address(job: PollJob): Promise<string> {
    const a = (job.items[0]?.payload as IcmpItemPayload | undefined)?.address;
    if (!a) throw new Error('no address');
    return net.isIP(a) ? a : resolveHost(a);
  }

  async function runBatch(batch: Pending[]): Promise<void> {
    const targets: { id: string; address: string }[] = [];
    const jobs = new Map<string, Pending>();
    await Promise.all(
      batch.map(async (p) => {
        try {
          targets.push({ id: p.job.deviceId, address: await address(p.job) });
          jobs.set(p.job.deviceId, p);
        } catch (err) {
          p.resolve({ status: 'error', message: `cannot resolve the device address: ${err instanceof Error ? err.message : String(err)}` });
        }
      }),
    );
    if (targets.length === 0) return;
    // The cycle stops only when every job in it was aborted (the scheduler stopping).
    const controller = new AbortController();
    const signals = [...jobs.values()].map((p) => p.job.signal);
    const onAbort = () => {
      if (signals.every((s) => s.aborted)) controller.abort();
    };
    for (const s of signals) s.addEventListener('abort', onAbort, { once: true });
    onAbort();
    const settings = options.settings();
    let checks: MonitorCheck[];
    try {
      const cycle = await runMonitorCycle(
        options.pinger(),
        targets,
        { count: settings.probes, intervalMs: options.probeIntervalMs ?? 1000, timeoutMs: options.probeTimeoutMs ?? 1000, signal: controller.signal },
        clock.now,
      );
      checks = cycle.checks;
    } finally {
      for (const s of signals) s.removeEventListener('abort', onAbort);
    }
    if (controller.signal.aborted) {
      for (const p of jobs.values()) p.resolve({ status: 'timeout', message: 'monitor cycle cancelled' });
      return;
    }
    const ts = clock.now();
    const saved: SourceState[] = [];
    for (const check of checks) {
      const p = jobs.get(check.id);
      if (!p) continue;
      const labels = { device: check.id };
      for (const s of checkSamples(check)) writer.writeNamed(s.name, labels, ts, s.value);
      writer.writeNamed('availability', labels, ts, VERDICT_VALUE[check.verdict]);
      const prev = states.get(check.id) ?? initialAvailability;
      const { state, change } = nextAvailability(prev, check.ok, ts, settings.downAfter);
      states.set(check.id, state);
      saved.push({
        deviceId: check.id,
        source: 'icmp',
        status: state.status === 'up' && check.verdict === 'degraded' ? 'degraded' : state.status,
        since: state.sinceMs,
        consecutiveFailures: state.consecutiveFailures,
        lastCheckAt: ts,
        lastSeenAt: check.ok ? ts : null,
      });
      if (change && change.to !== 'unknown') {
        events?.emit('device.availability', { deviceId: check.id, source: 'icmp', status: change.to, atMs: change.atMs, consecutiveFailures: change.consecutiveFailures });
      }
      const s = check.stats;
      p.resolve(check.ok ? { status: 'ok', ...(s.lossPct > 0 ? { message: `${s.lossPct}% loss` } : {}) } : { status: 'ok', message: `no reply (${s.sent} probes)` });
    }
    try {
      options.state.save(saved);
    } catch (err) {
      logger.warn({ err }, 'ICMP device state not saved');
    }
    for (const p of jobs.values()) p.resolve({ status: 'error', message: 'no result for this device' });
  }

  return {
    protocol: 'icmp',
    poll(job) {
      return new Promise<PollOutcome>((resolve) => {
        let done = false;
        pending.push({
          job,
          resolve: (o) => {
            if (done) return;
            done = true;
            resolve(o);
          },
        });
        timer ??= timers.setTimeout(flush, windowMs);
      });
    },
    availability: (deviceId) => states.get(deviceId) ?? initialAvailability,
    forget: (deviceId) => void states.delete(deviceId),
  };
}
