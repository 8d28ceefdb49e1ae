/**
 * The ICMP poller: one item per monitored device (see icmp-items.ts), and jobs that fall due
 * together (within `batchWindowMs`) share one monitor cycle through the engine's one pinger. Each
 * check returns `ping_rtt_ms` (when anything came back) and `ping_loss_pct` of that check as
 * samples, whether the device answered, and its probe counts; the poll sink writes them, keeps the
 * loss window (loss-window.ts: the windowed figures, degraded, the `availability` sample) and feeds
 * the availability state machine (availability.ts). No I/O on the store here.
 *
 * A check that gets no answer is still a successful poll (outcome `ok`, "no reply"): the scheduler
 * must not back off a device that is down, or "up after one good check" would wait for the backoff.
 */
import dns from 'node:dns/promises';
import net from 'node:net';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { checkSamples, type MonitorCheck, runMonitorCycle } from '../icmp/monitor-cycle.ts';
import type { Pinger } from '../icmp/types.ts';
import type { Poller, PollJob, PollResult, PollSample } from './poll-executor.ts';
import type { TimerHandle, Timers } from '../lib/async/timers.ts';

/** What an `icmp` ScheduledItem carries. */
export interface IcmpItemPayload {
  address: string;
}

export interface IcmpCheckSettings {
  /** Echo requests per check. */
  probes: number;
}

export interface IcmpExecutorOptions {
  pinger: () => Pinger;
  clock: Clock;
  timers: Timers;
  logger: Logger;
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

export type IcmpExecutor = Poller;

interface Pending {
  job: PollJob;
  resolve: (result: PollResult) => void;
}

const failed = (status: 'timeout' | 'error', message: string): PollResult => ({ status, message, samples: [] });

export function createIcmpExecutor(options: IcmpExecutorOptions): IcmpExecutor {
  const { clock, timers, logger } = options;
  const windowMs = options.batchWindowMs ?? 200;
  const resolveHost = options.resolve ?? (async (host: string) => (await dns.lookup(host)).address);
  let pending: Pending[] = [];
  let timer: TimerHandle | undefined;

  function flush(): void {
    timer = undefined;
    const batch = pending;
    pending = [];
    runBatch(batch).catch((err: unknown) => {
      logger.error({ err }, 'ICMP monitor cycle failed');
      for (const p of batch) p.resolve(failed('error', err instanceof Error ? err.message : String(err)));
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
          p.resolve(failed('error', `cannot resolve the device address: ${err instanceof Error ? err.message : String(err)}`));
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
      for (const p of jobs.values()) p.resolve(failed('timeout', 'monitor cycle cancelled'));
      return;
    }
    const ts = clock.now();
    for (const check of checks) {
      const p = jobs.get(check.id);
      if (!p) continue;
      const labels = { device: check.id };
      const samples: PollSample[] = checkSamples(check).map((x) => ({ name: x.name, labels, ts, value: x.value }));
      const s = check.stats;
      const message = check.ok ? (s.lossPct > 0 ? `${s.lossPct}% loss` : undefined) : `no reply (${s.sent} probes)`;
      p.resolve({ status: 'ok', ...(message ? { message } : {}), samples, reachability: { answered: check.ok, at: ts }, probes: { sent: s.sent, received: s.received, rttMs: s.avgMs } });
    }
    for (const p of jobs.values()) p.resolve(failed('error', 'no result for this device'));
  }

  return {
    protocol: 'icmp',
    poll(job) {
      return new Promise<PollResult>((resolve) => {
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
  };
}
