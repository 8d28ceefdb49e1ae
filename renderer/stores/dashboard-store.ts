import { create } from 'zustand';
import type { DiscoveryJob } from '../../main/api/discovery.ts';
import { client } from '../client/create-client.ts';
import { describeError } from '../lib/errors.ts';

/** The metrics whose latest value per series the dashboard ranks. */
export const WATCHED = ['ping_rtt_ms', 'ping_loss_pct', 'if_in_bps', 'if_out_bps'] as const;
export type Watched = (typeof WATCHED)[number];

export interface Latest {
  seriesId: number;
  name: Watched;
  labels: Record<string, string>;
  ts: number;
  value: number;
}

interface DashboardState {
  latest: ReadonlyMap<number, Latest>;
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
    set({ latest, loaded: true, error });
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
          return { latest };
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
