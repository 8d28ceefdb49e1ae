import fs from 'node:fs';
import { createAlertHandlers } from './alerts/alert-handlers.ts';
import type { Alerts } from './alerts/index.ts';
import type { OutputOf } from './api/contract.ts';
import type { Handlers } from './api/dispatcher.ts';
import { createDiscoveryHandlers, createDiscoveryJobHandlers } from './discovery/discovery-handlers.ts';
import { createDeviceStats } from './device-stats.ts';
import type { DiscoveryService } from './discovery/jobs/discovery-service.ts';
import type { Devices } from './devices/devices.ts';
import type { MonitoredDevice, Device } from './api/devices.ts';
import type { Clock } from './lib/clock.ts';
import type { EventBus } from './lib/event-bus.ts';
import type { Logger } from './lib/logger.ts';
import { createDiagnosticsHandlers } from './icmp/diagnostics-handlers.ts';
import type { IcmpService } from './icmp/icmp-service.ts';
import { NotFoundError } from './errors.ts';
import type { Outbox } from './outbox/index.ts';
import { createMetricsHandlers } from './metrics/metrics-handlers.ts';
import type { Metrics } from './metrics/metrics.ts';
import type { Monitoring } from './monitoring/monitoring.ts';
import type { Polling } from './monitoring/polling.ts';
import { createTemplatesHandlers } from './templates/templates-handlers.ts';
import { createTemplateImportHandlers } from './templates/template-import-handlers.ts';
import { createCredentialTestHandler } from './discovery/jobs/credential-test-handlers.ts';
import type { TemplatesRepo } from './templates/templates-repo.ts';
import type { OpenedDatabase } from './store/database.ts';
import type { CredentialsRepo } from './store/credentials-repo.ts';
import type { Settings } from './api/settings.ts';
import type { SettingsRepo } from './store/settings-repo.ts';
import type { TokensRepo } from './store/tokens-repo.ts';
import type { UsersRepo } from './store/users-repo.ts';
import type { AuditRepo } from './store/audit-repo.ts';
import { createAccessHandlers } from './access-handlers.ts';
import { createSyncHandlers } from './sync/sync-handlers.ts';
import { createCentralHandlers } from './central/central-handlers.ts';
import type { CentralArea } from './central/central-area.ts';
import { createReportsHandlers } from './reports/reports-handlers.ts';
import type { ReportService } from './reports/report-service.ts';
import type { SitesRepo } from './reports/sites-repo.ts';
import type { SyncArea } from './sync/sync-service.ts';
import { VERSION } from './version.ts';
import { createZabbixHandlers } from './zabbix/zabbix-handlers.ts';
import type { ZabbixArea } from './zabbix/zabbix-service.ts';
import type { L2Area } from './l2/l2-area.ts';
import { createL2Handlers } from './l2/l2-handlers.ts';
import { createTopologyHandlers } from './topology/topology-handlers.ts';
import type { TopologyService } from './topology/topology-service.ts';

export interface HandlerDeps {
  database: OpenedDatabase;
  /** The devices area: its writes emit device.* themselves. */
  devices: Devices;
  /** The device as listed, in the monitoring mode (main/devices/device-view.ts). */
  deviceView: (devices: readonly Device[]) => MonitoredDevice[];
  credentials: CredentialsRepo;
  settings: SettingsRepo;
  metrics: Metrics;
  templates: TemplatesRepo;
  monitoring: Monitoring;
  events: EventBus;
  /** The shared pinger and its method (diagnostics, health). */
  icmp: IcmpService;
  clock: Clock;
  logger: Logger;
  outbox: Outbox;
  /** Zabbix client, offline cache and pushes. */
  zabbix: ZabbixArea;
  /** Alert engine and notifier. */
  alerts: Alerts;
  /** VictoriaMetrics sync (config, status, test). */
  sync: SyncArea;
  /** Discovery jobs (sweep, results, add to monitoring). */
  discovery: DiscoveryService;
  /** Pollers, availability, device state and poll health. */
  polling: Polling;
  /** Reports (generation, history) and sites. */
  reports: ReportService;
  sites: SitesRepo;
  /** Central WARD FLUX: the laptop's target and uploads, the central's received uploads. */
  central: CentralArea;
  /** API tokens of the HTTP API and the headless host. */
  tokens: TokensRepo;
  /** Users and roles of the headless host and the central. */
  users: UsersRepo;
  /** The audit log of state-changing and refused calls. */
  audit: AuditRepo;
  /** Layer 2: neighbours, forwarding tables, VLANs, ARP, where-is (main/l2/). */
  l2: L2Area;
  /** The site map built from the L2 snapshots (main/topology/). */
  topology: TopologyService;
  /** Settings were saved: the engine hands them to the areas that follow them (wired in engine.ts). */
  settingsChanged?: (settings: Settings) => void;
  startedAt: number;
}

/** The handler of every procedure of the contract. Each area adds its handlers here. */
export function createHandlers(d: HandlerDeps): Handlers {
  const deviceStats = createDeviceStats({ query: d.metrics.query, activeAlerts: (filter) => d.alerts.engine.list(filter), now: () => d.clock.now() });
  return {
    health: () => {
      let sizeBytes = 0;
      let status: 'ok' | 'error' = 'ok';
      try {
        d.database.db.prepare('SELECT 1').get();
        sizeBytes = fs.statSync(d.database.file).size;
      } catch {
        status = 'error';
      }
      return {
        status: status === 'ok' ? 'ok' : 'degraded',
        version: VERSION,
        uptimeSec: Math.round((d.clock.now() - d.startedAt) / 1000),
        database: { status, schemaVersion: d.database.schemaVersion, sizeBytes },
        devices: status === 'ok' ? d.devices.count() : 0,
        icmp: d.icmp.methodInfo(),
        sync: status === 'ok' ? d.sync.health() : null,
        polling: status === 'ok' ? d.polling.summary() : null,
        central: d.central.mode,
      };
    },

    'devices.list': (input) => {
      const page = d.devices.list(input, d.settings.get().monitoringMode);
      return { ...page, items: d.deviceView(page.items) };
    },
    'devices.get': ({ id }) => d.deviceView([d.devices.get(id)])[0] as OutputOf<'devices.get'>,
    'devices.stats': () => deviceStats(),
    'monitoring.health': () => d.polling.health(),
    'devices.create': (input) => {
      // A device Zabbix already has (imported at this address) becomes the technician's own.
      const adopted = d.zabbix.adopt(input);
      if (adopted) return adopted;
      return d.devices.create(input);
    },
    'devices.update': (input) => d.devices.update(input),
    'devices.delete': ({ id }) => {
      d.devices.delete(id);
      return { id };
    },

    ...createDiscoveryHandlers(),
    ...createDiscoveryJobHandlers(d.discovery),

    'credentials.list': () => d.credentials.list(),
    'credentials.create': (input) => {
      const credential = d.credentials.create(input);
      d.events.emit('credential.changed', { id: credential.id, action: 'created', credential });
      return credential;
    },
    'credentials.update': (input) => {
      const credential = d.credentials.update(input);
      d.events.emit('credential.changed', { id: credential.id, action: 'updated', credential });
      return credential;
    },
    'credentials.delete': ({ id }) => {
      d.credentials.delete(id);
      d.events.emit('credential.changed', { id, action: 'deleted' });
      return { id };
    },
    ...createCredentialTestHandler(d),

    ...createMetricsHandlers(d),
    ...createAlertHandlers({ alerts: d.alerts, zabbixAck: d.zabbix.problemMirror.acknowledge }),
    ...createTemplatesHandlers(d),
    ...createTemplateImportHandlers(d),

    'outbox.status': () => d.outbox.status(),
    'outbox.list': (input) => d.outbox.list(input),
    'outbox.retry': ({ id }) => {
      if (!d.outbox.retry(id)) throw new NotFoundError(`No undelivered outbox entry ${id}.`);
      d.outbox.kick();
      return { id };
    },

    ...createDiagnosticsHandlers(d),

    ...createZabbixHandlers(d),

    ...createSyncHandlers(d),

    ...createReportsHandlers(d),
    ...createCentralHandlers(d),
    ...createL2Handlers({ l2: d.l2, deviceName: (id) => d.devices.find(id)?.name }),
    ...createTopologyHandlers(d.topology),

    ...createAccessHandlers(d),

    'settings.get': () => d.settings.get(),
    'settings.set': (patch) => {
      const settings = d.settings.set(patch);
      d.settingsChanged?.(settings);
      d.events.emit('settings.changed', settings);
      return settings;
    },
  };
}
