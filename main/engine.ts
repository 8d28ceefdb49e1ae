import crypto from 'node:crypto';
import { type Alerts, type AlertsOptions, createAlerts } from './alerts/index.ts';
import { type Api, createApi } from './api/dispatcher.ts';
import { type Clock, systemClock } from './lib/clock.ts';
import { createEventBus, type EventBus } from './lib/event-bus.ts';
import { type Logger, silentLogger } from './lib/logger.ts';
import type { Service } from './lib/service.ts';
import { createDevices } from './devices/devices.ts';
import { createDeviceView } from './devices/device-view.ts';
import { createDiscovery, type DiscoveryService } from './discovery/jobs/discovery-service.ts';
import { createHandlers } from './handlers.ts';
import { createIcmp, type IcmpService } from './icmp/icmp-service.ts';
import type { PingMethod } from './icmp/types.ts';
import { createOutbox, type Outbox } from './outbox/index.ts';
import { createSync, type SyncArea, type SyncOptions } from './sync/sync-service.ts';
import { type CentralArea, type CentralOptions, createCentral } from './central/central-area.ts';
import { createReports, type ReportService } from './reports/report-service.ts';
import { createSitesRepo } from './reports/sites-repo.ts';
import { createZabbix, type ZabbixArea } from './zabbix/zabbix-service.ts';
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import { publishSamples } from './metrics/sample-events.ts';
import { createMonitoring, type Monitoring } from './monitoring/monitoring.ts';
import { createPollGate } from './monitoring/poll-gate.ts';
import { createPolling, type Polling, type PollingOptions } from './monitoring/polling.ts';
import { loadBuiltinTemplates } from './templates/builtin.ts';
import { templateAlertsOf, templateMetrics } from './templates/template-metrics.ts';
import { createTemplatesRepo, type TemplatesRepo } from './templates/templates-repo.ts';
import { createSecretBox } from './secrets/secret-box.ts';
import { hasDataKey, verifyDataKey } from './secrets/key-check.ts';
import { headlessSecrets } from './secrets/headless-secrets.ts';
import type { SecretsProvider } from './secrets/secrets-provider.ts';
import { createCredentialsRepo, type CredentialsRepo } from './store/credentials-repo.ts';
import { openDatabase, type OpenedDatabase } from './store/database.ts';
import { acquireEngineLock, readEngineLockHolder } from './store/engine-lock.ts';
import { createSettingsRepo } from './store/settings-repo.ts';
import { createL2, type L2Area } from './l2/l2-area.ts';
import { createTopologyService } from './topology/topology-service.ts';
import { DeviceListInput } from './api/devices.ts';
import { DISCOVERY_LIMITS } from './api/discovery.ts';
import { createTokensRepo, type TokensRepo } from './store/tokens-repo.ts';
import { createUsersRepo, type UsersRepo } from './store/users-repo.ts';
import { type AuditRepo, createAuditRepo, LOCAL_USER } from './store/audit-repo.ts';
import { createSelfMetrics, type SelfMetrics } from './self-metrics/self-metrics.ts';

export interface EngineOptions {
  /** The directory holding the database (and, headless, the key file). */
  dataDir: string;
  /**
   * Hold the data directory's lock (main/store/engine-lock.ts) while open: the hosts and the CLI
   * commands that run jobs or background work set it, so a second one fails with EngineLockedError
   * naming the holder's PID. Without it (read-only commands, tests) the engine is a guest.
   */
  exclusive?: boolean;
  clock?: Clock;
  /** Where the data key comes from; defaults to the headless provider (env var or key file). */
  secrets?: SecretsProvider;
  logger?: Logger;
  /** ICMP: force a method ('auto' by default) and the send rate limit in packets/s (default 1000). */
  icmp?: { method?: 'auto' | PingMethod; ratePerSec?: number };
  /** Alerts: notification retry policy, tick and digest periods, SMTP timeout (tests shorten them). */
  alerts?: Pick<AlertsOptions, 'retry' | 'tickMs' | 'digestPollMs' | 'smtpTimeoutMs'>;
  /** VictoriaMetrics sync: push interval, batch size, backoff (tests shorten them; the crash test wraps fetch). */
  sync?: Pick<SyncOptions, 'pushIntervalMs' | 'maxSamplesPerPush' | 'retry' | 'timeoutMs' | 'fetch'>;
  /**
   * Whether start() runs the SNMP and ICMP pollers. Default: on, unless the environment has
   * WARD_POLLERS=off (the unit and e2e test projects set it: their devices have made-up addresses
   * that must never be polled).
   */
  pollers?: boolean;
  /**
   * The self poller: the engine device "WARD FLUX" and its series (main/self-metrics/). Default: on
   * with the pollers, or as WARD_SELF_METRICS=on|off says; the interval defaults to 15 s.
   */
  selfMetrics?: { poller?: boolean; intervalMs?: number };
  /** ICMP check timing (tests shorten it). */
  icmpTiming?: PollingOptions['icmpTiming'];
  /** The ICMP loss window and degraded hysteresis (monitoring/loss-window.ts; tests shorten the window). */
  lossWindow?: PollingOptions['lossWindow'];
  /** Central WARD FLUX: `mode` accepts site uploads (serve --central); upload retry policy and fetch (tests). */
  central?: CentralOptions;
  /**
   * Zabbix: the mirror's period (default 60 s; it runs whatever `pollers` says), and the fetch the
   * client uses (unit tests answer like a Zabbix server).
   */
  zabbix?: { mirrorIntervalMs?: number; fetch?: typeof fetch };
}

/**
 * The areas inside an engine, for the code that runs the engine's own work in process: the CLI's
 * long-running commands (discover, zabbix push, report), benchmarks and tests. The shells
 * (Electron, the headless host) use the contract (`api`, `events`), not these.
 */
export interface EngineAreas {
  /** The durable outbox: areas register delivery handlers for their topics. */
  outbox: Outbox;
  /** The Zabbix area: client for the saved server, offline cache, pushes (topic 'zabbix.push'). */
  zabbix: ZabbixArea;
  /** Credentials with their secrets opened, for the pollers inside the engine. */
  credentials: Pick<CredentialsRepo, 'resolve'>;
  /** The metrics store: the poll sink writes samples through `metrics.writer`. */
  metrics: Metrics;
  /** The scheduler and monitoring items: pollers plug in with `monitoring.registerExecutor`. */
  monitoring: Monitoring;
  /** The SNMP and ICMP pollers, the poll sink, availability, device state and poll health. */
  polling: Polling;
  /** The shared pinger (`icmp.pinger()`) and the ICMP method in use (`icmp.methodInfo()`). */
  icmp: IcmpService;
  /** The alert engine (rules, alerts, maintenance, dependencies) and the notifier (channels, delivery). */
  alerts: Alerts;
  /** VictoriaMetrics sync: the queue of flushed samples and its push worker. */
  sync: SyncArea;
  /** Discovery jobs; `discovery.start(input, { credentials })` also takes credentials for one run only (CLI). */
  discovery: DiscoveryService;
  /** Reports: generation off the request path, history, files in <dataDir>/reports/. */
  reports: ReportService;
  /** Central WARD FLUX: the laptop's target and upload queue; in central mode, the uploads received. */
  central: CentralArea;
  /** Built-in and user templates (the CLI's templates poll reads one with its includes merged). */
  templates: Pick<TemplatesRepo, 'resolved' | 'list'>;
  /** Layer 2 snapshots (neighbours, FDB, VLANs, ARP) and reading a device now. */
  l2: L2Area;
  /** The engine's own metrics: the Prometheus exposition and the self poller's tick. */
  selfMetrics: SelfMetrics;
}

/** One running WARD FLUX engine. Holds no global state: several may run in one process. */
export interface Engine {
  /** A random id per engine instance: the owner recorded on its discovery jobs (the lock holder's, when exclusive). */
  instanceId: string;
  dataDir: string;
  logger: Logger;
  /** The contract, implemented: what every transport calls. */
  api: Api;
  /** The public projection of the engine's events, by topic and filter (transports subscribe). */
  events: EventBus;
  /** API tokens: the host authenticates with them; listed, created and revoked through the contract and the CLI. */
  tokens: TokensRepo;
  /** Users and roles: the host signs them in; sessions and tokens act with their role. */
  users: UsersRepo;
  /** The audit log: the dispatcher writes calls to it; the host writes sign-ins. */
  audit: AuditRepo;
  /** Central mode (serve --central): the host serves the laptops' upload routes. */
  central: Pick<CentralArea, 'mode' | 'store'>;
  /** The areas, for in-process work (CLI commands, benchmarks, tests); see EngineAreas. */
  areas: EngineAreas;
  /** Starts background work (schedulers, workers). */
  start(): Promise<void>;
  /** Stops background work and closes the database. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * The composition root: opens the store, checks the data key, wires repositories, handlers and
 * the event bus. Throws StorageError or SecretsError with a message for the user when the data
 * directory, the database or the key cannot be used.
 */
export async function createEngine(options: EngineOptions): Promise<Engine> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentLogger();
  const secrets = options.secrets ?? headlessSecrets(options.dataDir);
  const lock = options.exclusive ? acquireEngineLock(options.dataDir, { logger }) : null;
  const instanceId = lock?.holder.instanceId ?? crypto.randomUUID();
  let database: OpenedDatabase;
  try {
    database = openDatabase(options.dataDir, logger);
  } catch (err) {
    lock?.release();
    throw err;
  }
  let stopped = false;
  try {
    const box = createSecretBox(await secrets.getDataKey({ mayCreate: !hasDataKey(database.db) }), secrets.describe());
    verifyDataKey(database.db, box, secrets.describe());
    const events = createEventBus(logger);
    // The only owner of the devices table; its writes emit device.* and call the change hook wired below.
    const devices = createDevices({ db: database.db, clock, events, logger });
    const credentials = createCredentialsRepo(database.db, box, clock);
    const settings = createSettingsRepo(database.db);
    const metrics = createMetrics({ db: database.db, clock, logger });
    const templates = createTemplatesRepo(database.db, clock, loadBuiltinTemplates());
    // The seam for the pollers: no SNMP/ICMP executor is registered here yet (monitoring.registerExecutor).
    // ICMP jobs are cheap (they wait on the shared pinger), and a check lasts seconds: allow many at once.
    const monitoring = createMonitoring({ db: database.db, clock, logger, devices, pollGate: createPollGate(database.db, settings), scheduler: { concurrency: { icmp: 4096 } } });
    const outbox = createOutbox({ db: database.db, clock, logger });
    const alerts = createAlerts({ db: database.db, box, clock, logger, events, outbox, devices, templateMetrics: () => templateMetrics(templates.all()), ...options.alerts });
    // A template applied to devices → its default alert rules (installed once, scoped to the template).
    monitoring.items.onApplied((template) => alerts.engine.rules.installForTemplate(templateAlertsOf(template)));
    // The pipeline: writer flush → alerts (evaluated in order of writing) → the public projection.
    metrics.onSamples((samples) => {
      alerts.engine.ingest.samples(samples);
      publishSamples(events, samples);
    });
    const zabbix = createZabbix({
      db: database.db,
      box,
      outbox,
      devices,
      credentials,
      settings,
      clock,
      logger,
      events,
      external: alerts.external,
      ...(options.zabbix?.fetch ? { fetch: options.zabbix.fetch } : {}),
      ...(options.zabbix?.mirrorIntervalMs ? { mirror: { intervalMs: options.zabbix.mirrorIntervalMs } } : {}),
    });
    const sync = createSync({ db: database.db, box, clock, logger, registry: metrics.registry, writer: metrics.writer, ...options.sync });
    // The pinger's one bucket is the engine-wide ceiling, as fast as a discovery job may go
    // (ratePps, or what answers raise it to): every sender paces itself below it (a job by its
    // pacer, monitoring by the scheduler's spread, diagnostics by their intervals).
    const icmp = createIcmp({ logger, ...(options.icmp?.method ? { method: options.icmp.method } : {}), ratePerSec: options.icmp?.ratePerSec ?? DISCOVERY_LIMITS.maxRatePps });
    const polling = createPolling({
      db: database.db,
      monitoring,
      writer: metrics.writer,
      icmp,
      devices,
      credentials,
      settings,
      clock,
      logger,
      pollers: options.pollers ?? process.env.WARD_POLLERS !== 'off',
      ...(options.icmpTiming ? { icmpTiming: options.icmpTiming } : {}),
      ...(options.lossWindow ? { lossWindow: options.lossWindow } : {}),
      // Availability changes (ICMP and SNMP, one state machine) → alerts → the public projection.
      onAvailability: (change) => {
        alerts.engine.ingest.availability(change);
        events.emit('device.availability', change);
      },
    });
    // Device changes → the internal consumers, by explicit calls (the bus only projects device.* to clients).
    devices.onChange((changes) => {
      const deleted = changes.flatMap((c) => (c.kind === 'deleted' ? [c.id] : []));
      for (const id of deleted) {
        monitoring.removeDevice(id);
        polling.forget(id);
        try {
          metrics.deleteDeviceSeries(id);
        } catch (err) {
          logger.error({ err, deviceId: id }, 'deleting the series of a deleted device failed');
        }
      }
      // What a poll learned a device is (its identity) changes nothing that is polled: no reload.
      if (changes.some((c) => c.kind !== 'deleted' && !c.identityOnly)) monitoring.reloadSoon();
      alerts.engine.devicesChanged(deleted);
    });
    const deviceView = createDeviceView({ mode: () => settings.get().monitoringMode, ownStatus: polling.ownStatus, zabbix: zabbix.deviceLookup });
    // Marks jobs a dead engine left running as interrupted, at once (the CLI never calls start()).
    // Whose jobs are live: this engine's, and the lock holder's (another process, when this one is a guest).
    const lockHolder = lock
      ? () => lock.holder
      : () => {
          const held = readEngineLockHolder(options.dataDir);
          return held.locked ? held.holder : null;
        };
    // Layer 2: snapshots per device, read now (l2.refresh) and re-read every 15 minutes for switches and routers.
    const l2 = createL2({
      db: database.db,
      clock,
      logger,
      devices: { get: (id) => devices.get(id), list: () => devices.summaries().flatMap((s) => devices.find(s.id) ?? []) },
      credential: (id) => credentials.resolve(id),
      remembered: (id) => polling.state.rememberedCredential(id),
      refresher: options.pollers ?? process.env.WARD_POLLERS !== 'off',
    });
    const discovery = createDiscovery({ db: database.db, clock, logger, events, icmp, credentials, devices, templates, monitoring, settings, instanceId, lockHolder, l2: l2.store });
    const sites = createSitesRepo(database.db, clock, settings, devices);
    const reports = createReports({ db: database.db, dataDir: options.dataDir, clock, logger, events, sites, settings, discovery, devices, siteMap: (ids) => topology.siteMapSvg(ids) });
    const central = createCentral({ db: database.db, box, clock, dataDir: options.dataDir, outbox, reports, discovery, devices, sites, settings, ...options.central });
    const tokens = createTokensRepo(database.db, clock);
    const users = createUsersRepo(database.db, clock);
    const audit = createAuditRepo(database.db, clock);
    // The site map (main/topology/): the snapshots as a graph, laid out, with the positions users saved.
    const topology = createTopologyService({
      db: database.db,
      clock,
      devices: () => deviceView(devices.list(DeviceListInput.parse({ limit: 50_000 }), settings.get().monitoringMode).items),
      snapshots: () => l2.store.list(),
      scan: (jobId) => ({ hosts: discovery.get({ jobId, limit: 10_000, offset: 0 }).results.map((h) => ({ address: h.address, name: h.name, type: h.type, sysName: h.sysName, mac: h.mac })), snapshots: l2.store.scans(jobId) }),
    });
    // Settings saved → the areas that follow them (the bus only projects settings.changed to clients).
    const settingsChanged = () => {
      monitoring.reloadSoon();
      zabbix.mirror.modeChanged();
    };
    const handlers = createHandlers({ topology, l2, tokens, users, audit, database, devices, deviceView, credentials, settings, metrics, templates, monitoring, outbox, zabbix, alerts, discovery, sync, polling, reports, sites, central, events, icmp, clock, logger, startedAt: clock.now(), settingsChanged });
    // Background services, started in this order and stopped in reverse.
    // The engine's own figures: calls (the dispatcher's observer), polls (monitoring's hook), outbox, store, event loop, memory.
    const selfEnv = process.env.WARD_SELF_METRICS;
    const selfMetrics = createSelfMetrics({
      clock,
      logger,
      writer: metrics.writer,
      outbox,
      devices,
      poller: options.selfMetrics?.poller ?? (selfEnv === 'on' || selfEnv === 'off' ? selfEnv === 'on' : (options.pollers ?? process.env.WARD_POLLERS !== 'off')),
      ...(options.selfMetrics?.intervalMs ? { intervalMs: options.selfMetrics.intervalMs } : {}),
    });
    monitoring.onPoll(selfMetrics.observePoll);
    const services: Service[] = [...metrics.services, outbox.service, zabbix.mirror.service, sync.service, icmp, polling.service, monitoring.service, ...alerts.services, l2.service, selfMetrics.service];
    const started: Service[] = [];
    return {
      instanceId,
      // Every state-changing, packet-sending or refused call, with its user (none: the local admin).
      api: createApi(handlers, logger, { audit: (entry) => audit.write({ ...entry, user: entry.user ?? { id: null, name: LOCAL_USER, role: 'admin' } }), observe: selfMetrics.observeCall }),
      events,
      tokens,
      users,
      audit,
      dataDir: options.dataDir,
      logger,
      central,
      areas: { outbox, zabbix, credentials, metrics, monitoring, polling, icmp, alerts, discovery, sync, reports, central, templates, l2, selfMetrics },
      start: async () => {
        for (const service of services) {
          await service.start();
          started.push(service);
        }
      },
      stop: async () => {
        if (stopped) return;
        stopped = true;
        // First: running jobs use the pinger and the database.
        await discovery.stop();
        await reports.stop();
        for (const service of started.reverse()) {
          try {
            await service.stop();
          } catch (err) {
            logger.error({ err, service: service.name }, 'service failed to stop');
          }
        }
        database.db.close();
        lock?.release();
      },
    };
  } catch (err) {
    database.db.close();
    lock?.release();
    throw err;
  }
}
