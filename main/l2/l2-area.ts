/**
 * The L2 area: the snapshot store, reading a monitored device now (its SNMP credentials, the
 * poller's SNMP client), and the slow refresher (l2-refresher.ts). Wired in engine.ts.
 */
import type { DeviceL2, L2Snapshot } from '../api/l2.ts';
import type { Device } from '../api/devices.ts';
import { ValidationError } from '../errors.ts';
import { createPacer, type Pacer } from '../lib/async/pacer.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import type { Service } from '../lib/service.ts';
import type { Timers } from '../lib/async/timers.ts';
import { createSnmpClient, type SnmpClient, type SnmpCredential } from '../snmp/index.ts';
import type { Db } from '../store/database.ts';
import { createL2Refresher, looksLikeL2Device } from './l2-refresher.ts';
import { readL2Snapshot } from './read-l2.ts';
import { createSessionWalker } from './session-walker.ts';
import { createL2Store, type L2Store } from './snapshot-store.ts';

export interface L2AreaOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  timers?: Timers;
  devices: { get(id: string): Device; list(): readonly Device[] };
  /** The SNMP client to read with; default: one of the area's own, created on first use and closed when the service stops. */
  snmp?: () => SnmpClient;
  /** A stored credential with its secrets. */
  credential: (credentialId: string) => SnmpCredential & { id: string };
  /** The credential id the poller last found working for a device. */
  remembered?: (deviceId: string) => string | undefined;
  /** Re-read interval of the refresher. Default 15 minutes. */
  intervalMs?: number;
  /** SNMP requests per second of all L2 reads together. Default 100. */
  ratePerSec?: number;
  /** Timeout per request (one resend after silence). Default 2000 ms. */
  timeoutMs?: number;
  /** Run the refresher (off for the CLI). Default true. */
  refresher?: boolean;
}

export interface L2Area {
  store: L2Store;
  /** Reads the device now and stores the snapshot. */
  refresh(deviceId: string): Promise<DeviceL2>;
  /** Stores a snapshot read elsewhere (a scan, on "add to monitoring"). */
  save(deviceId: string, snapshot: L2Snapshot): void;
  service: Service;
}

export function createL2(o: L2AreaOptions): L2Area {
  const store = createL2Store(o.db);
  const pacer: Pacer = createPacer(o.ratePerSec ?? 100);
  let own: SnmpClient | undefined;
  const snmp = o.snmp ?? (() => (own ??= createSnmpClient({ logger: o.logger })));
  const closeOwn = () => {
    own?.close();
    own = undefined;
  };

  async function refresh(deviceId: string): Promise<DeviceL2> {
    const device = o.devices.get(deviceId);
    const remembered = o.remembered?.(deviceId);
    const ids = remembered && device.credentialIds.includes(remembered) ? [remembered, ...device.credentialIds.filter((c) => c !== remembered)] : device.credentialIds;
    if (ids.length === 0) throw new ValidationError(`${device.name} has no SNMP credential: add one to read its neighbours and tables.`);
    const client = snmp();
    const { credential, session } = await client.findCredential(device.address, ids.map(o.credential));
    const walker = createSessionWalker({
      session,
      open: (c) => client.session(device.address, c),
      timeoutMs: o.timeoutMs ?? 2000,
      retries: 1,
      pace: () => pacer.acquire(),
    });
    const snapshot = await readL2Snapshot(walker, { address: device.address, now: () => o.clock.now() });
    store.save(deviceId, snapshot);
    o.logger.debug({ deviceId, credential: credential.version, neighbors: snapshot.neighbors.length, fdb: snapshot.fdb.length, requests: snapshot.stats.requests }, 'L2 snapshot read');
    return { deviceId, deviceName: device.name, snapshot };
  }

  const refresher = createL2Refresher({
    clock: o.clock,
    logger: o.logger,
    ...(o.timers ? { timers: o.timers } : {}),
    intervalMs: o.intervalMs ?? 15 * 60_000,
    due: () => {
      const read = store.readTimes();
      return o.devices
        .list()
        .filter((d) => d.enabled && d.credentialIds.length > 0 && (looksLikeL2Device(d.type) || read.has(d.id)))
        .map((d) => ({ deviceId: d.id, lastRead: read.get(d.id) ?? null }));
    },
    read: (deviceId) => refresh(deviceId).then(() => undefined),
  });

  return {
    store,
    refresh,
    save: (deviceId, snapshot) => store.save(deviceId, snapshot),
    service: {
      name: 'l2-refresher',
      start: () => (o.refresher === false ? undefined : refresher.start()),
      stop: () => {
        refresher.stop();
        closeOwn();
      },
    },
  };
}
