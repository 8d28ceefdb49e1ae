import type { DerivedItem, TableItem, Template, TemplateItem } from '../api/templates.ts';
import { ValidationError } from '../errors.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../store/database.ts';

export type MonitoringItemKind = 'scalar' | 'table' | 'derived';

/** One monitoring item of a device, as a poll job sees it. */
export type MonitoringItem = {
  id: number;
  deviceId: string;
  templateId: string;
  key: string;
  protocol: 'snmp';
  intervalSec: number;
  enabled: boolean;
} & ({ kind: 'scalar'; definition: TemplateItem } | { kind: 'table'; definition: TableItem } | { kind: 'derived'; definition: DerivedItem });

interface ItemRow {
  id: number;
  device_id: string;
  template_id: string;
  item_key: string;
  kind: MonitoringItemKind;
  protocol: 'snmp';
  interval_sec: number;
  enabled: number;
  definition: string;
}

/**
 * `parsed`: definitions already parsed in this read, by their text. One template on 2,000 devices
 * is 2,000 identical definitions: parsed once and shared (nothing downstream writes to one).
 */
function toItem(row: ItemRow, parsed?: Map<string, unknown>): MonitoringItem {
  let definition = parsed?.get(row.definition);
  if (definition === undefined) {
    definition = JSON.parse(row.definition);
    parsed?.set(row.definition, definition);
  }
  return {
    id: row.id,
    deviceId: row.device_id,
    templateId: row.template_id,
    key: row.item_key,
    protocol: row.protocol,
    intervalSec: row.interval_sec,
    enabled: row.enabled === 1,
    kind: row.kind,
    definition,
  } as MonitoringItem;
}

/** The rows a template puts on a device: its scalar items, table groups and derived items. */
export function templateRows(t: Template, defaultIntervalSec: number): { key: string; kind: MonitoringItemKind; intervalSec: number; definition: unknown }[] {
  return [
    ...t.items.map((i) => ({ key: i.key, kind: 'scalar' as const, intervalSec: i.intervalSec ?? defaultIntervalSec, definition: i })),
    ...t.tables.map((tb) => ({ key: tb.key, kind: 'table' as const, intervalSec: tb.intervalSec ?? defaultIntervalSec, definition: tb })),
    ...t.derived.map((d) => ({ key: d.key, kind: 'derived' as const, intervalSec: defaultIntervalSec, definition: d })),
  ];
}

/** What the items need to know about devices, from the devices area (main/devices/). */
export interface ItemDevices {
  exists(id: string): boolean;
  /** The enabled devices (only their items are polled). */
  enabledTargets(): readonly { id: string }[];
}

/** Templates on devices and the monitoring items they create. */
export function createMonitoringItemsRepo(db: Db, clock: Clock, devices: ItemDevices) {
  const link = db.prepare(
    'INSERT INTO device_templates (device_id, template_id, applied_at) VALUES (?, ?, ?) ON CONFLICT (device_id, template_id) DO UPDATE SET applied_at = excluded.applied_at',
  );
  const unlink = db.prepare<[string, string]>('DELETE FROM device_templates WHERE device_id = ? AND template_id = ?');
  const upsert = db.prepare(
    `INSERT INTO monitoring_items (device_id, template_id, item_key, kind, protocol, interval_sec, enabled, definition, created_at, updated_at)
     VALUES (@deviceId, @templateId, @key, @kind, 'snmp', @intervalSec, 1, @definition, @now, @now)
     ON CONFLICT (device_id, template_id, item_key) DO UPDATE SET
       kind = excluded.kind, interval_sec = excluded.interval_sec, definition = excluded.definition, updated_at = excluded.updated_at`,
  );
  const keysOf = db.prepare<[string, string], { id: number; item_key: string }>('SELECT id, item_key FROM monitoring_items WHERE device_id = ? AND template_id = ?');
  const delItem = db.prepare<[number]>('DELETE FROM monitoring_items WHERE id = ?');
  const devicesUsing = db.prepare<[string], { device_id: string }>('SELECT device_id FROM device_templates WHERE template_id = ?');
  const active = db.prepare<[], ItemRow>('SELECT m.* FROM monitoring_items m WHERE m.enabled = 1 ORDER BY m.device_id, m.id');
  const ofDevice = db.prepare<[string], ItemRow>('SELECT * FROM monitoring_items WHERE device_id = ? ORDER BY template_id, id');
  const templatesOf = db.prepare<[string], { template_id: string }>('SELECT template_id FROM device_templates WHERE device_id = ? ORDER BY applied_at');
  const appliedHooks: ((template: Template, deviceIds: readonly string[]) => void)[] = [];

  return {
    /** Called after every apply (wired in engine.ts: the template's default alert rules are installed). */
    onApplied(fn: (template: Template, deviceIds: readonly string[]) => void): void {
      appliedHooks.push(fn);
    },

    /** Puts a template on devices (again): adds, updates and removes item rows to match it. */
    apply(template: Template, deviceIds: readonly string[], defaultIntervalSec: number): { devices: number; items: number } {
      const rows = templateRows(template, defaultIntervalSec);
      const keys = new Set(rows.map((r) => r.key));
      let items = 0;
      const unique = [...new Set(deviceIds)];
      db.transaction(() => {
        unique.forEach((deviceId, i) => {
          if (!devices.exists(deviceId)) {
            throw new ValidationError(`Unknown device ${deviceId}`, [{ path: `deviceIds.${i}`, message: 'Unknown device' }]);
          }
          const now = clock.now();
          link.run(deviceId, template.id, now);
          for (const r of rows) {
            upsert.run({ deviceId, templateId: template.id, key: r.key, kind: r.kind, intervalSec: r.intervalSec, definition: JSON.stringify(r.definition), now });
            items++;
          }
          for (const old of keysOf.all(deviceId, template.id)) if (!keys.has(old.item_key)) delItem.run(old.id);
        });
      })();
      for (const fn of appliedHooks) fn(template, unique);
      return { devices: unique.length, items };
    },

    unapply(templateId: string, deviceIds: readonly string[]): number {
      let n = 0;
      db.transaction(() => {
        for (const d of new Set(deviceIds)) n += unlink.run(d, templateId).changes;
      })();
      return n;
    },

    devicesUsing: (templateId: string): string[] => devicesUsing.all(templateId).map((r) => r.device_id),
    templatesOf: (deviceId: string): string[] => templatesOf.all(deviceId).map((r) => r.template_id),
    /** Every enabled item of every enabled device: what the scheduler polls. */
    active(): MonitoringItem[] {
      const enabled = new Set(devices.enabledTargets().map((d) => d.id));
      const parsed = new Map<string, unknown>();
      return active.all().filter((r) => enabled.has(r.device_id)).map((r) => toItem(r, parsed));
    },
    ofDevice: (deviceId: string): MonitoringItem[] => ofDevice.all(deviceId).map((r) => toItem(r)),
  };
}

export type MonitoringItemsRepo = ReturnType<typeof createMonitoringItemsRepo>;
