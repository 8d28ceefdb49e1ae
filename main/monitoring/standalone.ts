/**
 * Standalone monitoring, connected: the SNMP and ICMP pollers plugged into the scheduler, an ICMP
 * item for every enabled device, SNMP and ICMP availability as `device.availability` events and
 * persisted device state, the device status and poll health the contract shows, and the device
 * identity refreshed from the system group the SNMP poller reads (classified like a discovery host).
 */
import type { Device, MonitoredDevice } from '../api/devices.ts';
import type { MonitoringHealth, PollSummary } from '../api/monitoring.ts';
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import type { IcmpService } from '../icmp/icmp-service.ts';
import type { MetricsWriter } from '../metrics/metrics-writer.ts';
import { createSnmpClient, type SnmpClient } from '../snmp/client.ts';
import type { CredentialsRepo } from '../store/credentials-repo.ts';
import type { Db } from '../store/database.ts';
import type { DevicesRepo } from '../store/devices-repo.ts';
import type { SettingsRepo } from '../store/settings-repo.ts';
import { createDeviceStateRepo, type DeviceStateRepo, deviceStatus, type SourceState } from './device-state.ts';
import { createIcmpExecutor, type IcmpExecutor, type IcmpItemPayload } from './icmp-executor.ts';
import type { Monitoring } from './monitoring.ts';
import type { PollOutcome, ScheduledItem } from './poll-executor.ts';
import { classify } from '../discovery/classifier.ts';
import { createSnmpExecutor, type SnmpExecutor, type SystemInfo } from './snmp-executor.ts';
import { createDeviceViews } from '../zabbix/device-view.ts';
import { systemTimers, type Timers } from '../lib/async/timers.ts';

export interface StandaloneOptions {
  db: Db;
  monitoring: Monitoring;
  writer: Pick<MetricsWriter, 'writeNamed'>;
  events: EventBus;
  icmp: Pick<IcmpService, 'pinger'>;
  devices: Pick<DevicesRepo, 'get' | 'setIdentity'>;
  credentials: Pick<CredentialsRepo, 'resolve'>;
  settings: Pick<SettingsRepo, 'get'>;
  clock: Clock;
  logger: Logger;
  timers?: Timers;
  /** False: no poller is registered (tests, or inspecting a data dir); state and status still work. */
  pollers?: boolean;
  snmpClient?: SnmpClient;
  /** ICMP check timing (tests shorten it). */
  icmpTiming?: { batchWindowMs?: number; probeIntervalMs?: number; probeTimeoutMs?: number };
}

export interface StandaloneMonitoring {
  service: Service;
  state: DeviceStateRepo;
  /** Undefined without pollers. */
  snmp: SnmpExecutor | undefined;
  icmp: IcmpExecutor | undefined;
  /** Devices with their status (by monitoring mode: own, Zabbix's or both), source, Zabbix view and when they last answered. */
  withStatus(devices: readonly Device[]): MonitoredDevice[];
  health(): MonitoringHealth;
  summary(): PollSummary;
}

export function createStandaloneMonitoring(o: StandaloneOptions): StandaloneMonitoring {
  const { db, monitoring, events, clock, logger } = o;
  const state = createDeviceStateRepo(db);
  const enabledDevices = db.prepare<[], { id: string; address: string }>('SELECT id, address FROM devices WHERE enabled = 1');
  const enabledCount = db.prepare<[], { id: string }>('SELECT id FROM devices WHERE enabled = 1');
  const pollers = o.pollers ?? true;
  let client: SnmpClient | undefined;
  let snmp: SnmpExecutor | undefined;
  let icmp: IcmpExecutor | undefined;

  // SNMP availability: up when a poll is answered, down when the scheduler marks the device unreachable.
  const snmpStates = new Map<string, SourceState>(state.ofSource('snmp').map((s) => [s.deviceId, s]));
  function setSnmp(deviceId: string, next: Omit<SourceState, 'deviceId' | 'source'>): void {
    const prev = snmpStates.get(deviceId);
    const s: SourceState = { deviceId, source: 'snmp', ...next, lastSeenAt: next.lastSeenAt ?? prev?.lastSeenAt ?? null };
    snmpStates.set(deviceId, s);
    try {
      state.save([s]);
    } catch (err) {
      logger.warn({ err, deviceId }, 'SNMP device state not saved');
    }
    if (prev?.status !== s.status && (s.status === 'up' || s.status === 'down')) {
      events.emit('device.availability', { deviceId, source: 'snmp', status: s.status, atMs: s.since ?? clock.now(), consecutiveFailures: s.consecutiveFailures });
    }
  }
  function onSnmpOutcome(deviceId: string, outcome: PollOutcome): void {
    const now = clock.now();
    const prev = snmpStates.get(deviceId);
    if (outcome.status === 'timeout') {
      if (prev) setSnmp(deviceId, { ...prev, consecutiveFailures: prev.consecutiveFailures + 1, lastCheckAt: now, lastSeenAt: null });
      else setSnmp(deviceId, { status: 'unknown', since: null, consecutiveFailures: 1, lastCheckAt: now, lastSeenAt: null });
      return;
    }
    // Any answer (even an error such as a wrong v3 password) means the agent is reachable.
    setSnmp(deviceId, { status: 'up', since: prev?.status === 'up' ? prev.since : now, consecutiveFailures: 0, lastCheckAt: now, lastSeenAt: now });
  }

  /**
   * A device's identity from its system group. SNMP alone may know less than the scan that added
   * the device (ports, MAC vendor): a field the classifier leaves empty keeps its value, and type
   * 'unknown' does not replace a known type. sysName, sysLocation and sysObjectID are taken as read.
   */
  function onSystemInfo(deviceId: string, info: SystemInfo): void {
    try {
      const c = classify({ sysObjectID: info.sysObjectID, sysDescr: info.sysDescr, sysServices: info.sysServices });
      const device = o.devices.setIdentity(deviceId, {
        ...(c.type !== 'unknown' ? { type: c.type } : {}),
        ...(c.vendor ? { vendor: c.vendor } : {}),
        ...(c.model ? { model: c.model } : {}),
        ...(c.os ? { os: c.os } : {}),
        ...(c.osVersion ? { osVersion: c.osVersion } : {}),
        sysName: info.sysName,
        location: info.sysLocation,
        sysObjectID: info.sysObjectID,
      });
      if (device) {
        logger.info({ deviceId, type: device.type, vendor: device.vendor, model: device.model }, 'device identity updated');
        events.emit('device.updated', device);
      }
    } catch (err) {
      logger.debug({ err, deviceId }, 'device identity not stored');
    }
  }

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
      writer: o.writer,
      clock,
      logger,
      identity: onSystemInfo,
    });
    const snmpExecutor = snmp;
    monitoring.registerExecutor({
      protocol: 'snmp',
      async poll(job) {
        const outcome = await snmpExecutor.poll(job);
        onSnmpOutcome(job.deviceId, outcome);
        return outcome;
      },
    });
    icmp = createIcmpExecutor({
      pinger: () => o.icmp.pinger(),
      writer: o.writer,
      state,
      clock,
      timers: o.timers ?? systemTimers,
      logger,
      events,
      settings: () => {
        const s = o.settings.get();
        return { probes: s.icmpProbeCount, downAfter: s.icmpDownAfter };
      },
      ...o.icmpTiming,
    });
    monitoring.registerExecutor(icmp);
    // One ICMP item per enabled device, at the ICMP interval setting.
    monitoring.addItemSource((): ScheduledItem[] => {
      const intervalMs = o.settings.get().icmpIntervalSec * 1000;
      return enabledDevices.all().map((d) => ({ id: `icmp:${d.id}`, deviceId: d.id, protocol: 'icmp', intervalMs, payload: { address: d.address } satisfies IcmpItemPayload }));
    });
  }

  let unsubscribe: (() => void)[] = [];
  const service: Service = {
    name: 'standalone-monitoring',
    start() {
      unsubscribe = [
        events.subscribe((event) => {
          if (event.name === 'settings.changed') monitoring.reload();
          else if (event.name === 'device.deleted') {
            snmp?.forget(event.payload.id);
            icmp?.forget(event.payload.id);
            snmpStates.delete(event.payload.id);
          }
        }),
        monitoring.onReachability((change) => {
          if (change.protocol !== 'snmp' || change.reachable) return;
          const prev = snmpStates.get(change.deviceId);
          const failures = monitoring.scheduler.deviceHealth(change.deviceId).find((h) => h.protocol === 'snmp')?.consecutiveTimeouts ?? prev?.consecutiveFailures ?? 0;
          setSnmp(change.deviceId, { status: 'down', since: change.at, consecutiveFailures: failures, lastCheckAt: change.at, lastSeenAt: null });
        }),
      ];
    },
    stop() {
      for (const u of unsubscribe) u();
      unsubscribe = [];
      client?.close();
    },
  };

  const withView = createDeviceViews(db, o.settings);
  function withStatus(devices: readonly Device[]): MonitoredDevice[] {
    const all = devices.length === 1 ? new Map([[devices[0]?.id as string, state.ofDevice(devices[0]?.id as string)]]) : state.byDevice();
    return withView(devices, (d) => deviceStatus(all.get(d.id), d.enabled));
  }

  function health(): MonitoringHealth {
    const protocols = monitoring.scheduler.health();
    const unreachable: MonitoringHealth['unreachable'] = [];
    for (const h of monitoring.scheduler.deviceHealth()) {
      if (h.protocol === 'snmp' && h.unreachableSince !== null) unreachable.push({ deviceId: h.deviceId, protocol: 'snmp', since: h.unreachableSince, lastError: h.lastMessage });
    }
    const states = state.byDevice();
    const devices = { up: 0, down: 0, degraded: 0, unknown: 0 };
    for (const { id } of enabledCount.all()) {
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

  return { service, state, snmp, icmp, withStatus, health, summary };
}
