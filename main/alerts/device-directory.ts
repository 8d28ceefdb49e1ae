/**
 * What the alert engine knows about devices (name, tags, templates, parent), read into memory
 * (devices from the devices area, templates and parents from SQLite) and reloaded after a device,
 * template or dependency changes, so evaluating a batch of samples never queries per sample. The
 * one in-memory index of devices in alerts/ (the Zabbix problem mirror uses it through
 * external-problems.ts).
 */
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Db } from '../store/database.ts';
import type { DeviceDirectory, DeviceFacts } from './scope.ts';

export interface DeviceDirectoryStore extends DeviceDirectory {
  /** Drop the cache; the next lookup reloads. */
  invalidate(): void;
  /** The chain of ancestors, nearest first (cycles cut). */
  ancestors(deviceId: string): string[];
  setParent(deviceId: string, parentId: string | null, source?: 'manual' | 'discovery'): void;
  listParents(): Array<{ deviceId: string; parentId: string; source: 'manual' | 'discovery' }>;
}

/** The devices area's lookups the alerts area uses (main/devices/). */
export interface AlertDevices {
  summaries(): readonly { id: string; name: string; tags: readonly string[] }[];
  exists(id: string): boolean;
}

export function createDeviceDirectory(db: Db, source: Pick<AlertDevices, 'summaries'>): DeviceDirectoryStore {
  let cache: Map<string, DeviceFacts> | null = null;

  function load(): Map<string, DeviceFacts> {
    if (cache) return cache;
    const map = new Map<string, DeviceFacts>();
    for (const r of source.summaries()) map.set(r.id, { id: r.id, name: r.name, tags: [...r.tags], templateIds: [], parentId: null });
    for (const r of db.prepare<[], { device_id: string; template_id: string }>('SELECT device_id, template_id FROM device_templates').all()) {
      const d = map.get(r.device_id);
      if (d) (d.templateIds as string[]).push(r.template_id);
    }
    for (const r of db.prepare<[], { device_id: string; parent_id: string }>('SELECT device_id, parent_id FROM device_parents').all()) {
      const d = map.get(r.device_id);
      if (d) d.parentId = r.parent_id;
    }
    cache = map;
    return map;
  }

  const directory: DeviceDirectoryStore = {
    get: (id) => load().get(id),
    invalidate: () => {
      cache = null;
    },
    ancestors(deviceId) {
      const out: string[] = [];
      const seen = new Set([deviceId]);
      let parent = load().get(deviceId)?.parentId ?? null;
      while (parent !== null && !seen.has(parent)) {
        out.push(parent);
        seen.add(parent);
        parent = load().get(parent)?.parentId ?? null;
      }
      return out;
    },
    setParent(deviceId, parentId, source = 'manual') {
      const devices = load();
      if (!devices.has(deviceId)) throw new NotFoundError(`No device with id ${deviceId}.`);
      if (parentId === null) {
        db.prepare('DELETE FROM device_parents WHERE device_id = ?').run(deviceId);
      } else {
        if (!devices.has(parentId)) throw new NotFoundError(`No parent device with id ${parentId}.`);
        if (parentId === deviceId) throw new ValidationError('A device cannot be its own parent', [{ path: 'parentId', message: 'Same as deviceId' }]);
        if (directory.ancestors(parentId).includes(deviceId)) {
          throw new ValidationError(`${devices.get(parentId)?.name ?? parentId} is behind ${devices.get(deviceId)?.name ?? deviceId}: that parent would make a loop`, [
            { path: 'parentId', message: 'Would create a dependency loop' },
          ]);
        }
        db.prepare('INSERT INTO device_parents (device_id, parent_id, source) VALUES (?, ?, ?) ON CONFLICT (device_id) DO UPDATE SET parent_id = excluded.parent_id, source = excluded.source').run(
          deviceId,
          parentId,
          source,
        );
      }
      cache = null;
    },
    listParents: () =>
      db
        .prepare<[], { device_id: string; parent_id: string; source: 'manual' | 'discovery' }>('SELECT * FROM device_parents ORDER BY device_id')
        .all()
        .map((r) => ({ deviceId: r.device_id, parentId: r.parent_id, source: r.source })),
  };
  return directory;
}
