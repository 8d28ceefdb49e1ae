import { create } from 'zustand';
import type { Device } from '../../main/api/devices.ts';
import { client } from '../client/create-client.ts';
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

interface DevicesState {
  items: Device[];
  loaded: boolean;
  loading: boolean;
  error?: string;
  search: string;
  setSearch(search: string): void;
  load(): Promise<void>;
  save(draft: DeviceDraft, id?: string): Promise<SaveOutcome>;
  remove(id: string): Promise<{ ok: true } | { ok: false; message: string }>;
}

const byName = (a: Device, b: Device): number => a.name.localeCompare(b.name, undefined, { numeric: true, sensitivity: 'base' });

function upsert(items: Device[], device: Device): Device[] {
  return [...items.filter((d) => d.id !== device.id), device].sort(byName);
}

/** Devices: the list, kept live by the engine's device events, and the edits. */
export const useDevicesStore = create<DevicesState>()((set, get) => ({
  items: [],
  loaded: false,
  loading: false,
  search: '',
  setSearch: (search) => set({ search }),

  async load() {
    set({ loading: true });
    const result = await client.call('devices.list', {});
    if (result.ok) set({ items: [...result.data.items].sort(byName), loaded: true, loading: false, error: undefined });
    else set({ loading: false, error: result.error.message });
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
    set({ items: upsert(get().items, result.data) });
    return { ok: true, device: result.data };
  },

  async remove(id) {
    const result = await client.call('devices.delete', { id });
    if (!result.ok) return { ok: false, message: result.error.message };
    set({ items: get().items.filter((d) => d.id !== id) });
    return { ok: true };
  },
}));

/** Case-insensitive match on name, address, notes and tags. */
export function matchesSearch(device: Device, search: string): boolean {
  const q = search.trim().toLowerCase();
  if (!q) return true;
  return [device.name, device.address, device.notes, ...device.tags].some((text) => text.toLowerCase().includes(q));
}

/** Keeps the list in step with changes made elsewhere (another window, the CLI, the HTTP API). */
export function startDevicesSync(): () => void {
  const stops = [
    client.on('device.created', (device) => useDevicesStore.setState((s) => ({ items: upsert(s.items, device) }))),
    client.on('device.updated', (device) => useDevicesStore.setState((s) => ({ items: upsert(s.items, device) }))),
    client.on('device.deleted', ({ id }) => useDevicesStore.setState((s) => ({ items: s.items.filter((d) => d.id !== id) }))),
  ];
  return () => stops.forEach((stop) => stop());
}
