import { create } from 'zustand';
import type { AuditFilter, AuditRow } from '../../main/api/audit.ts';
import { client } from '../client/create-client.ts';
import { saveBlob } from '../lib/map-files.ts';

interface AuditState {
  filter: AuditFilter;
  items: AuditRow[];
  total: number;
  loaded: boolean;
  error?: string;
  retentionDays?: number;
  setFilter(patch: Partial<AuditFilter>): void;
  load(): Promise<void>;
  exportAs(format: 'csv' | 'json'): Promise<void>;
  setRetention(days: number): Promise<string | undefined>;
}

const PAGE = 200;

/** Settings > Audit: the newest entries for the filter, its export, and the retention. */
export const useAuditStore = create<AuditState>()((set, get) => ({
  filter: {},
  items: [],
  total: 0,
  loaded: false,
  setFilter(patch) {
    const next: AuditFilter = { ...get().filter, ...patch };
    for (const k of Object.keys(next) as (keyof AuditFilter)[]) if (next[k] === undefined || next[k] === '') delete next[k];
    set({ filter: next });
    void get().load();
  },
  async load() {
    const [list, retention] = await Promise.all([client.call('audit.list', { ...get().filter, limit: PAGE }), client.call('audit.getRetention', {})]);
    if (list.ok) set({ items: list.data.items, total: list.data.total, loaded: true, error: undefined });
    else set({ error: list.error.message, loaded: true });
    if (retention.ok) set({ retentionDays: retention.data.days });
  },
  async exportAs(format) {
    const r = await client.call('audit.export', { ...get().filter, format });
    if (!r.ok) return set({ error: r.error.message });
    saveBlob(r.data.filename, new Blob([r.data.content], { type: r.data.mimeType }));
  },
  async setRetention(days) {
    const r = await client.call('audit.setRetention', { days });
    if (!r.ok) return r.error.issues?.[0]?.message ?? r.error.message;
    set({ retentionDays: r.data.days });
    await get().load();
    return undefined;
  },
}));
