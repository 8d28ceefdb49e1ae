import { create } from 'zustand';
import type { MonitoredDevice } from '../../main/api/devices.ts';
import type { DiscoveryJob } from '../../main/api/discovery.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';

/**
 * The metrics whose latest value per series the dashboard ranks. Loss is the engine's windowed
 * figure (`ping_loss_pct_5m`: lost / sent probes over the last 5 minutes, main/monitoring/loss-window.ts),
 * never one check's 0 / 33 / 66 %.
 */
export const WATCHED = ['ping_rtt_ms', 'ping_loss_pct_5m', 'if_in_bps', 'if_out_bps', 'if_in_util_pct', 'if_out_util_pct'] as const;
export type Watched = (typeof WATCHED)[number];

/** How far back a loss figure still speaks for "now": the window plus a check interval's slack. */
const LOSS_FRESH_MS = 6 * 60_000;

export interface Latest {
  seriesId: number;
  name: Watched;
  labels: Record<string, string>;
  ts: number;
  value: number;
}

/**
 * The "Worst packet loss" card: devices whose windowed loss is above 0, worst first, and the
 * sentence for when there are none, true of what is known: no fresh figure at all says so; fresh
 * figures that are all 0 mean no probe was lost in their 5-minute windows.
 */
export function lossRanking(latest: ReadonlyMap<number, Latest>, now: number, top = 5): { rows: Latest[]; empty: string } {
  const fresh = [...latest.values()].filter((l) => l.name === 'ping_loss_pct_5m' && now - l.ts <= LOSS_FRESH_MS);
  const rows = fresh.filter((l) => l.value > 0).sort((a, b) => b.value - a.value).slice(0, top);
  const n = new Set(fresh.map((l) => l.labels.device)).size;
  const empty = n === 0 ? 'No loss figures yet (a device needs a few checks).' : `No packet loss in the last 5 minutes (${n} ${n === 1 ? 'device' : 'devices'} measured).`;
  return { rows, empty };
}

/**
 * The "Busiest interfaces" card: per interface the higher of its in and out rates, only
 * interfaces that carry traffic (a 0 bit/s row says nothing), busiest first.
 */
export function busiestInterfaces(latest: ReadonlyMap<number, Latest>, top = 5): { rows: (Latest & { utilPct?: number })[]; empty: string } {
  const merged = new Map<string, Latest & { utilPct?: number }>();
  const util = new Map<string, number>();
  const keyOf = (l: Latest) => `${l.labels.device}|${l.labels.interface ?? l.labels.index}`;
  let measured = 0;
  // Utilisation (% of the link speed) exists only for ports that are up with a known speed.
  for (const l of latest.values()) {
    if (l.name !== 'if_in_util_pct' && l.name !== 'if_out_util_pct') continue;
    util.set(keyOf(l), Math.max(util.get(keyOf(l)) ?? 0, l.value));
  }
  for (const l of latest.values()) {
    if (l.name !== 'if_in_bps' && l.name !== 'if_out_bps') continue;
    measured++;
    if (!(l.value > 0)) continue;
    const key = keyOf(l);
    const prev = merged.get(key);
    const u = util.get(key);
    if (!prev || l.value > prev.value) merged.set(key, u === undefined ? l : { ...l, utilPct: u });
  }
  // By utilisation where the speed is known (a full 100 Mbit/s port before a quiet 10 Gbit/s uplink), then by bit/s.
  const rows = [...merged.values()]
    .sort((a, b) => Number(b.utilPct !== undefined) - Number(a.utilPct !== undefined) || (b.utilPct ?? 0) - (a.utilPct ?? 0) || b.value - a.value)
    .slice(0, top);
  const empty = measured === 0 ? 'No interface traffic measured yet.' : 'No traffic on any interface in the last 15 minutes (every measured interface is at 0 bit/s).';
  return { rows, empty };
}

/** The devices behind a state tile (enabled, in that state), by name: the first `max` named, the rest counted. */
export function devicesInState(devices: readonly Pick<MonitoredDevice, 'id' | 'name' | 'status' | 'enabled'>[], state: MonitoredDevice['status'], max = 3): { shown: { id: string; name: string }[]; more: number; all: string[] } {
  const matching = devices
    .filter((d) => d.enabled && d.status === state)
    .map((d) => ({ id: d.id, name: d.name }))
    .sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
  return { shown: matching.slice(0, max), more: Math.max(0, matching.length - max), all: matching.map((d) => d.name) };
}

interface DashboardState {
  latest: ReadonlyMap<number, Latest>;
  /** When `latest` was last read or updated (the "now" its figures are judged fresh against). */
  latestAt: number;
  loaded: boolean;
  error?: string;
  /** The latest discovery jobs, newest first, kept live by the discovery events. */
  recentJobs: DiscoveryJob[];
  recentJobsError?: string;
  load(): Promise<void>;
  loadRecentJobs(): Promise<void>;
}

const RECENT_JOBS = 5;

const LOOKBACK_MS = 15 * 60_000;
const FLUSH_MS = 1000;

/**
 * The latest latency, loss and traffic of every series: seeded by one query per metric, then kept
 * live by `metrics.samples` while the page is shown (followDashboardSamples; batched into at most
 * one update a second).
 */
export const useDashboardStore = create<DashboardState>()((set, get) => ({
  latest: new Map(),
  latestAt: 0,
  loaded: false,
  recentJobs: [],
  async loadRecentJobs() {
    const r = await client.call('discovery.list', { limit: RECENT_JOBS, offset: 0 });
    if (r.ok) set({ recentJobs: r.data.items, recentJobsError: undefined });
    else set({ recentJobsError: describeError(r.error) });
  },
  async load() {
    void get().loadRecentJobs();
    const now = Date.now();
    const results = await Promise.all(WATCHED.map((name) => client.call('metrics.query', { select: { name, matchers: [] }, from: now - LOOKBACK_MS, to: now, maxPoints: 10, limit: 100 })));
    const latest = new Map<number, Latest>();
    let error: string | undefined;
    results.forEach((r, i) => {
      if (!r.ok) return void (error ??= describeError(r.error));
      for (const s of r.data.series) {
        const p = s.points.at(-1);
        if (p) latest.set(s.id, { seriesId: s.id, name: WATCHED[i]!, labels: s.labels, ts: p.ts, value: p.avg });
      }
    });
    set({ latest, latestAt: Date.now(), loaded: true, error });
  },
}));

/**
 * While the dashboard is on screen: the samples of the metrics it ranks (a `metrics` filter, so
 * the engine sends nothing else, and nothing once the page is left). Every series of those metrics
 * counts, including one that appears after the page loaded. Returns the function that stops.
 */
export function followDashboardSamples(): () => void {
  let pending = new Map<number, Latest>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = client.on(
    'metrics.samples',
    ({ samples }) => {
      for (const x of samples) {
        if (!(WATCHED as readonly string[]).includes(x.name)) continue;
        pending.set(x.seriesId, { seriesId: x.seriesId, name: x.name as Watched, labels: x.labels, ts: x.ts, value: x.value });
      }
      if (pending.size === 0 || timer) return;
      timer = setTimeout(() => {
        timer = undefined;
        const batch = pending;
        pending = new Map();
        useDashboardStore.setState((s) => {
          const latest = new Map(s.latest);
          for (const [id, v] of batch) latest.set(id, v);
          return { latest, latestAt: Date.now() };
        });
      }, FLUSH_MS);
    },
    { metrics: [...WATCHED] },
  );
  return () => {
    clearTimeout(timer);
    stop();
  };
}

export function startDashboardSync(): () => void {
  const seen = new Set<string>();
  const stopProgress = client.on('discovery.progress', (p) => {
    const s = useDashboardStore.getState();
    if (!s.loaded) return;
    if (!s.recentJobs.some((j) => j.id === p.jobId)) {
      // A job started since the list was read.
      if (!seen.has(p.jobId)) void s.loadRecentJobs();
      seen.add(p.jobId);
      return;
    }
    useDashboardStore.setState({ recentJobs: s.recentJobs.map((j) => (j.id === p.jobId ? { ...j, phase: p.phase, total: p.total, done: p.done, alive: p.alive, classified: p.classified } : j)) });
  });
  const stopFinished = client.on('discovery.finished', ({ job }) => {
    const s = useDashboardStore.getState();
    if (!s.loaded) return;
    const others = s.recentJobs.filter((j) => j.id !== job.id);
    useDashboardStore.setState({ recentJobs: [job, ...others].sort((a, b) => b.createdAt - a.createdAt).slice(0, RECENT_JOBS) });
  });
  return () => {
    stopProgress();
    stopFinished();
  };
}
