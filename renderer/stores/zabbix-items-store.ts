import { create } from 'zustand';
import type { OutputOf } from '../../main/api/contract.ts';
import type { ZabbixItem } from '../../main/api/zabbix.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';
import type { Point } from '../lib/series-merge.ts';
import type { TimeRange } from '../lib/time-range.ts';
import { historyPoints } from '../lib/zabbix-view.ts';

type ItemsOutput = OutputOf<'zabbix.deviceItems'>;
/** How old the items shown are (stale: Zabbix could not be reached, these are the last known). */
export type ItemsFreshness = Pick<ItemsOutput, 'stale' | 'fetchedAt' | 'ageSec' | 'error'>;

export interface ItemGraph {
  itemId: string;
  name: string;
  units: string;
  source: 'history' | 'trends';
  points: Point[];
}

interface ZabbixItemsState {
  deviceId?: string;
  items: ZabbixItem[];
  loaded: boolean;
  freshness?: ItemsFreshness;
  error?: string;
  /** The item whose graph is shown. */
  itemId?: string;
  graph?: ItemGraph;
  graphLoading: boolean;
  graphError?: string;
  open(deviceId: string): Promise<void>;
  close(): void;
  load(): Promise<void>;
  select(itemId: string | undefined): void;
  loadGraph(range: TimeRange, maxPoints: number): Promise<void>;
}

let graphSeq = 0;

/** The Zabbix items of the device on the detail page (its Zabbix host's), and one item's graph. */
export const useZabbixItemsStore = create<ZabbixItemsState>()((set, get) => ({
  items: [],
  loaded: false,
  graphLoading: false,
  async open(deviceId) {
    set({ deviceId, items: [], loaded: false, freshness: undefined, error: undefined, itemId: undefined, graph: undefined, graphError: undefined });
    await get().load();
  },
  close() {
    set({ deviceId: undefined, itemId: undefined, graph: undefined });
  },
  async load() {
    const deviceId = get().deviceId;
    if (!deviceId) return;
    const r = await client.call('zabbix.deviceItems', { deviceId });
    if (get().deviceId !== deviceId) return;
    if (!r.ok) return set({ loaded: true, error: describeError(r.error) });
    const { items, stale, fetchedAt, ageSec, error } = r.data;
    set({ items: [...items].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })), loaded: true, error: undefined, freshness: { stale, fetchedAt, ageSec, error } });
  },
  select(itemId) {
    set({ itemId, graph: undefined, graphError: undefined });
  },
  async loadGraph(range, maxPoints) {
    const itemId = get().itemId;
    if (!itemId) return;
    const seq = ++graphSeq;
    set({ graphLoading: true, graphError: undefined });
    const r = await client.call('zabbix.history', { itemId, from: range.from, to: range.to, maxPoints: Math.max(10, Math.min(10_000, Math.round(maxPoints))) });
    if (seq !== graphSeq) return;
    if (!r.ok) return set({ graphLoading: false, graphError: describeError(r.error) });
    set({ graphLoading: false, graph: { itemId, name: r.data.name, units: r.data.units, source: r.data.source, points: historyPoints(r.data.points) } });
  },
}));

/** After each Zabbix sync, the open device's items are read again (last values move). */
export function startZabbixItemsSync(): () => void {
  return client.on('zabbix.status', () => {
    const s = useZabbixItemsStore.getState();
    if (s.deviceId && s.loaded) void s.load();
  });
}
