/**
 * The Zabbix area of the engine: the configured connection, reads served from the server or,
 * when it cannot be reached, from the offline cache (marked stale, with their age), acknowledging
 * problems, pushing devices as hosts through the durable outbox (topic `zabbix.push`), and the
 * mirror of Zabbix and hybrid modes (hosts as devices, problems as alerts; mirror/mirror-service.ts).
 */
import type { z } from 'zod';
import type { ExternalProblems } from '../alerts/external-problems.ts';
import type { Devices } from '../devices/devices.ts';
import type { ZabbixHistory, ZabbixHost, ZabbixItem, ZabbixProblem, ZabbixTestResult } from '../api/zabbix.ts';
import { AppError, NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Logger } from '../lib/logger.ts';
import type { Timers } from '../lib/async/timers.ts';
import { type Outbox, PermanentDeliveryError } from '../outbox/index.ts';
import type { SecretBox } from '../secrets/secret-box.ts';
import type { CredentialsRepo } from '../store/credentials-repo.ts';
import type { Db } from '../store/database.ts';
import type { SettingsRepo } from '../store/settings-repo.ts';
import { createZabbixCache, queryKey, type CacheKind } from './api/cache.ts';
import { apiEndpoint, createZabbixClient, type ZabbixClient } from './api/client.ts';
import { createZabbixConfigRepo, sameServer, type ZabbixConfigInput } from './config-repo.ts';
import { isOffline, ZabbixApiError } from './api/errors.ts';
import { createZabbixDeviceLookup } from './mirror/device-view.ts';
import { createHostMirror } from './mirror/host-mirror.ts';
import { createZabbixLinksRepo } from './mirror/links-repo.ts';
import { createMirrorService } from './mirror/mirror-service.ts';
import { createProblemMirror } from './mirror/problem-mirror.ts';
import { type HostSpec, pushHost, type PushResult, type SnmpAccess } from './api/push.ts';
import { acknowledgeEvent, getHistory, getHosts, getItems, getProblemEvents, getProblems } from './api/reads.ts';

export const PUSH_TOPIC = 'zabbix.push';

export interface ZabbixDeps {
  db: Db;
  box: SecretBox;
  outbox: Outbox;
  devices: Devices;
  /** The alerts area's entry point for external problems: mirrored problems are written through it. */
  external: ExternalProblems;
  credentials: Pick<CredentialsRepo, 'resolve'>;
  settings: SettingsRepo;
  clock: Clock;
  logger: Logger;
  events: EventBus;
  /** The mirror's period (default 60 s) and timers (tests). */
  mirror?: { intervalMs?: number; timers?: Timers };
  /** Per-request timeout of Zabbix calls (default 15 s). */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface Fresh<T> {
  items: T[];
  stale: boolean;
  fetchedAt: number;
  ageSec: number;
  error?: string;
}

interface PushPayload {
  deviceId: string;
  /**
   * The API endpoint the push was queued for. A push carries the device's SNMP community or v3
   * keys: it goes to that server only, never to one configured after it was queued.
   */
  server?: string;
}

export function createZabbix(deps: ZabbixDeps) {
  const { db, clock, logger, outbox } = deps;
  const config = createZabbixConfigRepo(db, deps.box, clock);
  const cache = createZabbixCache(db, clock);
  const log = logger.child({ area: 'zabbix' });
  let client: { key: string; client: ZabbixClient } | undefined;
  let offline = false;

  function current(): ZabbixClient {
    const c = config.resolve();
    if (!c?.url) throw new ValidationError('No Zabbix server is configured: set its URL and credentials in Settings.');
    const key = JSON.stringify([c.url, c.auth]);
    if (client?.key !== key) {
      void client?.client.close();
      client = { key, client: createZabbixClient({ url: c.url, auth: c.auth, timeoutMs: deps.timeoutMs, fetch: deps.fetch, logger: log }) };
    }
    return client.client;
  }

  /** Remembers that the server answered; when it was offline, queued pushes are due again now. */
  function markOnline(): void {
    if (!offline) return;
    offline = false;
    log.info('zabbix server reachable again; delivering queued pushes');
    for (const row of outbox.list({ topic: PUSH_TOPIC, state: 'pending', limit: 10_000 })) outbox.retry(row.id);
    outbox.kick();
  }

  async function cachedRead<T>(kind: CacheKind, query: Record<string, unknown>, cachedOnly: boolean, fetch: (c: ZabbixClient) => Promise<T[]>): Promise<Fresh<T>> {
    const c = current();
    const key = queryKey(query);
    const fromCache = (error?: string): Fresh<T> => {
      const hit = cache.get<T[]>(c.apiUrl, kind, key);
      if (!hit) return { items: [], stale: true, fetchedAt: 0, ageSec: 0, ...(error ? { error } : {}) };
      return { items: hit.data, stale: true, fetchedAt: hit.fetchedAt, ageSec: Math.max(0, Math.floor((clock.now() - hit.fetchedAt) / 1000)), ...(error ? { error } : {}) };
    };
    if (cachedOnly) return fromCache();
    try {
      const items = await fetch(c);
      markOnline();
      const fetchedAt = cache.put(c.apiUrl, kind, key, items);
      return { items, stale: false, fetchedAt, ageSec: 0 };
    } catch (err) {
      if (!isOffline(err)) throw err;
      offline = true;
      const hit = fromCache((err as Error).message);
      // Nothing cached: the error itself is the answer.
      if (!hit.fetchedAt) throw err;
      log.info({ kind, ageSec: hit.ageSec }, 'zabbix unreachable; serving cached data');
      return hit;
    }
  }

  function hosts(input: { groupIds?: string[] | undefined; search?: string | undefined; limit: number; cachedOnly: boolean }): Promise<Fresh<ZabbixHost>> {
    const query = { groupIds: input.groupIds, search: input.search, limit: input.limit };
    return cachedRead('hosts', query, input.cachedOnly, (c) => getHosts(c, query));
  }

  function problems(input: { hostIds?: string[] | undefined; minSeverity: number; recentSince?: number | undefined; limit: number; cachedOnly: boolean }): Promise<Fresh<ZabbixProblem>> {
    const query = { hostIds: input.hostIds, minSeverity: input.minSeverity, recentSince: input.recentSince, limit: input.limit };
    return cachedRead('problems', query, input.cachedOnly, async (c) => {
      const current = await getProblems(c, query);
      if (input.recentSince === undefined) return current;
      // Older and resolved ones from event.get, without repeating the current ones.
      const seen = new Set(current.map((p) => p.eventId));
      const older = await getProblemEvents(c, { since: input.recentSince, hostIds: input.hostIds, minSeverity: input.minSeverity, limit: input.limit });
      return [...current, ...older.filter((p) => !seen.has(p.eventId))].sort((a, b) => b.clock - a.clock).slice(0, input.limit);
    });
  }

  /** What a device becomes in Zabbix: its name, address, SNMP access, the group, templates and tags. */
  function hostSpec(deviceId: string): HostSpec {
    const device = deps.devices.get(deviceId);
    const cfg = config.resolve();
    let snmp: SnmpAccess = { version: '2c', community: '{$SNMP_COMMUNITY}' };
    const credId = device.credentialIds[0];
    if (credId) {
      const cred = deps.credentials.resolve(credId);
      snmp =
        cred.version === '3'
          ? {
              version: '3',
              securityName: cred.username,
              securityLevel: cred.securityLevel,
              authProtocol: cred.authProtocol,
              authPassphrase: cred.authKey,
              privProtocol: cred.privProtocol,
              privPassphrase: cred.privKey,
              contextName: cred.contextName,
            }
          : { version: cred.version, community: cred.community };
    }
    const site = deps.settings.get().siteName;
    const tags = [{ tag: 'managed-by', value: 'wardflux' }, ...(site ? [{ tag: 'site', value: site }] : []), ...device.tags.map((t) => ({ tag: t, value: '' }))];
    return { host: device.name, name: device.name, address: device.address, snmp, groupName: cfg?.hostGroup ?? 'WARD FLUX', templateNames: cfg?.templates ?? [], tags };
  }

  /** Pushes one device now (the outbox handler; also usable directly). */
  async function pushDevice(deviceId: string): Promise<PushResult> {
    const c = current();
    const spec = hostSpec(deviceId);
    const res = await pushHost(c, spec);
    markOnline();
    db.prepare(
      `INSERT INTO zabbix_pushes (device_id, server, host_id, host, pushed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (device_id) DO UPDATE SET server = excluded.server, host_id = excluded.host_id, host = excluded.host, pushed_at = excluded.pushed_at`,
    ).run(deviceId, c.apiUrl, res.hostId, spec.host, clock.now());
    log.info({ deviceId, hostId: res.hostId, created: res.created }, 'device pushed to zabbix');
    return res;
  }

  outbox.registerHandler<PushPayload>(
    PUSH_TOPIC,
    async (entry) => {
      try {
        const server = current().apiUrl;
        if (!entry.payload.server || !sameServer(entry.payload.server, server)) {
          const queuedFor = entry.payload.server ? `for ${entry.payload.server}` : 'before pushes were bound to their server';
          throw new PermanentDeliveryError(`This push was queued ${queuedFor}; Zabbix is configured at ${server} now. Not sent there: push the device again to send it to this server.`);
        }
        await pushDevice(entry.payload.deviceId);
      } catch (err) {
        if (isOffline(err)) offline = true;
        // Retrying cannot bring back a deleted device or make Zabbix accept what it rejected.
        if (err instanceof NotFoundError || (err instanceof ValidationError && !(err instanceof ZabbixApiError))) throw new PermanentDeliveryError(err.message);
        if (err instanceof ZabbixApiError && err.code !== 'not_found') throw new PermanentDeliveryError(err.message);
        throw err;
      }
    },
    // One at a time: concurrent host.create calls deadlock in Zabbix's database (DBEXECUTE_ERROR on 6.0).
    { maxAttempts: 50, baseDelayMs: 5_000, maxDelayMs: 10 * 60_000, concurrency: 1 },
  );

  const links = createZabbixLinksRepo(db);
  const problemMirror = createProblemMirror({ clock, logger, outbox, client: current, external: deps.external });
  const hostMirror = createHostMirror({ devices: deps.devices, links, moveExternalAlerts: (to, from) => deps.external.moveDevice(to, from), logger });
  const mirror = createMirrorService({
    db,
    clock,
    logger,
    events: deps.events,
    settings: deps.settings,
    hosts: hostMirror,
    problems: problemMirror,
    zabbix: {
      configured: () => {
        const c = config.get();
        return !!c.url && (c.authMethod === 'token' ? c.hasToken : c.hasPassword);
      },
      server: () => current().apiUrl,
      readHosts: (input) => hosts(input),
      readProblems: (input) => problems(input),
      pendingPushes: () => outbox.status().find((t) => t.topic === PUSH_TOPIC)?.pending ?? 0,
    },
    ...deps.mirror,
  });

  return {
    config,
    /** Zabbix problems mirrored as alerts (acknowledging one acknowledges it in Zabbix). */
    problemMirror,
    /** The mirror of Zabbix and hybrid modes: its background service, status and refresh. */
    mirror,
    /** Which device stands for which Zabbix host. */
    links,
    /** Zabbix's view of linked devices, for the device-as-listed view (main/devices/device-view.ts). */
    deviceLookup: createZabbixDeviceLookup(db),
    /** Adding a device where an imported one is: it becomes the technician's own (see HostMirror.adopt). */
    adopt: hostMirror.adopt,
    /** The client for the saved configuration (for the modes that read from Zabbix). */
    client: current,

    getConfig: () => config.get(),

    setConfig(input: ZabbixConfigInput) {
      const saved = config.set(input);
      const c = current();
      cache.prune(c.apiUrl);
      offline = true; // new credentials or server: give queued pushes a fresh chance at the next success
      outbox.kick();
      mirror.configChanged();
      return saved;
    },

    /** Connects and logs in; `signal` (the caller cancelled) stops it with the `cancelled` code. */
    async testConnection(input: Partial<ZabbixConfigInput>, signal?: AbortSignal): Promise<z.output<typeof ZabbixTestResult>> {
      const saved = config.get();
      const url = input.url ?? saved.url;
      if (!url) throw new ValidationError('No Zabbix URL given or saved.', [{ path: 'url', message: 'Required' }]);
      const authMethod = input.authMethod ?? saved.authMethod;
      const hasCredential = !!(input.token || input.password || (authMethod === 'token' ? saved.hasToken : saved.hasPassword));
      const merged = hasCredential ? config.merge({ ...input, url, authMethod }) : undefined;
      const c = createZabbixClient({ url, auth: merged?.auth, timeoutMs: deps.timeoutMs, fetch: deps.fetch, logger: log, signal });
      const started = clock.now();
      const version = await c.version();
      if (merged) {
        try {
          await c.authenticate();
        } catch (err) {
          if (err instanceof AppError && err.code !== 'cancelled') throw new AppError(err.code, `Connected to Zabbix ${version.text}, but: ${err.message}`, { cause: err });
          throw err;
        } finally {
          await c.close();
        }
      }
      if (saved.url && sameServer(url, saved.url)) config.setServerVersion(version.text);
      return { version: version.text, authenticated: !!merged, latencyMs: clock.now() - started };
    },

    hosts,

    problems,

    async acknowledge(eventId: string, message: string): Promise<{ eventId: string }> {
      const ids = await acknowledgeEvent(current(), eventId, message);
      if (!ids.includes(eventId)) throw new NotFoundError(`Zabbix did not acknowledge event ${eventId}.`);
      return { eventId };
    },

    /** Items of the Zabbix host a device is linked to, with their last values (cached like hosts). */
    async deviceItems(input: { deviceId: string; search?: string | undefined; limit: number; cachedOnly: boolean }): Promise<Fresh<ZabbixItem> & { hostId: string }> {
      const device = deps.devices.get(input.deviceId);
      const server = current().apiUrl;
      const link = links.ofDevice(device.id);
      if (link?.server !== server) {
        throw new NotFoundError(`Device "${device.name}" is not linked to a Zabbix host: in Zabbix or hybrid mode the mirror links devices to hosts by IP, DNS or host name.`);
      }
      const query = { hostId: link.hostId, search: input.search, limit: input.limit };
      const read = await cachedRead('items', query, input.cachedOnly, async (c) => {
        const items = await getItems(c, { hostIds: [link.hostId], ...(input.search ? { search: input.search } : {}), limit: input.limit });
        return items.map(({ hostId: _host, ...item }): ZabbixItem => item);
      });
      return { hostId: link.hostId, ...read };
    },

    history(input: { itemId: string; from: number; to: number; maxPoints: number }): Promise<z.output<typeof ZabbixHistory>> {
      return getHistory(current(), input);
    },

    /** Queues a push per device (in one transaction with the checks) and wakes the outbox. */
    pushDevices(deviceIds: string[]): { queued: number } {
      const url = config.get().url;
      if (!url) throw new ValidationError('No Zabbix server is configured: set its URL and credentials in Settings.');
      const server = apiEndpoint(url);
      const now = clock.now();
      let queued = 0;
      db.transaction(() => {
        for (const id of deviceIds) {
          deps.devices.get(id); // NotFoundError for an unknown id, before anything is queued
          if (outbox.enqueue(PUSH_TOPIC, `${id}@${now}`, { deviceId: id, server } satisfies PushPayload)) queued++;
        }
      })();
      outbox.kick();
      return { queued };
    },

    pushDevice,
  };
}

export type ZabbixArea = ReturnType<typeof createZabbix>;
