import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Device, DeviceCreateInput, DeviceIdentity, DeviceListInput, DeviceSource, DeviceUpdateInput } from '../api/devices.ts';
import type { Settings } from '../api/settings.ts';
import type { DeviceType } from '../api/discovery.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { type Db, isUniqueViolation } from '../store/database.ts';
import { ENGINE_DEVICE_ID } from './engine-device.ts';

interface DeviceRow {
  id: string;
  name: string;
  address: string;
  tags: string;
  notes: string;
  enabled: number;
  created_at: number;
  updated_at: number;
  credential_ids: string | null;
  device_type: string;
  vendor: string | null;
  model: string | null;
  os: string | null;
  os_version: string | null;
  sys_name: string | null;
  sys_location: string | null;
  sys_object_id: string | null;
  serial: string | null;
  firmware: string | null;
  hardware_rev: string | null;
  identity_updated_at: number | null;
}

/** What a poller needs to reach a device. */
export interface DeviceTarget {
  id: string;
  address: string;
}

/** A device's plain facts, for the areas that keep their own index of devices (alerts, reports, the Zabbix matcher). */
export interface DeviceSummary {
  id: string;
  name: string;
  address: string;
  tags: string[];
  enabled: boolean;
  createdAt: number;
  sysName: string | null;
  /** The site the device belongs to; null: the default site. */
  siteId: string | null;
}

/** The identity fields the engine sets (identityUpdatedAt is set by the repo). */
export type IdentityPatch = Omit<DeviceIdentity, 'identityUpdatedAt'>;

const IDENTITY_KEYS = ['type', 'vendor', 'model', 'os', 'osVersion', 'sysName', 'location', 'sysObjectID', 'serial', 'firmware', 'hardwareRev'] as const;
/** Inventory a read that learns less must not erase: null (or blank) never overwrites a value. */
const KEPT_KEYS: ReadonlySet<string> = new Set(['model', 'serial', 'firmware', 'hardwareRev']);

const SELECT = `
  SELECT d.*, (SELECT json_group_array(credential_id) FROM
                 (SELECT credential_id FROM device_credentials dc WHERE dc.device_id = d.id ORDER BY position)) AS credential_ids
  FROM devices d`;

function toDevice(row: DeviceRow): Device {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    tags: JSON.parse(row.tags) as string[],
    notes: row.notes,
    credentialIds: row.credential_ids ? (JSON.parse(row.credential_ids) as string[]) : [],
    enabled: row.enabled === 1,
    type: row.device_type as DeviceType,
    vendor: row.vendor,
    model: row.model,
    os: row.os,
    osVersion: row.os_version,
    sysName: row.sys_name,
    location: row.sys_location,
    sysObjectID: row.sys_object_id,
    serial: row.serial,
    firmware: row.firmware,
    hardwareRev: row.hardware_rev,
    identityUpdatedAt: row.identity_updated_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...(row.id === ENGINE_DEVICE_ID ? { builtin: true as const } : {}),
  };
}

const IMPORTED = "EXISTS (SELECT 1 FROM zabbix_links l WHERE l.device_id = d.id AND l.matched_by = 'imported')";
const LINKED_OWN = "EXISTS (SELECT 1 FROM zabbix_links l WHERE l.device_id = d.id AND l.matched_by != 'imported')";

/** Devices of one source (see DeviceSource): imported from Zabbix, linked to a Zabbix host, or WARD FLUX's only. */
function sourceClause(source: DeviceSource, mode: Settings['monitoringMode']): string {
  if (source === 'zabbix') return IMPORTED;
  if (source === 'both') return mode === 'standalone' ? '0' : LINKED_OWN;
  return mode === 'standalone' ? `NOT ${IMPORTED}` : `NOT ${IMPORTED} AND NOT ${LINKED_OWN}`;
}

/** Case-insensitive de-duplication that keeps the first spelling and the order. */
function uniqueTags(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const k = t.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Devices in SQLite. Constraint failures come back as errors naming the field and the clash. */
export function createDevicesRepo(db: Db, clock: Clock) {
  const byId = db.prepare<[string], DeviceRow>(`${SELECT} WHERE d.id = ?`);
  const insert = db.prepare(
    'INSERT INTO devices (id, name, address, tags, notes, enabled, created_at, updated_at) VALUES (@id, @name, @address, @tags, @notes, @enabled, @now, @now)',
  );
  const update = db.prepare(
    'UPDATE devices SET name = @name, address = @address, tags = @tags, notes = @notes, enabled = @enabled, updated_at = @now WHERE id = @id',
  );
  const clearCreds = db.prepare('DELETE FROM device_credentials WHERE device_id = ?');
  const addCred = db.prepare('INSERT INTO device_credentials (device_id, position, credential_id) VALUES (?, ?, ?)');
  const credExists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM credentials WHERE id = ?');
  const remove = db.prepare('DELETE FROM devices WHERE id = ?');
  const setIdentity = db.prepare(
    `UPDATE devices SET device_type = @type, vendor = @vendor, model = @model, os = @os, os_version = @osVersion, sys_name = @sysName,
       sys_location = @location, sys_object_id = @sysObjectID, serial = @serial, firmware = @firmware, hardware_rev = @hardwareRev, identity_updated_at = @now WHERE id = @id`,
  );
  // One rule for case: names and addresses compare case-insensitively in every lookup (as the columns' UNIQUE does).
  const nameOwner = db.prepare<[string], { name: string }>('SELECT name FROM devices WHERE address = ? COLLATE NOCASE');
  const idByAddress = db.prepare<[string], { id: string }>('SELECT id FROM devices WHERE address = ? COLLATE NOCASE');
  const idByName = db.prepare<[string], { id: string }>('SELECT id FROM devices WHERE name = ? COLLATE NOCASE');
  const exists = db.prepare<[string], { one: number }>('SELECT 1 AS one FROM devices WHERE id = ?');
  // The engine's own device is never a network target.
  const enabledTargets = db.prepare<[], DeviceTarget>(`SELECT id, address FROM devices WHERE enabled = 1 AND id != '${ENGINE_DEVICE_ID}'`);
  const summaries = db.prepare<[], { id: string; name: string; address: string; tags: string; enabled: number; created_at: number; sys_name: string | null; site_id: string | null }>(
    'SELECT id, name, address, tags, enabled, created_at, sys_name, site_id FROM devices ORDER BY name COLLATE NOCASE',
  );
  const setSite = db.prepare<[string | null, string]>('UPDATE devices SET site_id = ? WHERE id = ?');

  function get(id: string): Device {
    const row = byId.get(id);
    if (!row) throw new NotFoundError(`No device with id ${id}; it may have been deleted.`);
    return toDevice(row);
  }

  function setCredentials(id: string, credentialIds: string[]): void {
    const unique = [...new Set(credentialIds)];
    unique.forEach((credId, i) => {
      if (!credExists.get(credId)) {
        throw new ValidationError(`Unknown credential ${credId}: pick one from the credential list.`, [
          { path: `credentialIds.${i}`, message: 'Unknown credential' },
        ]);
      }
    });
    clearCreds.run(id);
    unique.forEach((credId, i) => addCred.run(id, i, credId));
  }

  function write(fn: () => void, device: { name: string; address: string }): void {
    try {
      db.transaction(fn)();
    } catch (err) {
      if (isUniqueViolation(err, 'devices.name')) {
        throw new ConflictError(`A device named "${device.name}" already exists.`, [{ path: 'name', message: 'Name already in use' }]);
      }
      if (isUniqueViolation(err, 'devices.address')) {
        const owner = nameOwner.get(device.address)?.name;
        throw new ConflictError(`Address ${device.address} already belongs to device "${owner ?? '?'}".`, [
          { path: 'address', message: `Already used by ${owner ?? 'another device'}` },
        ]);
      }
      throw err;
    }
  }

  const find = (id: string): Device | undefined => {
    const row = byId.get(id);
    return row ? toDevice(row) : undefined;
  };

  return {
    get,
    /** The device, or undefined when there is none with this id. */
    find,
    exists: (id: string): boolean => exists.get(id) !== undefined,
    /** The device at this address (case-insensitive: `Core-SW.example` is found by `core-sw.example`). */
    byAddress(address: string): Device | undefined {
      const row = idByAddress.get(address);
      return row ? find(row.id) : undefined;
    },
    /** The id of the device at this address (case-insensitive), without reading the device. */
    idAt(address: string): string | undefined {
      return idByAddress.get(address)?.id;
    },
    /** The device of this name (case-insensitive, as names are unique regardless of case). */
    byName(name: string): Device | undefined {
      const row = idByName.get(name);
      return row ? find(row.id) : undefined;
    },
    /** Id and address of every enabled device: what the ICMP monitor pings. */
    enabledTargets: (): DeviceTarget[] => enabledTargets.all(),
    /** Every device's plain facts, by name. */
    summaries: (): DeviceSummary[] =>
      summaries.all().map((r) => ({ id: r.id, name: r.name, address: r.address, tags: JSON.parse(r.tags) as string[], enabled: r.enabled === 1, createdAt: r.created_at, sysName: r.sys_name, siteId: r.site_id })),
    /** Moves devices to a site (null: the default one); returns how many exist. One transaction. */
    assignSite(siteId: string | null, deviceIds: readonly string[]): number {
      return db.transaction(() => deviceIds.reduce((n, d) => n + setSite.run(siteId, d).changes, 0))();
    },

    /**
     * A page of devices. The `source` filter follows the monitoring mode the way devices are shown:
     * in standalone mode the Zabbix links of own devices are ignored (none is `both`).
     */
    list(filter: z.output<typeof DeviceListInput>, mode: Settings['monitoringMode'] = 'standalone'): { items: Device[]; total: number } {
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      if (filter.search) {
        where.push("(d.name LIKE @search ESCAPE '\\' OR d.address LIKE @search ESCAPE '\\' OR d.notes LIKE @search ESCAPE '\\')");
        params.search = `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      }
      if (filter.tag) {
        where.push('EXISTS (SELECT 1 FROM json_each(d.tags) WHERE value = @tag COLLATE NOCASE)');
        params.tag = filter.tag;
      }
      if (filter.enabled !== undefined) {
        where.push('d.enabled = @enabled');
        params.enabled = filter.enabled ? 1 : 0;
      }
      if (filter.type) {
        where.push('d.device_type = @type');
        params.type = filter.type;
      }
      if (filter.vendor) {
        where.push('d.vendor = @vendor COLLATE NOCASE');
        params.vendor = filter.vendor;
      }
      if (filter.source) where.push(sourceClause(filter.source, mode));
      const clause = where.length ? ` WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT count(*) AS n FROM devices d${clause}`).get(params) as { n: number }).n;
      const rows = db
        .prepare<Record<string, unknown>, DeviceRow>(`${SELECT}${clause} ORDER BY d.name COLLATE NOCASE LIMIT @limit OFFSET @offset`)
        .all({ ...params, limit: filter.limit, offset: filter.offset });
      return { items: rows.map(toDevice), total };
    },

    /** `id`: only the engine's own device (engine-device.ts) has a fixed one. */
    create(input: z.output<typeof DeviceCreateInput>, id: string = crypto.randomUUID()): Device {
      write(() => {
        insert.run({ id, name: input.name, address: input.address, tags: JSON.stringify(uniqueTags(input.tags)), notes: input.notes, enabled: input.enabled ? 1 : 0, now: clock.now() });
        setCredentials(id, input.credentialIds);
      }, input);
      return get(id);
    },

    update(input: z.output<typeof DeviceUpdateInput>): Device {
      const current = get(input.id);
      const next = { ...current, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as Device;
      write(() => {
        update.run({ id: next.id, name: next.name, address: next.address, tags: JSON.stringify(uniqueTags(next.tags)), notes: next.notes, enabled: next.enabled ? 1 : 0, now: clock.now() });
        if (input.credentialIds) setCredentials(next.id, input.credentialIds);
      }, next);
      return get(input.id);
    },

    /**
     * Stores what the engine learned a device is. Fields left out keep their value, and so do the
     * inventory fields (model, serial, firmware, hardware revision) given as null; an unchanged
     * identity is not written (so neither updatedAt nor identityUpdatedAt move). Returns the device
     * when something changed, else null.
     */
    setIdentity(id: string, patch: Partial<IdentityPatch>): Device | null {
      const current = get(id);
      const next = { ...current };
      let changed = false;
      for (const k of IDENTITY_KEYS) {
        const v = patch[k];
        if (v === undefined || v === current[k]) continue;
        if (KEPT_KEYS.has(k) && (v === null || (typeof v === 'string' && v.trim() === ''))) continue;
        (next as Record<string, unknown>)[k] = v;
        changed = true;
      }
      if (!changed) return null;
      setIdentity.run({
        id,
        type: next.type,
        vendor: next.vendor,
        model: next.model,
        os: next.os,
        osVersion: next.osVersion,
        sysName: next.sysName,
        location: next.location,
        sysObjectID: next.sysObjectID,
        serial: next.serial,
        firmware: next.firmware,
        hardwareRev: next.hardwareRev,
        now: clock.now(),
      });
      return get(id);
    },

    delete(id: string): void {
      if (remove.run(id).changes === 0) throw new NotFoundError(`No device with id ${id}; it may have been deleted already.`);
    },

    count(): number {
      return (db.prepare('SELECT count(*) AS n FROM devices').get() as { n: number }).n;
    },
  };
}

export type DevicesRepo = ReturnType<typeof createDevicesRepo>;
