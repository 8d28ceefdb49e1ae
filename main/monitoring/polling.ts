/**
 * Standalone monitoring, connected: the SNMP and ICMP pollers plugged into the scheduler through
 * the one poll sink (samples → metrics writer, answered or not → the availability state machine,
 * system group → devices.setIdentity), an ICMP item for every enabled device, the device status
 * and poll health the contract shows. Availability changes go to `onAvailability` (engine.ts).
 */
import type { Device } from '../api/devices.ts';
import type { Devices } from '../devices/devices.ts';
import type { Lookup, OwnStatus } from '../devices/device-view.ts';
import type { MonitoringHealth, PollSummary } from '../api/monitoring.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import type { IcmpService } from '../icmp/icmp-service.ts';
import type { MetricsWriter } from '../metrics/metrics-writer.ts';
import { createSnmpClient, type SnmpClient } from '../snmp/client.ts';
import type { CredentialsRepo } from '../store/credentials-repo.ts';
import type { Db } from '../store/database.ts';
import type { SettingsRepo } from '../store/settings-repo.ts';
import type { AvailabilityChange } from '../api/alerts.ts';
import { type AvailabilityMachine, createAvailability } from './availability.ts';
import { createDeviceStateRepo, type DeviceStateRepo, deviceStatus } from './device-state.ts';
import { createIcmpExecutor, type IcmpExecutor, type IcmpItemPayload } from './icmp-executor.ts';
import { createLossWindows, type LossWindowConfig } from './loss-window.ts';
import type { Monitoring } from './monitoring.ts';
import type { ScheduledItem } from './poll-executor.ts';
import { createPollSink, throughSink } from './poll-sink.ts';
import { createSnmpExecutor, type SnmpExecutor } from './snmp-executor.ts';
import { systemTimers, type Timers } from '../lib/async/timers.ts';

export interface PollingOptions {
  db: Db;
  monitoring: Monitoring;
  writer: Pick<MetricsWriter, 'writeNamed'>;
  icmp: Pick<IcmpService, 'pinger'>;
  devices: Pick<Devices, 'get' | 'exists' | 'setIdentity' | 'enabledTargets'>;
  credentials: Pick<CredentialsRepo, 'resolve'>;
  settings: Pick<SettingsRepo, 'get'>;
  clock: Clock;
  logger: Logger;
  timers?: Timers;
  /** False: no poller is registered (tests, or inspecting a data dir); state and status still work. */
  pollers?: boolean;
  snmpClient?: SnmpClient;
  /**
   * ICMP check timing (tests shorten it). `intervalMs` and `probes` override the ICMP interval and
   * probe-count settings (whose limits, 5 s and 20 probes, are for people, not for tests).
   */
  icmpTiming?: { batchWindowMs?: number; probeIntervalMs?: number; probeTimeoutMs?: number; intervalMs?: number; probes?: number };
  /** The loss window and the degraded hysteresis (loss-window.ts; defaults: 5 min, 10 probes, 10 % / 2 %). */
  lossWindow?: Partial<LossWindowConfig>;
  /** Each availability change (ICMP or SNMP, up or down): wired in engine.ts to alerts and the public event. */
  onAvailability?: (change: AvailabilityChange) => void;
}

export interface Polling {
  service: Service;
  state: DeviceStateRepo;
  /** Undefined without pollers. */
  snmp: SnmpExecutor | undefined;
  icmp: IcmpExecutor | undefined;
  /** Availability per device and source (ICMP, SNMP): the one state machine. */
  availability: AvailabilityMachine;
  /** WARD FLUX's own status of devices and when they last answered (for the device view, main/devices/device-view.ts). */
  ownStatus: Lookup<OwnStatus>;
  /** A device was deleted: the pollers and the SNMP availability forget it (wired in engine.ts). */
  forget(deviceId: string): void;
  health(): MonitoringHealth;
  summary(): PollSummary;
}

export function createPolling(o: PollingOptions): Polling {
  const { db, monitoring, clock, logger } = o;
  const state = createDeviceStateRepo(db, (id) => o.devices.exists(id));
  const pollers = o.pollers ?? true;
  let client: SnmpClient | undefined;
  let snmp: SnmpExecutor | undefined;
  let icmp: IcmpExecutor | undefined;

  // One availability state machine for both sources: ICMP down after the "down after N failed
  // checks" setting; SNMP never by count, but when the scheduler calls the device unreachable.
  const availability = createAvailability({
    state,
    logger,
    downAfter: (source) => (source === 'icmp' ? o.settings.get().icmpDownAfter : Infinity),
    ...(o.onAvailability ? { onChange: o.onAvailability } : {}),
  });
  // A device degraded when the engine stopped stays degraded until its window says otherwise.
  const lossWindows = createLossWindows(o.lossWindow, (id) => state.ofDevice(id).some((s) => s.source === 'icmp' && s.status === 'degraded'));
  const sink = createPollSink({ writer: o.writer, availability, lossWindows, devices: o.devices, logger });
  const { intervalMs: icmpIntervalMs, probes: icmpProbes, ...icmpTiming } = o.icmpTiming ?? {};

  if (pollers) {
    client = o.snmpClient ?? createSnmpClient({ logger });
    snmp = createSnmpExecutor({
      client,
      device: (id) => {
        try {
          return o.devices.get(id);
        } catch {
          return undefined;
        }
      },
      credential: (id) => o.credentials.resolve(id),
      memory: { get: (id) => state.rememberedCredential(id), set: (id, credId) => state.rememberCredential(id, credId, clock.now()) },
      clock,
      logger,
      identity: true,
    });
    monitoring.registerExecutor(throughSink(snmp, sink));
    icmp = createIcmpExecutor({
      pinger: () => o.icmp.pinger(),
      clock,
      timers: o.timers ?? systemTimers,
      logger,
      settings: () => ({ probes: icmpProbes ?? o.settings.get().icmpProbeCount }),
      ...icmpTiming,
    });
    monitoring.registerExecutor(throughSink(icmp, sink));
    // One ICMP item per enabled device, at the ICMP interval setting.
    monitoring.addItemSource((): ScheduledItem[] => {
      const intervalMs = icmpIntervalMs ?? o.settings.get().icmpIntervalSec * 1000;
      return o.devices.enabledTargets().map((d) => ({ id: `icmp:${d.id}`, deviceId: d.id, protocol: 'icmp', intervalMs, payload: { address: d.address } satisfies IcmpItemPayload }));
    });
  }

  let unsubscribe: (() => void)[] = [];
  const service: Service = {
    name: 'standalone-monitoring',
    start() {
      unsubscribe = [
        // The scheduler's verdict (N timeouts in a row, backed off): SNMP says down.
        monitoring.onReachability((change) => {
          if (change.protocol !== 'snmp' || change.reachable) return;
          const failures = monitoring.scheduler.deviceHealth(change.deviceId).find((h) => h.protocol === 'snmp')?.consecutiveTimeouts ?? availability.get(change.deviceId, 'snmp').consecutiveFailures;
          availability.markDown(change.deviceId, 'snmp', change.at, failures);
        }),
      ];
    },
    stop() {
      for (const u of unsubscribe) u();
      unsubscribe = [];
      client?.close();
    },
  };

  function ownStatus(devices: readonly Device[]): (device: Device) => OwnStatus {
    const all = devices.length === 1 ? new Map([[devices[0]?.id as string, state.ofDevice(devices[0]?.id as string)]]) : state.byDevice();
    return (d) => deviceStatus(all.get(d.id), d.enabled);
  }

  function forget(deviceId: string): void {
    snmp?.forget(deviceId);
    availability.forget(deviceId);
    lossWindows.forget(deviceId);
  }

  function health(): MonitoringHealth {
    const protocols = monitoring.scheduler.health();
    const unreachable: MonitoringHealth['unreachable'] = [];
    for (const h of monitoring.scheduler.deviceHealth()) {
      if (h.protocol === 'snmp' && h.unreachableSince !== null) unreachable.push({ deviceId: h.deviceId, protocol: 'snmp', since: h.unreachableSince, lastError: h.lastMessage });
    }
    const states = state.byDevice();
    const devices = { up: 0, down: 0, degraded: 0, unknown: 0 };
    for (const { id } of o.devices.enabledTargets()) {
      const list = states.get(id);
      devices[deviceStatus(list, true).status]++;
      const icmpState = list?.find((s) => s.source === 'icmp');
      if (icmpState?.status === 'down') unreachable.push({ deviceId: id, protocol: 'icmp', since: icmpState.since, lastError: null });
    }
    return { protocols, unreachable, devices };
  }

  function summary(): PollSummary {
    const h = health();
    const p = (protocol: 'snmp' | 'icmp') => h.protocols.find((x) => x.protocol === protocol);
    const snmpH = p('snmp');
    const icmpH = p('icmp');
    return {
      snmp: { devices: snmpH?.devices ?? 0, unreachable: snmpH?.unreachable ?? 0, successRate: snmpH?.recent.successRate ?? null, avgLagMs: snmpH?.recent.avgLagMs ?? null },
      icmp: { devices: icmpH?.devices ?? 0, down: h.unreachable.filter((u) => u.protocol === 'icmp').length, successRate: icmpH?.recent.successRate ?? null, avgLagMs: icmpH?.recent.avgLagMs ?? null },
    };
  }

  return { service, state, snmp, icmp, availability, ownStatus, forget, health, summary };
}
