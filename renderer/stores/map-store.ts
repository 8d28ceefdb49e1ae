import { create } from 'zustand';
import type { Topology } from '../../main/api/topology.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';

interface MapState {
  topology?: Topology;
  /** The map of this discovery scan instead of the monitored devices (undefined: monitored). */
  jobId?: string;
  setSource(jobId: string | undefined): Promise<void>;
  loading: boolean;
  error?: string;
  /** A save or export that failed, in words. */
  problem?: string;
  load(): Promise<void>;
  /** Moves a node (the drawing follows at once) and saves where it was dropped. */
  move(key: string, x: number, y: number): void;
  save(key: string): Promise<void>;
  resetLayout(): Promise<void>;
  exportFile(format: 'svg' | 'dot' | 'drawio'): Promise<{ fileName: string; mime: string; text: string } | undefined>;
}

/** The site map: the engine's topology (nodes with positions, links with ports); node moves saved with topology.savePositions. */
export const useMapStore = create<MapState>()((set, get) => ({
  loading: false,
  async load() {
    set({ loading: true });
    const jobId = get().jobId;
    const r = await client.call('topology.get', jobId ? { jobId } : {});
    if (get().jobId !== jobId) return;
    set(r.ok ? { topology: r.data, loading: false, error: undefined } : { loading: false, error: describeError(r.error) });
  },
  async setSource(jobId) {
    set({ jobId, topology: undefined });
    await get().load();
  },
  move(key, x, y) {
    const t = get().topology;
    if (!t) return;
    // Whole pixels: what is saved is what is drawn.
    set({ topology: { ...t, nodes: t.nodes.map((n) => (n.key === key ? { ...n, x: Math.round(x), y: Math.round(y), pinned: true } : n)) } });
  },
  async save(key) {
    const n = get().topology?.nodes.find((x) => x.key === key);
    if (!n) return;
    const r = await client.call('topology.savePositions', { positions: [{ key, x: n.x, y: n.y }] });
    set({ problem: r.ok ? undefined : `The position of ${n.name} was not saved: ${describeError(r.error)}` });
  },
  async resetLayout() {
    const r = await client.call('topology.resetPositions', {});
    if (!r.ok) set({ problem: describeError(r.error) });
    await get().load();
  },
  async exportFile(format) {
    const jobId = get().jobId;
    const r = await client.call('topology.export', jobId ? { format, jobId } : { format });
    if (!r.ok) {
      set({ problem: describeError(r.error) });
      return undefined;
    }
    return r.data;
  },
}));
