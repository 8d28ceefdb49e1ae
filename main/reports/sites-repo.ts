/**
 * Sites in SQLite. One is the default site: made on first need, named after the siteName
 * setting (or "Default site"); devices, scans and reports without a site belong to it.
 */
import crypto from 'node:crypto';
import type { z } from 'zod';
import type { Site, SiteCreateInput, SiteUpdateInput } from '../api/reports.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import { type Db, isUniqueViolation } from '../store/database.ts';
import type { SettingsRepo } from '../store/settings-repo.ts';
import type { Devices } from '../devices/devices.ts';

interface Row {
  id: string;
  name: string;
  customer: string;
  address: string;
  technician: string;
  notes: string;
  is_default: number;
  created_at: number;
  updated_at: number;
}

const toSite = (r: Row): Site => ({
  id: r.id,
  name: r.name,
  customer: r.customer,
  address: r.address,
  technician: r.technician,
  notes: r.notes,
  isDefault: r.is_default === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** `devices`: the devices area's site assignment (main/devices/). */
export function createSitesRepo(db: Db, clock: Clock, settings: SettingsRepo, devices: Pick<Devices, 'assignSite'>) {
  const byId = db.prepare<[string], Row>('SELECT * FROM sites WHERE id = ?');
  const defaultRow = db.prepare<[], Row>('SELECT * FROM sites WHERE is_default = 1');

  function write<T>(fn: () => T, name: string | undefined): T {
    try {
      return db.transaction(fn)();
    } catch (err) {
      if (isUniqueViolation(err, 'sites.name')) throw new ConflictError(`A site named "${name ?? ''}" already exists.`, [{ path: 'name', message: 'Name already in use' }]);
      throw err;
    }
  }

  function ensureDefault(): Site {
    const row = defaultRow.get();
    if (row) return toSite(row);
    const s = settings.get();
    const now = clock.now();
    const id = crypto.randomUUID();
    let name = s.siteName || 'Default site';
    // A site with that name may exist already (made by hand): suffix until free.
    for (let i = 2; db.prepare('SELECT 1 FROM sites WHERE name = ?').get(name); i++) name = `${s.siteName || 'Default site'} (${i})`;
    db.prepare('INSERT INTO sites (id, name, technician, is_default, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)').run(id, name, s.technician, now, now);
    return toSite(byId.get(id)!);
  }

  function get(id: string): Site {
    const row = byId.get(id);
    if (!row) throw new NotFoundError(`No site with id ${id}; it may have been deleted.`);
    return toSite(row);
  }

  return {
    ensureDefault,
    get,
    /** The site by id, or the default site. */
    resolve(id: string | undefined): Site {
      return id ? get(id) : ensureDefault();
    },
    list(): Site[] {
      ensureDefault();
      return db.prepare<[], Row>('SELECT * FROM sites ORDER BY is_default DESC, name COLLATE NOCASE').all().map(toSite);
    },
    /** Finds a site by name (case-insensitive). */
    byName(name: string): Site | undefined {
      ensureDefault();
      const row = db.prepare<[string], Row>('SELECT * FROM sites WHERE name = ? COLLATE NOCASE').get(name);
      return row ? toSite(row) : undefined;
    },
    create(input: z.output<typeof SiteCreateInput>): Site {
      const id = crypto.randomUUID();
      const now = clock.now();
      write(() => {
        db.prepare('INSERT INTO sites (id, name, customer, address, technician, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
          id, input.name, input.customer, input.address, input.technician, input.notes, now, now,
        );
      }, input.name);
      return get(id);
    },
    update(input: z.output<typeof SiteUpdateInput>): Site {
      const cur = get(input.id);
      const next = { ...cur, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as Site;
      write(() => {
        db.prepare('UPDATE sites SET name = ?, customer = ?, address = ?, technician = ?, notes = ?, updated_at = ? WHERE id = ?').run(
          next.name, next.customer, next.address, next.technician, next.notes, clock.now(), next.id,
        );
      }, next.name);
      return get(input.id);
    },
    delete(id: string): void {
      const site = get(id);
      if (site.isDefault) throw new ValidationError('The default site cannot be deleted; rename it instead.');
      // ON DELETE SET NULL moves devices, scans and reports back to the default site.
      db.prepare('DELETE FROM sites WHERE id = ?').run(id);
    },
    assignDevices(siteId: string, deviceIds: string[]): number {
      const site = get(siteId);
      return devices.assignSite(site.isDefault ? null : site.id, deviceIds);
    },
  };
}

export type SitesRepo = ReturnType<typeof createSitesRepo>;
