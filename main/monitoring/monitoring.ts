import type { DerivedItem } from '../api/templates.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import type { Db } from '../store/database.ts';
import { createMonitoringItemsRepo, type ItemDevices, type MonitoringItem, type MonitoringItemsRepo } from './monitoring-items-repo.ts';
import type { PollExecutor, Protocol, ScheduledItem } from './poll-executor.ts';
import type { PollRecord } from './poll-health.ts';
import { createScheduler, type Scheduler, type SchedulerOptions } from './scheduler.ts';
import { systemTimers, type Timers } from '../lib/async/timers.ts';

/** What the SNMP executor finds in `ScheduledItem.payload` of an `snmp` item. */
export interface SnmpItemPayload {
  item: Extract<MonitoringItem, { kind: 'scalar' | 'table' }>;
  /** The template's derived items on this device (computed from scalar items' latest values). */
  derived: DerivedItem[];
}

/** A device's reachability for a protocol changed (see SchedulerOptions.onReachability). */
export type ReachabilityListener = (change: { deviceId: string; protocol: Protocol; reachable: boolean; at: number }) => void;

/** Adds scheduled items that do not come from templates (e.g. one ICMP item per monitored device). */
export type ItemSource = () => ScheduledItem[];

export interface MonitoringOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** The devices area's lookups (main/devices/): which devices exist and are enabled. */
  devices: ItemDevices;
  timers?: Timers;
  /**
   * Which devices WARD FLUX polls at all (the monitoring mode: none in Zabbix mode, not the devices
   * imported from Zabbix in hybrid mode). Asked at every reload; default: every device.
   */
  pollGate?: () => (deviceId: string) => boolean;
  scheduler?: Partial<Pick<SchedulerOptions, 'concurrency' | 'jobTimeoutMs' | 'unreachableAfter' | 'maxBackoffMs'>>;
}

export interface Monitoring {
  scheduler: Scheduler;
  items: MonitoringItemsRepo;
  /** Plug in a protocol's poller (SNMP, ICMP). Until then that protocol's items wait. */
  registerExecutor(executor: PollExecutor): void;
  /** Plug in a source of extra scheduled items; they are included in every reload. */
  addItemSource(source: ItemSource): void;
  /** Re-reads every enabled item of every enabled device WARD FLUX polls (see pollGate) into the scheduler. */
  reload(): void;
  /** Devices were created or changed (wired in engine.ts from the devices change hook): one reload per burst, while running. */
  reloadSoon(): void;
  /** A device was deleted (wired in engine.ts): its items leave the scheduler. */
  removeDevice(deviceId: string): void;
  /** Called when a device becomes unreachable for a protocol (N timeouts in a row) or answers again. Returns the unsubscribe. */
  onReachability(listener: ReachabilityListener): () => void;
  /** Called with every poll's record (the engine's self-metrics count them). Returns the unsubscribe. */
  onPoll(listener: (record: PollRecord) => void): () => void;
  service: Service;
}

/**
 * Monitoring, assembled: monitoring items from the database → the scheduler → the registered
 * executors; each poll's outcome kept in poll_health. No executor is registered here: the SNMP and
 * ICMP pollers plug in with registerExecutor (see PollExecutor for the contract).
 */
export function createMonitoring(options: MonitoringOptions): Monitoring {
  const { db, clock, logger } = options;
  const items = createMonitoringItemsRepo(db, clock, options.devices);
  const sources: ItemSource[] = [];
  const healthUpsert = db.prepare(
    `INSERT INTO poll_health (device_id, protocol, last_poll_at, last_ok_at, last_status, last_error, last_duration_ms, consecutive_failures, unreachable_since, ok_count, timeout_count, error_count)
     VALUES (@deviceId, @protocol, @at, @okAt, @status, @message, @durationMs, @timeouts, @unreachableSince, @ok, @timeout, @error)
     ON CONFLICT (device_id, protocol) DO UPDATE SET
       last_poll_at = excluded.last_poll_at, last_ok_at = coalesce(excluded.last_ok_at, last_ok_at), last_status = excluded.last_status,
       last_error = excluded.last_error, last_duration_ms = excluded.last_duration_ms, consecutive_failures = excluded.consecutive_failures,
       unreachable_since = excluded.unreachable_since, ok_count = ok_count + excluded.ok_count,
       timeout_count = timeout_count + excluded.timeout_count, error_count = error_count + excluded.error_count`,
  );

  const pollListeners = new Set<(record: PollRecord) => void>();
  function onPoll(r: PollRecord): void {
    for (const listener of pollListeners) {
      try {
        listener(r);
      } catch (err) {
        logger.warn({ err }, 'poll listener failed');
      }
    }
    const h = scheduler.deviceHealth(r.deviceId).find((x) => x.protocol === r.protocol);
    try {
      healthUpsert.run({
        deviceId: r.deviceId,
        protocol: r.protocol,
        at: r.startedAt,
        okAt: r.status === 'ok' ? r.startedAt + r.durationMs : null,
        status: r.status,
        message: r.message?.slice(0, 500) ?? null,
        durationMs: Math.round(r.durationMs),
        timeouts: h?.consecutiveTimeouts ?? 0,
        unreachableSince: h?.unreachableSince ?? null,
        ok: r.status === 'ok' ? 1 : 0,
        timeout: r.status === 'timeout' ? 1 : 0,
        error: r.status === 'error' ? 1 : 0,
      });
    } catch (err) {
      // The device was deleted while its poll ran (foreign key): nothing to record.
      logger.debug({ err, deviceId: r.deviceId }, 'poll health not recorded');
    }
  }

  // onPoll runs only after start, by which time `scheduler` is assigned.
  const reachabilityListeners = new Set<ReachabilityListener>();
  const onReachability: ReachabilityListener = (change) => {
    for (const listener of [...reachabilityListeners]) {
      try {
        listener(change);
      } catch (err) {
        logger.warn({ err }, 'reachability listener failed');
      }
    }
  };
  const scheduler: Scheduler = createScheduler({ clock, timers: options.timers ?? systemTimers, logger, ...options.scheduler, onPoll, onReachability });

  function reload(): void {
    const rows = items.active();
    const derivedByDeviceTemplate = new Map<string, DerivedItem[]>();
    for (const row of rows) {
      if (row.kind !== 'derived') continue;
      const k = `${row.deviceId}|${row.templateId}`;
      derivedByDeviceTemplate.set(k, [...(derivedByDeviceTemplate.get(k) ?? []), row.definition]);
    }
    const scheduled: ScheduledItem[] = [];
    for (const row of rows) {
      if (row.kind === 'derived') continue;
      const payload: SnmpItemPayload = { item: row, derived: derivedByDeviceTemplate.get(`${row.deviceId}|${row.templateId}`) ?? [] };
      scheduled.push({ id: `snmp:${row.id}`, deviceId: row.deviceId, protocol: 'snmp', intervalMs: row.intervalSec * 1000, payload });
    }
    for (const source of sources) scheduled.push(...source());
    const polled = options.pollGate?.();
    scheduler.setItems(polled ? scheduled.filter((item) => polled(item.deviceId)) : scheduled);
  }

  // Devices arrive in bursts (a discovery adding hundreds, the Zabbix mirror importing thousands): one reload per burst.
  let reloadQueued = false;
  let running = false;
  function reloadSoon(): void {
    if (reloadQueued || !running) return;
    reloadQueued = true;
    queueMicrotask(() => {
      reloadQueued = false;
      try {
        reload();
      } catch (err) {
        logger.error({ err }, 'monitoring reload failed');
      }
    });
  }

  const service: Service = {
    name: 'monitoring',
    start() {
      reload();
      running = true;
      return scheduler.start();
    },
    async stop() {
      running = false;
      await scheduler.stop();
    },
  };

  return {
    scheduler,
    items,
    registerExecutor: (executor) => scheduler.registerExecutor(executor),
    addItemSource: (source) => sources.push(source),
    reload,
    reloadSoon,
    removeDevice: (deviceId) => scheduler.removeDevice(deviceId),
    onReachability(listener) {
      reachabilityListeners.add(listener);
      return () => reachabilityListeners.delete(listener);
    },
    onPoll(listener) {
      pollListeners.add(listener);
      return () => pollListeners.delete(listener);
    },
    service,
  };
}
