import { create } from 'zustand';
import type { OutputOf } from '../../main/api/contract.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';

export type TemplateSummary = OutputOf<'templates.list'>[number];

interface TemplatesState {
  items: TemplateSummary[];
  loaded: boolean;
  error?: string;
  load(): Promise<void>;
  duplicate(id: string, name?: string): Promise<string | undefined>;
  remove(id: string): Promise<string | undefined>;
}

const order = (a: TemplateSummary, b: TemplateSummary): number => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name);

/** Monitoring templates, summarised: built-ins (read-only) first, then the user's. */
export const useTemplatesStore = create<TemplatesState>()((set, get) => ({
  items: [],
  loaded: false,
  async load() {
    const r = await client.call('templates.list', {});
    if (r.ok) set({ items: [...r.data].sort(order), loaded: true, error: undefined });
    else set({ error: describeError(r.error) });
  },
  async duplicate(id, name) {
    const r = await client.call('templates.duplicate', { id, ...(name ? { name } : {}) });
    if (!r.ok) return describeError(r.error);
    await get().load();
    return undefined;
  },
  async remove(id) {
    const r = await client.call('templates.delete', { id });
    if (!r.ok) return describeError(r.error);
    set({ items: get().items.filter((t) => t.id !== id) });
    return undefined;
  },
}));
