import { create } from 'zustand';
import type { Device } from '../../main/api/devices.ts';
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

export type SortColumn = 'state' | 'name' | 'address' | 'type' | 'vendor' | 'tags' | 'updatedAt';
export interface DeviceFilters {
  search: string;
  tag: string;
  enabled: 'all' | 'enabled' | 'disabled';
  state: 'all' | DeviceState;
  type: 'all' | DeviceType;
  /** Exact vendor name; '' for any. */
  vendor: string;
}

/** How a bulk action went: how many succeeded, and the first few failures in words. */
export interface BulkOutcome {
  done: number;
  failed: number;
  messages: string[];
}

interface DevicesState {
  items: Device[];
  loaded: boolean;
  loading: boolean;
  error?: string;
  filters: DeviceFilters;
  sort: { column: SortColumn; dir: 'asc' | 'desc' };
  selected: ReadonlySet<string>;
  /** Devices' availability as last reported by the monitors in this session. */
  availability: ReadonlyMap<string, 'up' | 'down'>;
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
  /** Seeds `availability` from the latest `availability` samples (then kept live by metrics.samples). */
  loadAvailability(): Promise<void>;
}

const byName = (a: Device, b: Device): number => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });

const NO_FILTERS: DeviceFilters = { search: '', tag: '', enabled: 'all', state: 'all', type: 'all', vendor: '' };
const BULK_PARALLEL = 8;
const AVAILABILITY_LOOKBACK_MS = 15 * 60_000;

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
    availability: new Map(),
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

    async loadAvailability() {
      const now = Date.now();
      const r = await client.call('metrics.query', { select: { name: 'availability', matchers: [] }, from: now - AVAILABILITY_LOOKBACK_MS, to: now, maxPoints: 10, limit: 100 });
      if (!r.ok) return;
      const next = new Map(get().availability);
      for (const s of r.data.series) {
        const last = s.points.at(-1);
        const device = s.labels.device;
        // A failed check alone is not "down" (that takes N in a row: the availability alert says so).
        if (last && device && last.avg >= 0.5) next.set(device, 'up');
      }
      set({ availability: next });
    },

    async applyTemplate(templateId, ids) {
      const r = await client.call('templates.apply', { templateId, deviceIds: ids });
      return r.ok ? { ok: true, devices: r.data.devices, items: r.data.items } : { ok: false, message: describeError(r.error) };
    },
  };
});

type Change = { device: Device } | { deleted: string };
let pending: Change[] = [];
let flushTimer: ReturnType<typeof setTimeout> | undefined;

/** Applies device changes in one pass (a bulk action sends thousands of events). */
function applyChanges(changes: Change[]): void {
  useDevicesStore.setState((s) => {
    const byId = new Map(s.items.map((d) => [d.id, d]));
    let removed = false;
    for (const c of changes) {
      if ('deleted' in c) removed = byId.delete(c.deleted) || removed;
      else byId.set(c.device.id, c.device);
    }
    const items = [...byId.values()].sort(byName);
    return removed ? { items, selected: new Set([...s.selected].filter((id) => byId.has(id))) } : { items };
  });
}

function queue(change: Change): void {
  pending.push(change);
  flushTimer ??= setTimeout(() => {
    flushTimer = undefined;
    const batch = pending;
    pending = [];
    applyChanges(batch);
  }, 60);
}

/** Case-insensitive match on name, address, notes and tags. */
export function matchesSearch(device: Device, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return [device.name, device.address, device.notes, ...device.tags, device.vendor ?? '', device.model ?? ''].some((text) => text.toLowerCase().includes(q));
}

function setAvailability(changes: Array<[string, 'up' | 'down']>): void {
  useDevicesStore.setState((s) => {
    if (changes.every(([id, status]) => s.availability.get(id) === status)) return {};
    const next = new Map(s.availability);
    for (const [id, status] of changes) next.set(id, status);
    return { availability: next };
  });
}

/** Keeps the list in step with changes made elsewhere (another window, the CLI, the HTTP API). */
export function startDevicesSync(): () => void {
  const stops = [
    client.on('device.created', (device) => queue({ device })),
    client.on('device.updated', (device) => queue({ device })),
    client.on('device.deleted', ({ id }) => queue({ deleted: id })),
    client.on('device.availability', ({ deviceId, status }) => setAvailability([[deviceId, status]])),
    // The ICMP monitor's `availability` samples: 1 = answered. A single 0 is not "down" yet (the alert decides).
    client.on('metrics.samples', ({ samples }) => {
      const seen: Array<[string, 'up' | 'down']> = [];
      for (const x of samples) if (x.name === 'availability' && x.labels.device && x.value >= 0.5) seen.push([x.labels.device, 'up']);
      if (seen.length > 0) setAvailability(seen);
    }),
  ];
  return () => stops.forEach((stop) => stop());
}
