/**
 * The devices area's front door: the only code that reads or writes the devices table (through
 * devices-repo.ts). Every write reports itself: the public `device.created/updated/deleted` event
 * on the bus, and one change hook (`onChange`) the engine wires to the internal consumers
 * (monitoring, metrics, alerts, the pollers' memory). Both fire after the write's transaction
 * committed, once per device per transaction: a device created and given its identity in one
 * transaction is one `device.created` carrying that identity.
 */
import type { z } from 'zod';
import type { Device, DeviceCreateInput, DeviceUpdateInput } from '../api/devices.ts';
import type { Clock } from '../lib/clock.ts';
import type { EventBus } from '../lib/event-bus.ts';
import type { Logger } from '../lib/logger.ts';
import type { Db } from '../store/database.ts';
import { createDevicesRepo, type IdentityPatch } from './devices-repo.ts';
import { ValidationError } from '../errors.ts';
import { ENGINE_DEVICE_ADDRESS, ENGINE_DEVICE_ID, ENGINE_DEVICE_NAME, engineIdentity, isEngineDevice } from './engine-device.ts';

/**
 * One committed change of a device. `identityOnly`: the transaction changed only what the engine
 * learned the device is (setIdentity), nothing that decides how it is polled.
 */
export type DeviceChange = { kind: 'created' | 'updated'; device: Device; identityOnly?: true } | { kind: 'deleted'; id: string };

/** Called once per committed transaction with its changes, in the order they were first made. */
export type DeviceChangeListener = (changes: readonly DeviceChange[]) => void;

export interface DevicesOptions {
  db: Db;
  clock: Clock;
  events: Pick<EventBus, 'emit'>;
  logger?: Logger;
}

/** The writes, as used inside `transaction` (and outside it: each then commits and reports on its own). */
export interface DeviceWrites {
  create(input: z.output<typeof DeviceCreateInput>): Device;
  update(input: z.output<typeof DeviceUpdateInput>): Device;
  /** Stores what the engine learned a device is; null (and no event) when nothing changed. */
  setIdentity(id: string, patch: Partial<IdentityPatch>): Device | null;
  delete(id: string): void;
}

export function createDevices(o: DevicesOptions) {
  const { db, events } = o;
  const repo = createDevicesRepo(db, o.clock);
  const listeners = new Set<DeviceChangeListener>();
  /** Changes of the open transaction by device id (a Map keeps the order of first change). */
  let pending: Map<string, DeviceChange> | null = null;

  function record(change: DeviceChange): void {
    const id = change.kind === 'deleted' ? change.id : change.device.id;
    const before = pending?.get(id);
    if (before?.kind === 'created' && change.kind === 'updated') pending?.set(id, { kind: 'created', device: change.device });
    else if (before?.kind === 'updated' && !before.identityOnly && change.kind === 'updated') pending?.set(id, { kind: 'updated', device: change.device });
    else if (before?.kind === 'created' && change.kind === 'deleted') pending?.delete(id); // never seen outside
    else pending?.set(id, change);
  }

  function publish(changes: readonly DeviceChange[]): void {
    if (!changes.length) return;
    for (const c of changes) {
      if (c.kind === 'deleted') events.emit('device.deleted', { id: c.id });
      else events.emit(c.kind === 'created' ? 'device.created' : 'device.updated', c.device);
    }
    for (const listener of [...listeners]) {
      try {
        listener(changes);
      } catch (err) {
        o.logger?.error({ err }, 'device change listener failed');
      }
    }
  }

  /**
   * Runs `fn` in one transaction (nested calls join the outer one); its changes are reported
   * after the commit, each device once. Nothing is reported when it throws (rolled back).
   */
  function transaction<T>(fn: () => T): T {
    if (pending) return fn();
    pending = new Map();
    let changes: DeviceChange[];
    let result: T;
    try {
      result = db.transaction(fn)();
      changes = [...pending.values()];
    } finally {
      pending = null;
    }
    publish(changes);
    return result;
  }

  const writes: DeviceWrites = {
    create: (input) =>
      transaction(() => {
        const device = repo.create(input);
        record({ kind: 'created', device });
        return device;
      }),
    update: (input) =>
      transaction(() => {
        if (isEngineDevice(input.id)) refuseEngineChange(repo.get(input.id), input);
        const device = repo.update(input);
        record({ kind: 'updated', device });
        return device;
      }),
    setIdentity: (id, patch) =>
      transaction(() => {
        const device = repo.setIdentity(id, patch);
        if (device) record({ kind: 'updated', device, identityOnly: true });
        return device;
      }),
    delete: (id) =>
      transaction(() => {
        if (isEngineDevice(id)) throw new ValidationError(`${repo.find(id)?.name ?? ENGINE_DEVICE_NAME} is WARD FLUX's own device (its self-metrics): it cannot be deleted.`);
        repo.delete(id);
        record({ kind: 'deleted', id });
      }),
  };

  /**
   * Creates the engine's own device once (engine-device.ts), or refreshes its identity (version);
   * a device already using its name or address keeps it, and the engine device takes another name.
   */
  function ensureEngineDevice(): Device {
    return transaction(() => {
      let device = repo.find(ENGINE_DEVICE_ID);
      if (!device) {
        const name = repo.byName(ENGINE_DEVICE_NAME) ? `${ENGINE_DEVICE_NAME} (engine)` : ENGINE_DEVICE_NAME;
        const address = repo.byAddress(ENGINE_DEVICE_ADDRESS) ? `engine.${ENGINE_DEVICE_ADDRESS}` : ENGINE_DEVICE_ADDRESS;
        device = repo.create({ name, address, tags: [], notes: 'The engine itself: its API, pollers, outbox, database and process.', credentialIds: [], enabled: true }, ENGINE_DEVICE_ID);
        record({ kind: 'created', device });
      }
      const changed = repo.setIdentity(ENGINE_DEVICE_ID, engineIdentity());
      if (changed) record({ kind: 'updated', device: changed, identityOnly: true });
      return changed ?? device;
    });
  }

  return {
    ...writes,
    transaction,
    ensureEngineDevice,
    get: repo.get,
    find: repo.find,
    exists: repo.exists,
    byAddress: repo.byAddress,
    idAt: repo.idAt,
    byName: repo.byName,
    list: repo.list,
    count: repo.count,
    enabledTargets: repo.enabledTargets,
    summaries: repo.summaries,
    assignSite: repo.assignSite,
    /** The engine's wiring: called after every committed change. Returns the unsubscribe. */
    onChange(listener: DeviceChangeListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The engine's own device may be renamed, tagged and annotated; nothing that would poll it or stop it. */
function refuseEngineChange(current: Device, input: z.output<typeof DeviceUpdateInput>): void {
  const refused = (['address', 'enabled', 'credentialIds'] as const).filter((k) => input[k] !== undefined && JSON.stringify(input[k]) !== JSON.stringify(current[k]));
  if (refused.length) {
    throw new ValidationError(
      "This is WARD FLUX's own device: its address, credentials and monitoring cannot be changed (it is never polled over the network).",
      refused.map((path) => ({ path, message: 'Fixed for the engine device' })),
    );
  }
}

export type Devices = ReturnType<typeof createDevices>;
export type { DeviceSummary, DeviceTarget, IdentityPatch } from './devices-repo.ts';
