import { create } from 'zustand';
import type { Device, DeviceSource, DeviceStats, MonitoredDevice } from '../../main/api/devices.ts';
import type { DeviceType } from '../../main/api/discovery.ts';
import { client } from '../client/create-client.ts';
import type { DeviceState } from '../lib/device-state.ts';
import { describeError, mapLimit } from '../lib/errors.ts';
import { toFormErrors, type FormErrors } from '../lib/form-errors.ts';

/** What the device dialog edits. */
export interface DeviceDraft {
  name: string;
  address: string;
  tags: string[];
  notes: string;
  enabled: boolean;
  credentialIds: string[];
}

export const DEVICE_FIELDS = ['name', 'address', 'tags', 'notes', 'enabled', 'credentialIds'] as const;

export type SaveOutcome = { ok: true; device: Device } | { ok: false; errors: FormErrors };

export type SortColumn = 'state' | 'name' | 'address' | 'source' | 'type' | 'vendor' | 'tags' | 'updatedAt' | StatColumn;
/** The columns of the key numbers (devices.stats, and the last answer from the device list). */
export type StatColumn = 'rtt' | 'loss' | 'uptime' | 'lastSeen' | 'alerts';
export interface DeviceFilters {
  search: string;
  tag: string;
  enabled: 'all' | 'enabled' | 'disabled';
  state: 'all' | DeviceState;
  type: 'all' | DeviceType;
  /** Exact vendor name; '' for any. */
  vendor: string;
  source: 'all' | DeviceSource;
}

/** How a bulk action went: how many succeeded, and the first few failures in words. */
export interface BulkOutcome {
  done: number;
  failed: number;
  messages: string[];
}

interface DevicesState {
  /** With the engine's status (its own checks, or Zabbix's view) and where each device comes from. */
  items: MonitoredDevice[];
  loaded: boolean;
  loading: boolean;
  error?: string;
  filters: DeviceFilters;
  sort: { column: SortColumn; dir: 'asc' | 'desc' };
  selected: ReadonlySet<string>;
  /** Latency, loss, uptime and open alerts by device id (devices.stats; a device without figures is absent). */
  stats: ReadonlyMap<string, DeviceStats>;
  loadStats(): Promise<void>;
  /** Progress of a running bulk action (done / total), for the toolbar. */
  bulk?: { label: string; done: number; total: number };
  setSearch(search: string): void;
  setFilter<K extends keyof DeviceFilters>(key: K, value: DeviceFilters[K]): void;
  clearFilters(): void;
  sortBy(column: SortColumn): void;
  setSelected(ids: ReadonlySet<string>): void;
  load(): Promise<void>;
  save(draft: DeviceDraft, id?: string): Promise<SaveOutcome>;
  remove(id: string): Promise<{ ok: true } | { ok: false; message: string }>;
  setEnabled(ids: string[], enabled: boolean): Promise<BulkOutcome>;
  removeMany(ids: string[]): Promise<BulkOutcome>;
  applyTemplate(templateId: string, ids: string[]): Promise<{ ok: true; devices: number; items: number } | { ok: false; message: string }>;
}

const byName = (a: Device, b: Device): number => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });

const NO_FILTERS: DeviceFilters = { search: '', tag: '', enabled: 'all', state: 'all', type: 'all', vendor: '', source: 'all' };
const BULK_PARALLEL = 8;
/** Status changes (availability, alerts, a Zabbix sync) are read back at most this often. */
const STATUS_REFRESH_MS = 1000;

/** Devices: the list, kept live by the engine's device events, filters, sort, selection and the edits. */
export const useDevicesStore = create<DevicesState>()((set, get) => {
  async function bulk(label: string, ids: string[], job: (id: string) => Promise<string | undefined>): Promise<BulkOutcome> {
    const outcome: BulkOutcome = { done: 0, failed: 0, messages: [] };
    set({ bulk: { label, done: 0, total: ids.length } });
    await mapLimit(ids, BULK_PARALLEL, async (id) => {
      const problem = await job(id);
      if (problem) {
        outcome.failed++;
        if (outcome.messages.length < 3) outcome.messages.push(problem);
      } else outcome.done++;
      const b = get().bulk;
      // Progress at most every 1 %, not once per device.
      const n = outcome.done + outcome.failed;
      if (b && (n === ids.length || n % Math.max(1, Math.floor(ids.length / 100)) === 0)) set({ bulk: { ...b, done: n } });
    });
    set({ bulk: undefined });
    return outcome;
  }
  const nameOf = (id: string): string => get().items.find((d) => d.id === id)?.name ?? id;

  return {
    items: [],
    loaded: false,
    loading: false,
    filters: NO_FILTERS,
    sort: { column: 'name', dir: 'asc' },
    selected: new Set(),
    stats: new Map(),
    async loadStats() {
      const r = await client.call('devices.stats', {});
      if (r.ok) set({ stats: new Map(r.data.items.map((s) => [s.deviceId, s])) });
    },
    setSearch: (search) => set((s) => ({ filters: { ...s.filters, search } })),
    setFilter: (key, value) => set((s) => ({ filters: { ...s.filters, [key]: value } })),
    clearFilters: () => set({ filters: NO_FILTERS }),
    sortBy: (column) => set((s) => ({ sort: { column, dir: s.sort.column === column && s.sort.dir === 'asc' ? 'desc' : 'asc' } })),
    setSelected: (selected) => set({ selected }),

    async load() {
      set({ loading: true });
      const result = await client.call('devices.list', { limit: 50_000 });
      if (result.ok) {
        const items = [...result.data.items].sort(byName);
        const ids = new Set(items.map((d) => d.id));
        set((s) => ({ items, loaded: true, loading: false, error: undefined, selected: new Set([...s.selected].filter((id) => ids.has(id))) }));
      } else set({ loading: false, error: describeError(result.error) });
    },

    async save(draft, id) {
      const result = id ? await client.call('devices.update', { id, ...draft }) : await client.call('devices.create', draft);
      if (!result.ok) {
        return {
          ok: false,
          errors: toFormErrors(result.error, DEVICE_FIELDS, (path, message) => {
            const [field, index] = path.split('.');
            const tag = field === 'tags' && index !== undefined ? draft.tags[Number(index)] : undefined;
            return tag !== undefined ? `"${tag}": ${message}` : message;
          }),
        };
      }
      applyChanges([{ device: result.data }]);
      return { ok: true, device: result.data };
    },

    async remove(id) {
      const result = await client.call('devices.delete', { id });
      if (!result.ok) return { ok: false, message: describeError(result.error) };
      applyChanges([{ deleted: id }]);
      return { ok: true };
    },

    setEnabled(ids, enabled) {
      return bulk(enabled ? 'Enabling' : 'Disabling', ids, async (id) => {
        const r = await client.call('devices.update', { id, enabled });
        return r.ok ? undefined : `${nameOf(id)}: ${describeError(r.error)}`;
      });
    },

    async removeMany(ids) {
      const outcome = await bulk('Deleting', ids, async (id) => {
        const r = await client.call('devices.delete', { id });
        return r.ok ? undefined : `${nameOf(id)}: ${describeError(r.error)}`;
      });
      set((s) => ({ selected: new Set([...s.selected].filter((id) => !ids.includes(id))) }));
      return outcome;
    },

    async applyTemplate(templateId, ids) {
      const r = await client.call('templates.apply', { templateId, deviceIds: ids });
      return r.ok ? { ok: true, devices: r.data.devices, items: r.data.items } : { ok: false, message: describeError(r.error) };
    },
  };
});

type Change = { device: Device | MonitoredDevice } | { deleted: string };

/**
 * A device record (from an event or a save) keeps the monitoring state last read for it; one not
 * listed yet starts as a WARD FLUX device of unknown status (what a device added here is) until
 * the status refresh reads its own.
 */
function withState(device: Device | MonitoredDevice, known: MonitoredDevice | undefined): MonitoredDevice {
  if ('status' in device && 'source' in device) return device;
  const state = known ? { status: known.status, statusSource: known.statusSource, lastSeen: known.lastSeen, source: known.source, zabbix: known.zabbix } : {};
  return { status: 'unknown', statusSource: null, source: 'wardflux', zabbix: null, ...state, ...device };
}
let pending: Change[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;

/** Applies device changes in one pass (a bulk action sends thousands of events). */
function applyChanges(changes: Change[]): void {
  useDevicesStore.setState((s) => {
    const byId = new Map(s.items.map((d) => [d.id, d]));
    let removed = false;
    for (const c of changes) {
      if ('deleted' in c) removed = byId.delete(c.deleted) || removed;
      else byId.set(c.device.id, withState(c.device, byId.get(c.device.id)));
    }
    const items = [...byId.values()].sort(byName);
    return removed ? { items, selected: new Set([...s.selected].filter((id) => byId.has(id))) } : { items };
  });
}

function queue(change: Change): void {
  if (!('deleted' in change)) {
    refreshStatusSoon(change.device.id);
    // A device created elsewhere may be a Zabbix host the mirror imported: the device read back says
    // where it comes from, so it is not shown as WARD FLUX's in the meantime.
    if (!useDevicesStore.getState().items.some((d) => d.id === change.device.id)) return;
  }
  pending.push(change);
  flushTimer ??= setTimeout(() => {
    flushTimer = undefined;
    const batch = pending;
    pending = [];
    applyChanges(batch);
  }, 60);
}

let statusTimer: ReturnType<typeof setTimeout> | undefined;
/** Devices whose status may have moved since the last read; `all` when any device may have. */
let stale: Set<string> | 'all' = new Set();
/** Above this many changed devices, one list read is cheaper than one read per device. */
const MAX_SINGLE_READS = 20;

/**
 * Reads statuses back once, at most a second after a change that may move them: the engine owns
 * the rule, the UI only shows its verdict. A change about known devices (an availability change,
 * an alert) reads just those devices; anything else (a Zabbix sync) reads the list again.
 */
function refreshStatusSoon(deviceId?: string): void {
  if (!useDevicesStore.getState().loaded) return;
  if (deviceId === undefined) stale = 'all';
  else if (stale !== 'all') stale.add(deviceId);
  statusTimer ??= setTimeout(() => {
    statusTimer = undefined;
    const ids = stale;
    stale = new Set();
    if (ids === 'all' || ids.size > MAX_SINGLE_READS) return void useDevicesStore.getState().load();
    void Promise.all([...ids].map((id) => client.call('devices.get', { id }))).then((results) => {
      const list = [...ids];
      const changes: Change[] = [];
      results.forEach((r, i) => {
        if (r.ok) changes.push({ device: r.data });
        else if (r.error.code === 'not_found') changes.push({ deleted: list[i]! });
      });
      applyChanges(changes);
    });
  }, STATUS_REFRESH_MS);
}

/** Case-insensitive match on name, address, notes and tags. */
export function matchesSearch(device: Device, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return [device.name, device.address, device.notes, ...device.tags, device.vendor ?? '', device.model ?? ''].some((text) => text.toLowerCase().includes(q));
}

/** Keeps the list in step with changes made elsewhere (another window, the CLI, the HTTP API, the Zabbix mirror). */
export function startDevicesSync(): () => void {
  const stops = [
    client.on('device.created', (device) => queue({ device })),
    client.on('device.updated', (device) => queue({ device })),
    client.on('device.deleted', ({ id }) => queue({ deleted: id })),
    client.on('device.availability', ({ deviceId }) => refreshStatusSoon(deviceId)),
    client.on('alert.changed', ({ alert }) => {
      if (alert.deviceId) refreshStatusSoon(alert.deviceId);
    }),
    client.on('zabbix.status', () => refreshStatusSoon()),
  ];
  return () => {
    clearTimeout(statusTimer);
    statusTimer = undefined;
    stops.forEach((stop) => stop());
  };
}
