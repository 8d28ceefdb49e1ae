/**
 * Re-reads the L2 tables of monitored switches and routers at a slow interval (15 minutes by
 * default): once a minute it picks the devices whose snapshot is older than the interval, the
 * oldest first, and reads them two at a time. It runs beside the poller's scheduler, not in it: a
 * big switch's forwarding table can take longer than a poll's deadline, and a slow L2 read must
 * never count against the device's SNMP availability. A failed read is logged and retried at the
 * next interval.
 */
import type { DeviceType } from '../api/discovery.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import { systemTimers, type TimerHandle, type Timers } from '../lib/async/timers.ts';

const L2_TYPES = new Set<DeviceType>(['switch', 'l3-switch', 'router', 'firewall', 'wireless-controller']);

/** Types whose neighbours and tables are worth reading. */
export const looksLikeL2Device = (type: DeviceType): boolean => L2_TYPES.has(type);

export interface RefresherOptions {
  clock: Clock;
  logger: Logger;
  timers?: Timers;
  intervalMs: number;
  /** How often to look for due devices. Default 60 s. */
  tickMs?: number;
  /** Reads at once. Default 2. */
  concurrency?: number;
  due(): { deviceId: string; lastRead: number | null }[];
  read(deviceId: string): Promise<void>;
}

export function createL2Refresher(o: RefresherOptions): Service & { tick(): Promise<void> } {
  const timers = o.timers ?? systemTimers;
  const tickMs = o.tickMs ?? 60_000;
  const running = new Set<string>();
  const failedAt = new Map<string, number>();
  let timer: TimerHandle | null = null;
  let stopped = true;

  async function tick(): Promise<void> {
    const now = o.clock.now();
    const due = o
      .due()
      .filter((d) => !running.has(d.deviceId) && (d.lastRead === null || now - d.lastRead >= o.intervalMs) && now - (failedAt.get(d.deviceId) ?? -Infinity) >= o.intervalMs)
      .sort((a, b) => (a.lastRead ?? -1) - (b.lastRead ?? -1));
    const work = due.slice(0, Math.max(0, (o.concurrency ?? 2) - running.size));
    await Promise.all(
      work.map(async ({ deviceId }) => {
        running.add(deviceId);
        try {
          await o.read(deviceId);
          failedAt.delete(deviceId);
        } catch (err) {
          failedAt.set(deviceId, o.clock.now());
          o.logger.info({ deviceId, err: (err as Error).message }, 'L2 refresh failed; retried at the next interval');
        } finally {
          running.delete(deviceId);
        }
      }),
    );
  }

  const schedule = () => {
    if (stopped) return;
    timer = timers.setTimeout(() => {
      void tick().finally(schedule);
    }, tickMs);
  };

  return {
    name: 'l2-refresher',
    tick,
    start() {
      stopped = false;
      schedule();
    },
    stop() {
      stopped = true;
      if (timer) timers.clearTimeout(timer);
      timer = null;
    },
  };
}
